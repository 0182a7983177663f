import Geography
import Simulation
import Testing
@testable import Fleet

@Suite struct ConfigTests {
    func refusal(_ change: (inout WorldConfig) -> Void) -> ConfigError? {
        var config = WorldConfig.default
        change(&config)
        do {
            try config.validate()
            return nil
        } catch {
            return error
        }
    }

    @Test func defaultIsValid() throws {
        try WorldConfig.default.validate()
    }

    @Test func negativeRateNamesItsPathAndRange() {
        let e = refusal { $0.flows.categories[.telemetry]?.driving.rate = -1 }
        #expect(e?.path == "flows.telemetry.driving.rate")
        #expect(e?.allowed == "0 ... 1000000")
        #expect(e?.description.contains("flows.telemetry.driving.rate = -1") == true)
    }

    @Test func sharesAbovePercentAreRefused() {
        let e = refusal { $0.regions[0].classMix[0].percent = 120 }
        #expect(e?.path == "regions[0].classMix[0].percent")
        #expect(e?.allowed == "0 ... 100")
        let sum = refusal { $0.regions[1].classMix[0].percent = 80 }
        #expect(sum?.path == "regions[1].classMix")
        #expect(sum?.allowed == "shares adding up to 100 %")
        let up = refusal { $0.flows.categories[.media]?.upShare = 1.5 }
        #expect(up?.path == "flows.media.upShare")
    }

    @Test func emptyRegionsAndZeroFleetsAreRefused() {
        #expect(refusal { $0.regions = [] }?.path == "regions")
        let zero = refusal { $0.fleetSize = 0 }
        #expect(zero?.path == "fleetSize")
        #expect(zero?.allowed.hasPrefix("1 ... ") == true)
        #expect(refusal { $0.regions[0].areas = [] }?.path == "regions[0].areas")
        #expect(refusal { $0.regions[0].areas[0].places.removeAll { $0.kind == .charger } }?.path == "regions[0].areas[0].places")
    }

    @Test func otherRangesAreChecked() {
        #expect(refusal { $0.flows.tickSeconds = 0 }?.path == "flows.tickSeconds")
        #expect(refusal { $0.behaviour.chargeTarget = 2 }?.path == "behaviour.chargeTarget")
        #expect(refusal { $0.behaviour.fromHome.work = -.infinity }?.path == "behaviour.fromHome.work")
        #expect(refusal { $0.meters.historyLength = 0 }?.path == "meters.historyLength")
        #expect(refusal { $0.zones[0].shape = .circle(center: GeoPoint(latitude: 31, longitude: 121), radiusMeters: -5) }?
            .path == "zones[0].shape.radiusMeters")
        #expect(refusal { $0.regions[0].areas[0].places[0].bounds.north = 50 }?.path == "regions[0].areas[0].places[0].bounds")
    }

    @Test func routingMustNameKnownServices() {
        let e = refusal { $0.routing.setService("nowhere", for: .voice, market: .cn) }
        #expect(e?.path == "routing.CN.voice")
        #expect(e?.value == "nowhere")
        #expect(refusal { $0.services.append($0.services[0]) }?.path == "services[\(WorldConfig.default.services.count)].id")
    }

    @Test func worldInitRefusesBadConfig() {
        var config = WorldConfig.default
        config.flows.categories[.ota]?.charging.meanBytes = 0
        #expect(throws: ConfigError.self) { try FleetWorld(config: config) }
    }

    @Test func addressesParseAndClassify() {
        #expect(IPv4Address(parsing: "203.0.113.10") == IPv4Address(203, 0, 113, 10))
        #expect(IPv4Address(parsing: "256.1.1.1") == nil)
        #expect(IPv4Address(parsing: "1.2.3") == nil)
        #expect(ServiceConfig.defaults.allSatisfy { $0.address.isDocumentationAddress })
        #expect(IPv4Address(100, 64, 0, 5).isIn(.carrierNATBase, prefixLength: 10))
    }

    @Test func seasonalZonesFollowTheCalendar() throws {
        var config = WorldConfig.default
        config.fleetSize = 2
        config.start = StartDate(year: 2026, month: 6, day: 30, hour: 12)
        // The default scenario has no seasonal zone (DECISIONS.md 2026-12-02): add Beidaihe.
        config.zones.append(ZoneConfig(
            id: "cn-seasonal-beidaihe", name: "Beidaihe, Hebei", kind: .seasonal, country: .china,
            shape: .circle(center: GeoPoint(latitude: 39.83, longitude: 119.48), radiusMeters: 3000),
            season: SeasonWindow(startMonth: 7, startDay: 1, endMonth: 8, endDay: 31)))
        let world = try FleetWorld(config: config)
        let beidaihe = try #require(config.zoneIndex("cn-seasonal-beidaihe"))
        #expect(!world.isZoneActive(beidaihe, at: .zero))
        #expect(world.isZoneActive(beidaihe, at: .seconds(13 * 3600)))  // 1 July, 01:00
        #expect(!world.isZoneActive(beidaihe, at: .seconds(13 * 3600 + 62 * 86_400)))  // 1 September
        #expect(world.isZoneActive(0, at: .zero))
        #expect(CalendarDay(start: StartDate(year: 2024, month: 2, day: 28), at: .seconds(86_400)).day == 29)
    }
}
