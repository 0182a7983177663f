import Geography
import Testing
@testable import Fleet
import Simulation

/// The monitor end to end: world flows through the policies into alerts, with the timeline.
@Suite struct FleetMonitorTests {
    static func minutes(_ m: Int64) -> SimTime { .zero + .minutes(m) }

    /// A small Shanghai-and-US fleet, every car awake, one in five Shanghai drivers military.
    static func config(seed: UInt64 = 7, cars: Int = 120) -> WorldConfig {
        var c = WorldConfig.default
        c.seed = seed
        c.fleetSize = cars
        c.behaviour.initialAwakeShare = 1
        c.regions[0].classMix = [ClassShare(.privateOwner, percent: 80), ClassShare(.military, percent: 20)]
        return c
    }

    static func entry(_ at: SimDuration, _ action: ScriptedAction) -> TimelineEntry {
        TimelineEntry(at: at, action: action, location: SourceLocation(file: "test", line: 1, column: 1))
    }

    @Test func restrictedDriversCrossBorderFlowRaisesACriticalAlert() throws {
        var monitor = try FleetMonitor(config: Self.config(), timeline: [
            Self.entry(.seconds(Int64(30)), .assignDriver(car: .index(0), name: "王伟", romanized: "Wang Wei", userClass: .military)),
            Self.entry(.seconds(Int64(60)), .injectFlow(car: .index(0), category: .cameraClip, direction: .up,
                bytes: 12_400_000, service: "tesla-us-cloud")),
        ])
        #expect(monitor.world.market(of: 0) == .cn)
        monitor.run(until: Self.minutes(2))
        #expect(monitor.timelineFailures.isEmpty)
        let view = monitor.car(0)
        let critical = try #require(view.openAlerts.first { $0.ruleID == "CN-3a" && $0.severity == .critical })
        #expect(view.highestOpenSeverity == .critical && view.restricted && view.crossedBorder)
        #expect(view.crossBorderBytesUp >= 12_400_000)
        #expect(critical.explanation.hasPrefix("Restricted driver 王伟 (Wang Wei, military) sent"))
        // The alert also aggregates the car's telemetry to the CN data centre: the sentence says
        // both destinations and the breakdown, not the first flow's category and server alone.
        #expect(critical.explanation.contains("partly across the border (12.4 MB)"))
        #expect(critical.explanation.contains("to Tesla US cloud (US) 12.4 MB"))
        #expect(critical.breakdown.crossBorderBytes == 12_400_000)
        #expect(critical.breakdown.totalBytes == critical.bytes)
        #expect(monitor.overview.openAlerts.critical >= 1)
        #expect(monitor.recentFlows.contains { $0.record.vehicle == 0 && $0.record.bytes == 12_400_000 && $0.worst?.severity == .critical })
    }

    @Test func aScenarioRestrictingNoClassRaisesNoRestrictedDriverAlert() throws {
        var config = Self.config()
        config.routing.setService("tesla-us-cloud", for: .telemetry, market: .cn)
        var policies = PolicySet.default
        policies.restrictedClasses = []
        var monitor = try FleetMonitor(config: config, policies: policies)
        monitor.run(until: Self.minutes(10))
        #expect(monitor.flowsSeen > 1000)
        let all = monitor.alerts.openAlerts + monitor.alerts.log
        #expect(!all.contains { $0.ruleID.hasPrefix("CN-3") })
        #expect(monitor.cars(0..<config.fleetSize).allSatisfy { !$0.restricted })
        // The same run with the default restricted classes does raise them.
        var restricted = try FleetMonitor(config: config)
        restricted.run(until: Self.minutes(10))
        #expect(restricted.alerts.openAlerts.contains { $0.ruleID == "CN-3a" && $0.severity == .critical })
    }

    /// "Data stays in China": CN telemetry first goes to the US cloud, then the timeline routes it
    /// home; the next flows go to the China data centre and cross-border alerts stop.
    @Test func aRoutingChangeMovesTheNextFlowsAndCrossBorderAlertsStop() throws {
        var config = Self.config()
        config.routing.setService("tesla-us-cloud", for: .telemetry, market: .cn)
        let change = SimDuration.minutes(10)
        var monitor = try FleetMonitor(config: config, timeline: [
            Self.entry(change, .setRouting(market: .cn, category: .telemetry, service: "tesla-cn-dc")),
        ])
        var sink = CollectSink()
        monitor.run(until: Self.minutes(20), sink: &sink)
        // Tesla's stream (the owners' third-party app copies go to their app's server whatever the route).
        let cnTelemetry = sink.facts.filter { $0.market == .cn && $0.category == .telemetry && $0.service != "us-car-app" }
        // Events at the change's own time run after it (timeline actions go first).
        let before = cnTelemetry.filter { $0.time < .zero + change }, after = cnTelemetry.filter { $0.time >= .zero + change }
        #expect(!before.isEmpty && !after.isEmpty)
        #expect(before.allSatisfy { $0.service == "tesla-us-cloud" && $0.isCrossBorder })
        #expect(after.allSatisfy { $0.service == "tesla-cn-dc" && !$0.isCrossBorder })
        let alerts = monitor.alerts.openAlerts + monitor.alerts.log
        // Those the routing raised (not the third-party apps' streams, which stay cross-border).
        let crossBorder = alerts.filter { $0.facts.isCrossBorder && $0.facts.service == "tesla-us-cloud" }
        let raisedBefore = crossBorder.filter { $0.start < .zero + change }.count
        let raisedAfter = crossBorder.filter { $0.start >= .zero + change }.count
        #expect(raisedBefore > 0 && raisedAfter == 0, "before \(raisedBefore), after \(raisedAfter)")
        #expect(monitor.world.config.routing.service(for: .telemetry, market: .cn) == "tesla-cn-dc")
    }

    @Test func sameSeedSameAlertLogDigest() throws {
        func digest(_ seed: UInt64) throws -> (UInt64, UInt64) {
            var config = Self.config(seed: seed)
            config.routing.setService("tesla-ai", for: .cameraClip, market: .cn)
            var monitor = try FleetMonitor(config: config, alerts: AlertParameters(quietPeriod: .seconds(Int64(30))))
            // In steps, as a paced driver would run it.
            for m in 1...12 { monitor.run(until: Self.minutes(Int64(m))) }
            #expect(monitor.alerts.log.count + monitor.alerts.openCount > 0)
            return (monitor.alertDigest, monitor.world.digest)
        }
        let a = try digest(11), b = try digest(11), c = try digest(12)
        #expect(a == b)
        #expect(a.0 != c.0)
    }

    @Test func timelineResolvesCarsAndRecordsFailures() throws {
        let config = Self.config(cars: 40)
        let probe = try FleetWorld(config: config)
        let vin = probe.vin(of: 3)
        var monitor = try FleetMonitor(config: config, timeline: [
            Self.entry(.seconds(Int64(5)), .chapter(title: "One")),
            Self.entry(.seconds(Int64(10)), .assignClass(car: .vin(vin), userClass: .keySOE)),
            Self.entry(.seconds(Int64(20)), .addCars(count: 3, region: "us", userClass: .government)),
            Self.entry(.seconds(Int64(30)), .removeCars(count: 2, region: nil)),
            Self.entry(.seconds(Int64(40)), .assignClass(car: .index(999), userClass: .military)),
            Self.entry(.seconds(Int64(40)), .trip(car: .index(3), to: .zone("cn-gov-peoples-square"))),
            Self.entry(.seconds(Int64(1)), .caption(text: "Hello", duration: nil)),
        ])
        #expect(monitor.presentationCues.map(\.action.name) == ["caption", "chapter"])
        monitor.run(until: Self.minutes(1))
        #expect(monitor.world.userClass(of: 3) == .keySOE)
        #expect(monitor.world.carCount == 43)
        #expect((40..<43).map { monitor.world.userClass(of: $0) } == [.government, .government, .government])
        #expect((40..<43).map { monitor.world.isActive($0) } == [true, false, false])
        #expect(monitor.world.state(of: 3) == .driving)
        #expect(monitor.timelineFailures.map(\.reason) == ["no car 999 (the fleet has 43)"])
        #expect(monitor.pendingTimeline.isEmpty)
    }

    @Test func flowLogKeepsTheNewestFlowsWithTheirVerdicts() {
        var log = FlowLog(capacity: 3)
        func record(_ bytes: UInt64) -> FlowRecord {
            FlowRecord(start: .zero, end: .zero, vehicle: 0, category: .telemetry, direction: .up, bytes: bytes, packets: 1,
                service: 0, position: GeoPoint(latitude: 0, longitude: 0))
        }
        let v = PolicyVerdict(rule: 1, severity: .high), w = PolicyVerdict(rule: 2, severity: .critical)
        log.append(record(1), [v])
        log.append(record(2), [])
        log.append(record(3), [v, w])
        log.append(record(4), [w])
        #expect(log.flows.map(\.record.bytes) == [2, 3, 4])
        #expect(log.flows.map(\.verdicts) == [[], [v, w], [w]])
        #expect(log.flows[1].worst == w)
        // Verdicts are bounded too: 12 fit; a flow with 12 pushes every other flow out.
        log.append(record(5), Array(repeating: v, count: 12))
        #expect(log.flows.map(\.record.bytes) == [5] && log.verdicts.count == 12)
    }
}
