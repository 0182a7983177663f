import Simulation

/// Bytes and flows for one slice of the fleet's traffic (a region, a destination country or
/// service, a category or a user class) since the start.
public struct TrafficTotals: Hashable, Sendable {
    public var bytesUp: UInt64 = 0
    public var bytesDown: UInt64 = 0
    public var flows: UInt64 = 0

    public init() {}

    public var bytes: UInt64 { bytesUp &+ bytesDown }

    @inline(__always)
    mutating func add(_ flow: FlowRecord) {
        if flow.direction == .up { bytesUp &+= flow.bytes } else { bytesDown &+= flow.bytes }
        flows &+= 1
    }
}

/// A slice's bytes in the window of a rate, per direction (`MeterWindow`).
public struct WindowBytes: Hashable, Sendable {
    public var up: UInt64
    public var down: UInt64
    /// The window's length in seconds.
    public var seconds: Int

    public init(up: UInt64, down: UInt64, seconds: Int) {
        self.up = up
        self.down = down
        self.seconds = seconds
    }

    public var total: UInt64 { up &+ down }
    public var upRate: Double { MeterWindow.rate(bytes: up, seconds: seconds) }
    public var downRate: Double { MeterWindow.rate(bytes: down, seconds: seconds) }
    /// Both directions, bytes per second.
    public var rate: Double { MeterWindow.rate(bytes: total, seconds: seconds) }
}

/// Fleet-wide totals by region, destination country, destination service, category and user
/// class, in arrays indexed by the world's tables (no hashing per flow), and the same slices'
/// bytes per 2-second bucket over the last 40 s (`MeterWindow`), so that every rate of the
/// fleet, a region or a destination is read from the same buckets as the cars' rates: the
/// fleet's window bytes are the sum of its regions', of its countries', of its services', of
/// its categories' and of its cars', exactly (ARCHITECTURE.md, "The accounting").
///
/// Removed cars' bytes stay in every slice: the exports keep their records.
public struct FleetAggregates: Sendable {
    public private(set) var all = TrafficTotals()
    public private(set) var byRegion: [TrafficTotals]
    public private(set) var byCountry: [TrafficTotals]
    public private(set) var byService: [TrafficTotals]
    public private(set) var byCategory: [TrafficTotals]
    public private(set) var byUserClass: [TrafficTotals]
    /// Bytes from each region's cars to each destination country: `[region][country]`.
    public private(set) var byRegionAndCountry: [[TrafficTotals]]

    /// Slices of `ring`, in this order: all, regions, countries, services, categories, then
    /// user classes (last, so that a class added later appends its buckets).
    enum Slice {
        static let all = 0
    }
    let regionBase: Int, countryBase: Int, serviceBase: Int, categoryBase: Int, classBase: Int
    /// Bytes per (slice, direction, bucket), `MeterBank.ringSlots` buckets ending at `head`.
    var ring: [UInt64]
    var head: Int32 = 0

    static let slots = MeterBank.ringSlots

    init(regions: Int, countries: Int, services: Int, userClasses: Int) {
        byRegion = Array(repeating: TrafficTotals(), count: regions)
        byCountry = Array(repeating: TrafficTotals(), count: countries)
        byService = Array(repeating: TrafficTotals(), count: services)
        byCategory = Array(repeating: TrafficTotals(), count: DataCategory.count)
        byUserClass = Array(repeating: TrafficTotals(), count: userClasses)
        byRegionAndCountry = Array(repeating: Array(repeating: TrafficTotals(), count: countries), count: regions)
        regionBase = 1
        countryBase = regionBase + regions
        serviceBase = countryBase + countries
        categoryBase = serviceBase + services
        classBase = categoryBase + DataCategory.count
        ring = Array(repeating: 0, count: (classBase + userClasses) * 2 * Self.slots)
    }

    /// Counts one flow in every slice it belongs to.
    ///
    /// - Complexity: O(buckets the flow spans, at most 21) per slice, six slices.
    @inline(__always)
    mutating func add(_ flow: FlowRecord, region: Int, country: Int, userClass: Int) {
        if userClass >= byUserClass.count {
            let more = userClass + 1 - byUserClass.count
            byUserClass += repeatElement(TrafficTotals(), count: more)
            ring += repeatElement(0, count: more * 2 * Self.slots)
        }
        all.add(flow)
        byRegion[region].add(flow)
        byCountry[country].add(flow)
        byService[Int(flow.service)].add(flow)
        byCategory[flow.category.index].add(flow)
        byUserClass[userClass].add(flow)
        byRegionAndCountry[region][country].add(flow)
        spread(flow, slices: (Slice.all, regionBase &+ region, countryBase &+ country, serviceBase &+ Int(flow.service),
                              categoryBase &+ flow.category.index, classBase &+ userClass))
    }

    /// Adds the flow's bucket shares to the six slices (the same `MeterWindow.share` parts as
    /// the car's meters).
    @inline(__always)
    mutating func spread(_ flow: FlowRecord, slices s: (Int, Int, Int, Int, Int, Int)) {
        let size = MeterWindow.bucketNanoseconds, n = Int32(Self.slots)
        let start = flow.start.nanoseconds, end = max(flow.end.nanoseconds, start)
        let last = Int32(truncatingIfNeeded: end / size)
        if last > head {
            // Clear the new buckets in every slice.
            let stride = 2 * Self.slots
            MeterWindow.forEachNewBucket(after: head, through: last, slots: n) { b in
                var slot = Int(b % n)
                while slot < ring.count {
                    ring[slot] = 0
                    ring[slot &+ Self.slots] = 0
                    slot &+= stride
                }
            }
            head = last
        }
        let first = MeterWindow.firstKept(start: start, bucketNanoseconds: size, head: head, slots: n)
        guard first <= last else { return }
        let dir = flow.direction == .up ? 0 : Self.slots
        let bases = (s.0 &* 2 &* Self.slots &+ dir, s.1 &* 2 &* Self.slots &+ dir, s.2 &* 2 &* Self.slots &+ dir,
                     s.3 &* 2 &* Self.slots &+ dir, s.4 &* 2 &* Self.slots &+ dir, s.5 &* 2 &* Self.slots &+ dir)
        let bytes = flow.bytes
        ring.withUnsafeMutableBufferPointer { r in
            // Slices are indexes the world computed from its own tables: in range by construction.
            let p = r.baseAddress!
            MeterWindow.forEachShare(bytes, start: start, end: end, bucketNanoseconds: size, from: first, through: last) { b, part in
                let slot = Int(b % n)
                p[bases.0 &+ slot] &+= part
                p[bases.1 &+ slot] &+= part
                p[bases.2 &+ slot] &+= part
                p[bases.3 &+ slot] &+= part
                p[bases.4 &+ slot] &+= part
                p[bases.5 &+ slot] &+= part
            }
        }
    }

    /// A slice's bytes in the window of `seconds` (2, 10 or 40) at `now`.
    func window(slice: Int, seconds: Int, at now: SimTime) -> WindowBytes {
        let k = MeterWindow.buckets(seconds: seconds)
        let n = Int32(Self.slots)
        let current = MeterWindow.bucket(at: now)
        let base = slice * 2 * Self.slots
        var up: UInt64 = 0, down: UInt64 = 0
        guard base < ring.count else { return WindowBytes(up: 0, down: 0, seconds: Int(k) * 2) }
        var b = max(current - k, head - n + 1)
        while b < current {
            if b <= head && b >= 0 {
                up &+= ring[base + Int(b % n)]
                down &+= ring[base + Self.slots + Int(b % n)]
            }
            b += 1
        }
        return WindowBytes(up: up, down: down, seconds: Int(k) * 2)
    }

    /// The whole fleet's bytes in the window of `seconds` at `now`.
    public func allWindow(seconds: Int = MeterWindow.rateSeconds, at now: SimTime) -> WindowBytes {
        window(slice: Slice.all, seconds: seconds, at: now)
    }
    public func regionWindow(_ i: Int, seconds: Int = MeterWindow.rateSeconds, at now: SimTime) -> WindowBytes {
        window(slice: regionBase + i, seconds: seconds, at: now)
    }
    public func countryWindow(_ i: Int, seconds: Int = MeterWindow.rateSeconds, at now: SimTime) -> WindowBytes {
        window(slice: countryBase + i, seconds: seconds, at: now)
    }
    public func serviceWindow(_ i: Int, seconds: Int = MeterWindow.rateSeconds, at now: SimTime) -> WindowBytes {
        window(slice: serviceBase + i, seconds: seconds, at: now)
    }
    public func categoryWindow(_ c: DataCategory, seconds: Int = MeterWindow.rateSeconds, at now: SimTime) -> WindowBytes {
        window(slice: categoryBase + c.index, seconds: seconds, at: now)
    }
    public func userClassWindow(_ i: Int, seconds: Int = MeterWindow.rateSeconds, at now: SimTime) -> WindowBytes {
        window(slice: classBase + i, seconds: seconds, at: now)
    }

    /// Bytes the ring holds (its element count times 8).
    public var storageBytes: Int { ring.count * 8 }
}
