/// Short human forms of sizes, rates, durations and ratios, the same everywhere on screen
/// and in exports. Pure arithmetic (no locale, no Foundation), so the output is identical on
/// every machine. Sizes use decimal SI units (1 kB = 1000 B), as network rates do.
public enum Format {
    /// The widest `bytes(_:)` result ("999 kB"): pad to it for columns that do not jump.
    public static let bytesWidth = 6
    /// The widest `rate(_:)` result ("999 kB/s").
    public static let rateWidth = 8
    /// The widest `duration(_:)` result below 1000 days ("999d23h").
    public static let durationWidth = 7

    static let units = ["B", "kB", "MB", "GB", "TB", "PB", "EB"]

    /// "0 B", "999 B", "1.0 kB", "9.9 kB", "10 kB", "340 kB", "1.2 MB": two significant
    /// digits at least, never more than `bytesWidth` columns. Not-a-number shows as "-".
    public static func bytes(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value < 0 { return "-" + bytes(-value) }
        if value < 999.5 { return "\(Int(value.rounded())) B" }
        var scaled = value
        for unit in units.dropFirst() {
            scaled /= 1000
            if scaled < 9.95 { return decimal(scaled, decimals: 1) + " " + unit }
            if scaled < 999.5 { return "\(Int(scaled.rounded())) " + unit }
        }
        return "\(Int(scaled.rounded())) " + units[units.count - 1]
    }

    /// `bytes(_:)` per second: "340 kB/s".
    public static func rate(_ bytesPerSecond: Double) -> String {
        bytes(bytesPerSecond) + "/s"
    }

    /// `bytes(_:)` right-aligned in `bytesWidth` columns, for table cells that must not jump.
    public static func bytesColumn(_ value: Double) -> String { padLeft(bytes(value), to: bytesWidth) }

    /// `rate(_:)` right-aligned in `rateWidth` columns.
    public static func rateColumn(_ bytesPerSecond: Double) -> String { padLeft(rate(bytesPerSecond), to: rateWidth) }

    /// "0s", "59s", "1m05s", "3h07m", "2d04h": the two largest units, rounded down.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "-" }
        let s = Int(Swift.max(0, seconds).rounded(.down))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + twoDigits(s % 60) + "s" }
        if s < 86400 { return "\(s / 3600)h" + twoDigits(s % 3600 / 60) + "m" }
        return "\(s / 86400)d" + twoDigits(s % 86400 / 3600) + "h"
    }

    /// A time of day or an elapsed time as "hh:mm:ss" (hours may exceed 24).
    public static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--:--" }
        let s = Int(Swift.max(0, seconds).rounded(.down))
        return twoDigits(s / 3600) + ":" + twoDigits(s % 3600 / 60) + ":" + twoDigits(s % 60)
    }

    /// A ratio as a percentage: `percent(0.456)` is "46%", `percent(0.0456, decimals: 1)`
    /// is "4.6%".
    public static func percent(_ ratio: Double, decimals: Int = 0) -> String {
        guard ratio.isFinite else { return "-" }
        return decimal(ratio * 100, decimals: decimals) + "%"
    }

    /// `value` with exactly `decimals` digits after the point, rounded half away from zero.
    public static func decimal(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "-" }
        let d = Swift.max(0, Swift.min(decimals, 9))
        var factor = 1.0
        for _ in 0..<d { factor *= 10 }
        let scaled = (abs(value) * factor).rounded()
        guard scaled < 9e18 else { return value < 0 ? "-∞" : "∞" }
        let n = Int(scaled)
        let sign = value < 0 && n != 0 ? "-" : ""
        guard d > 0 else { return sign + "\(n)" }
        let f = Int(factor)
        var fraction = String(n % f)
        fraction = String(repeating: "0", count: d - fraction.count) + fraction
        return sign + "\(n / f)." + fraction
    }

    /// `text` right-aligned in `width` columns (cut with "…" when longer).
    public static func padLeft(_ text: String, to width: Int) -> String {
        DisplayWidth.pad(text, toWidth: width, alignment: .right)
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
