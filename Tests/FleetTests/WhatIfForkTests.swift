import Fleet
import Simulation
import Testing
import TestSupport

/// A what-if's fork (`FleetMonitor.forked(adding:)`) is the run of the scenario whose timeline
/// had the what-if's entries all along: the live split screen and `snapshot --what-if` rest on
/// it (the variant must be the merged scenario's run, byte for byte).
@Suite struct WhatIfForkTests {
    static let place = SourceLocation(file: "what-if", line: 1, column: 1)

    /// A routing change, restricted classes, a replaced rule and a new one, at `from`.
    static func entries(at from: SimDuration, policies: PolicySet) -> [TimelineEntry] {
        var stricter = policies.rules[0]
        stricter.severities = [PolicyRule.SeverityCase(.critical, label: "what-if")]
        var telemetry = RuleMatch()
        telemetry.markets = [.cn]
        telemetry.categories = [.telemetry]
        let added = PolicyRule(id: "WI-1", title: "CN telemetry", source: "test", explanation: "{bytes} from {vin}", match: telemetry, severity: .watch)
        return [
            TimelineEntry(at: from, action: .setRouting(market: .cn, category: .cameraClip, service: "tesla-ai"), location: place),
            TimelineEntry(at: from, action: .setPolicies(PolicyChange(restrictedClasses: [.us: [.military, .government]], rules: [stricter, added])), location: place),
        ]
    }

    static func fingerprint(_ m: FleetMonitor) -> [UInt64] {
        [m.world.digest, m.alertDigest, UInt64(bitPattern: m.now.nanoseconds), m.flowsSeen, m.flowsFlagged, UInt64(m.policies.rules.count)]
    }

    @Test(arguments: [UInt64(3), 11, 29, 47, 90])
    func aForkIsTheRunOfTheMergedTimeline(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let start = RandomFleet.monitor(seed: seed)
        let timeline = Array(start.pendingTimeline)
        let from = SimDuration.seconds(Int64(rng.next() % 1800))
        let end = SimTime.zero + from + .seconds(Int64(1800))
        let entries = Self.entries(at: from, policies: start.policies)

        var baseline = start
        baseline.run(until: SimTime.zero + from)
        var fork = baseline.forked(adding: entries)
        fork.run(until: end)
        baseline.run(until: end)

        var merged = try FleetMonitor(config: start.world.config, policies: start.policies, timeline: timeline + entries)
        // In random pieces: where a run is cut never matters.
        while merged.now < end { merged.run(until: min(end, merged.now + .seconds(Int64(1 + rng.next() % 400)))) }
        #expect(Self.fingerprint(fork) == Self.fingerprint(merged), "seed \(seed), from \(from)")

        // The what-if took effect: the rule list grew by the new rule, which raised alerts, and
        // the baseline knows nothing of it.
        #expect(fork.policies.rules.count == start.policies.rules.count + 1)
        #expect(fork.policies.restrictedClasses(in: .us) == [.military, .government])
        #expect(fork.policies.rules[0].severities.map(\.severity) == [.critical], "a rule replaced in place keeps its index")
        #expect(baseline.policies == start.policies)
        #expect(fork.alerts.raisedByRule.count == start.policies.rules.count + 1 && fork.alerts.raisedByRule.last! > 0,
                "the added rule raised alerts: \(fork.alerts.raisedByRule)")
        #expect(fork.alertDigest != baseline.alertDigest)
    }

    @Test func aChangeNamesOnlyWhatItChanges() {
        let base = PolicySet.default
        let change = PolicyChange(restrictedClasses: [.us: [.government]])
        let changed = base.applying(change)
        #expect(changed.restrictedClasses(in: .us) == [.government])
        #expect(changed.restrictedClasses(in: .cn) == base.restrictedClasses(in: .cn), "a market left out keeps its classes")
        #expect(changed.rules == base.rules)
        #expect(base.applying(PolicyChange()) == base)
    }
}
