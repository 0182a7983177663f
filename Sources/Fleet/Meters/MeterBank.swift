import Simulation

/// The per-car data-flow meters of the whole fleet, in flat arrays (one allocation per field,
/// not per car).
///
/// Per car: bytes per 2-second bucket over the last 40 s, for each direction (the 2 s, 10 s and
/// 40 s windows of iftop are sums of the last 1, 5 and 20 complete buckets); the peak 2 s rate
/// per direction; totals per direction; totals per (category, destination) in `pairSlots`
/// slots (when a car has used more pairs than that, the rest add to an "other" slot); a fixed
/// sparkline history of `historyLength` samples; and a flow count.
///
/// Memory: `bytesPerCar(historyLength:)` bytes per car, 460 with the default 30-sample
/// history, whatever the run length: nothing grows after creation except when cars are added.
///
/// A flow's bytes are spread evenly over its `[start, end]` span, so a 10-second aggregated
/// telemetry record raises the rate of each of its five buckets, not just the last one. Rates
/// count complete buckets only, so they lag by up to 2 s and never show a half-filled bucket.
public struct MeterBank: Sendable {
    public static let bucketNanoseconds: Int64 = 2_000_000_000
    public static let bucketCount = 20
    /// The iftop windows, in seconds.
    public static let windows: [Int] = [2, 10, 40]
    /// (category, destination) total slots per car.
    public static let pairSlots = 12
    /// Marks the overflow slot: any category to any further service.
    public static let otherService = UInt16.max

    /// Bytes one car's meters take: buckets, peaks, totals, pair slots, history and heads.
    public static func bytesPerCar(historyLength: Int) -> Int {
        2 * bucketCount * 4 + 4 + 2 * 4 + 2 * 8 + pairSlots * (4 + 8) + historyLength * 4 + 4 + 4
    }

    public let historyLength: Int
    public let historyNanoseconds: Int64
    public private(set) var count: Int

    var ring: [UInt32]
    var ringHead: [Int32]
    var peak: [UInt32]
    var totals: [UInt64]
    var pairKey: [UInt32]
    var pairBytes: [UInt64]
    var history: [UInt32]
    var historyHead: [Int32]
    var flowCount: [UInt32]

    public init(cars: Int, historyLength: Int = 30, historySeconds: Double = 20) {
        precondition(historyLength > 0 && historySeconds >= 2, "validated by WorldConfig.validate()")
        self.historyLength = historyLength
        historyNanoseconds = SimDuration.seconds(historySeconds).nanoseconds
        count = 0
        ring = []; ringHead = []; peak = []; totals = []; pairKey = []; pairBytes = []
        history = []; historyHead = []; flowCount = []
        append(cars: cars)
    }

    /// Adds meters for `n` more cars.
    public mutating func append(cars n: Int) {
        count += n
        ring += repeatElement(0, count: n * 2 * Self.bucketCount)
        ringHead += repeatElement(0, count: n)
        peak += repeatElement(0, count: n * 2)
        totals += repeatElement(0, count: n * 2)
        pairKey += repeatElement(0, count: n * Self.pairSlots)
        pairBytes += repeatElement(0, count: n * Self.pairSlots)
        history += repeatElement(0, count: n * historyLength)
        historyHead += repeatElement(0, count: n)
        flowCount += repeatElement(0, count: n)
    }

    /// Bytes held by all the meters' arrays (their element counts times element sizes).
    public var storageBytes: Int {
        ring.count * 4 + ringHead.count * 4 + peak.count * 4 + totals.count * 8 + pairKey.count * 4
            + pairBytes.count * 8 + history.count * 4 + historyHead.count * 4 + flowCount.count * 4
    }

    /// Counts one flow record.
    ///
    /// - Complexity: O(buckets the flow spans, at most 20 + historyLength).
    public mutating func record(_ flow: FlowRecord) {
        let car = Int(flow.vehicle), dir = flow.direction == .up ? 0 : 1
        totals[car &* 2 &+ dir] &+= flow.bytes
        flowCount[car] &+= 1
        addPair(car: car, key: UInt32(flow.category.index + 1) << 16 | UInt32(flow.service), bytes: flow.bytes)
        let start = flow.start.nanoseconds, end = max(flow.end.nanoseconds, flow.start.nanoseconds)
        spreadIntoRing(car: car, dir: dir, bytes: flow.bytes, start: start, end: end)
        spreadIntoHistory(car: car, bytes: flow.bytes, start: start, end: end)
    }

    mutating func addPair(car: Int, key: UInt32, bytes: UInt64) {
        let base = car &* Self.pairSlots
        let other = UInt32(Self.otherService)
        for slot in base..<(base + Self.pairSlots) {
            if pairKey[slot] == key || pairKey[slot] == 0 {
                pairKey[slot] = key
                pairBytes[slot] &+= bytes
                return
            }
        }
        // Full: the last slot becomes the "other" slot.
        let last = base + Self.pairSlots - 1
        pairKey[last] = other
        pairBytes[last] &+= bytes
    }

    /// Bytes of `[start, end]` falling in the bucket `[b·size, (b+1)·size)`, rounded so the
    /// parts add up to `bytes` exactly.
    @inline(__always)
    static func share(_ bytes: UInt64, start: Int64, end: Int64, upTo t: Int64) -> UInt64 {
        if t <= start { return 0 }
        if t >= end { return bytes }
        let part = bytes.multipliedFullWidth(by: UInt64(t - start))
        return UInt64(end - start).dividingFullWidth((part.high, part.low)).quotient
    }

    mutating func spreadIntoRing(car: Int, dir: Int, bytes: UInt64, start: Int64, end: Int64) {
        let size = Self.bucketNanoseconds, n = Int32(Self.bucketCount)
        let last = Int32(truncatingIfNeeded: end / size)
        let base = car &* 2 &* Self.bucketCount
        var head = ringHead[car]
        if last > head {
            // Clear the buckets between the old head and the new one, in both directions.
            var b = max(head &+ 1, last &- n &+ 1)
            while b <= last {
                let slot = Int(b % n)
                ring[base &+ slot] = 0
                ring[base &+ Self.bucketCount &+ slot] = 0
                b &+= 1
            }
            head = last
            ringHead[car] = last
        }
        let first = max(Int32(truncatingIfNeeded: start / size), head &- n &+ 1)
        guard first <= last else { return }
        var given = Self.share(bytes, start: start, end: end, upTo: Int64(first) * size)
        var b = first
        while b <= last {
            let upTo = Self.share(bytes, start: start, end: end, upTo: Int64(b &+ 1) * size)
            let slot = base &+ dir &* Self.bucketCount &+ Int(b % n)
            let (sum, overflow) = ring[slot].addingReportingOverflow(UInt32(clamping: upTo &- given))
            ring[slot] = overflow ? .max : sum
            if ring[slot] > peak[car &* 2 &+ dir] { peak[car &* 2 &+ dir] = ring[slot] }
            given = upTo
            b &+= 1
        }
    }

    mutating func spreadIntoHistory(car: Int, bytes: UInt64, start: Int64, end: Int64) {
        let size = historyNanoseconds, n = Int32(historyLength)
        let last = Int32(truncatingIfNeeded: end / size)
        let base = car &* historyLength
        var head = historyHead[car]
        if last > head {
            var b = max(head &+ 1, last &- n &+ 1)
            while b <= last {
                history[base &+ Int(b % n)] = 0
                b &+= 1
            }
            head = last
            historyHead[car] = last
        }
        let first = max(Int32(truncatingIfNeeded: start / size), head &- n &+ 1)
        guard first <= last else { return }
        var given = Self.share(bytes, start: start, end: end, upTo: Int64(first) * size)
        var b = first
        while b <= last {
            let upTo = Self.share(bytes, start: start, end: end, upTo: Int64(b &+ 1) * size)
            let slot = base &+ Int(b % n)
            let (sum, overflow) = history[slot].addingReportingOverflow(UInt32(clamping: upTo &- given))
            history[slot] = overflow ? .max : sum
            given = upTo
            b &+= 1
        }
    }
}
