import Simulation

/// Which zones are in force on one day of the scenario's calendar: the seasonal zones inside
/// their window, every other zone always. The world (to resolve overlapping zones) and the
/// monitor (to drop a zone out of season from a flow's facts) each keep one, for their own
/// clock; the rule is written once, here.
struct ZoneSeasons: Sendable {
    let seasons: [SeasonWindow?]
    /// Whether each zone is in force on `day`.
    private(set) var active: [Bool]
    let hasSeasons: Bool
    /// Days since the start date that `active` was computed for.
    private(set) var day = Int.min

    init(zones: [ZoneConfig]) {
        seasons = zones.map(\.season)
        active = Array(repeating: true, count: zones.count)
        hasSeasons = seasons.contains { $0 != nil }
    }

    /// Sets `active` for the day of `time` (a day's check walks the calendar once); true when a
    /// zone changed state since the day before (not on the first call).
    mutating func update(start: StartDate, at time: SimTime) -> Bool {
        let d = Int(((start.hour * 3600 + time.seconds) / 86_400).rounded(.down))
        guard d != day else { return false }
        let first = day == Int.min
        day = d
        let date = CalendarDay(start: start, at: time)
        var changed = false
        for z in seasons.indices {
            let on = seasons[z].map { $0.contains(month: date.month, day: date.day) } ?? true
            if on != active[z] { active[z] = on; changed = true }
        }
        return changed && !first
    }
}
