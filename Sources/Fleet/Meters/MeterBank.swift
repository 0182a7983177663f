#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulation

/// The per-car data-flow meters of the whole fleet, in flat arrays (one allocation per field,
/// not per car).
///
/// Per car: bytes per 2-second bucket over the last 40 s plus the current one, for each direction (the 2 s, 10 s and
/// 40 s windows of iftop are sums of the last 1, 5 and 20 complete buckets); the peak 2 s rate
/// per direction; totals per direction; totals per (category, destination) in `pairSlots`
/// slots (when a car has used more pairs than that, the rest add to an "other" slot); a fixed
/// sparkline history of `historyLength` samples; and a flow count.
///
/// Per car and category (both directions together), bytes per 2-second bucket over the last
/// 10 s plus the current one, and a byte total: the vehicle table's category bars show what a
/// car is sending *now* over the same window as its Rate column, so a car's up + down equals
/// the sum of its categories, bucket for bucket (ARCHITECTURE.md, "The accounting").
///
/// Memory: `bytesPerCar(historyLength:)` bytes per car, 788 with the default 30-sample
/// history, whatever the run length: nothing grows after creation except when cars are added.
///
/// A flow's bytes are spread evenly over its `[start, end]` span (`MeterWindow.share`), so a
/// 10-second aggregated telemetry record raises the rate of each of its five buckets, not just
/// the last one. Rates count complete buckets only, so they lag by up to 2 s and never show a
/// half-filled bucket. A bucket holds at most 4 GiB (UInt32; saturating), far above what the
/// validated throughputs can put into 2 s.
public struct MeterBank: Sendable {
    public static let bucketNanoseconds: Int64 = MeterWindow.bucketNanoseconds
    /// Complete buckets the widest window spans (40 s).
    public static let bucketCount = Int(MeterWindow.maxBuckets)
    /// Ring slots: the complete buckets plus the current, partial one.
    public static let ringSlots = 21
    /// The iftop windows, in seconds.
    public static let windows: [Int] = MeterWindow.windows
    /// Ring slots per (car, category): the complete buckets of `MeterWindow.rateSeconds` plus
    /// the current one.
    public static let categorySlots = MeterWindow.rateSeconds / 2 + 1
    /// (category, destination) total slots per car.
    public static let pairSlots = 12
    /// Marks the overflow slot: any category to any further service.
    public static let otherService = UInt16.max

    /// Bytes one car's meters take: buckets, peaks, totals, pair slots, history and heads.
    public static func bytesPerCar(historyLength: Int) -> Int {
        2 * ringSlots * 4 + 4 + 2 * 4 + 2 * 8 + pairSlots * (4 + 8) + historyLength * 4 + 4 + 4
            + DataCategory.count * (categorySlots * 4 + 8)
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
    /// Bytes per (car, bucket, category): `categorySlots` buckets per car of `DataCategory.count`
    /// counters each (a bucket's categories side by side, so clearing one is one cache line);
    /// the buckets end at `ringHead[car]`, as the direction ring's do.
    var categoryRing: [UInt32]
    /// Bytes per (car, category) since the start, both directions.
    var categoryTotals: [UInt64]

    public init(cars: Int, historyLength: Int = 30, historySeconds: Double = 20) {
        precondition(historyLength > 0 && historySeconds >= 2, "validated by WorldConfig.validate()")
        self.historyLength = historyLength
        historyNanoseconds = SimDuration.seconds(historySeconds).nanoseconds
        count = 0
        ring = []; ringHead = []; peak = []; totals = []; pairKey = []; pairBytes = []
        history = []; historyHead = []; flowCount = []; categoryRing = []; categoryTotals = []
        append(cars: cars)
    }

    /// Adds meters for `n` more cars.
    public mutating func append(cars n: Int) {
        count += n
        ring += repeatElement(0, count: n * 2 * Self.ringSlots)
        ringHead += repeatElement(0, count: n)
        peak += repeatElement(0, count: n * 2)
        totals += repeatElement(0, count: n * 2)
        pairKey += repeatElement(0, count: n * Self.pairSlots)
        pairBytes += repeatElement(0, count: n * Self.pairSlots)
        history += repeatElement(0, count: n * historyLength)
        historyHead += repeatElement(0, count: n)
        flowCount += repeatElement(0, count: n)
        categoryRing += repeatElement(0, count: n * DataCategory.count * Self.categorySlots)
        categoryTotals += repeatElement(0, count: n * DataCategory.count)
    }

    /// Makes room for `n` cars in all, so that adding them one at a time copies nothing.
    public mutating func reserveCapacity(cars n: Int) {
        ring.reserveCapacity(n * 2 * Self.ringSlots)
        ringHead.reserveCapacity(n)
        peak.reserveCapacity(n * 2)
        totals.reserveCapacity(n * 2)
        pairKey.reserveCapacity(n * Self.pairSlots)
        pairBytes.reserveCapacity(n * Self.pairSlots)
        history.reserveCapacity(n * historyLength)
        historyHead.reserveCapacity(n)
        flowCount.reserveCapacity(n)
        categoryRing.reserveCapacity(n * DataCategory.count * Self.categorySlots)
        categoryTotals.reserveCapacity(n * DataCategory.count)
    }

    /// Bytes held by all the meters' arrays (their element counts times element sizes).
    public var storageBytes: Int {
        ring.count * 4 + ringHead.count * 4 + peak.count * 4 + totals.count * 8 + pairKey.count * 4
            + pairBytes.count * 8 + history.count * 4 + historyHead.count * 4 + flowCount.count * 4
            + categoryRing.count * 4 + categoryTotals.count * 8
    }

    /// Counts one flow record.
    ///
    /// - Complexity: O(buckets the flow spans, at most 20 + historyLength).
    public mutating func record(_ flow: FlowRecord) {
        let car = Int(flow.vehicle), dir = flow.direction == .up ? 0 : 1
        totals[car &* 2 &+ dir] &+= flow.bytes
        flowCount[car] &+= 1
        let category = flow.category.index
        addPair(car: car, key: UInt32(category + 1) << 16 | UInt32(flow.service), bytes: flow.bytes)
        categoryTotals[car &* DataCategory.count &+ category] &+= flow.bytes
        let start = flow.start.nanoseconds, end = max(flow.end.nanoseconds, flow.start.nanoseconds)
        spreadIntoRing(car: car, dir: dir, category: category, bytes: flow.bytes, start: start, end: end)
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

    /// Spreads the flow's bytes over the car's direction buckets and its category's buckets
    /// (the same shares, `MeterWindow.share`, so the two rings agree bucket for bucket).
    mutating func spreadIntoRing(car: Int, dir: Int, category: Int, bytes: UInt64, start: Int64, end: Int64) {
        let size = Self.bucketNanoseconds, n = Int32(Self.ringSlots), nc = Int32(Self.categorySlots)
        let last = Int32(truncatingIfNeeded: end / size)
        let base = car &* 2 &* Self.ringSlots
        let categoryBase = car &* DataCategory.count &* Self.categorySlots
        var head = ringHead[car]
        if last > head {
            // Clear the new buckets, in both directions and every category.
            MeterWindow.forEachNewBucket(after: head, through: last, slots: n) { b in
                let slot = Int(b % n)
                ring[base &+ slot] = 0
                ring[base &+ Self.ringSlots &+ slot] = 0
            }
            MeterWindow.forEachNewBucket(after: head, through: last, slots: nc) { b in
                let slot = categoryBase &+ Int(b % nc) &* DataCategory.count
                for c in slot..<(slot &+ DataCategory.count) { categoryRing[c] = 0 }
            }
            head = last
            ringHead[car] = last
        }
        let first = MeterWindow.firstKept(start: start, bucketNanoseconds: size, head: head, slots: n)
        guard first <= last else { return }
        let firstCategory = head &- nc &+ 1
        let categoryColumn = categoryBase &+ category
        MeterWindow.forEachShare(bytes, start: start, end: end, bucketNanoseconds: size, from: first, through: last) { b, share in
            let part = UInt32(clamping: share)
            let slot = base &+ dir &* Self.ringSlots &+ Int(b % n)
            let (sum, overflow) = ring[slot].addingReportingOverflow(part)
            ring[slot] = overflow ? .max : sum
            if ring[slot] > peak[car &* 2 &+ dir] { peak[car &* 2 &+ dir] = ring[slot] }
            if b >= firstCategory {
                let c = categoryColumn &+ Int(b % nc) &* DataCategory.count
                let (sum, overflow) = categoryRing[c].addingReportingOverflow(part)
                categoryRing[c] = overflow ? .max : sum
            }
        }
    }

    mutating func spreadIntoHistory(car: Int, bytes: UInt64, start: Int64, end: Int64) {
        let size = historyNanoseconds, n = Int32(historyLength)
        let last = Int32(truncatingIfNeeded: end / size)
        let base = car &* historyLength
        var head = historyHead[car]
        if last > head {
            MeterWindow.forEachNewBucket(after: head, through: last, slots: n) { b in history[base &+ Int(b % n)] = 0 }
            head = last
            historyHead[car] = last
        }
        let first = MeterWindow.firstKept(start: start, bucketNanoseconds: size, head: head, slots: n)
        guard first <= last else { return }
        MeterWindow.forEachShare(bytes, start: start, end: end, bucketNanoseconds: size, from: first, through: last) { b, share in
            let slot = base &+ Int(b % n)
            let (sum, overflow) = history[slot].addingReportingOverflow(UInt32(clamping: share))
            history[slot] = overflow ? .max : sum
        }
    }
}
