import Simulation

/// Which zones are in force on one day of the scenario's calendar: the seasonal zones inside
/// their window, every other zone always, except those a `set-zones` (`ZoneChange`) took out
/// of force. The world (to resolve overlapping zones) and the monitor (to drop a zone out of
/// force from a flow's facts) each keep one, for their own clock; the rule is written once, here.
struct ZoneSeasons: Sendable {
    private(set) var seasons: [SeasonWindow?]
    /// Zones taken out of force by a `ZoneChange`, for good.
    private(set) var revoked: [Bool]
    /// Whether each zone is in force on `day`.
    private(set) var active: [Bool]
    private(set) var hasSeasons: Bool
    /// Days since the start date that `active` was computed for.
    private(set) var day = Int.min

    init(zones: [ZoneConfig]) {
        seasons = zones.map(\.season)
        revoked = Array(repeating: false, count: zones.count)
        active = Array(repeating: true, count: zones.count)
        hasSeasons = seasons.contains { $0 != nil }
    }

    /// Whether zone `z` is in force on `date`: not taken out of force, and in its season if it has one.
    func isInForce(_ z: Int, on date: CalendarDay) -> Bool {
        !revoked[z] && (seasons[z].map { $0.contains(month: date.month, day: date.day) } ?? true)
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
            let on = isInForce(z, on: date)
            if on != active[z] { active[z] = on; changed = true }
        }
        return changed && !first
    }

    /// Zones added after the others and zones out of force, from `time` on (`ZoneChange`);
    /// `active` is set for the day of `time` at once.
    mutating func change(adding zones: [ZoneConfig], revoking indexes: [Int], start: StartDate, at time: SimTime) {
        seasons += zones.map(\.season)
        revoked += repeatElement(false, count: zones.count)
        active += repeatElement(true, count: zones.count)
        for z in indexes { revoked[z] = true }
        hasSeasons = seasons.contains { $0 != nil }
        let date = CalendarDay(start: start, at: time)
        for z in seasons.indices { active[z] = isInForce(z, on: date) }
    }
}
