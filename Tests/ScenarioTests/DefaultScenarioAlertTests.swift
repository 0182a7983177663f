import Testing
import Fleet
import Simulation
@testable import Scenario

/// What the built-in scenario shows: every zone sees cars within a day, and within the first
/// hour both markets alert, at least once critically, with explanations true to their flows.
@Suite struct DefaultScenarioAlertTests {
    /// Records which zones flows came from, and every flow a rule flagged.
    struct ZoneAndFlagSink: FlowSink {
        var zonesSeen = Set<UInt16>()
        var flagged: [(record: FlowRecord, facts: FlowFacts, rules: [Int])] = []
        mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {
            if let z = record.zone { zonesSeen.insert(z) }
            if !verdicts.isEmpty { flagged.append((record, facts, verdicts.map(\.rule))) }
        }
    }

    @Test func everyZoneIsEnteredWithinADay() throws {
        var monitor = try Scenario.builtIn.makeMonitor()
        var sink = ZoneAndFlagSink()
        monitor.run(until: .zero + .hours(24), sink: &sink)
        let zones = monitor.world.config.zones
        let missing = zones.indices.filter { !sink.zonesSeen.contains(UInt16($0)) }.map { zones[$0].id.rawValue }
        #expect(missing.isEmpty, "no car entered \(missing) in a simulated day")
        #expect(zones.count >= 7)
    }

    @Test func bothMarketsAlertInTheFirstHourTruthfully() throws {
        var monitor = try Scenario.builtIn.makeMonitor()
        var sink = ZoneAndFlagSink()
        monitor.run(until: .zero + .hours(1), sink: &sink)
        let alerts = Array(monitor.alerts.log) + monitor.alerts.openAlerts
        let markets = Set(alerts.map(\.facts.market))
        #expect(markets == [.cn, .us], "alerts only in \(markets)")
        #expect(alerts.contains { $0.severity == .critical }, "no critical alert in the first hour")
        let config = monitor.world.config
        for alert in alerts {
            // The flows that raised the alert: same car and rule, within its span.
            let flows = sink.flagged.filter {
                $0.record.vehicle == alert.vehicle && $0.rules.contains(alert.rule)
                    && $0.facts.time >= alert.start && $0.facts.time <= alert.lastSeen
            }
            #expect(!flows.isEmpty, "\(alert.ruleID): no flow raised it")
            #expect(UInt64(flows.count) == alert.count, "\(alert.ruleID): \(flows.count) flows, alert counts \(alert.count)")
            let bytes = flows.reduce(0) { $0 + $1.record.bytes }
            #expect(bytes == alert.bytes)
            let text = alert.explanation
            #expect(text.contains(ByteFormat.decimal(bytes)), "\(text) does not state \(ByteFormat.decimal(bytes))")
            for category in Set(flows.map(\.record.category)) {
                #expect(text.contains(category.displayName), "\(text) does not name \(category.displayName)")
            }
            let services = Set(flows.map { Int($0.record.service) })
            for s in services {
                let service = config.services[s]
                if services.count == 1 { #expect(text.contains(service.name), "\(text) does not name \(service.name)") }
                #expect(text.contains("(\(service.country.rawValue))"), "\(text) does not name \(service.country)")
            }
            #expect(text.contains("[\(alert.ruleID),"))
        }
    }
}
