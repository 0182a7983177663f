import Fleet
import Simulation

/// The scenario's calendar: simulated time as the date and time of day it stands for, from the
/// scenario's `fleet.start`. The one formatter of clock times, so the header's clock and every
/// alert time (alert panel, detail) read the same clock.
public struct ScenarioClock: Hashable, Sendable {
    public var start: StartDate

    public init(start: StartDate) { self.start = start }

    /// `2021-05-26 08:15`: the header's date and clock at `time`.
    public func label(at time: SimTime) -> String {
        let day = CalendarDay(start: start, at: time)
        let s = secondOfDay(time)
        return "\(day.year)-\(Self.two(day.month))-\(Self.two(day.day)) \(Self.two(s / 3600)):\(Self.two(s / 60 % 60))"
    }

    /// `08:10:20`: the time of day of `time` when it is on the day of `now`; `05-25 08:10` (the
    /// date as well, to the minute) on another day, so an alert from yesterday does not read as
    /// this morning's.
    public func time(_ time: SimTime, now: SimTime) -> String {
        let s = secondOfDay(time)
        let clock = "\(Self.two(s / 3600)):\(Self.two(s / 60 % 60))"
        let day = CalendarDay(start: start, at: time)
        guard day == CalendarDay(start: start, at: now) else { return "\(Self.two(day.month))-\(Self.two(day.day)) \(clock)" }
        return clock + ":\(Self.two(s % 60))"
    }

    /// `2021-05-26T08:15:07+08:00`: ISO 8601 date and time of `time` on the scenario's calendar,
    /// to the second, with the offset `fleet.start` was written in; without one (the first
    /// area's local time at the start, read on as a fixed offset) no zone is written.
    public func iso(at time: SimTime) -> String {
        let day = CalendarDay(start: start, at: time)
        let s = secondOfDay(time)
        let zone = start.utcOffsetMinutes.map { TimeZoneRule.offsetText($0, long: true) } ?? ""
        return "\(day.year)-\(Self.two(day.month))-\(Self.two(day.day))T\(Self.two(s / 3600)):\(Self.two(s / 60 % 60)):\(Self.two(s % 60))" + zone
    }

    func secondOfDay(_ time: SimTime) -> Int {
        Int((start.hour * 3600 + Swift.max(0, time.seconds)).rounded(.down)) % 86_400
    }

    static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
