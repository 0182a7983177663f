import Testing
@testable import Fleet
import Simulation
import TestSupport

@Suite struct AlertBookTests {
    static let parameters = AlertParameters(minInterval: .minutes(10), quietPeriod: .minutes(2), logCapacity: 2)
    let engine = PolicyEngine(.default)

    func at(_ seconds: Int64) -> SimTime { SimTime(nanoseconds: SimDuration.seconds(seconds).nanoseconds) }

    /// Records every verdict of `facts` in `book`; returns the outcomes.
    @discardableResult
    func feed(_ book: inout AlertBook, _ facts: FlowFacts) -> [AlertBook.Outcome] {
        engine.evaluate(facts).map { book.record($0, facts: facts) }
    }

    @Test func repeatsAggregateIntoOneAlert() throws {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        for t in [0, 30, 60] as [Int64] { feed(&book, cnFlow(.military, time: at(t), bytes: 1_000)) }
        #expect(book.openCount == 1)
        let alert = try #require(book.openAlerts.first)
        #expect(alert.ruleID == "CN-3a" && alert.count == 3 && alert.bytes == 3_000)
        #expect(alert.start == at(0) && alert.lastSeen == at(60) && alert.duration == .seconds(Int64(60)))
        #expect(book.openCount(.watch) == 1 && book.openCount(.critical) == 0)
    }

    /// Alerts raised at one instant are numbered by car, then in the order each car raised
    /// them, whatever order the cars came in: so the numbering is the same in a partition of the
    /// fleet, and in any interleaving of the cars' events at that instant.
    @Test func alertsOfOneInstantAreNumberedByCar() throws {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        let t = at(50)
        // Car 5, car 2, car 9 (a restricted driver's flow each), car 2 again: camera data to the US.
        feed(&book, cnFlow(.military, vehicle: 5, time: t))
        feed(&book, cnFlow(.military, vehicle: 2, time: t))
        feed(&book, cnFlow(.military, vehicle: 9, time: t))
        feed(&book, cnFlow(.privateOwner, .cameraClip, to: .unitedStates, vehicle: 2, time: t))
        let byID = book.openAlerts.sorted { $0.id < $1.id }.map { ($0.vehicle, $0.ruleID) }
        #expect(byID.map(\.0) == [2, 2, 5, 9], "\(byID)")
        #expect(byID[0].1 == "CN-3a", "car 2's first raise keeps its place before its second: \(byID)")
        // A later instant counts on; an earlier car there does not move the alerts of the first.
        feed(&book, cnFlow(.military, vehicle: 1, time: at(51)))
        #expect(book.openAlerts.first { $0.vehicle == 1 }?.id == UInt64(byID.count + 1))
        #expect(book.raisedCount == UInt64(byID.count + 1))

        // The same flows in any order give each alert the same id.
        for seed in 0..<10 as Range<UInt64> {
            var rng = SplitMix(seed: seed)
            var flows = [5, 2, 9, 7, 2, 3, 11].map { cnFlow(.military, vehicle: UInt32($0), time: t) }
            for i in stride(from: flows.count - 1, to: 0, by: -1) { flows.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
            var other = AlertBook(policies: .default, parameters: Self.parameters)
            for f in flows { feed(&other, f) }
            #expect(other.openAlerts.sorted { $0.id < $1.id }.map(\.vehicle) == [2, 3, 5, 7, 9, 11])
        }
    }

    /// At the end of a run to `T` (`tick(before:)`), an alert that clears at `T` itself is
    /// still open: it clears in the next run, with what happens at `T`.
    @Test func theEndOfARunClearsWhatClearedBeforeIt() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        feed(&book, cnFlow(.military, time: at(60)))
        book.tick(before: at(180))
        #expect(book.openCount == 1)
        book.tick(before: at(181))
        #expect(book.openCount == 0 && book.log.first?.closedAt == at(180))
    }

    @Test func clearsAfterQuietPeriodAndLogs() throws {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        feed(&book, cnFlow(.military, time: at(0)))
        feed(&book, cnFlow(.military, time: at(60)))
        book.tick(now: at(179))
        #expect(book.openCount == 1)
        book.tick(now: at(180))
        #expect(book.openCount == 0 && book.log.count == 1)
        let closed = try #require(book.log.first)
        #expect(closed.closedAt == at(180) && !closed.isOpen && closed.count == 2)
        #expect(book.alert(id: closed.id)?.closedAt == at(180))
    }

    @Test func reRaisesOnlyAfterMinimumInterval() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        #expect(feed(&book, cnFlow(.military, time: at(0))) == [.raised(id: 1)])
        book.tick(now: at(300))
        // Cleared, but within 10 minutes of the raise: counted, not raised.
        #expect(feed(&book, cnFlow(.military, time: at(400))) == [.suppressed])
        #expect(book.openCount == 0 && book.suppressed == 1)
        #expect(feed(&book, cnFlow(.military, time: at(600))) == [.raised(id: 2)])
        // Another car, or another rule, is another alert.
        #expect(feed(&book, cnFlow(.military, vehicle: 8, time: at(600))) == [.raised(id: 3)])
    }

    /// The log is in the order alerts cleared (last seen + quiet period), then by id, however
    /// often the book is ticked: a run in slices (to show progress) logs what a run in one go
    /// logs, so the JSON's cut of the newest closed alerts does not depend on it.
    @Test func theLogIsInClosingOrderWhateverTheTicks() {
        let wide = AlertParameters(minInterval: .minutes(10), quietPeriod: .minutes(2), logCapacity: 10)
        func run(ticks: [Int64]) -> [UInt64] {
            var book = AlertBook(policies: .default, parameters: wide)
            feed(&book, cnFlow(.military, vehicle: 1, time: at(0)))  // id 1, seen again at 100: clears at 220
            feed(&book, cnFlow(.military, vehicle: 2, time: at(10)))  // id 2: clears at 130
            feed(&book, cnFlow(.military, vehicle: 1, time: at(100)))
            for t in ticks { book.tick(now: at(t)) }
            return book.log.map(\.id)
        }
        #expect(run(ticks: [1000]) == [2, 1])
        #expect(run(ticks: [150, 1000]) == [2, 1])
        #expect(run(ticks: [130, 220]) == [2, 1])
    }

    @Test func aFlowAfterTheQuietPeriodClosesTheOldAlertEvenWithoutTick() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        feed(&book, cnFlow(.military, time: at(0)))
        #expect(feed(&book, cnFlow(.military, time: at(700))) == [.raised(id: 2)])
        #expect(book.log.map(\.id) == [1] && book.openCount == 1)
    }

    @Test func acknowledgeAndEscalation() throws {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        feed(&book, cnFlow(.military, time: at(0)))
        #expect(book.unacknowledgedCount(.watch) == 1)
        let first = book.acknowledge(id: 1), again = book.acknowledge(id: 1), unknown = book.acknowledge(id: 99)
        #expect(first && again && !unknown)
        #expect(book.unacknowledgedCount(.watch) == 0 && book.openCount(.watch) == 1)
        // The same rule and car now cross the border: the alert escalates and needs a new look.
        feed(&book, cnFlow(.military, to: .unitedStates, time: at(10)))
        let alert = try #require(book.alert(id: 1))
        #expect(alert.severity == .critical && !alert.acknowledged && alert.facts.destinationCountry == .unitedStates)
        #expect(book.openCount(.watch) == 0 && book.unacknowledgedCount(.critical) == 1)
        book.acknowledgeAll()
        #expect(book.unacknowledgedCount(.critical) == 0 && book.openAlerts.allSatisfy(\.acknowledged))
    }

    /// The officer's workflow: acknowledge some of the shown alerts, take one back; the counts
    /// (open = acknowledged + unacknowledged) follow at once, and closed alerts cannot change.
    @Test func acknowledgeShownAlertsAndTakeOneBack() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        for car in UInt32(0)..<3 { feed(&book, cnFlow(.military, vehicle: car, time: at(Int64(car)))) }
        #expect(book.openCount == 3 && book.acknowledgedCount == 0 && book.unacknowledgedCount == 3)
        #expect(book.acknowledge(ids: [1, 3, 99]) == 2, "only the open alerts among the ids shown")
        #expect(book.acknowledge(ids: [1, 3]) == 0, "already acknowledged")
        #expect(book.acknowledgedCount == 2 && book.unacknowledgedCount == 1 && book.unacknowledgedCount(.watch) == 1)
        #expect(book.unacknowledge(id: 3) && book.unacknowledge(id: 2) && !book.unacknowledge(id: 99))
        #expect(book.acknowledgedCount == 1 && book.unacknowledgedCount(.watch) == 2)
        #expect(book.alert(id: 1)?.acknowledged == true && book.alert(id: 3)?.acknowledged == false)
        book.tick(now: at(1000))
        #expect(!book.unacknowledge(id: 1) && book.acknowledge(ids: [2]) == 0, "closed alerts keep their state")
        #expect(book.openCount == 0 && book.acknowledgedCount == 0)
    }

    /// Memory stays bounded for any run length: the log never holds more than its capacity, and
    /// what it dropped is counted, so closed = kept + dropped.
    @Test func theLogIsABoundedRing() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        for round in Int64(0)..<50 {
            for car in UInt32(0)..<4 { feed(&book, cnFlow(.military, vehicle: car, time: at(round * 1000 + Int64(car)))) }
            book.tick(now: at(round * 1000 + 900))
            #expect(book.log.count <= Self.parameters.logCapacity)
        }
        #expect(book.log.count + book.droppedFromLog == 200 && book.log.count == 2)
    }

    @Test func logKeepsTheNewestClosedAlerts() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        for car in UInt32(0)..<3 { feed(&book, cnFlow(.military, vehicle: car, time: at(Int64(car)))) }
        book.tick(now: at(1000))
        #expect(book.log.map(\.vehicle) == [1, 2] && book.droppedFromLog == 1)
    }

    @Test func openAlertsAreOrderedBySeverityThenRaise() {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        feed(&book, cnFlow(.military, time: at(0)))  // CN-3a watch
        feed(&book, cnFlow(.privateOwner, .cabinCamera, vehicle: 2, time: at(1)))  // CN-4 critical
        feed(&book, cnFlow(.privateOwner, .cameraClip, vehicle: 3, time: at(2)))  // CN-1 high
        #expect(book.openAlerts.map(\.ruleID) == ["CN-4", "CN-1", "CN-3a"])
    }

    @Test func explanationUsesTheAlertTotal() throws {
        var book = AlertBook(policies: .default, parameters: Self.parameters)
        let zone: (ZoneID, ZoneKind) = ("cn-gov-peoples-square", .governmentOrgan)
        for t in [0, 5] as [Int64] {
            feed(&book, cnFlow(.military, .cameraClip, to: .unitedStates, zone: zone, time: at(t), bytes: 6_200_000))
        }
        let alert = try #require(book.openAlerts.first { $0.ruleID == "CN-3a" })
        #expect(alert.explanation ==
            "Restricted driver 王伟 (Wang Wei, military) sent 12.4 MB of camera clip data from LRW3E7EK4NC000007 "
            + "to Tesla US cloud (US), across the border, at 31.23N 121.47E inside cn-gov-peoples-square "
            + "[CN-3a, 2021 restrictions as reported]")
    }

    @Test func noRestrictedClassRaisesNoRestrictedDriverAlert() {
        var set = PolicySet.default
        set.restrictedClasses = []
        let engine = PolicyEngine(set)
        var book = AlertBook(policies: set, parameters: Self.parameters)
        let facts = cnFlow(.military, .cameraClip, to: .unitedStates, anonymised: true)
        book.record(engine.evaluate(facts), facts: facts)
        #expect(book.openAlerts.map(\.ruleID) == ["CN-1"])
    }
}
