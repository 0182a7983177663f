import Testing
@testable import Fleet
import Simulation

/// The compiled engine must agree with the plain reading of each rule (`PolicyRule.severity`)
/// on random rules and random flows.
@Suite struct PolicyRandomizedTests {
    static let classes: [UserClassID] = [.privateOwner, .military, .keySOE, .government]
    static let zones: [(ZoneID, ZoneKind)?] = [
        nil, ("gov", .governmentOrgan), ("mil", .militaryZone), ("site", .usGovernmentSite), ("beidaihe", .seasonal),
    ]
    static let services: [ServiceID] = ["tesla-cn-dc", "tesla-us", "baidu-maps"]
    static let countries: [Country] = [.china, .unitedStates, Country("DE")]

    /// A condition is present one time in four.
    static func maybe(_ g: inout SeededGenerator) -> Bool {
        Bool.random(using: &g) && Bool.random(using: &g)
    }

    static func subset<T: Hashable>(_ all: [T], _ g: inout SeededGenerator) -> Set<T> {
        Set(all.filter { _ in Bool.random(using: &g) })
    }

    static func randomMatch(_ g: inout SeededGenerator) -> RuleMatch {
        var m = RuleMatch()
        m.userClasses = maybe(&g) ? subset(classes, &g) : nil
        m.restricted = maybe(&g) ? Bool.random(using: &g) : nil
        m.markets = maybe(&g) ? subset(Market.allCases, &g) : nil
        m.regions = maybe(&g) ? subset(["shanghai", "us"], &g) : nil
        m.inZone = maybe(&g) ? Bool.random(using: &g) : nil
        m.zones = maybe(&g) ? subset(["gov", "mil", "site"], &g) : nil
        m.zoneKinds = maybe(&g) ? subset(ZoneKind.allCases, &g) : nil
        m.categories = maybe(&g) ? subset(DataCategory.allCases, &g) : nil
        m.direction = maybe(&g) ? Direction.allCases.randomElement(using: &g)! : nil
        m.services = maybe(&g) ? subset(services, &g) : nil
        m.countries = maybe(&g) ? subset(countries, &g) : nil
        m.crossBorder = maybe(&g) ? Bool.random(using: &g) : nil
        m.minBytes = maybe(&g) ? UInt64.random(in: 0...2000, using: &g) : nil
        m.anonymised = maybe(&g) ? Bool.random(using: &g) : nil
        m.minModelYear = maybe(&g) ? Int.random(in: 2020...2030, using: &g) : nil
        m.prcLinkedConnectivity = maybe(&g) ? Bool.random(using: &g) : nil
        return m
    }

    static func randomFacts(_ g: inout SeededGenerator) -> FlowFacts {
        let zone = zones.randomElement(using: &g)!
        let market = Market.allCases.randomElement(using: &g)!
        return FlowFacts(
            vehicle: UInt32.random(in: 0..<10, using: &g),
            driver: Driver(name: "", userClass: classes.randomElement(using: &g)!),
            market: market, region: market == .cn ? "shanghai" : "us", zone: zone?.0, zoneKind: zone?.1,
            category: DataCategory.allCases.randomElement(using: &g)!,
            direction: Direction.allCases.randomElement(using: &g)!, service: services.randomElement(using: &g)!,
            destinationCountry: countries.randomElement(using: &g)!, bytes: UInt64.random(in: 0...2000, using: &g),
            modelYear: Int.random(in: 2020...2030, using: &g), prcLinkedConnectivity: Bool.random(using: &g),
            anonymised: Bool.random(using: &g))
    }

    @Test func engineAgreesWithReference() {
        var matched = 0, flows = 0
        for seed in UInt64(1)...300 {
            var g = SeededGenerator(seed: seed)
            let rules = (0..<Int.random(in: 1...8, using: &g)).map { i in
                PolicyRule(
                    id: "R\(i)", title: "", source: "", explanation: "", match: Self.randomMatch(&g),
                    severities: (0..<Int.random(in: 1...3, using: &g)).map { _ in
                        .init(when: Self.randomMatch(&g), Severity.allCases.randomElement(using: &g)!)
                    })
            }
            // Restricted classes differ per market, as in the default set.
            let set = PolicySet(
                restrictedClasses: [.cn: Self.subset(Self.classes, &g), .us: Self.subset(Self.classes, &g)],
                rules: rules + PolicySet.default.rules)
            let engine = PolicyEngine(set)
            var buffer: [PolicyVerdict] = []
            for _ in 0..<50 {
                let facts = Self.randomFacts(&g)
                let restricted = set.isRestricted(facts.userClass, in: facts.market)
                let expected = set.rules.indices.compactMap { i in
                    set.rules[i].severity(of: facts, restricted: restricted).map { PolicyVerdict(rule: i, severity: $0) }
                }
                engine.evaluate(facts, into: &buffer)
                #expect(buffer == expected, "seed \(seed)")
                matched += expected.isEmpty ? 0 : 1
                flows += 1
                #expect(engine.worst(facts)?.severity == expected.map(\.severity).max(), "seed \(seed)")
            }
        }
        // Both paths must be exercised: a comparison of empty results proves nothing.
        #expect(matched > flows / 10 && matched < flows)
    }
}
