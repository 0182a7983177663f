import Simulation
import Testing
import TestSupport
@testable import Fleet

/// The simulated calendar: civil dates, the zone table with US daylight saving, the start
/// instant, and departures as the dwell counted in profile time.
@Suite struct CalendarTests {
    @Test func civilDatesRoundTrip() {
        #expect(Civil.days(year: 1970, month: 1, day: 1) == 0)
        #expect(Civil.days(year: 2026, month: 11, day: 30) == 20_787)
        #expect(Civil.weekday(days: Civil.days(year: 2026, month: 11, day: 30)) == 1)  // a Monday
        #expect(Civil.weekday(days: Civil.days(year: 2000, month: 2, day: 29)) == 2)  // a Tuesday
        var rng = SplitMix(seed: 9)
        for _ in 0..<2000 {
            let d = Int64(rng.next() % 200_000) - 100_000
            let (y, m, day) = Civil.date(days: d)
            #expect(Civil.days(year: y, month: m, day: day) == d)
        }
    }

    @Test func usDaylightSavingStartsAndEndsOnTheRightSundays() {
        let pacific = TimeZoneRule.usPacific
        // 2026: DST from Sunday 8 March 02:00 PST (10:00 UTC) to Sunday 1 November 02:00 PDT (09:00 UTC).
        let start = Civil.days(year: 2026, month: 3, day: 8) * 86_400 + 10 * 3600
        let end = Civil.days(year: 2026, month: 11, day: 1) * 86_400 + 9 * 3600
        #expect(pacific.offsetMinutes(atUTC: start - 1) == -480)
        #expect(pacific.offsetMinutes(atUTC: start) == -420)
        #expect(pacific.offsetMinutes(atUTC: end - 1) == -420)
        #expect(pacific.offsetMinutes(atUTC: end) == -480)
        // Central time changes at 02:00 local too: 08:00 UTC, two hours before Pacific.
        #expect(TimeZoneRule.usCentral.offsetMinutes(atUTC: start - 7200) == -300)
        #expect(TimeZoneRule.usCentral.offsetMinutes(atUTC: start - 7201) == -360)
        #expect(TimeZoneRule.shanghai.offsetMinutes(atUTC: start) == 480)
    }

    @Test func zoneNamesAndOffsetsParse() {
        #expect(TimeZoneRule(named: "America/Chicago") == .usCentral)
        #expect(TimeZoneRule(named: "UTC+8")?.standardOffsetMinutes == 480)
        #expect(TimeZoneRule(named: "UTC-05:30")?.standardOffsetMinutes == -330)
        #expect(TimeZoneRule(named: "UTC+8")?.name == "UTC+08:00")
        #expect(TimeZoneRule(named: "UTC+15") == nil)
        #expect(TimeZoneRule(named: "Europe/Atlantis") == nil)
        #expect(TimeZoneRule.offsetText(-420) == "-7")
        #expect(TimeZoneRule.offsetText(330, long: true) == "+05:30")
    }

    @Test func theStartIsReadInItsOffsetOrInTheFirstAreasZone() {
        let withOffset = SimCalendar(start: StartDate(year: 2026, month: 11, day: 30, hour: 8, utcOffsetMinutes: 480), zone: .usPacific)
        #expect(withOffset.local(.utc, at: .zero).iso == "2026-11-30T00:00:00+00:00")
        #expect(withOffset.local(.usPacific, at: .zero).iso == "2026-11-29T16:00:00-08:00")
        #expect(withOffset.local(.usCentral, at: .seconds(3600)).iso == "2026-11-29T19:00:00-06:00")
        // No offset: the zone's local time, daylight saving included (July: PDT).
        let summer = SimCalendar(start: StartDate(year: 2026, month: 7, day: 1, hour: 8), zone: .usPacific)
        #expect(summer.local(.utc, at: .zero).iso == "2026-07-01T15:00:00+00:00")
        #expect(summer.local(.usPacific, at: .zero).offsetLabel == "UTC-7")
        // The default world: 08:00 in Shanghai is 16:00 the day before on the Bay Area's clock.
        let world = SimCalendar(config: .default)
        #expect(world.local(.shanghai, at: .zero).clock == "08:00")
        #expect(world.local(.usPacific, at: .zero).clock == "16:00")
    }

    /// A world of one area with the given profile: departures after a dwell `d` from `t`.
    func state(_ profile: DayProfile, start: StartDate) -> FleetState {
        var config = WorldConfig.default
        config.start = start
        config.regions = [RegionConfig.shanghai]
        config.regions[0].areas[0].profile = profile
        return FleetState(config: config)
    }

    @Test func aFlatProfileKeepsTheDwellAndAPeakedOneFollowsIt() {
        let monday = StartDate(year: 2026, month: 11, day: 30, hour: 0, utcOffsetMinutes: 480)
        let flat = state(.flat, start: monday)
        #expect(flat.departure(area: 0, from: .seconds(100), dwell: 5000) == .seconds(5100))
        // All trips in one hour (09:00) on weekdays, at 12:00 on weekends: any stay ends in it.
        var w = Array(repeating: 0.0, count: 24), e = w
        w[9] = 1
        e[12] = 1
        let peaked = state(DayProfile(weekday: w, weekend: e), start: monday)
        // Profile time runs 24 times faster in the peak hour: 1 profile hour = 150 s of it.
        #expect(peaked.departure(area: 0, from: .zero, dwell: 3600) == .seconds(9 * 3600 + 150))
        // A whole profile day is one real day: from 09:30 Monday, 24 h later is 09:30 Tuesday.
        #expect(peaked.departure(area: 0, from: .seconds(9.5 * 3600), dwell: 86_400) == .seconds(33.5 * 3600))
        // Friday 10:00 + 1 profile hour lands in Saturday's noon peak.
        let friday = 4 * 86_400.0
        #expect(peaked.departure(area: 0, from: .seconds(friday + 10 * 3600), dwell: 3600) == .seconds(friday + 86_400 + 12 * 3600 + 150))
    }

    @Test func departuresNeverComeBeforeTheArrivalAndGrowWithTheDwell() {
        let s = state(.nhts, start: StartDate(year: 2026, month: 3, day: 6, hour: 17))
        var rng = SplitMix(seed: 4)
        for _ in 0..<500 {
            let from = SimTime.seconds(Double(rng.next() % 1_000_000))
            let a = Double(rng.next() % 200_000), b = a + Double(rng.next() % 50_000)
            let ta = s.departure(area: 0, from: from, dwell: a), tb = s.departure(area: 0, from: from, dwell: b)
            #expect(ta >= from && tb >= ta)
        }
    }
}

