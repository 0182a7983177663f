import Dashboard
import Fleet
import Geography
import Simulation
import Testing
@testable import Linear

/// Each alert said once as it is raised, each escalation once, its closing once.
@Suite struct AlertWatchTests {
    func alert(_ id: UInt64, _ severity: Severity, start: Int64, end: Int64? = nil) -> AlertRow {
        AlertRow(
            id: id, severity: severity, ruleID: "CN-2", title: "t", source: "s", vehicle: 0, vin: "LRW3E7FA0NC123407",
            driver: "Li Jianhua (key-soe)", userClass: UserClassID(rawValue: "key-soe"), category: .cameraClip,
            service: "Tesla AI training", country: Country(rawValue: "US"), bytes: 115_000_000, count: 3,
            start: SimTime.zero + .seconds(start), lastSeen: SimTime.zero + .seconds(end.map { $0 - 120 } ?? start),
            end: end.map { SimTime.zero + .seconds($0) }, position: GeoPoint(latitude: 31.23, longitude: 121.47), explanation: "")
    }

    func kinds(_ events: [AlertEvent]) -> [String] {
        events.map {
            switch $0 {
            case .raised(let a): "raised \(a.id)"
            case .escalated(let a, let from): "escalated \(a.id) from \(from.rawValue)"
            case .closed(let a): "closed \(a.id)"
            }
        }
    }

    @Test func raisedEscalatedClosedOnce() {
        var watch = AlertWatch()
        #expect(kinds(watch.update(open: [alert(1, .watch, start: 10)], closedNow: [])) == ["raised 1"])
        #expect(kinds(watch.update(open: [alert(1, .watch, start: 10)], closedNow: [])) == [])
        #expect(kinds(watch.update(open: [alert(1, .high, start: 10)], closedNow: [])) == ["escalated 1 from watch"])
        #expect(kinds(watch.update(open: [], closedNow: [alert(1, .high, start: 10, end: 400)])) == ["closed 1"])
        #expect(watch.known.isEmpty)
        #expect((watch.raised, watch.escalated, watch.closed) == (1, 1, 1))
    }

    @Test func anAlertThatOpenedAndClosedBetweenReadsIsToldWhole() {
        var watch = AlertWatch()
        let events = watch.update(open: [alert(3, .high, start: 300)], closedNow: [alert(2, .critical, start: 100, end: 250)])
        #expect(kinds(events) == ["raised 2", "closed 2", "raised 3"])
        #expect(watch.closedSeen == 1)
    }

    @Test func rebaseTakesTheBookAsRead() {
        var watch = AlertWatch()
        _ = watch.update(open: [alert(1, .watch, start: 10)], closedNow: [])
        watch.rebase(open: [alert(2, .high, start: 20)], closedTotal: 4)
        #expect(kinds(watch.update(open: [alert(2, .high, start: 20)], closedNow: [])) == [])
        #expect(watch.closedSeen == 4 && watch.raised == 1)
    }

    @Test func theLineOfARaisedAlert() {
        let places = LinePlaces(clock: nil, now: SimTime.zero + .seconds(Int64(200)), zoneNames: [ZoneID(rawValue: "ps"): "People's Square"],
                                regionOfCar: { _ in "Shanghai" })
        var a = alert(12, .high, start: 12 * 60)
        a.zone = ZoneID(rawValue: "ps")
        #expect(Lines.alert(.raised(a), places: places)
            == "00:12:00 Shanghai: alert 12 raised, CN-2 high: car LRW…407 of Li Jianhua (key-soe) sent 115 megabytes of camera clip from People's Square to Tesla AI training, United States.")
        let closed = alert(12, .high, start: 600, end: 1200)
        #expect(Lines.alert(.closed(closed), places: places)
            == "00:20:00 Shanghai: alert 12 closed, CN-2 high: car LRW…407 of Li Jianhua (key-soe) sent 115 megabytes in 3 flows over 8 minutes.")
    }
}
