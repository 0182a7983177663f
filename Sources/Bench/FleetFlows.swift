import CPrefetch
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
public enum FleetFlows {
    /// Runs every flow with a time before the duration and returns the counts.
    public static func run(_ parameters: FleetFlowsParameters) -> FleetFlowsResult {
        precondition(parameters.vehicles > 0 && parameters.vehicles <= FleetFlowsParameters.maxVehicles)
        precondition(parameters.categories.count <= FleetFlowsParameters.maxCategories)
        var simulator = Simulator<UInt32>()
        let bound = SimTime.seconds(parameters.duration)
        switch parameters.entries {
        case .vehicle:
            var model = PerVehicle(FleetFlowsState(parameters))
            simulator.reserveCapacity(parameters.vehicles)
            for v in 0..<UInt32(parameters.vehicles) {
                simulator.schedule(v, at: .seconds(model.state.rng.exponential(mean: model.meanGap)))
            }
            simulator.run(until: bound, model: &model)
            return model.state.result()
        case .stream:
            var model = PerStream(FleetFlowsState(parameters))
            let categories = UInt32(parameters.categories.count)
            simulator.reserveCapacity(parameters.vehicles * Int(categories))
            // Stream ids in the C reference's order (vehicle-major), drawn in that order.
            for v in 0..<UInt32(parameters.vehicles) {
                for c in 0..<categories {
                    let delay = model.state.rng.exponential(mean: model.state.meanInterval[Int(c)])
                    simulator.schedule(v << PerStream.categoryBits | c, at: .seconds(delay))
                }
            }
            simulator.run(until: bound, model: &model)
            return model.state.result()
        }
    }
}

/// One queue entry per vehicle: the vehicle's five Poisson streams merged into one of the summed
/// rate, the category drawn at each event with probability rate/sum (the superposition theorem:
/// the same process as five streams). The C reference's `vehicle` mode, draw for draw: category,
/// size, destination, next interval.
struct PerVehicle: EventHandler {
    typealias Event = UInt32
    var state: FleetFlowsState
    /// Mean time between two flows of one vehicle, `1 / Σ rates`.
    let meanGap: Double
    /// Each category's rate, for the draw.
    let rates: [Double]
    let totalRate: Double

    init(_ state: FleetFlowsState) {
        self.state = state
        rates = state.meanInterval.map { 1 / $0 }
        totalRate = rates.reduce(0, +)
        meanGap = 1 / totalRate
    }

    mutating func handle(_ vehicle: UInt32, simulator: inout Simulator<UInt32>) {
        if let next = simulator.nextEvent { state.vehicles.prefetch(vehicle: Int(next)) }
        var u = state.rng.uniform() * totalRate
        var category = 0
        rates.withUnsafeBufferPointer { rates in
            while category < rates.count &- 1 {
                u -= rates[category]
                if u < 0 { break }
                category &+= 1
            }
        }
        let now = simulator.now
        state.flow(vehicle: Int(vehicle), category: category, at: now)
        simulator.schedule(vehicle, at: now + .seconds(state.rng.exponential(mean: meanGap)))
    }
}

/// One queue entry per (vehicle, category) stream, as the C reference's `heap` and `calendar`
/// modes: the id is `vehicle << 3 | category`; per event one output for the size, one for the
/// destination, one for the next interval.
struct PerStream: EventHandler {
    typealias Event = UInt32
    static let categoryBits: UInt32 = 3
    var state: FleetFlowsState

    init(_ state: FleetFlowsState) { self.state = state }

    mutating func handle(_ id: UInt32, simulator: inout Simulator<UInt32>) {
        if let next = simulator.nextEvent { state.vehicles.prefetch(vehicle: Int(next >> Self.categoryBits)) }
        let category = Int(id & (1 << Self.categoryBits - 1))
        let now = simulator.now
        state.flow(vehicle: Int(id >> Self.categoryBits), category: category, at: now)
        let next = state.rng.exponential(mean: state.meanInterval[category])
        simulator.schedule(id, at: now + .seconds(next))
    }
}

/// The fleet's counters and the per-flow work shared by both queue layouts.
struct FleetFlowsState {
    let parameters: FleetFlowsParameters
    var rng: SeededGenerator
    let sizeTable: [Double]
    let meanInterval: [Double]
    let meanSize: [Double]
    let vehicles: VehicleTable
    var events: UInt64 = 0
    var alerts: UInt64 = 0

    init(_ parameters: FleetFlowsParameters) {
        self.parameters = parameters
        rng = SeededGenerator(seed: parameters.seed)
        sizeTable = LognormalTable(sigma: parameters.sizeSigma).values
        meanInterval = parameters.categories.map(\.meanInterval)
        meanSize = parameters.categories.map(\.meanSize)
        vehicles = VehicleTable(vehicles: parameters.vehicles, categories: parameters.categories.count)
    }

    /// One flow of `vehicle` in `category` at `now`: size, destination, counters, meter, policy.
    @inline(__always)
    mutating func flow(vehicle: Int, category: Int, at now: SimTime) {
        let shanghai = vehicle % 10 == 0
        let restricted = vehicle % 50 == 0
        let size = sizeTable.withUnsafeBufferPointer { table in
            meanSize.withUnsafeBufferPointer { UInt64($0[category] * table[Int(rng.next() >> 54)]) }
        }
        let toUS = rng.uniform() < (shanghai ? parameters.usShareShanghai : parameters.usShareOther)
        vehicles.add(size, vehicle: vehicle, category: category, at: now, tau: parameters.meterTau)
        if toUS && (restricted || (shanghai && category == parameters.cameraCategory)) { alerts &+= 1 }
        events &+= 1
    }

    func result() -> FleetFlowsResult {
        let n = meanInterval.count
        var byCategory = [UInt64](repeating: 0, count: n)
        var meterSum = 0.0
        for v in 0..<parameters.vehicles {
            for c in 0..<n { byCategory[c] &+= vehicles.bytes(vehicle: v, category: c) }
            meterSum += vehicles.meter(vehicle: v).rate
        }
        return FleetFlowsResult(
            events: events, alerts: alerts, bytes: byCategory.reduce(0, &+), bytesByCategory: byCategory,
            meterSum: meterSum)
    }
}

/// Each vehicle's counters in one 64-byte cache line (for up to six categories): the bytes
/// of each category, then its decayed rate meter. Plain memory, 64-byte aligned.
final class VehicleTable {
    let base: UnsafeMutableRawPointer
    let stride: Int
    let meterOffset: Int

    init(vehicles: Int, categories: Int) {
        meterOffset = categories * MemoryLayout<UInt64>.stride
        stride = (meterOffset + MemoryLayout<DecayingRate>.stride + 63) / 64 * 64
        base = .allocate(byteCount: stride * vehicles, alignment: 64)
        base.initializeMemory(as: UInt8.self, repeating: 0, count: stride * vehicles)  // zero bytes, DecayingRate()
    }

    deinit { base.deallocate() }

    @inline(__always)
    func add(_ size: UInt64, vehicle: Int, category: Int, at now: SimTime, tau: Double) {
        let line = base + vehicle &* stride
        let counter = line + category &* MemoryLayout<UInt64>.stride
        counter.storeBytes(of: counter.load(as: UInt64.self) &+ size, as: UInt64.self)
        var meter = line.load(fromByteOffset: meterOffset, as: DecayingRate.self)
        meter.add(Double(size), at: now, tau: tau)
        line.storeBytes(of: meter, toByteOffset: meterOffset, as: DecayingRate.self)
    }

    /// Asks for the vehicle's line ahead of its event (the queue knows the next event early).
    @inline(__always)
    func prefetch(vehicle: Int) { fleetwatch_prefetch(base + vehicle &* stride) }

    func bytes(vehicle: Int, category: Int) -> UInt64 {
        base.load(fromByteOffset: vehicle * stride + category * MemoryLayout<UInt64>.stride, as: UInt64.self)
    }

    func meter(vehicle: Int) -> DecayingRate {
        base.load(fromByteOffset: vehicle * stride + meterOffset, as: DecayingRate.self)
    }
}
