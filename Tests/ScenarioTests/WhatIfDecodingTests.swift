import Fleet
import Simulation
import Testing
@testable import Scenario

/// What-ifs (docs/what-if.md): a file of its own or a scenario's `what-ifs`, the timeline's
/// `set-policies`, and the merge that makes "the scenario with the what-if from T".
@Suite struct WhatIfDecodingTests {
    static let names = Scenario.builtIn.names

    @Test func aWhatIfFileNamesRoutesAndPolicies() throws {
        let w = try WhatIf.parse(text: """
            name: Pre-2021 routing
            description: as reported
            routing:
              CN: {telemetry: tesla-us-cloud, camera-clip: tesla-ai}
            policies:
              restricted-classes: {US: [military, government]}
            """, file: "w.yaml", names: Self.names)
        #expect(w.name == "Pre-2021 routing" && w.description == "as reported")
        #expect(w.routing.map { "\($0.market.rawValue) \($0.category.rawValue) \($0.service.rawValue) \($0.location)" } == [
            "CN telemetry tesla-us-cloud w.yaml:4:19", "CN camera-clip tesla-ai w.yaml:4:48",
        ])
        #expect(w.policies == PolicyChange(restrictedClasses: [.us: [.military, .government]]))
        let entries = w.entries(from: .seconds(Int64(600)))
        #expect(entries.map(\.action.name) == ["set-routing", "set-routing", "set-policies"])
        #expect(entries.allSatisfy { $0.at == .seconds(Int64(600)) })
    }

    /// Every mistake with its place, as the scenario's own.
    @Test(arguments: [
        ("name: x\nrouting: {CN: {telemetry: tesla-us-clod}}\n",
         "w.yaml:2:27: error: undefined service 'tesla-us-clod'; did you mean 'tesla-us-cloud'?"),
        ("name: x\nroutes: {}\n", "w.yaml:2:1: error: unknown key 'routes' in the what-if; expected one of: description, fleet, name, policies, routing, zones"),
        ("name: x\n", "w.yaml:1:1: error: the what-if changes nothing: give it routing, policies, zones or fleet (docs/what-if.md)"),
        ("routing: {CN: {telemetry: tesla-ai}}\n", "w.yaml:1:1: error: missing key 'name' in the what-if"),
        ("name: x\npolicies: {restricted-classes: {US: [militray]}}\n",
         "w.yaml:2:38: error: undefined user class 'militray'; did you mean 'military'?"),
        ("name: x\npolicies: {}\n", "w.yaml:2:11: error: the what-if policies needs restricted-classes or rules (or both)"),
        ("name: x\nzones: {add: [{id: cn-gov-peoples-square, market: CN, kind: government-organ, center: [31.2, 121.4], radius-m: 100}]}\n",
         "w.yaml:2:20: error: zone 'cn-gov-peoples-square' is already a zone of the scenario; give the added zone an id of its own"),
        ("name: x\nzones: {remove: [cn-gov-peoples-squar]}\n", "w.yaml:2:18: error: undefined zone 'cn-gov-peoples-squar'; did you mean 'cn-gov-peoples-square'?"),
        ("name: x\nzones: {add: [{id: z1, kind: government-organ, center: [31.2, 121.4], radius-m: 100}]}\n",
         "w.yaml:2:15: error: zone 'z1' needs 'market' (CN or US): the country it is in"),
        ("name: x\nzones: {add: [{id: z1, market: CN, kind: palace, center: [31.2, 121.4], radius-m: 100}]}\n",
         "w.yaml:2:42: error: unknown zone kind 'palace'; expected one of: defence-industry, government-organ, military-zone, seasonal, us-government-site"),
        ("name: x\nzones: {}\n", "w.yaml:2:8: error: the what-if zones needs add or remove (or both)"),
        ("name: x\nfleet: {mix: [{region: shanghai, classes: {private: 90, military: 5}}]}\n",
         "w.yaml:2:43: error: fleet.mix classes must add up to 100 percent, found 95"),
        ("name: x\nfleet: {mix: [{region: shanghai, classes: {private: 90, militry: 10}}]}\n",
         "w.yaml:2:57: error: undefined user class 'militry'; did you mean 'military'?"),
        ("name: x\nfleet: {mix: [{region: shanghia, classes: {private: 100}}]}\n",
         "w.yaml:2:24: error: undefined region 'shanghia'; did you mean 'shanghai'?"),
        ("name: x\nfleet: {}\n", "w.yaml:2:8: error: the what-if fleet needs mix or apps (or both)"),
        ("name: x\nfleet: {apps: [{region: us, third-party-telemetry: [{service: cn-car-ap, share: 0.1}]}]}\n",
         "w.yaml:2:63: error: undefined service 'cn-car-ap'; did you mean 'cn-car-app'?"),
        ("name: x\nfleet: {apps: [{region: us, third-party-telemetry: [{service: cn-car-app, share: 0.7}, {service: us-car-app, share: 0.4}]}]}\n",
         "w.yaml:2:52: error: fleet.apps third-party-telemetry shares add up to 1.1, more than 1 (a car has at most one app)"),
        ("name: x\nfleet: {apps: [{region: us}]}\n", "w.yaml:2:16: error: missing key 'third-party-telemetry' in a fleet.apps entry"),
    ])
    func aBadWhatIfSaysWhereAndWhat(_ text: String, _ expected: String) {
        do {
            let w = try WhatIf.parse(text: text, file: "w.yaml", names: Self.names)
            Issue.record("accepted: \(w)")
        } catch {
            #expect(error.diagnostics.map(\.description) == [expected])
        }
    }

    /// A what-if's `fleet.mix` becomes one `set-class-mix` a region, after its other entries;
    /// the timeline's `set-class-mix` is the same written in a scenario.
    @Test func aFleetMixIsSetClassMixEntries() throws {
        let w = try WhatIf.parse(text: """
            name: More state staff
            routing: {CN: {telemetry: tesla-us-cloud}}
            fleet:
              mix:
                - {region: shanghai, classes: {private: 76, corporate: 12, government: 4, military: 3, key-soe: 5}}
            """, file: "w.yaml", names: Self.names)
        let shares = [ClassShare(.privateOwner, percent: 76), ClassShare(.corporate, percent: 12), ClassShare(.government, percent: 4),
                      ClassShare(.military, percent: 3), ClassShare("key-soe", percent: 5)]
        let entries = w.entries(from: .seconds(Int64(60)))
        #expect(entries.map(\.action.name) == ["set-routing", "set-class-mix"])
        #expect(entries.last?.action == .setClassMix(region: "shanghai", classes: shares))
        let s = try Scenario.parse(text: "name: s\ntimeline: [{at: 1m, action: set-class-mix, region: us, classes: {private: 50, military: 50}}]\n", file: "s.yaml")
        #expect(s.timeline.first?.action == .setClassMix(region: "us", classes: [ClassShare(.privateOwner, percent: 50), ClassShare(.military, percent: 50)]))
    }

    /// A what-if's `fleet.apps` becomes one `set-apps` a region, after its class mixes; the
    /// timeline's `set-apps` is the same written in a scenario.
    @Test func fleetAppsAreSetAppsEntries() throws {
        let w = try WhatIf.parse(text: """
            name: Apps
            fleet:
              mix: [{region: us, classes: {private: 100}}]
              apps: [{region: us, third-party-telemetry: [{service: us-car-app, share: 0.05}]}, {region: shanghai, third-party-telemetry: []}]
            """, file: "w.yaml", names: Self.names)
        let entries = w.entries(from: .seconds(Int64(60)))
        #expect(entries.map(\.action.name) == ["set-class-mix", "set-apps", "set-apps"])
        #expect(entries[1].action == .setApps(region: "us", apps: [ThirdPartyTelemetry(service: "us-car-app", share: 0.05)]))
        #expect(entries[2].action == .setApps(region: "shanghai", apps: []))
        let s = try Scenario.parse(
            text: "name: s\ntimeline: [{at: 1m, action: set-apps, region: us, third-party-telemetry: [{service: cn-car-app, share: 0.5}]}]\n",
            file: "s.yaml")
        #expect(s.timeline.first?.action == .setApps(region: "us", apps: [ThirdPartyTelemetry(service: "cn-car-app", share: 0.5)]))
    }

    @Test func theBuiltInScenarioNamesItsWhatIfs() throws {
        let s = Scenario.builtIn
        #expect(s.whatIfs.map(\.name) == ["Pre-2021 routing", "Camera clips to US AI training", "US rules of 2027", "District governments listed",
                                          "Twice the state staff in Shanghai", "Car apps hosted in China barred in the US"])
        let zones = try #require(s.whatIf(named: "district governments listed")?.zones)
        #expect(zones.add.map(\.id.rawValue) == ["cn-gov-pudong", "cn-gov-xuhui", "cn-gov-minhang", "cn-gov-jiading"] && zones.remove.isEmpty)
        #expect(zones.add.allSatisfy { $0.kind == .governmentOrgan && $0.country == Market.cn.country })
        #expect(s.whatIf(named: "us rules of 2027")?.policies?.restrictedClasses[.us] == [.military, .government])
        #expect(s.whatIf(named: "nothing") == nil)
    }

    @Test func whatIfNamesInAScenarioAreDistinct() {
        do {
            _ = try Scenario.parse(text: """
                name: s
                what-ifs:
                  - {name: A, routing: {CN: {telemetry: tesla-ai}}}
                  - {name: a, routing: {CN: {telemetry: tesla-ai}}}
                """, file: "s.yaml")
            Issue.record("two what-ifs named alike were accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["s.yaml:4:12: error: duplicate what-if name 'a' (first defined at 3:12)"])
        }
    }

    /// The timeline's `set-policies` is the what-if's policies written in a scenario file.
    @Test func setPoliciesInTheTimeline() throws {
        let s = try Scenario.parse(text: """
            name: s
            timeline:
              - {at: 1h, action: set-policies, restricted-classes: {US: [government]}}
              - at: 2h
                action: set-policies
                rules:
                  - id: CN-4
                    title: Cabin camera data leaves the car
                    source: test
                    explanation: "{bytes} from {vin}"
                    match: {market: CN, category: cabin-camera, direction: up}
                    severity: watch
            """, file: "s.yaml")
        guard case .setPolicies(let first) = s.timeline[0].action, case .setPolicies(let second) = s.timeline[1].action else {
            Issue.record("not set-policies: \(s.timeline.map(\.action.name))")
            return
        }
        #expect(first == PolicyChange(restrictedClasses: [.us: [.government]]))
        #expect(second.rules.map(\.id) == ["CN-4"] && second.rules[0].severities.map(\.severity) == [.watch])
        do {
            _ = try Scenario.parse(text: "name: s\ntimeline: [{at: 1h, action: set-policies}]\n", file: "s.yaml")
            Issue.record("an empty set-policies was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "s.yaml:2:12: error: a 'set-policies' timeline entry needs restricted-classes or rules (or both)",
            ])
        }
    }

    /// A demo's `what-if` cue names one of the file's what-ifs, from a time at or before it.
    @Test func aWhatIfCueNamesAWhatIfOfTheFile() throws {
        let head = "name: s\nwhat-ifs: [{name: Pre-2021 routing, routing: {CN: {telemetry: tesla-us-cloud}}}]\n"
        let s = try Scenario.parse(text: head + """
            timeline:
              - {at: 10m, action: what-if, name: pre-2021 routing, from: 8m}
              - {at: 11m, action: what-if}
            """, file: "s.yaml")
        let want: [ScriptedAction] = [.showWhatIf(name: "pre-2021 routing", from: SimDuration.seconds(Int64(480))), .showWhatIf(name: nil, from: nil)]
        #expect(s.timeline.map(\.action) == want)
        #expect(s.timeline.allSatisfy { $0.action.isPresentation })
        for (entry, expected) in [
            ("{at: 10m, action: what-if, name: Pre-2012 routing}", "s.yaml:4:5: error: no what-if named 'Pre-2012 routing' in what-ifs; did you mean 'Pre-2021 routing'?"),
            ("{at: 10m, action: what-if, name: Pre-2021 routing, from: 11m}", "s.yaml:4:5: error: what-if 'from' must be at or before the cue's time 10m, found 11m"),
            ("{at: 10m, action: what-if, from: soon}", "s.yaml:4:38: error: what-if from: invalid duration 'soon': expected a number at 'soon'; write a number with a unit, such as 90s, 15m, 2h, 1d or 1h30m"),
        ] {
            do {
                _ = try Scenario.parse(text: head + "timeline:\n  - " + entry + "\n", file: "s.yaml")
                Issue.record("accepted: \(entry)")
            } catch {
                #expect(error.diagnostics.map(\.description) == [expected])
            }
        }
    }

    /// The merge puts the what-if's entries after the scenario's entries at or before its time.
    @Test func theMergePlaysTheWhatIfAfterWhatCameBefore() throws {
        let s = try Scenario.parse(text: """
            name: s
            timeline:
              - {at: 5m, action: set-routing, market: CN, category: telemetry, service: tesla-cn-dc}
              - {at: 10m, action: set-routing, market: CN, category: voice, service: xai}
              - {at: 20m, action: set-routing, market: CN, category: media, service: us-streaming}
            """, file: "s.yaml")
        let w = try #require(Scenario.builtIn.whatIf(named: "camera clips to US AI training"))
        let merged = s.applying(w, from: .seconds(Int64(600)))
        #expect(merged.timeline.map { "\($0.at) \($0.action)" } == [
            "\(SimDuration.seconds(Int64(300))) \(s.timeline[0].action)",
            "\(SimDuration.seconds(Int64(600))) \(s.timeline[1].action)",
            "\(SimDuration.seconds(Int64(600))) \(ScriptedAction.setRouting(market: .cn, category: .cameraClip, service: "tesla-ai"))",
            "\(SimDuration.seconds(Int64(1200))) \(s.timeline[2].action)",
        ])
        #expect(s.applying(w, from: .zero).timeline.first?.action == .setRouting(market: .cn, category: .cameraClip, service: "tesla-ai"))
    }
}
