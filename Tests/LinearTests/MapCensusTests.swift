import Dashboard
import Fleet
import Foundation
import Geography
import Simulation
import Testing
import TestSupport
@testable import Linear

/// The `map` command's census: one pass over the fleet's numbers gives what the rows of every
/// car gave (the map's counts, per zone, and the cars named first), on seeded random fleets
/// with cars sent into a zone, added, removed and reclassed.
@Suite struct MapCensusTests {
    /// The census as the full rows tell it: the definition the one pass must equal.
    struct FromRows {
        var inZones = 0, restricted = 0, alerting = 0, restrictedInZones = 0, alertingInZones = 0
        var perZone: [ZoneID: Int] = [:]
        var named: [Int] = []

        init(_ rows: [VehicleRow]) {
            let active = rows.filter(\.active)
            for r in active {
                if let z = r.zone {
                    inZones += 1
                    perZone[z, default: 0] += 1
                    if r.restricted { restrictedInZones += 1 }
                    if r.openAlerts > 0 { alertingInZones += 1 }
                }
                if r.restricted { restricted += 1 }
                if r.openAlerts > 0 { alerting += 1 }
            }
            named = active.filter { $0.restricted || $0.openAlerts > 0 }
                .sorted { ($0.maxSeverity, $0.zone != nil ? 1 : 0, $1.index) > ($1.maxSeverity, $1.zone != nil ? 1 : 0, $0.index) }
                .map(\.index)
        }
    }

    @Test(arguments: [1, 2, 3, 5, 8, 13] as [UInt64])
    func theOnePassCountsWhatTheRowsShow(seed: UInt64) {
        var monitor = RandomFleet.monitor(seed: seed)
        monitor.run(until: SimTime.zero + .seconds(Int64(1500 + 100 * seed)))
        let world = monitor.world
        let rows = ModelBuilder(scenarioName: "x").rows(world: world, alerts: monitor.alerts, policies: monitor.policies, cars: Array(0..<world.carCount))
        let expected = FromRows(rows)
        for limit in [0, 1, 3, 20, 10_000] {
            let census = MapCensus(world: world, alerts: monitor.alerts, policies: monitor.policies, limit: limit)
            #expect(census.activeCars == rows.filter(\.active).count)
            #expect(census.inZones == expected.inZones && census.restricted == expected.restricted && census.alerting == expected.alerting)
            #expect(census.restrictedInZones == expected.restrictedInZones && census.alertingInZones == expected.alertingInZones)
            var perZone: [ZoneID: Int] = [:]
            for (i, n) in census.perZone.enumerated() where n > 0 { perZone[world.config.zones[i].id] = n }
            #expect(perZone == expected.perZone)
            #expect(census.named == expected.named.count)
            #expect(census.first == Array(expected.named.prefix(limit)), "seed \(seed), limit \(limit)")
        }
    }

    /// The lines: counts of the whole fleet, the named cars' rows only, the rest counted; the
    /// zone list capped too.
    @Test func theLinesNameTheFirstAndCountTheRest() throws {
        var monitor = RandomFleet.monitor(seed: 21)
        monitor.run(until: SimTime.zero + .seconds(Int64(3600)))
        let world = monitor.world
        let census = MapCensus(world: world, alerts: monitor.alerts, policies: monitor.policies, limit: 1)
        try #require(census.named > 1, "the random fleet has restricted cars")
        let rows = ModelBuilder(scenarioName: "x").rows(world: world, alerts: monitor.alerts, policies: monitor.policies, cars: census.first)
        var zoneNames: [ZoneID: String] = [:]
        for z in world.config.zones { zoneNames[z.id] = z.name }
        let places = LinePlaces(clock: nil, now: world.now, zoneNames: zoneNames, regionOfCar: { _ in "Shanghai" })
        let lines = Lines.map(census, rows: rows, positions: [:], places: places, zoneName: { world.config.zones[$0].name }, zoneLimit: 1)
        #expect(lines[0] == "\(Spoken.count(census.inZones, "car")) inside sensitive zones; \(Spoken.count(census.restricted, "restricted car")) and \(Spoken.count(census.alerting, "car")) with open alerts:")
        #expect(lines.filter { $0.hasPrefix("Car ") }.count == 1)
        #expect(lines.last == "And \(census.named - 1) more; narrow them with a filter, such as filter class:military.")
        let zones = census.perZone.filter { $0 > 0 }.count
        if zones > 1 {
            #expect(lines[1].contains(" and \(zones - 1) more zones; of them, "), "\(lines[1])")
        }
        for line in lines { #expect(line.count < Lines.maxLength) }
        // As many zones as fit: the line keeps its end, whatever the zones' names.
        let long = Lines.map(census, rows: rows, positions: [:], places: places, zoneName: { "Zone \($0) " + String(repeating: "x", count: 40) })
        if zones > 0 {
            #expect(long[1].hasSuffix(" with open alerts.") && long[1].count < Lines.maxLength, "\(long[1])")
        }
    }

    /// 100,000 cars: the census against every car's row, timed (debug builds are slower; the
    /// ratio is what this shows). The counts agree.
    @Test func aHugeFleetIsOnePass() throws {
        var config = WorldConfig.default
        config.fleetSize = 100_000
        var monitor = try FleetMonitor(config: config)
        monitor.run(until: SimTime.zero + .seconds(Int64(120)))
        let world = monitor.world
        let clock = ContinuousClock()
        var census: MapCensus?
        let counted = clock.measure { census = MapCensus(world: world, alerts: monitor.alerts, policies: monitor.policies) }
        var rows: [VehicleRow] = []
        let built = clock.measure {
            rows = ModelBuilder(scenarioName: "x").rows(world: world, alerts: monitor.alerts, policies: monitor.policies, cars: Array(0..<world.carCount))
        }
        print("MapCensus over \(world.carCount) cars: \(counted); every car's row: \(built)")
        #expect(census?.inZones == FromRows(rows).inZones)
        #expect(census?.first.count ?? 0 <= 20)
        #expect(counted < built)
    }
}
