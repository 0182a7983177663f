import Dashboard
import Fleet
import Foundation
import Geography
import Simulation
import Testing
@testable import Export

/// The stream's alert events from reads of the book: each change said once, in time order.
@Suite struct AlertLifecycleTests {
    static func row(_ id: UInt64, _ severity: Severity = .watch, count: Int = 1, start: Double = 10, lastSeen: Double = 10,
                    end: Double? = nil, acknowledged: Bool = false) -> AlertRow {
        AlertRow(
            id: id, severity: severity, ruleID: "CN-3a", title: "t", source: "s", vehicle: Int(id), vin: "LRW3E7FA1MC00000\(id % 10)",
            driver: "d", userClass: .military, category: .telemetry, service: "Tesla China DC", country: .china,
            bytes: UInt64(count) * 100, count: count, start: .seconds(start), lastSeen: .seconds(lastSeen),
            end: end.map { SimTime.seconds($0) }, acknowledged: acknowledged, position: GeoPoint(latitude: 31, longitude: 121),
            explanation: "e")
    }

    func kinds(_ events: [AlertLifecycleEvent]) -> [String] { events.map { "\($0.kind.rawValue) \($0.alert.id)" } }

    @Test func anAlertIsRaisedUpdatedEscalatedAcknowledgedAndClosedOnce() {
        var life = AlertLifecycle()
        #expect(kinds(life.update(open: [Self.row(1)], closedNow: [], dropped: 0, now: .seconds(11.0))) == ["raised 1"])
        // The same state read again says nothing.
        #expect(life.update(open: [Self.row(1)], closedNow: [], dropped: 0, now: .seconds(12.0)).isEmpty)
        #expect(kinds(life.update(open: [Self.row(1, count: 3, lastSeen: 12.5)], closedNow: [], dropped: 0, now: .seconds(13.0))) == ["updated 1"])
        let up = life.update(open: [Self.row(1, .high, count: 4, lastSeen: 13.5)], closedNow: [], dropped: 0, now: .seconds(14.0))
        #expect(kinds(up) == ["escalated 1"])
        #expect(up.first?.time == .seconds(13.5) && up.first?.alert.severity == .high)
        let ack = life.update(open: [Self.row(1, .high, count: 4, lastSeen: 13.5, acknowledged: true)], closedNow: [], dropped: 0, now: .seconds(15.0))
        #expect(kinds(ack) == ["acknowledged 1"])
        #expect(ack.first?.time == .seconds(15.0))
        let closed = life.update(open: [], closedNow: [Self.row(1, .high, count: 4, lastSeen: 13.5, end: 133.5, acknowledged: true)], dropped: 0, now: .seconds(134.0))
        #expect(kinds(closed) == ["closed 1"])
        #expect(closed.first?.time == .seconds(133.5))
        #expect(life.closedSeen == 1)
        #expect(life.counts == [.raised: 1, .updated: 1, .escalated: 1, .acknowledged: 1, .closed: 1])
    }

    @Test func anAlertRaisedAndClosedBetweenTwoReadsIsBothInTimeOrder() {
        var life = AlertLifecycle()
        let events = life.update(
            open: [Self.row(3, start: 50, lastSeen: 50)], closedNow: [Self.row(2, start: 5, lastSeen: 8, end: 128)], dropped: 0, now: .seconds(130.0))
        #expect(kinds(events) == ["raised 2", "raised 3", "closed 2"])
        #expect(events.map(\.time) == [.seconds(5.0), .seconds(50.0), .seconds(128.0)])
    }

    @Test func closuresTheLogDroppedAreCountedAsMissed() {
        var life = AlertLifecycle()
        _ = life.update(open: [Self.row(1), Self.row(2)], closedNow: [], dropped: 0, now: .seconds(11.0))
        let events = life.update(open: [], closedNow: [Self.row(2, end: 130)], dropped: 1, now: .seconds(131.0))
        #expect(kinds(events) == ["closed 2"])
        #expect(life.missed == 1 && life.closedSeen == 2)
        // Alert 1 is forgotten with its dropped closure: raised again only if the book says so.
        #expect(life.update(open: [], closedNow: [], dropped: 0, now: .seconds(132.0)).isEmpty)
    }

    @Test func theLineStartsWithTheEventAndCarriesTheSnapshotsAlert() throws {
        let event = AlertLifecycleEvent(kind: .escalated, time: .seconds(13.5), alert: Self.row(1, .high, count: 4, lastSeen: 13.5))
        let line = AlertEventJSON.line(event)
        #expect(line.hasPrefix(#"{"alert_event":"escalated","time_ns":13500000000,"time_s":13.5,"alert":{"id":1,"#))
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        let alert = try #require(object["alert"] as? [String: Any])
        let direct = try #require(try JSONSerialization.jsonObject(with: Data(SnapshotJSON.alert(event.alert).serialized().utf8)) as? [String: Any])
        #expect(NSDictionary(dictionary: alert) == NSDictionary(dictionary: direct), "the alert object is the JSON export's")
    }
}
