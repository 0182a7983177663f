import Simulation

/// Bytes and flows for one slice of the fleet (a region, a destination country, a category or
/// a user class), with a decaying rate meter of both directions together.
public struct TrafficTotals: Hashable, Sendable {
    public var bytesUp: UInt64 = 0
    public var bytesDown: UInt64 = 0
    public var flows: UInt64 = 0
    public var meter = DecayingRate()

    public init() {}

    public var bytes: UInt64 { bytesUp &+ bytesDown }

    /// The rate in bytes per second as it reads at `now` (time constant `tau` seconds).
    public func rate(at now: SimTime, tau: Double) -> Double { meter.value(at: max(now, meter.lastUpdate), tau: tau) }

    @inline(__always)
    mutating func add(_ flow: FlowRecord, tau: Double) {
        if flow.direction == .up { bytesUp &+= flow.bytes } else { bytesDown &+= flow.bytes }
        flows &+= 1
        meter.add(Double(flow.bytes), at: max(flow.end, meter.lastUpdate), tau: tau)
    }
}

/// Fleet-wide totals by region, destination country, category and user class, in arrays
/// indexed by the world's tables (no hashing per flow).
public struct FleetAggregates: Sendable {
    public var byRegion: [TrafficTotals]
    public var byCountry: [TrafficTotals]
    public var byCategory: [TrafficTotals]
    public var byUserClass: [TrafficTotals]
    public var all = TrafficTotals()

    init(regions: Int, countries: Int, userClasses: Int) {
        byRegion = Array(repeating: TrafficTotals(), count: regions)
        byCountry = Array(repeating: TrafficTotals(), count: countries)
        byCategory = Array(repeating: TrafficTotals(), count: DataCategory.count)
        byUserClass = Array(repeating: TrafficTotals(), count: userClasses)
    }

    @inline(__always)
    mutating func add(_ flow: FlowRecord, region: Int, country: Int, userClass: Int, tau: Double) {
        byRegion[region].add(flow, tau: tau)
        byCountry[country].add(flow, tau: tau)
        byCategory[flow.category.index].add(flow, tau: tau)
        if userClass >= byUserClass.count {
            byUserClass += repeatElement(TrafficTotals(), count: userClass + 1 - byUserClass.count)
        }
        byUserClass[userClass].add(flow, tau: tau)
        all.add(flow, tau: tau)
    }
}
