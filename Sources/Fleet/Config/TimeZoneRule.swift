/// A time zone as the simulation knows it: a standard offset from UTC and, for US zones, the US
/// daylight-saving rule. A small table of names (`named`) stands for the system's tz database,
/// which the simulation never reads (the same scenario gives the same run on every machine).
public struct TimeZoneRule: Hashable, Sendable, Codable {
    /// `Asia/Shanghai`, `America/Los_Angeles`, or `UTC+05:30` for a fixed offset.
    public var name: String
    /// Minutes east of UTC outside daylight-saving time (Shanghai +480, Pacific -480).
    public var standardOffsetMinutes: Int
    /// US rules (Energy Policy Act 2005, in force since 2007): one hour ahead from the second
    /// Sunday of March at 02:00 local standard time to the first Sunday of November at 02:00
    /// local daylight time.
    public var usDaylightSaving: Bool

    public init(name: String, standardOffsetMinutes: Int, usDaylightSaving: Bool = false) {
        self.name = name
        self.standardOffsetMinutes = standardOffsetMinutes
        self.usDaylightSaving = usDaylightSaving
    }

    public static let utc = TimeZoneRule(name: "UTC", standardOffsetMinutes: 0)
    public static let shanghai = TimeZoneRule(name: "Asia/Shanghai", standardOffsetMinutes: 480)
    public static let usPacific = TimeZoneRule(name: "America/Los_Angeles", standardOffsetMinutes: -480, usDaylightSaving: true)
    public static let usCentral = TimeZoneRule(name: "America/Chicago", standardOffsetMinutes: -360, usDaylightSaving: true)

    /// The names a scenario may give (`time-zone:`), besides `UTC±HH:MM`.
    public static let named: [TimeZoneRule] = [
        .utc, .shanghai,
        TimeZoneRule(name: "Asia/Hong_Kong", standardOffsetMinutes: 480),
        TimeZoneRule(name: "Asia/Tokyo", standardOffsetMinutes: 540),
        .usPacific,
        TimeZoneRule(name: "America/Denver", standardOffsetMinutes: -420, usDaylightSaving: true),
        TimeZoneRule(name: "America/Phoenix", standardOffsetMinutes: -420),
        .usCentral,
        TimeZoneRule(name: "America/New_York", standardOffsetMinutes: -300, usDaylightSaving: true),
    ]

    /// A name of `named`, or `UTC+8`, `UTC-05:00`, `UTC+05:30` (a fixed offset, at most ±14 h).
    public init?(named text: String) {
        if let rule = Self.named.first(where: { $0.name == text }) { self = rule; return }
        guard let minutes = Self.offsetMinutes(parsing: text, prefix: "UTC") else { return nil }
        self.init(name: "UTC" + Self.offsetText(minutes, long: true), standardOffsetMinutes: minutes)
    }

    /// `+8`, `-05:00`, `+05:30` after `prefix` (which may be empty): minutes east of UTC.
    public static func offsetMinutes(parsing text: String, prefix: String) -> Int? {
        guard text.hasPrefix(prefix) else { return nil }
        let rest = text.dropFirst(prefix.count)
        guard let sign = rest.first, sign == "+" || sign == "-" else { return nil }
        let parts = rest.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCII) }),
            let h = Int(parts[0]), let m = parts.count == 2 ? Int(parts[1]) : 0, h >= 0, (0..<60).contains(m)
        else { return nil }
        let minutes = h * 60 + m
        guard minutes <= 14 * 60 else { return nil }
        return sign == "-" ? -minutes : minutes
    }

    /// `+8` or `-7` (whole hours), `+5:30`; with `long`, `+08:00`.
    public static func offsetText(_ minutes: Int, long: Bool = false) -> String {
        let sign = minutes < 0 ? "-" : "+"
        let h = abs(minutes) / 60, m = abs(minutes) % 60
        if long { return sign + (h < 10 ? "0" : "") + "\(h):" + (m < 10 ? "0" : "") + "\(m)" }
        return sign + "\(h)" + (m == 0 ? "" : ":" + (m < 10 ? "0" : "") + "\(m)")
    }

    /// Minutes east of UTC at the instant `utcSeconds` (seconds since 1970-01-01 00:00 UTC).
    public func offsetMinutes(atUTC utcSeconds: Int64) -> Int {
        guard usDaylightSaving else { return standardOffsetMinutes }
        let (year, _, _) = Civil.date(days: Civil.floorDiv(utcSeconds + Int64(standardOffsetMinutes) * 60, 86_400))
        let std = Int64(standardOffsetMinutes) * 60
        // 02:00 standard time on the second Sunday of March; 02:00 daylight (01:00 standard)
        // on the first Sunday of November.
        let start = Civil.days(year: year, month: 3, day: Civil.sunday(year: year, month: 3, nth: 2)) * 86_400 + 7200 - std
        let end = Civil.days(year: year, month: 11, day: Civil.sunday(year: year, month: 11, nth: 1)) * 86_400 + 3600 - std
        return utcSeconds >= start && utcSeconds < end ? standardOffsetMinutes + 60 : standardOffsetMinutes
    }
}

/// The proleptic Gregorian calendar in days since 1970-01-01 (H. Hinnant's `days_from_civil`
/// and `civil_from_days`, chrono-Compatible Low-Level Date Algorithms).
public enum Civil {
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func date(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), Int(m), Int(d))
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    public static func weekday(days: Int64) -> Int { Int(floorMod(days + 4, 7)) }

    /// The day of the month of the `nth` Sunday of `month`.
    static func sunday(year: Int, month: Int, nth: Int) -> Int {
        let w = weekday(days: days(year: year, month: month, day: 1))
        return 1 + (7 - w) % 7 + 7 * (nth - 1)
    }

    @inline(__always) public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inline(__always) public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}
