import Fleet
import Simulation

/// A region's wall clock: one per time zone among its areas (the US region has the Bay Area on
/// Pacific time and Austin on Central time), read from the world's calendar.
public struct LocalClock: Hashable, Sendable {
    /// The region's name when all its areas share the zone, else the first such area's name.
    public var place: String
    /// Ids of the region's areas on this clock.
    public var areas: [String]
    /// `Asia/Shanghai`, `America/Los_Angeles`, `UTC+05:30`.
    public var timeZone: String
    public var time: LocalTime

    public init(place: String, areas: [String], timeZone: String, time: LocalTime) {
        self.place = place
        self.areas = areas
        self.timeZone = timeZone
        self.time = time
    }

    /// `Shanghai 08:15 (UTC+8)`.
    public var label: String { "\(place) \(time.clock) (\(time.offsetLabel))" }

    /// The clocks of `region` at `time`: its areas grouped by zone, in area order.
    public static func clocks(of region: RegionConfig, calendar: SimCalendar, at time: SimTime) -> [LocalClock] {
        var clocks: [LocalClock] = []
        var zones: [TimeZoneRule] = []
        for area in region.areas {
            if let k = zones.firstIndex(of: area.timeZone) { clocks[k].areas.append(area.id); continue }
            zones.append(area.timeZone)
            clocks.append(LocalClock(place: area.name, areas: [area.id], timeZone: area.timeZone.name,
                                     time: calendar.local(area.timeZone, at: time)))
        }
        if clocks.count == 1 { clocks[0].place = region.name }
        return clocks
    }
}
