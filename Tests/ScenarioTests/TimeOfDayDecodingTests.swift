import Testing
import Fleet
import Simulation
@testable import Scenario

/// `fleet.start` with its offset, an area's `time-zone` and `profile`, and `behaviour`.
@Suite struct TimeOfDayDecodingTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try Scenario.parse(text: text, file: "t.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    static let hours = (0..<24).map { String($0 == 8 ? 5 : 1) }.joined(separator: ", ")

    @Test func startOffsetsZonesProfilesAndBehaviourDecode() throws {
        let s = try Scenario.parse(text: """
            name: Clocks
            fleet: {size: 10, start: 2026-07-01T06:30-07:00}
            regions:
              - id: west
                market: US
                models: [{model: Y, factory: fremont, share: 1, battery-kwh: 75}]
                areas:
                  - id: denver
                    time-zone: America/Denver
                    profile: {weekday: [\(Self.hours)], weekend: [\(Self.hours)]}
                    bounds: {south: 39.6, north: 39.9, west: -105.1, east: -104.8}
                    places:
                      - {id: home, kind: residential, bounds: {south: 39.7, north: 39.8, west: -105.0, east: -104.9}}
                      - {id: sc, kind: charger, center: [39.75, -104.95], radius-m: 50}
                  - id: bay-area
                    bounds: {south: 37.2, north: 37.9, west: -122.55, east: -121.60}
                    places:
                      - {id: home2, kind: residential, bounds: {south: 37.3, north: 37.4, west: -122.0, east: -121.9}}
                      - {id: sc2, kind: charger, center: [37.4, -122.11], radius-m: 50}
                  - id: fixed
                    time-zone: UTC+05:30
                    bounds: {south: 10, north: 11, west: 10, east: 11}
                    places:
                      - {id: home3, kind: residential, bounds: {south: 10.2, north: 10.4, west: 10.2, east: 10.4}}
                      - {id: sc3, kind: charger, center: [10.5, 10.5], radius-m: 50}
            behaviour:
              dwell-hours: {home: 12}
              from-elsewhere: {home: 0.9}
              sleep-after: 5m
              initial-battery: [0.5, 0.6]
            """, file: "t.yaml")
        #expect(s.world.start == StartDate(year: 2026, month: 7, day: 1, hour: 6.5, utcOffsetMinutes: -420))
        let areas = s.world.regions[0].areas
        #expect(areas[0].timeZone.name == "America/Denver" && areas[0].timeZone.usDaylightSaving)
        #expect(areas[0].profile.weekday[8] == 5 && areas[0].profile.weekend[7] == 1)
        // Left out: the default area's zone and profile (same id), else the market's.
        #expect(areas[1].timeZone == .usPacific && areas[1].profile == .nhts)
        #expect(areas[2].timeZone.standardOffsetMinutes == 330 && areas[2].profile == .nhts)
        var b = BehaviourConfig.defaults
        b.dwellHours.home = 12
        b.fromElsewhere.home = 0.9
        b.sleepAfterSeconds = 300
        b.initialBattery = 0.5...0.6
        #expect(s.world.behaviour == b)
        let world = try FleetWorld(config: s.world)
        #expect(world.localTime(area: 0).iso == "2026-07-01T07:30:00-06:00")
        #expect(world.localTime(area: 1).iso == "2026-07-01T06:30:00-07:00")
        #expect(world.localTime(area: 2).iso == "2026-07-01T19:00:00+05:30")
    }

    @Test func aStartWithoutOffsetIsTheFirstAreasLocalTime() throws {
        let s = try Scenario.parse(text: "name: Plain\nfleet: {start: 2026-11-30 08:00}\n", file: "t.yaml")
        #expect(s.world.start.utcOffsetMinutes == nil)
        #expect(SimCalendar(config: s.world).local(.utc, at: .zero).iso == "2026-11-30T00:00:00+00:00")
    }

    @Test func badValuesSayWhere() {
        #expect(problems("name: x\nfleet: {start: 2026-11-30 08:00 +25:00}\n") == [
            "t.yaml:2:16: error: fleet.start must be a date such as 2026-11-30 or 2026-11-30 08:00, optionally with the UTC "
                + "offset it is written in (2026-11-30 08:00 +08:00), found '2026-11-30 08:00 +25:00'",
        ])
        let region = """
            name: x
            regions:
              - id: r
                market: CN
                models: [{model: Y, factory: shanghai, share: 1, battery-kwh: 75}]
                areas:
                  - id: a
                    bounds: {south: 30, north: 31, west: 121, east: 122}
                    places: [{id: h, kind: residential, bounds: {south: 30.2, north: 30.4, west: 121.2, east: 121.4}},
                             {id: c, kind: charger, center: [30.5, 121.5], radius-m: 50}]

            """
        let zone = problems(region + "        time-zone: Asia/Shanghia\n")
        #expect(zone.count == 1 && zone[0].hasPrefix("t.yaml:11:20: error: area 'a' time-zone must be one of UTC, Asia/Shanghai"))
        #expect(zone.first?.contains("found 'Asia/Shanghia'") == true, "\(zone)")
        #expect(problems(region + "        profile: {weekday: [1, 2], weekend: [\(Self.hours)]}\n") == [
            "t.yaml:11:28: error: area 'a' profile weekday must list 24 weights, one per hour from 00:00, found 2",
        ])
        let zeros = Array(repeating: "0", count: 24).joined(separator: ", ")
        #expect(problems(region + "        profile: {weekday: [\(Self.hours)], weekend: [\(zeros)]}\n").first?
            .contains("area 'a' profile weekend must have at least one positive weight") == true)
        #expect(problems("name: x\nbehaviour: {dwell-hours: {home: 0}}\n").first?.hasPrefix("t.yaml:2:33: error: behaviour.dwell-hours.home") == true)
        #expect(problems("name: x\nbehaviour: {dwel-hours: {home: 3}}\n").first?.contains("did you mean 'dwell-hours'") == true)
    }
}
