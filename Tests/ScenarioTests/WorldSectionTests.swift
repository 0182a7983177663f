import Testing
import Fleet
import Simulation
@testable import Scenario

/// The world sections of a scenario: small files change one thing, bad ones say where.
@Suite struct WorldSectionTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try Scenario.parse(text: text, file: "w.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func aSmallFileChangesOneThing() throws {
        let s = try Scenario.parse(text: """
            name: Clips abroad
            fleet: {size: 40}
            routing: {CN: {camera-clip: tesla-ai}}
            flows: {camera-clip: {driving: {rate: 2}, anonymised: true}}
            timeline:
              - {at: 1m, action: set-routing, market: CN, category: camera-clip, service: tesla-cn-dc}
              - {at: 2m, action: caption, text: Home again}
            """, file: "w.yaml")
        var expected = WorldConfig.default
        expected.fleetSize = 40
        expected.routing.setService("tesla-ai", for: .cameraClip, market: .cn)
        expected.flows.categories[.cameraClip]?.driving.rate = 2
        #expect(s.world == expected)
        #expect(s.monitor.anonymisedCategories == [.cameraClip])
        #expect(s.fleetActionCount == 1 && s.timeline.count == 2)
        var monitor = try s.makeMonitor()
        monitor.run(until: .zero + .minutes(3))
        #expect(monitor.world.config.routing.service(for: .cameraClip, market: .cn) == "tesla-cn-dc")
        #expect(monitor.presentationCues.map(\.action) == [.caption(text: "Home again", duration: nil)])
    }

    @Test func telemetryFieldsReplaceTheDefaultList() throws {
        let s = try Scenario.parse(text: """
            name: Location only
            flows:
              telemetry:
                record-overhead-bytes: 150
                fields:
                  - {name: Location, bytes: 27, interval-seconds: 5, minimum-delta: 10, resend-interval-seconds: 300,
                     change: {driving: 8}}
            """, file: "w.yaml")
        let t = s.world.flows.telemetry
        #expect(t.recordOverheadBytes == 150)
        #expect(t.fields == [TelemetryField(
            name: "Location", bytes: 27, intervalSeconds: 5, minimumDelta: 10, resendIntervalSeconds: 300,
            change: FieldChange(driving: 8))])
        // 10 m at 8 m/s on 5 s checks: every 5 s driving; resent every 300 s parked.
        #expect(abs(t.recordsPerSecond(.driving) - 0.2) < 1e-12 && abs(t.recordsPerSecond(.parked) - 1.0 / 300) < 1e-12)
        let p = s.world.flows.profile(.telemetry, .driving)
        #expect(abs(p.rate - 720) < 1e-9 && abs(p.meanBytes - 177) < 1e-9 && p.sizeSigma == 0)
    }

    @Test func thirdPartyTelemetryCopiesTheStreamToTheAppsServer() throws {
        let s = try Scenario.parse(text: """
            name: Everyone has the app
            fleet: {size: 40}
            regions:
              - id: us
                market: US
                third-party-telemetry: [{service: cn-car-app, share: 1}]
                models: [{model: "3", factory: fremont, share: 1, battery-kwh: 75}]
                areas:
                  - id: a
                    bounds: {south: 37.2, north: 37.9, west: -122.55, east: -121.6}
                    places:
                      - {id: h, kind: residential, bounds: {south: 37.3, north: 37.4, west: -122.1, east: -122.0}}
                      - {id: c, kind: charger, center: [37.35, -122.05], radius-m: 50}
            """, file: "w.yaml")
        #expect(s.world.regions[0].thirdPartyTelemetry == [ThirdPartyTelemetry(service: "cn-car-app", share: 1)])
        var monitor = try s.makeMonitor()
        var sink = CollectSink()
        monitor.run(until: .zero + .minutes(30), sink: &sink)
        let telemetry = zip(sink.flows, sink.facts).filter { $0.1.category == .telemetry }
        let toTesla = telemetry.filter { $0.1.service == "tesla-us-cloud" }, toApp = telemetry.filter { $0.1.service == "cn-car-app" }
        #expect(!toTesla.isEmpty && toTesla.count == toApp.count)
        #expect(toTesla.map(\.0.record.bytes) == toApp.map(\.0.record.bytes))
        #expect(toApp.allSatisfy { $0.1.destinationCountry == .china })
        #expect(toApp.contains { $0.0.verdicts.contains { monitor.policies.rules[$0.rule].id == "US-2" && $0.severity == .critical } })
    }

    @Test func aNewRegionWithItsOwnMixAndZones() throws {
        let s = try Scenario.parse(text: """
            name: Beijing
            fleet:
              size: 10
              start: 2027-07-15 09:30
              mix: [{region: beijing, share: 1, classes: {private: 90, diplomat: 10}}]
            classes: [{id: diplomat, name: Diplomat}]
            regions:
              - id: beijing
                market: CN
                model-years: [2027, 2028]
                models: [{model: Y, factory: shanghai, share: 1, battery-kwh: 75}]
                areas:
                  - id: metro
                    bounds: {south: 39.7, north: 40.1, west: 116.2, east: 116.6}
                    places:
                      - {id: home, kind: residential, bounds: {south: 39.8, north: 39.9, west: 116.3, east: 116.4}}
                      - {id: sc, kind: charger, center: [39.9, 116.4], radius-m: 50}
                zones:
                  - {id: zhongnanhai, kind: government-organ, center: [39.91, 116.38], radius-m: 1000}
                  - {id: beidaihe, kind: seasonal, center: [39.83, 119.48], radius-m: 3000, season: {from: 07-01, to: 08-31}}
            """, file: "w.yaml")
        #expect(s.world.regions.map(\.id) == ["beijing"] && s.world.regions[0].chineseNames)
        #expect(s.world.regions[0].classMix == [ClassShare(.privateOwner, percent: 90), ClassShare("diplomat", percent: 10)])
        #expect(s.world.zones.map(\.country) == [.china, .china])
        #expect(s.world.zones[1].season == SeasonWindow(startMonth: 7, startDay: 1, endMonth: 8, endDay: 31))
        #expect(s.world.start == StartDate(year: 2027, month: 7, day: 15, hour: 9.5))
        #expect(s.classes.map(\.name) == ["Diplomat"])
        #expect(try FleetWorld(config: s.world).carCount == 10)
    }

    static let cases: [(String, String, [String])] = [
        ("unknown key in a region, bad market, bad box", """
            name: n
            regions:
              - id: r
                market: EU
                modl-years: [2020, 2021]
                models: [{model: "3", factory: shanghai, share: 1, battery-kwh: 60}]
                areas: [{id: a, bounds: {south: 31, north: 30, west: 121, east: 122}, places: []}]
            """, [
                "w.yaml:4:13: error: unknown market 'EU'; did you mean 'CN'?",
                "w.yaml:5:5: error: unknown key 'modl-years' in a region; did you mean 'model-years'?",
                "w.yaml:7:29: error: area 'a' bounds must have south <= north and west <= east",
            ]),
        ("undefined references in the world sections", """
            name: n
            fleet: {mix: [{region: shangai, classes: {militray: 5}}]}
            routing: {CN: {telemetry: tesla-cn-d}}
            """, [
                "w.yaml:2:24: error: undefined region 'shangai'; did you mean 'shanghai'?",
                "w.yaml:3:27: error: undefined service 'tesla-cn-d'; did you mean 'tesla-cn-dc'?",
            ]),
        ("telemetry with per-state profiles, a field without a change, an app without a service", """
            name: n
            flows:
              telemetry:
                driving: {rate: 3600}
                fields: [{name: Gear, bytes: 16, interval-seconds: 0.5}]
            regions:
              - id: r
                market: US
                third-party-telemetry: [{service: nowhere, share: 0.5}]
                models: [{model: "3", factory: fremont, share: 1, battery-kwh: 75}]
                areas: [{id: a, bounds: {south: 30, north: 31, west: 121, east: 122}, places: [
                  {id: h, kind: residential, bounds: {south: 30.1, north: 30.2, west: 121.1, east: 121.2}},
                  {id: c, kind: charger, center: [30.5, 121.5], radius-m: 50}]}]
            """, [
                "w.yaml:4:5: error: unknown key 'driving' in flows.telemetry; expected one of: anonymised, fields, "
                    + "packet-bytes, record-overhead-bytes, throughput, up-share",
                "w.yaml:5:14: error: missing key 'change' in a telemetry field",
                "w.yaml:5:56: error: flows.telemetry field 'Gear' interval-seconds must be between 1.0 and 86400.0, found 0.5",
            ]),
        ("a third-party app whose service is not defined", """
            name: n
            regions:
              - id: r
                market: US
                third-party-telemetry: [{service: nowhere, share: 0.5}]
                models: [{model: "3", factory: fremont, share: 1, battery-kwh: 75}]
                areas: [{id: a, bounds: {south: 30, north: 31, west: 121, east: 122}, places: [
                  {id: h, kind: residential, bounds: {south: 30.1, north: 30.2, west: 121.1, east: 121.2}},
                  {id: c, kind: charger, center: [30.5, 121.5], radius-m: 50}]}]
            """, [
                "w.yaml:5:39: error: invalid parameter regions[0].thirdPartyTelemetry[0].service = nowhere: allowed a "
                    + "service id defined in services; change it in the scenario",
            ]),
        ("class mix that does not add up, reported at the mix", """
            name: n
            fleet:
              mix:
                - {region: shanghai, classes: {private: 90, military: 5}}
            """, [
                "w.yaml:4:35: error: invalid parameter regions[0].classMix = 95.0 % in all: allowed shares adding up to 100 %; "
                    + "change it in the scenario",
            ]),
        ("services replaced without the routed ones, reported at the routing's section", """
            name: n
            services: [{id: only, country: CN, address: 203.0.113.9}]
            """, [
                "w.yaml:2:11: error: invalid parameter routing.CN.telemetry = tesla-cn-dc: allowed a service id defined "
                    + "in services; change it in the scenario",
            ]),
        ("bad address, duplicate service, zone without a shape", """
            name: n
            services:
              - {id: a, country: CN, address: 203.0.113.999}
              - {id: a, country: China, address: 203.0.113.1}
            regions:
              - id: r
                market: CN
                models: [{model: "3", factory: shanghai, share: 1, battery-kwh: 60}]
                areas: [{id: a, bounds: {south: 30, north: 31, west: 121, east: 122}, places: []}]
                zones: [{id: z, kind: military}]
            """, [
                "w.yaml:3:35: error: service 'a' address must be an IPv4 address such as 203.0.113.10, found '203.0.113.999'",
                "w.yaml:4:10: error: duplicate service id 'a' (first defined at 3:10)",
                "w.yaml:4:22: error: service 'a' country must be a two-letter country code such as CN or US, found 'China'",
                "w.yaml:10:13: error: zone 'z' needs exactly one of 'center' (with 'radius-m') or 'polygon'",
                "w.yaml:10:27: error: unknown zone kind 'military'; did you mean 'military-zone'?",
            ]),
        ("a car added by the timeline can be named after it", """
            name: n
            fleet: {size: 10}
            timeline:
              - {at: 0s, action: add-cars, count: 2, region: us}
              - {at: 1s, action: assign-class, car: 11, class: military}
              - {at: 2s, action: assign-class, car: 12, class: military}
            """, [
                "w.yaml:6:41: error: undefined car 12: car indexes run from 0 to 11 (fleet.size is 10, plus 2 added before)",
            ]),
    ]

    @Test(arguments: cases.indices)
    func reportsProblemsAtTheirNode(_ i: Int) {
        let (name, text, expected) = Self.cases[i]
        #expect(problems(text) == expected, "\(name)")
    }
}
