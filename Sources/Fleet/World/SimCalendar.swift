import Simulation

/// A moment in one zone's local time.
public struct LocalTime: Hashable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int
    /// Minutes east of UTC in force at that moment (daylight saving included).
    public var utcOffsetMinutes: Int

    public var isWeekend: Bool { weekday == 0 || weekday == 6 }
    /// `08:15`.
    public var clock: String { Self.two(hour) + ":" + Self.two(minute) }
    /// `UTC+8`, `UTC-7`, `UTC+5:30`.
    public var offsetLabel: String { "UTC" + TimeZoneRule.offsetText(utcOffsetMinutes) }
    /// `2026-11-30T08:15:00+08:00` (ISO 8601 with the offset).
    public var iso: String {
        "\(year)-\(Self.two(month))-\(Self.two(day))T\(clock):\(Self.two(second))"
            + TimeZoneRule.offsetText(utcOffsetMinutes, long: true)
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}

/// The simulated calendar: simulated time zero is the scenario's `fleet.start`, an instant in
/// UTC; every area reads it in its own zone. Pure integer arithmetic on the proleptic Gregorian
/// calendar (`Civil`) and the zone table (`TimeZoneRule`): no system time zone database.
public struct SimCalendar: Hashable, Sendable {
    /// Seconds since 1970-01-01 00:00 UTC at simulated time zero.
    public var startUTC: Int64

    public init(startUTC: Int64) { self.startUTC = startUTC }

    /// `start` read in its own offset when it has one, else in `zone` (the first area's).
    public init(start: StartDate, zone: TimeZoneRule) {
        let local = Civil.days(year: start.year, month: start.month, day: start.day) * 86_400
            + Int64((start.hour * 3600).rounded())
        if let offset = start.utcOffsetMinutes {
            startUTC = local - Int64(offset) * 60
        } else {
            // The offset in force at that local time (taken at standard time: a start written
            // inside the hour a spring-forward skips reads as standard time).
            let guess = local - Int64(zone.standardOffsetMinutes) * 60
            startUTC = local - Int64(zone.offsetMinutes(atUTC: guess)) * 60
        }
    }

    /// The world's calendar: `config.start` in the zone of the first region's first area.
    public init(config: WorldConfig) {
        self.init(start: config.start, zone: config.regions.first?.areas.first?.timeZone ?? .utc)
    }

    /// UTC seconds since 1970 at `time` (whole seconds, rounded down).
    public func utcSeconds(at time: SimTime) -> Int64 { startUTC + Civil.floorDiv(time.nanoseconds, 1_000_000_000) }

    /// `time` on the wall clocks of `zone`.
    public func local(_ zone: TimeZoneRule, at time: SimTime) -> LocalTime {
        let utc = utcSeconds(at: time)
        let offset = zone.offsetMinutes(atUTC: utc)
        let local = utc + Int64(offset) * 60
        let days = Civil.floorDiv(local, 86_400)
        let s = Int(local - days * 86_400)
        let (y, m, d) = Civil.date(days: days)
        return LocalTime(year: y, month: m, day: d, hour: s / 3600, minute: s / 60 % 60, second: s % 60,
                         weekday: Civil.weekday(days: days), utcOffsetMinutes: offset)
    }
}
