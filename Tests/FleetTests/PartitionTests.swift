import Testing
@testable import Fleet
import Simulation
import TestSupport

/// A fleet split into partitions (`FleetPartition`, `stream --partition`): each car lives in
/// one, and there it sends the same flows and raises the same alerts as in the whole run; the
/// orders of one instant (flows by car: `FlowLogOrder`; alerts by car: `AlertBook.number`)
/// make the partitions' flows and alerts, merged, the whole run's, numbering included.
@Suite struct PartitionTests {
    /// Every flow a run judged, in the order judged.
    struct Flows: FlowSink {
        var flows: [FlowRecord] = []
        mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) { flows.append(record) }
    }

    /// What an alert is, apart from its id.
    struct AlertFacts: Hashable {
        var rule: Int, vehicle: UInt32, start: SimTime, lastSeen: SimTime, closedAt: SimTime?
        var count: UInt64, bytes: UInt64, severity: Severity
        init(_ a: Alert) {
            (rule, vehicle, start, lastSeen, closedAt) = (a.rule, a.vehicle, a.start, a.lastSeen, a.closedAt)
            (count, bytes, severity) = (a.count, a.bytes, a.severity)
        }
    }

    static func allAlerts(_ m: FleetMonitor) -> [Alert] {
        (Array(m.alerts.log) + m.alerts.openAlerts).sorted { $0.id < $1.id }
    }

    /// Runs to `end` in slices that `rng` draws (whole seconds and odd nanoseconds), or in one.
    static func run(_ m: inout FleetMonitor, to end: SimTime, rng: inout SplitMix, sink: inout Flows) {
        while m.now < end {
            let raw = Int64(rng.next() % 400_000_000_000) + 1
            let step = rng.next() % 2 == 0 ? (raw / 1_000_000_000 + 1) * 1_000_000_000 : raw
            m.run(until: min(end, m.now + .nanoseconds(step)), sink: &sink)
        }
    }

    @Test(arguments: 0..<8 as Range<UInt64>)
    func thePartitionsMergedAreTheWholeRun(seed: UInt64) throws {
        var rng = SplitMix(seed: 0xFA27 &+ seed)
        let n = Int(rng.next() % 4) + 2
        let end = SimTime.zero + .minutes(40)
        var whole = RandomFleet.monitor(seed: seed)
        var wholeFlows = Flows()
        whole.run(until: end, sink: &wholeFlows)
        #expect(wholeFlows.flows.count > 100)

        var merged: [(FlowLogKey, FlowRecord)] = []
        var mergedAlerts: [(start: SimTime, vehicle: UInt32, id: UInt64, facts: AlertFacts)] = []
        for i in 0..<n {
            var part = RandomFleet.monitor(seed: seed)
            part.restrict(to: FleetPartition(index: i, count: n)!)
            var flows = Flows()
            Self.run(&part, to: end, rng: &rng, sink: &flows)
            #expect(flows.flows.allSatisfy { Int($0.vehicle) % n == i }, "partition \(i)/\(n) sends only its cars' flows")
            for (k, f) in flows.flows.enumerated() { merged.append((FlowLogKey(end: f.end.nanoseconds, vehicle: f.vehicle, judged: k), f)) }
            for a in Self.allAlerts(part) { mergedAlerts.append((a.start, a.vehicle, a.id, AlertFacts(a))) }
            #expect(part.alerts.droppedFromLog == 0)
            for car in 0..<part.world.carCount where part.world.partition.owns(car) {
                #expect(part.world.car(car) == whole.world.car(car), "car \(car) in \(i)/\(n)")
            }
        }
        // Flows: the whole run's in its numbering (end, car, order judged) are the partitions'
        // merged in the same numbering.
        let numbered = wholeFlows.flows.enumerated().sorted {
            FlowLogKey(end: $0.element.end.nanoseconds, vehicle: $0.element.vehicle, judged: $0.offset)
                < FlowLogKey(end: $1.element.end.nanoseconds, vehicle: $1.element.vehicle, judged: $1.offset)
        }.map(\.element)
        #expect(merged.sorted { $0.0 < $1.0 }.map(\.1) == numbered)
        // Alerts: the whole run's in id order are the partitions' in (raise, car, local id) order.
        #expect(whole.alerts.droppedFromLog == 0)
        let wholeAlerts = Self.allAlerts(whole)
        #expect(wholeAlerts.map(\.id) == (0..<wholeAlerts.count).map { UInt64($0) + 1 })
        let mergedInOrder = mergedAlerts.sorted { ($0.start, $0.vehicle, $0.id) < ($1.start, $1.vehicle, $1.id) }.map(\.facts)
        #expect(mergedInOrder == wholeAlerts.map(AlertFacts.init))
    }

    /// The key the test sorts flows by: end, car, order judged (the numbering's definition).
    struct FlowLogKey: Comparable {
        var end: Int64, vehicle: UInt32, judged: Int
        static func < (a: Self, b: Self) -> Bool { (a.end, a.vehicle, a.judged) < (b.end, b.vehicle, b.judged) }
    }

    @Test func aPartitionOfOneIsTheWholeFleet() {
        var a = RandomFleet.monitor(seed: 3), b = RandomFleet.monitor(seed: 3)
        b.restrict(to: .whole)
        a.run(until: SimTime.zero + .minutes(20))
        b.run(until: SimTime.zero + .minutes(20))
        #expect(a.alertDigest == b.alertDigest && a.world.flowCount == b.world.flowCount)
    }

    @Test func partitionsAreIToN() {
        #expect(FleetPartition(index: 0, count: 1) == .whole)
        #expect(FleetPartition(index: 3, count: 3) == nil && FleetPartition(index: -1, count: 3) == nil)
        #expect(FleetPartition(index: 0, count: 0) == nil && FleetPartition(index: 0, count: FleetPartition.maxCount + 1) == nil)
        let p = FleetPartition(index: 2, count: 5)!
        #expect(p.description == "2/5" && p.owns(7) && !p.owns(8) && (0..<50).filter(p.owns) == Array(stride(from: 2, to: 50, by: 5)))
    }
}
