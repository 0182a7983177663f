import Simulation

/// The one definition behind every rate FleetWatch shows (ARCHITECTURE.md, "The accounting").
///
/// Simulated time is cut into 2-second buckets. A flow's bytes are spread evenly over its
/// `[start, end]` span, rounded so that the parts add up to the flow's bytes exactly (`share`).
/// The bytes of a slice of the traffic (a car, a direction, a category, a region, a
/// destination...) *in the window of W seconds at time t* are the sum of its parts in the
/// W/2 complete buckets before the bucket holding t; its rate is those bytes divided by W.
/// Because every slice adds up the same integer parts, the window bytes of a whole are the
/// sum of its parts exactly, and so are the rates up to floating-point rounding.
public enum MeterWindow {
    /// Length of one bucket.
    public static let bucketNanoseconds: Int64 = 2_000_000_000
    /// The windows a car's detail shows (iftop's 2, 10 and 40 s), in seconds.
    public static let windows: [Int] = [2, 10, 40]
    /// The window of every "now" rate: the header, the region and destination panels, the
    /// table's Rate column and category bars, the JSON and the CSV.
    public static let rateSeconds = 10

    /// Bytes of a flow of `bytes` over `[start, end]` that fall before `t` (nanoseconds).
    @inline(__always)
    public static func share(_ bytes: UInt64, start: Int64, end: Int64, upTo t: Int64) -> UInt64 {
        if t <= start { return 0 }
        if t >= end { return bytes }
        let part = bytes.multipliedFullWidth(by: UInt64(t - start))
        // The same quotient; a 64-bit division when the product fits (nearly every flow), not
        // the 128-bit one (a call to __udivti3, 2 % of a run).
        if part.high == 0 { return part.low / UInt64(end - start) }
        return UInt64(end - start).dividingFullWidth((part.high, part.low)).quotient
    }

    // MARK: The ring walk, said once (the car's buckets, its history, the aggregates)

    /// A ring of `slots` buckets whose newest is `head` moves on to `last`: calls `clear` with
    /// each bucket number that becomes new (the buckets after `head`, at most `slots` of them).
    /// The caller then sets its head to `last`.
    @inline(__always)
    public static func forEachNewBucket(after head: Int32, through last: Int32, slots n: Int32, _ clear: (Int32) -> Void) {
        guard last > head else { return }
        var b = max(head &+ 1, last &- n &+ 1)
        while b <= last {
            clear(b)
            b &+= 1
        }
    }

    /// The first bucket of a flow starting at `start` that a ring of `slots` with newest bucket
    /// `head` still holds (older buckets were written off).
    @inline(__always)
    public static func firstKept(start: Int64, bucketNanoseconds size: Int64, head: Int32, slots n: Int32) -> Int32 {
        max(Int32(truncatingIfNeeded: start / size), head &- n &+ 1, 0)
    }

    /// A flow's bytes spread evenly over its span, bucket by bucket from `first` through `last`:
    /// calls `add` with each bucket number and its integer share; the shares of all the flow's
    /// buckets sum to its bytes.
    @inline(__always)
    public static func forEachShare(
        _ bytes: UInt64, start: Int64, end: Int64, bucketNanoseconds size: Int64, from first: Int32, through last: Int32,
        _ add: (Int32, UInt64) -> Void
    ) {
        var given = share(bytes, start: start, end: end, upTo: Int64(first) * size)
        var b = first
        while b <= last {
            let upTo = share(bytes, start: start, end: end, upTo: Int64(b &+ 1) * size)
            add(b, upTo &- given)
            given = upTo
            b &+= 1
        }
    }

    /// The bucket holding `now`: windows end just before it.
    @inline(__always)
    public static func bucket(at now: SimTime) -> Int32 { Int32(truncatingIfNeeded: now.nanoseconds / bucketNanoseconds) }

    /// Complete buckets the widest window spans (40 s): the meters keep these and the current one.
    public static let maxBuckets: Int32 = 20

    /// Complete buckets in a window of `seconds`: at least 1, at most `maxBuckets`.
    @inline(__always)
    public static func buckets(seconds: Int) -> Int32 { Int32(min(max(seconds / 2, 1), Int(maxBuckets))) }

    /// The rate of `bytes` counted in a window of `seconds`: bytes per second.
    @inline(__always)
    public static func rate(bytes: UInt64, seconds: Int) -> Double {
        Double(bytes) / (Double(buckets(seconds: seconds)) * Double(bucketNanoseconds) * 1e-9)
    }
}
