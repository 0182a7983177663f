import Geography
import Testing
@testable import Fleet
import Simulation

@Suite struct PolicyEngineTests {
    static let gov: (ZoneID, ZoneKind) = ("cn-gov-peoples-square", .governmentOrgan)
    static let base: (ZoneID, ZoneKind) = ("cn-mil-rural", .militaryZone)
    static let moffett: (ZoneID, ZoneKind) = ("us-moffett", .usGovernmentSite)

    /// Each default rule fires exactly when it should; severity follows the destination.
    static let table: [(String, FlowFacts, [String: Severity])] = [
        ("private telemetry in market", cnFlow(), [:]),
        ("military telemetry in market", cnFlow(.military), ["CN-3a": .watch]),
        ("military telemetry abroad", cnFlow(.military, to: .unitedStates), ["CN-3a": .critical]),
        ("key-soe download", cnFlow(.keySOE, .ota, direction: .down), [:]),
        ("key-soe anonymised clip in market", cnFlow(.keySOE, .cameraClip, anonymised: true),
            ["CN-3a": .watch, "CN-3b": .high]),
        ("military raw clip abroad", cnFlow(.military, .cameraClip, to: .unitedStates),
            ["CN-3a": .critical, "CN-3b": .high, "CN-1": .critical]),
        ("private raw clip in market", cnFlow(.privateOwner, .cameraClip), ["CN-1": .high]),
        ("private anonymised clip in market", cnFlow(.privateOwner, .cameraClip, anonymised: true), [:]),
        ("private anonymised clip abroad", cnFlow(.privateOwner, .cameraClip, to: .unitedStates, anonymised: true),
            ["CN-1": .critical]),
        // The live view goes end-to-end encrypted to the owner's phone: not collected exterior video.
        ("private sentry view to the owner", cnFlow(.privateOwner, .sentryLive), [:]),
        ("military sentry view to the owner", cnFlow(.military, .sentryLive), ["CN-3a": .watch, "CN-3b": .high]),
        ("telemetry in gov zone in market", cnFlow(zone: gov), ["CN-2": .high]),
        ("telemetry in gov zone abroad", cnFlow(to: .unitedStates, zone: gov), ["CN-2": .critical]),
        ("media in gov zone", cnFlow(.privateOwner, .media, zone: gov), [:]),
        ("telemetry download in gov zone", cnFlow(direction: .down, zone: gov), [:]),
        ("cabin camera", cnFlow(.privateOwner, .cabinCamera), ["CN-4": .critical]),
        ("military download in military zone", cnFlow(.military, .ota, direction: .down, zone: base),
            ["CN-3c": .high]),
        ("military telemetry in military zone", cnFlow(.military, zone: base),
            ["CN-3a": .watch, "CN-3c": .high, "CN-2": .high]),
        ("US listed site to China", usFlow(to: .china, zone: moffett), ["US-1": .critical, "US-2": .watch]),
        ("US listed site, voice to China", usFlow(.voice, to: .china, zone: moffett), [:]),
        ("US listed site to US", usFlow(zone: moffett), [:]),
        ("US outside a site to China", usFlow(to: .china), ["US-2": .watch]),
        ("US location to the bulk app server", { var f = usFlow(to: .china); f.service = "cn-car-app"; return f }(),
            ["US-2": .critical]),
        ("US voice to China", usFlow(.voice, to: .china), [:]),
        ("US 2027 PRC-linked", usFlow(modelYear: 2027, prc: true), ["US-3": .watch]),
        ("US 2026 PRC-linked", usFlow(modelYear: 2026, prc: true), [:]),
        ("US 2027 not PRC-linked", usFlow(modelYear: 2027), [:]),
        ("US military driver to China", usFlow(to: .china, userClass: .military), ["US-2": .watch, "US-4": .high]),
        ("US military driver in the US", usFlow(userClass: .military), [:]),
        ("US key-soe driver to China (not restricted in the US)", usFlow(to: .china, userClass: .keySOE), ["US-2": .watch]),
    ]

    @Test(arguments: table.indices)
    func defaultRules(_ i: Int) {
        let (name, facts, expected) = Self.table[i]
        #expect(verdicts(facts) == expected, "\(name)")
    }

    @Test func noRestrictedClassMeansNoRestrictedDriverVerdict() {
        var set = PolicySet.default
        set.restrictedClasses = []
        for facts in [cnFlow(.military, to: .unitedStates), cnFlow(.keySOE, .cameraClip), cnFlow(.military, zone: Self.base)] {
            #expect(verdicts(facts, set).keys.allSatisfy { !$0.hasPrefix("CN-3") })
        }
        // Restricting another class brings the rules to it.
        set.restrictedClasses = [.government]
        #expect(verdicts(cnFlow(.government, to: .unitedStates), set) == ["CN-3a": .critical])
    }

    @Test func worstVerdictAndLabel() throws {
        let engine = PolicyEngine(.default)
        let worst = try #require(engine.worst(cnFlow(.military, .cameraClip, to: .unitedStates)))
        #expect(engine.label(worst) == "CN-3a critical")
        #expect(engine.worst(cnFlow()) == nil)
    }

    @Test func reusedBufferIsClearedEachCall() {
        let engine = PolicyEngine(.default)
        var buffer: [PolicyVerdict] = []
        engine.evaluate(cnFlow(.military, .cameraClip, to: .unitedStates), into: &buffer)
        #expect(buffer.count == 3)
        engine.evaluate(cnFlow(), into: &buffer)
        #expect(buffer.isEmpty)
    }

    @Test func conditionsOnNamesAndSizes() {
        let rule = PolicyRule(
            id: "T", title: "t", source: "s", explanation: "e",
            match: RuleMatch(
                userClasses: ["private"], regions: ["shanghai"], inZone: false, services: ["tesla-us-cloud"],
                countries: [.unitedStates], minBytes: 1_000_000),
            severity: .high)
        let set = PolicySet(restrictedClasses: [], rules: [rule])
        #expect(verdicts(cnFlow(to: .unitedStates, bytes: 2_000_000), set) == ["T": .high])
        #expect(verdicts(cnFlow(to: .unitedStates, bytes: 999_999), set).isEmpty)
        #expect(verdicts(cnFlow(to: .unitedStates, zone: Self.gov, bytes: 2_000_000), set).isEmpty)
        #expect(verdicts(cnFlow(.corporate, to: .unitedStates, bytes: 2_000_000), set).isEmpty)
        // A case list that matches nothing narrows the rule to nothing.
        let never = PolicyRule(id: "N", title: "", source: "", explanation: "", match: .any,
            severities: [.init(when: RuleMatch(zoneKinds: []), .high)])
        #expect(verdicts(cnFlow(), PolicySet(restrictedClasses: [], rules: [never])).isEmpty)
    }

    @Test func explanationSentence() {
        let facts = cnFlow(.military, .cameraClip, to: .unitedStates, zone: Self.gov, bytes: 12_400_000)
        let rule = PolicySet.default.rules[0]
        #expect(ExplanationTemplate(rule.explanation).render(facts) ==
            "Restricted driver 王伟 (Wang Wei, military) sent 12.4 MB of camera clip data from LRW3E7EK4NC000007 "
            + "to Tesla US cloud (US), across the border, at 31.23N 121.47E inside cn-gov-peoples-square")
        let template = ExplanationTemplate("{{literal}} {nope} {vin}")
        #expect(template.unknownPlaceholders == ["nope"])
        #expect(template.render(facts) == "{literal} {nope} LRW3E7EK4NC000007")
    }

    @Test func byteAndPositionFormats() {
        #expect(ByteFormat.decimal(999) == "999 B")
        #expect(ByteFormat.decimal(1000) == "1.0 kB")
        #expect(ByteFormat.decimal(999_960) == "1.0 MB")
        #expect(ByteFormat.decimal(3_200_000_000) == "3.2 GB")
        #expect(ByteFormat.position(GeoPoint(latitude: 37.415, longitude: -122.049)) == "37.42N 122.05W")
        #expect(ByteFormat.position(GeoPoint(latitude: -33.9, longitude: 18.42)) == "33.90S 18.42E")
    }
}
