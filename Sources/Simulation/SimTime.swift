/// A point in simulated time: whole nanoseconds since the start of the run.
///
/// Integer time does not drift: a run of a simulated year adds the same nanoseconds on every
/// machine, and equal times compare equal (see DECISIONS.md). `Int64` nanoseconds reach 292 years.
public struct SimTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the start of the run.
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimTime(nanoseconds: 0)
    /// Later than any event a run can schedule.
    public static let distantFuture = SimTime(nanoseconds: .max)

    @inlinable @inline(__always) public static func seconds(_ s: Double) -> SimTime {
        SimTime(nanoseconds: SimDuration.seconds(s).nanoseconds)
    }

    /// Seconds since the start, as a floating-point value for display and statistics.
    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }

    @inlinable public static func < (a: SimTime, b: SimTime) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (t: SimTime, d: SimDuration) -> SimTime {
        SimTime(nanoseconds: t.nanoseconds &+ d.nanoseconds)
    }
    @inlinable public static func - (t: SimTime, d: SimDuration) -> SimTime {
        SimTime(nanoseconds: t.nanoseconds &- d.nanoseconds)
    }
    @inlinable public static func - (a: SimTime, b: SimTime) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &- b.nanoseconds)
    }
    @inlinable public static func += (t: inout SimTime, d: SimDuration) { t = t + d }

    /// `D+HH:MM:SS.mmm`, the clock shown on screen and in logs.
    public var description: String { SimDuration(nanoseconds: nanoseconds).clock }
}

/// A span of simulated time in whole nanoseconds.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var nanoseconds: Int64

    @inlinable public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimDuration(nanoseconds: 0)
    public static let nanosecondsPerSecond: Int64 = 1_000_000_000

    /// The nearest whole nanosecond to `s` seconds; values beyond ±292 years saturate.
    @inlinable @inline(__always) public static func seconds(_ s: Double) -> SimDuration {
        let x = s * 1e9
        if x >= 9.2e18 { return SimDuration(nanoseconds: .max) }
        if x <= -9.2e18 { return SimDuration(nanoseconds: .min) }
        precondition(x == x, "SimDuration.seconds: not a number")
        // `x.rounded()` (half away from zero) without a libm call: truncate, then look at the
        // fraction, which `x - Double(whole)` gives exactly.
        // Branch-free: the fraction is a coin flip in a simulation's random delays.
        let whole = Int64(x)
        let fraction = x - Double(whole)
        let up: Int64 = fraction >= 0.5 ? 1 : 0
        let down: Int64 = fraction <= -0.5 ? 1 : 0
        return SimDuration(nanoseconds: whole &+ up &- down)
    }
    @inlinable public static func seconds(_ s: Int64) -> SimDuration {
        SimDuration(nanoseconds: s.multipliedReportingOverflow(by: nanosecondsPerSecond).overflow
            ? (s < 0 ? .min : .max) : s * nanosecondsPerSecond)
    }
    @inlinable public static func milliseconds(_ ms: Int64) -> SimDuration { SimDuration(nanoseconds: ms * 1_000_000) }
    @inlinable public static func minutes(_ m: Int64) -> SimDuration { seconds(m * 60) }
    @inlinable public static func hours(_ h: Int64) -> SimDuration { seconds(h * 3600) }

    @inlinable public var seconds: Double { Double(nanoseconds) * 1e-9 }

    @inlinable public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    @inlinable public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &+ b.nanoseconds)
    }
    @inlinable public static func * (a: SimDuration, k: Int64) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds &* k)
    }

    /// `D+HH:MM:SS.mmm` (the day part only when there is one).
    public var clock: String {
        let negative = nanoseconds < 0
        let ms = (negative ? -(nanoseconds / 1_000_000) : nanoseconds / 1_000_000)
        let totalSeconds = ms / 1000
        let d = totalSeconds / 86_400, h = (totalSeconds / 3600) % 24, m = (totalSeconds / 60) % 60, s = totalSeconds % 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let frac = ms % 1000
        let fracText = frac < 10 ? "00\(frac)" : frac < 100 ? "0\(frac)" : "\(frac)"
        let body = "\(two(h)):\(two(m)):\(two(s)).\(fracText)"
        return (negative ? "-" : "") + (d > 0 ? "\(d)+" : "") + body
    }

    /// Compact form such as `90s`, `15m`, `2h`, `1d`, `1h30m`, as accepted by `init(parsing:)`.
    public var description: String {
        if nanoseconds == 0 { return "0s" }
        var rest = nanoseconds
        var out = rest < 0 ? "-" : ""
        rest = rest.magnitude > UInt64(Int64.max) ? .max : abs(rest)
        let units: [(Int64, String)] = [
            (86_400 * Self.nanosecondsPerSecond, "d"), (3600 * Self.nanosecondsPerSecond, "h"),
            (60 * Self.nanosecondsPerSecond, "m"), (Self.nanosecondsPerSecond, "s"),
            (1_000_000, "ms"), (1_000, "us"), (1, "ns"),
        ]
        for (size, name) in units where rest >= size {
            out += "\(rest / size)\(name)"
            rest %= size
        }
        return out
    }
}
