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
/// `vehicle·5 + category`. The draw order follows the C reference: the initial interval of each
/// stream in id order; then per event, one output for the size, one for the destination, one for
/// the next interval.
public struct FleetFlows: EventHandler {
    public typealias Event = UInt32

    let parameters: FleetFlowsParameters
    var rng: SeededGenerator
    let sizeTable: [Double]
    let meanInterval: [Double]
    let meanSize: [Double]
    let categoryCount: UInt32
    var bytes: [UInt64]
    var meters: [DecayingRate]
    var events: UInt64 = 0
    var alerts: UInt64 = 0

    public init(_ parameters: FleetFlowsParameters) {
        precondition(parameters.vehicles > 0 && parameters.vehicles <= FleetFlowsParameters.maxVehicles)
        self.parameters = parameters
        rng = SeededGenerator(seed: parameters.seed)
        sizeTable = LognormalTable(sigma: parameters.sizeSigma).values
        meanInterval = parameters.categories.map(\.meanInterval)
        meanSize = parameters.categories.map(\.meanSize)
        categoryCount = UInt32(parameters.categories.count)
        bytes = Array(repeating: 0, count: parameters.vehicles * parameters.categories.count)
        meters = Array(repeating: DecayingRate(), count: parameters.vehicles)
    }

    /// Runs every flow with a time before the duration and returns the counts.
    public static func run(_ parameters: FleetFlowsParameters) -> FleetFlowsResult {
        var model = FleetFlows(parameters)
        var simulator = Simulator<UInt32>()
        let streams = parameters.vehicles * parameters.categories.count
        simulator.reserveCapacity(streams)
        for id in 0..<UInt32(streams) {
            let delay = model.rng.exponential(mean: model.meanInterval[Int(id % model.categoryCount)])
            simulator.schedule(id, at: .seconds(delay))
        }
        simulator.run(until: .seconds(parameters.duration), model: &model)
        return model.result(at: simulator.now)
    }

    public mutating func handle(_ id: UInt32, simulator: inout Simulator<UInt32>) {
        let category = Int(id % categoryCount)
        let vehicle = Int(id / categoryCount)
        let now = simulator.now
        let shanghai = vehicle % 10 == 0
        let restricted = vehicle % 50 == 0
        let size = UInt64(meanSize[category] * sizeTable[Int(rng.next() >> 54)])
        let toUS = rng.uniform() < (shanghai ? parameters.usShareShanghai : parameters.usShareOther)
        bytes[vehicle &* Int(categoryCount) &+ category] &+= size
        meters[vehicle].add(Double(size), at: now, tau: parameters.meterTau)
        if toUS && (restricted || (shanghai && category == parameters.cameraCategory)) { alerts &+= 1 }
        events &+= 1
        let next = rng.exponential(mean: meanInterval[category])
        simulator.schedule(id, at: now + .seconds(next))
    }

    func result(at time: SimTime) -> FleetFlowsResult {
        let n = Int(categoryCount)
        var byCategory = [UInt64](repeating: 0, count: n)
        for (i, b) in bytes.enumerated() { byCategory[i % n] &+= b }
        return FleetFlowsResult(
            events: events, alerts: alerts,
            bytes: byCategory.reduce(0, &+), bytesByCategory: byCategory,
            meterSum: meters.reduce(0) { $0 + $1.rate })
    }
}
