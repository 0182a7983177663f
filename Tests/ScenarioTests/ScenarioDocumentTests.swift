import Foundation
import Testing
import Fleet
import Simulation
@testable import Scenario

@Suite struct ScenarioDocumentTests {
    static let full = """
        name: Shanghai morning
        description: A restricted driver's car uploads a clip abroad.
        seed: 42
        fleet: {size: 1_000, mix: [{region: shanghai, share: 1.0}]}
        regions:
          - id: shanghai
            market: CN
            zones: [{id: cn-gov-peoples-square, kind: government-organ}]
            areas: [{id: metro, places: [{id: lujiazui}]}]
        classes: [{id: diplomat}]
        services: [{id: tesla-cn-dc}, {id: tesla-us-cloud}]
        routing: {CN: {camera-clip: tesla-cn-dc}}
        flows: {telemetry: {interval: 1s}}
        policies:
          restricted-classes: [military, diplomat]
        alerts: {min-interval: 5m, quiet-period: 90s, log-size: 50}
        timeline:
          - {at: 0s, action: chapter, title: Morning}
          - {at: 0s, action: caption, text: "A normal day", for: 10s}
          - {at: 5s, action: assign-driver, car: 12, name: 王伟, romanized: Wang Wei, class: military}
          - {at: 10s, action: assign-class, car: LRW3E7EK4NC000012, class: diplomat}
          - {at: 20s, action: trip, car: 12, to-zone: cn-gov-peoples-square}
          - {at: 30s, action: trip, car: 12, to-place: lujiazui}
          - {at: 1m, action: set-routing, market: CN, category: camera-clip, service: tesla-us-cloud}
          - {at: 1m, action: inject-flow, car: 12, category: camera-clip, bytes: 12.4 MB}
          - {at: 2m, action: add-cars, count: 500, region: shanghai, class: private}
          - {at: 3m, action: remove-cars, count: 100}
          - {at: 3m, action: set-speed, factor: 10}
          - {at: 4m, action: view, name: car, car: 12}
        """

    @Test func decodesEveryDecodedSectionAndKeepsTheRest() throws {
        let doc = try ScenarioDocument.parse(Self.full, file: "full.yaml")
        #expect(doc.name == "Shanghai morning" && doc.seed == 42)
        #expect(doc.names.fleetSize == 1000 && doc.names.zones == ["cn-gov-peoples-square"])
        #expect(doc.names.classes.contains("diplomat") && doc.names.classes.contains("military"))
        #expect(doc.fleet?["mix"] != nil && doc.routing?["CN"]?["camera-clip"]?.scalarText == "tesla-cn-dc")
        #expect(doc.flows?.location == Fleet.SourceLocation(file: "full.yaml", line: 13, column: 8))
        #expect(doc.policies.restrictedClasses == [.military, "diplomat"])
        #expect(doc.policies.rules == PolicySet.default.rules)
        #expect(doc.alerts == AlertParameters(minInterval: .minutes(5), quietPeriod: .seconds(Int64(90)), logCapacity: 50))
        #expect(doc.timeline.map(\.action) == [
            .chapter(title: "Morning"),
            .caption(text: "A normal day", duration: .seconds(Int64(10))),
            .assignDriver(car: .index(12), name: "王伟", romanized: "Wang Wei", userClass: .military),
            .assignClass(car: .vin(try #require(VIN("LRW3E7EK4NC000012"))), userClass: "diplomat"),
            .trip(car: .index(12), to: .zone("cn-gov-peoples-square")),
            .trip(car: .index(12), to: .place("lujiazui")),
            .setRouting(market: .cn, category: .cameraClip, service: "tesla-us-cloud"),
            .injectFlow(car: .index(12), category: .cameraClip, direction: .up, bytes: 12_400_000, service: nil),
            .addCars(count: 500, region: "shanghai", userClass: .privateOwner),
            .removeCars(count: 100, region: nil),
            .setSpeed(factor: 10),
            .view(name: "car", car: .index(12)),
        ])
        #expect(doc.timeline[4].at == .seconds(Int64(20)) && doc.timeline[4].location.line == 22)
    }

    @Test func jsonGoesThroughTheSamePath() throws {
        let json = #"{"name": "j", "seed": 7, "alerts": {"quiet-period": "30s"}, "timeline": [{"at": "1m", "action": "chapter", "title": "T"}]}"#
        let doc = try ScenarioDocument.parse(json, file: "s.json")
        #expect(doc.seed == 7 && doc.alerts.quietPeriod == .seconds(Int64(30)) && doc.timeline.count == 1)
        // A quoted number is a string, as in JSON.
        #expect(throws: ScenarioError.self) { try ScenarioDocument.parse(#"{"name": "j", "seed": "7"}"#, file: "s.json") }
    }

    @Test func defaultPolicySectionDecodesToTheSwiftDefault() throws {
        let doc = try ScenarioDocument.parse(DefaultScenario.yaml, file: "default.yaml")
        #expect(doc.policies == PolicySet.default)
        #expect(doc.policies.rules.map(\.id) == ["CN-3a", "CN-3b", "CN-3c", "CN-1", "CN-2", "CN-4", "US-1", "US-2", "US-4", "US-3"])
        // Restricted per market: no US car is restricted without a US rule that reads it (US-4).
        #expect(doc.policies.restrictedClasses(in: .cn) == [.military, .keySOE])
        #expect(doc.policies.restrictedClasses(in: .us) == [.military])
        let usRestrictedRules = doc.policies.rules.filter { $0.match.restricted == true && $0.match.markets == [.us] }
        #expect(usRestrictedRules.map(\.id) == ["US-4"])
    }

    @Test func restrictedClassesPerMarket() throws {
        let doc = try ScenarioDocument.parse("name: n\npolicies: {restricted-classes: {CN: [military]}}", file: "p.yaml")
        #expect(doc.policies.restrictedClasses(in: .cn) == [.military])
        #expect(doc.policies.restrictedClasses(in: .us).isEmpty, "a market left out restricts nobody")
        #expect(doc.policies.isRestricted(.military, in: .cn) && !doc.policies.isRestricted(.military, in: .us))
        let e = #expect(throws: ScenarioError.self) {
            try ScenarioDocument.parse("name: n\npolicies: {restricted-classes: {EU: [military]}}", file: "p.yaml")
        }
        #expect(e?.description.contains("p.yaml:2:") == true)
    }

    @Test func aPolicySectionWithNoRestrictedClassKeepsTheDefaultRules() throws {
        let doc = try ScenarioDocument.parse("name: n\npolicies: {restricted-classes: []}", file: "p.yaml")
        #expect(doc.policies.restrictedClasses.isEmpty && doc.policies.rules == PolicySet.default.rules)
    }

    @Test func severityCasesDecodeInOrder() throws {
        let text = """
            name: n
            policies:
              rules:
                - id: BIG
                  title: Big uploads
                  source: house rule
                  explanation: "{bytes} to {service}"
                  match: {direction: up, min-bytes: 1 GiB}
                  severity:
                    - {when: {country: [US, DE]}, level: critical}
                    - level: high
            """
        let doc = try ScenarioDocument.parse(text, file: "p.yaml")
        let rule = try #require(doc.policies.rules.first)
        #expect(rule.match == RuleMatch(direction: .up, minBytes: 1 << 30))
        #expect(rule.severities == [.init(when: RuleMatch(countries: [.unitedStates, Country("DE")]), .critical), .init(.high)])
    }

    @Test func suggestions() {
        #expect(Suggestion.editDistance("kitten", "sitting") == 3)
        #expect(Suggestion.closest(to: "sede", among: ["seed", "name"]) == "seed")
        #expect(Suggestion.closest(to: "xyz", among: ["seed", "name"]) == nil)
        #expect(Suggestion.hint(for: "q", among: ["b", "a"]) == "; did you mean 'a'?")
        #expect(Suggestion.hint(for: "zzzz", among: ["alpha", "beta"]) == "; expected one of: alpha, beta")
    }
}
