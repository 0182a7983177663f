import Geography
import Simulation
import Testing
@testable import Fleet

/// Overlapping zones resolve by one rule: a zone in force beats one out of season; then the
/// smallest; then the earlier in the list. Every flow records the zone it was produced in.
@Suite struct ZoneOverlapTests {
    static let square = GeoPoint(latitude: 31.230, longitude: 121.474)

    /// A seasonal zone (July-August) around the whole of central Shanghai, listed first, over
    /// People's Square: the shape of the bug where an out-of-season zone masked the active one.
    static func seasonalCity(season: SeasonWindow = SeasonWindow(startMonth: 7, startDay: 1, endMonth: 8, endDay: 31))
        -> ZoneConfig
    {
        ZoneConfig(id: "cn-seasonal-city", name: "Leadership visit (synthetic)", kind: .seasonal, country: .china,
                   shape: .circle(center: square, radiusMeters: 6000), season: season)
    }

    static func config(_ zones: [ZoneConfig], cars: Int = 40) -> WorldConfig {
        var c = WorldConfig.default  // starts on 2026-11-30: out of the July-August season
        c.seed = 11
        c.fleetSize = cars
        c.behaviour.initialAwakeShare = 1
        c.zones = zones
        return c
    }

    static func minutes(_ m: Int64) -> SimTime { SimTime(nanoseconds: SimDuration.minutes(m).nanoseconds) }

    @Test func anActiveZoneBeatsAnInactiveOneListedBefore() throws {
        let config = Self.config([Self.seasonalCity()] + ZoneConfig.defaults)
        var world = try FleetWorld(config: config)
        let square = try #require(config.zoneIndex("cn-gov-peoples-square"))
        let car = try #require((0..<world.carCount).first { world.market(of: $0) == .cn })
        try world.schedule(.sendCar(car: car, to: .zone("cn-gov-peoples-square")), at: .seconds(60))
        world.run(until: .seconds(61))
        let arrival = try #require(world.car(car).trip?.arrival)
        var flows = CollectFlows()
        world.run(until: arrival + .seconds(Int64(120)), observer: &flows)
        #expect(world.zone(of: car) == square)
        #expect(world.car(car).zone == "cn-gov-peoples-square")
        let inZone = flows.flows.filter { $0.vehicle == UInt32(car) && $0.start >= arrival }
        #expect(!inZone.isEmpty && inZone.allSatisfy { $0.zone == UInt16(square) })
    }

    /// Through the monitor: CN-2 fires for location data produced inside People's Square.
    @Test func cn2FiresInsideTheMaskedZone() throws {
        let config = Self.config([Self.seasonalCity()] + ZoneConfig.defaults)
        var monitor = try FleetMonitor(config: config, timeline: [
            TimelineEntry(at: .seconds(Int64(30)), action: .trip(car: .index(0), to: .zone("cn-gov-peoples-square")),
                          location: SourceLocation(file: "test", line: 1, column: 1)),
        ])
        #expect(monitor.world.market(of: 0) == .cn)
        monitor.run(until: .seconds(31))
        let arrival = try #require(monitor.world.car(0).trip?.arrival)
        monitor.run(until: arrival + .minutes(10))
        #expect(monitor.world.car(0).zone == "cn-gov-peoples-square")
        let alerts = monitor.alerts.openAlerts + Array(monitor.alerts.log)
        let cn2 = alerts.filter { $0.ruleID == "CN-2" && $0.vehicle == 0 }
        #expect(!cn2.isEmpty)
        #expect(cn2.allSatisfy { $0.facts.zone == "cn-gov-peoples-square" })
    }

    @Test func theSmallestActiveZoneWinsThenListOrder() {
        let inSeason = SeasonWindow(startMonth: 1, startDay: 1, endMonth: 12, endDay: 31)
        let big = Self.seasonalCity(season: inSeason)
        let small = ZoneConfig.defaults[0]  // People's Square, 800 m
        var table = ZoneTable(zones: [big, small])
        _ = table.updateSeasons(start: WorldConfig.default.start, at: .zero)
        #expect(table.zone(at: Self.square) == 1)
        // Away from the square, only the big zone contains the point.
        #expect(table.zone(at: GeoPoint(latitude: 31.23, longitude: 121.52)) == 0)
        // Equal areas: the earlier listed wins.
        let twin = ZoneConfig(id: "twin", name: "Twin", kind: .governmentOrgan, country: .china, shape: small.shape)
        let twins = ZoneTable(zones: [twin, small])
        #expect(twins.zone(at: Self.square) == 0)
    }

    @Test func onlyInactiveZonesStillNameThePlaceButAreNotSensitive() {
        var table = ZoneTable(zones: [Self.seasonalCity()])
        _ = table.updateSeasons(start: WorldConfig.default.start, at: .zero)
        #expect(!table.active[0])
        #expect(table.zone(at: Self.square) == 0)
        #expect(table.zone(at: GeoPoint(latitude: 0, longitude: 0)) == FleetState.noZone)
    }

    /// When a season starts, cars already standing in the zone are in it from that day.
    @Test func aSeasonStartingMovesParkedCarsIntoTheActiveZone() throws {
        var config = Self.config([Self.seasonalCity(season: SeasonWindow(startMonth: 12, startDay: 1, endMonth: 12, endDay: 31))])
        config.start = StartDate(year: 2026, month: 11, day: 30, hour: 20)
        var table = ZoneTable(zones: config.zones)
        let first = table.updateSeasons(start: config.start, at: .zero)
        #expect(!first && !table.active[0])  // the first day sets the flags, it does not "change" them
        let next = table.updateSeasons(start: config.start, at: SimTime(nanoseconds: SimDuration.hours(5).nanoseconds))
        #expect(next && table.active[0])
    }

    @Test func areas() {
        let circle = ZoneShape.circle(center: Self.square, radiusMeters: 1000)
        #expect(abs(circle.areaSquareMeters - .pi * 1e6) < 1)
        let box = ZoneShape.polygon([
            GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 0, longitude: 0.01),
            GeoPoint(latitude: 0.01, longitude: 0.01), GeoPoint(latitude: 0.01, longitude: 0),
        ])
        let side = 0.01 * Geo.metersPerDegreeLatitude
        #expect(abs(box.areaSquareMeters - side * side) / (side * side) < 0.001)
    }
}
