import Testing
@testable import Fleet
import Simulation

/// An alert says exactly what was sent: its breakdown by category and destination, its text.
@Suite struct AlertBreakdownTests {
    let engine = PolicyEngine(.default)

    func at(_ seconds: Int64) -> SimTime { SimTime(nanoseconds: SimDuration.seconds(seconds).nanoseconds) }

    func flow(_ category: DataCategory, service: ServiceID, name: String, country: Country = .china, time: Int64,
              bytes: UInt64) -> FlowFacts {
        var f = cnFlow(.military, category, to: country, time: at(time), bytes: bytes)
        f.service = service
        f.serviceName = name
        return f
    }

    func feed(_ book: inout AlertBook, _ facts: FlowFacts) {
        for v in engine.evaluate(facts) { book.record(v, facts: facts) }
    }

    /// The CN-3a case of the issue: a restricted driver's alert opened by 34 kB of telemetry
    /// then fed 8.5 MB of media must not say "8.6 MB of telemetry data".
    @Test func laterFlowsOfOtherCategoriesAreNamed() throws {
        var book = AlertBook(policies: .default)
        feed(&book, flow(.telemetry, service: "tesla-cn-dc", name: "Tesla China data centre", time: 0, bytes: 34_000))
        feed(&book, flow(.media, service: "cn-streaming", name: "Chinese streaming back ends", time: 10, bytes: 8_500_000))
        let alert = try #require(book.openAlerts.first { $0.ruleID == "CN-3a" })
        #expect(alert.bytes == 8_534_000 && alert.count == 2)
        #expect(alert.breakdown.bytes(.media) == 8_500_000 && alert.breakdown.bytes(.telemetry) == 34_000)
        #expect(alert.breakdown.categories.map(\.category) == [.media, .telemetry])
        #expect(alert.breakdown.destinations.map(\.service) == ["cn-streaming", "tesla-cn-dc"])
        #expect(!alert.explanation.contains("of telemetry data"))
        #expect(alert.explanation.contains("sent 8.5 MB of media and telemetry data"))
        #expect(alert.explanation.contains("8.5 MB: media 8.5 MB, telemetry 34.0 kB"))
        #expect(alert.explanation.contains(
            "to Chinese streaming back ends (CN) 8.5 MB, Tesla China data centre (CN) 34.0 kB"))
    }

    @Test func oneCategoryAndDestinationReadsAsBefore() throws {
        var book = AlertBook(policies: .default)
        for t in [0, 5] as [Int64] {
            feed(&book, flow(.telemetry, service: "tesla-cn-dc", name: "Tesla China data centre", time: t, bytes: 500))
        }
        let alert = try #require(book.openAlerts.first)
        #expect(alert.explanation.contains("sent 1.0 kB of telemetry data from LRW3E7EK4NC000007 to Tesla China data centre (CN), inside the market"))
        #expect(!alert.explanation.contains("\u{2014}"))
    }

    /// Destinations beyond the named slots are counted in `other`, never dropped.
    @Test func extraDestinationsGoToOther() {
        var b = AlertBreakdown()
        let n = AlertBreakdown.destinationSlots + 3
        for i in 0..<n {
            for _ in 0...i {
                b.add(flow(.telemetry, service: ServiceID(rawValue: "s\(i)"), name: "S\(i)", time: 0, bytes: 100))
            }
        }
        #expect(b.destinations.count == AlertBreakdown.destinationSlots)
        #expect(b.otherFlows == UInt64((AlertBreakdown.destinationSlots...(n - 1)).reduce(0) { $0 + $1 + 1 }))
        #expect(b.destinationBytes == b.totalBytes && b.destinationFlows == b.totalFlows)
        #expect(b.destinationCount == AlertBreakdown.destinationSlots + 1)
    }

    /// The breakdown is a small fixed-size value: nothing per flow is allocated for it.
    @Test func breakdownIsInline() {
        #expect(MemoryLayout<AlertBreakdown>.size <= 512)
        #expect(_isPOD(Inline10.self))
    }

    /// For every alert of many seeded runs, at many times: the breakdown by category and the one
    /// by destination (with `other`) sum exactly to the alert's bytes and count.
    @Test(arguments: [1, 2, 3, 5, 8, 13, 21, 34] as [UInt64])
    func breakdownSumsToTheAlert(seed: UInt64) throws {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = 60
        config.behaviour.initialAwakeShare = 1
        config.regions[0].classMix = [ClassShare(.privateOwner, percent: 60), ClassShare(.military, percent: 40)]
        var monitor = try FleetMonitor(config: config, alerts: AlertParameters(quietPeriod: .seconds(Int64(45))))
        var checked = 0
        for minute in stride(from: 3, through: 45, by: 7) {
            monitor.run(until: SimTime(nanoseconds: SimDuration.minutes(Int64(minute)).nanoseconds))
            let book = monitor.alerts
            for alert in book.openAlerts + Array(book.log) {
                let b = alert.breakdown
                #expect(b.totalBytes == alert.bytes && b.totalFlows == alert.count, "alert \(alert.id)")
                #expect(b.destinationBytes == alert.bytes && b.destinationFlows == alert.count, "alert \(alert.id)")
                #expect(b.categories.reduce(0) { $0 + $1.bytes } == alert.bytes)
                #expect(b.crossBorderBytes <= alert.bytes && b.crossBorderFlows <= alert.count)
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}

/// Every severity case has a short label: given, or derived from its conditions.
@Suite struct SeverityLabelTests {
    @Test func defaultRulesLabelEveryCase() throws {
        let cn1 = try #require(PolicySet.default.rules.first { $0.id == "CN-1" })
        #expect(cn1.shortLabel(case: 0) == "camera data leaves CN")
        #expect(cn1.shortLabel(case: 1) == "not anonymised, in CN")
        for rule in PolicySet.default.rules {
            for i in rule.severities.indices {
                #expect(rule.severities[i].label != nil, "\(rule.id) case \(i)")
                #expect(rule.shortLabel(case: i).count <= 24, "fits the alert panel's title column at 120 columns")
            }
        }
    }

    @Test func derivedLabels() {
        let rule = PolicyRule(
            id: "X", title: "A long title that must not be cut", source: "", explanation: "", match: .any,
            severities: [
                .init(when: RuleMatch(crossBorder: true), .critical),
                .init(when: RuleMatch(categories: [.cameraClip], anonymised: false), .high),
                .init(.watch),
            ])
        #expect(rule.shortLabel(case: 0) == "cross-border")
        #expect(rule.shortLabel(case: 1) == "camera clip, not anonymised")
        #expect(rule.shortLabel(case: 2) == "other flows")
        let single = PolicyRule(id: "Y", title: "Title", source: "", explanation: "", match: .any, severity: .high)
        #expect(single.shortLabel(case: 0) == "Title")
    }

    /// The alert keeps the label of the case that matched its (highest) severity.
    @Test func alertCarriesTheMatchedCase() throws {
        var book = AlertBook(policies: .default)
        let engine = PolicyEngine(.default)
        let clip = cnFlow(.privateOwner, .cameraClip, anonymised: false)
        for v in engine.evaluate(clip) { book.record(v, facts: clip) }
        let alert = try #require(book.openAlerts.first { $0.ruleID == "CN-1" })
        #expect(alert.severity == .high && alert.severityCase == 1)
        #expect(alert.shortLabel == "not anonymised, in CN")
        var abroad = cnFlow(.privateOwner, .cameraClip, to: .unitedStates, time: SimTime(nanoseconds: 5_000_000_000))
        abroad.anonymised = false
        for v in engine.evaluate(abroad) { book.record(v, facts: abroad) }
        let escalated = try #require(book.openAlerts.first { $0.ruleID == "CN-1" })
        #expect(escalated.severity == .critical && escalated.shortLabel == "camera data leaves CN")
    }
}

/// A service name that already ends with its country is not followed by it again.
@Suite struct ServiceLabelTests {
    @Test func countryOnce() {
        #expect(ServiceConfig.label(name: "Tesla AI training (US)", country: .unitedStates) == "Tesla AI training (US)")
        #expect(ServiceConfig.label(name: "Tesla US cloud", country: .unitedStates) == "Tesla US cloud (US)")
        #expect(ServiceConfig.bareName("Relay (CN)", country: .unitedStates) == "Relay (CN)")
    }

    /// "Tesla AI training (US) (US)" was what the US-1/CN-3a sentences said of the default service.
    @Test func explanationNamesTheCountryOnce() {
        var f = cnFlow(.military, .cameraClip, to: .unitedStates)
        f.service = "tesla-ai"
        f.serviceName = "Tesla AI training (US)"
        let text = ExplanationTemplate(PolicySet.default.rules[0].explanation).render(f)
        #expect(text.contains("to Tesla AI training (US), across the border"))
        #expect(!text.contains("(US) (US)"))
    }
}
