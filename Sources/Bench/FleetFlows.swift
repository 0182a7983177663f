import Simulation

/// What one run of the fleet-flows workload counted.
public struct FleetFlowsResult: Sendable, Equatable {
    public var events: UInt64
    public var alerts: UInt64
    public var bytes: UInt64
    /// Bytes per category, in the order of `FleetFlowsParameters.categories`.
    public var bytesByCategory: [UInt64]
    /// Sum over vehicles of the decayed rate meter at each one's last flow (bytes per second).
    public var meterSum: Double
}

/// Runs the fleet-flows workload through the product's own core: `Simulator` and its
/// `EventQueue`, `SeededGenerator`, and the `DecayingRate` meter.
///
/// One event is one flow of one (vehicle, category) stream; the payload is the 32-bit stream id
/// `vehicle << 3 | category` (a shift, not a division by the category count, per event). The draw
/// order follows the C reference: the initial interval of each stream, vehicle by vehicle and
/// category by category; then per event, one output for the size, one for the destination, one
/// for the next interval.
public struct FleetFlows: EventHandler {
    public typealias Event = UInt32

    let parameters: FleetFlowsParameters
    var rng: SeededGenerator
    let sizeTable: [Double]
    let meanInterval: [Double]
    let meanSize: [Double]
    let categoryCount: Int
    let vehicles: VehicleTable
    var events: UInt64 = 0
    var alerts: UInt64 = 0

    public init(_ parameters: FleetFlowsParameters) {
        precondition(parameters.vehicles > 0 && parameters.vehicles <= FleetFlowsParameters.maxVehicles)
        precondition((1...VehicleRecord.maxCategories).contains(parameters.categories.count))
        self.parameters = parameters
        rng = SeededGenerator(seed: parameters.seed)
        sizeTable = LognormalTable(sigma: parameters.sizeSigma).values
        meanInterval = parameters.categories.map(\.meanInterval)
        meanSize = parameters.categories.map(\.meanSize)
        categoryCount = parameters.categories.count
        vehicles = VehicleTable(count: parameters.vehicles)
    }

    /// Runs every flow with a time before the duration and returns the counts.
    public static func run(_ parameters: FleetFlowsParameters) -> FleetFlowsResult {
        var model = FleetFlows(parameters)
        var simulator = Simulator<UInt32>()
        simulator.reserveCapacity(parameters.vehicles * model.categoryCount)
        for vehicle in 0..<UInt32(parameters.vehicles) {
            for category in 0..<model.categoryCount {
                let delay = model.rng.exponential(mean: model.meanInterval[category])
                simulator.schedule(vehicle << 3 | UInt32(category), at: .seconds(delay))
            }
        }
        simulator.run(until: .seconds(parameters.duration), model: &model)
        return model.result()
    }

    public mutating func handle(_ id: UInt32, simulator: inout Simulator<UInt32>) {
        let category = Int(id & 7)
        let vehicle = Int(id >> 3)
        let now = simulator.now
        let shanghai = vehicle % 10 == 0
        let restricted = vehicle % 50 == 0
        let size = UInt64(meanSize[category] * sizeTable[Int(rng.next() >> 54)])
        let toUS = rng.uniform() < (shanghai ? parameters.usShareShanghai : parameters.usShareOther)
        vehicles.addBytes(size, vehicle: vehicle, category: category)
        vehicles.records[vehicle].meter.add(Double(size), at: now, tau: parameters.meterTau)
        if toUS && (restricted || (shanghai && category == parameters.cameraCategory)) { alerts &+= 1 }
        events &+= 1
        let next = rng.exponential(mean: meanInterval[category])
        simulator.schedule(id, at: now + .seconds(next))
    }

    func result() -> FleetFlowsResult {
        var byCategory = [UInt64](repeating: 0, count: categoryCount)
        var meterSum = 0.0
        for v in 0..<vehicles.count {
            for c in 0..<categoryCount { byCategory[c] &+= vehicles.bytes(vehicle: v, category: c) }
            meterSum += vehicles.records[v].meter.rate
        }
        return FleetFlowsResult(
            events: events, alerts: alerts,
            bytes: byCategory.reduce(0, &+), bytesByCategory: byCategory, meterSum: meterSum)
    }
}
