import Fleet
import Screen
import Simulation
import Testing
import TestSupport
@testable import Dashboard

/// Alerts as a workflow (issue 16): Enter opens an alert, a key jumps to its car, `A`
/// acknowledges and moves on, `u` takes it back, Ctrl-A acknowledges what the list shows, the
/// lists sort by time, severity, rule and bytes, and the history lists what the book keeps.
@Suite struct AlertWorkflowTests {
    /// Alerts 40 (car 7), 41 (car 3, acknowledged), 42 (car 9, closed), 43 (car 1).
    let frame = FrameContext(
        visibleVehicles: [7, 3, 9, 1, 4], alertIDs: [40, 41, 42, 43], tableRows: 3, tableTop: 5)
    var alertFrame: FrameContext {
        var f = frame
        f.alertVehicles = [7, 3, 9, 1]
        f.alertUnacknowledged = [true, false, false, true]
        return f
    }

    func press(_ keys: [Key], _ s: inout DashboardState, frame: FrameContext? = nil) -> [Command] {
        var commands: [Command] = []
        for k in keys { commands += s.reduce(.key(k), frame: frame ?? alertFrame) }
        return commands
    }

    @Test func enterOpensTheAlertAndItsCarThenEscGoesBackEachStep() {
        var s = DashboardState()
        _ = press([.character("a"), .down, .enter], &s)
        #expect(s.view == .alert(id: 41))
        // The alert view's frame lists the alert shown.
        var shown = alertFrame
        shown.alertIDs = [41]
        shown.alertVehicles = [3]
        shown.alertUnacknowledged = [false]
        _ = press([.enter], &s, frame: shown)
        #expect(s.view == .detail(vehicle: 3) && s.selectedVehicle == 3 && s.focus == .alerts, "Enter in the alert view opens its car, its alerts focused")
        _ = press([.escape], &s)
        #expect(s.view == .alert(id: 41), "Esc from the car returns to the alert")
        _ = press([.character("c")], &s, frame: shown)
        #expect(s.view == .detail(vehicle: 3), "c opens the car too")
        _ = press([.escape, .escape], &s)
        #expect(s.view == .fleet && s.focus == .alerts && s.selectedAlert == 1, "back where the user came from")
        _ = press([.escape], &s)
        #expect(s.focus == .vehicles)
    }

    /// The car's own alert list in the detail view: `a` gives it the keys, ↑↓ select, Enter
    /// opens the alert, Esc comes back to the car.
    @Test func theDetailsAlertListOpensItsAlerts() {
        var s = DashboardState()
        _ = press([.enter], &s)
        #expect(s.view == .detail(vehicle: 7) && s.selectedCarAlert == 0)
        var car = alertFrame
        car.alertIDs = [40, 44]
        car.alertVehicles = [7, 7]
        car.alertUnacknowledged = [true, true]
        _ = press([.character("a"), .down, .down], &s, frame: car)
        #expect(s.view == .detail(vehicle: 7) && s.focus == .alerts && s.selectedCarAlert == 1 && s.selectedAlert == 0)
        #expect(press([.character("A")], &s, frame: car) == [.acknowledge(alertID: 44)])
        #expect(s.selectedCarAlert == 0)
        _ = press([.down, .enter], &s, frame: car)
        #expect(s.view == .alert(id: 44))
        _ = press([.escape], &s)
        #expect(s.view == .detail(vehicle: 7))
        _ = press([.escape], &s)
        #expect(s.view == .fleet)
    }

    @Test func acknowledgeMovesOnToTheNextUnacknowledged() {
        var s = DashboardState()
        #expect(press([.character("a"), .character("A")], &s) == [.acknowledge(alertID: 40)])
        #expect(s.selectedAlert == 3, "past the acknowledged (41) and the closed (42)")
        #expect(press([.character("A")], &s) == [.acknowledge(alertID: 43)])
        #expect(s.selectedAlert == 0, "wraps round to the first one left")
        var none = alertFrame
        none.alertUnacknowledged = [false, false, false, true]
        _ = press([.character("A")], &s, frame: none)
        #expect(s.selectedAlert == 3 || s.selectedAlert == 0)
        #expect(DashboardState.nextUnacknowledged(after: 3, in: [false, false, false, true]) == 3, "none other left: stays")
        #expect(DashboardState.nextUnacknowledged(after: 0, in: []) == 0)
    }

    @Test func undoAndAcknowledgeAllOfTheAlertsShown() {
        var s = DashboardState()
        #expect(press([.character("a"), .down, .character("u")], &s) == [.unacknowledge(alertID: 41)])
        #expect(press([.ctrl("a")], &s) == [.acknowledgeAll(alertIDs: [40, 41, 42, 43])])
        var filtered = alertFrame
        filtered.alertIDs = [43]
        filtered.alertVehicles = [1]
        filtered.alertUnacknowledged = [true]
        #expect(press([.ctrl("a")], &s, frame: filtered) == [.acknowledgeAll(alertIDs: [43])], "only what a filter shows")
        var vehicles = DashboardState()
        #expect(press([.character("A"), .character("u"), .ctrl("a")], &vehicles).isEmpty, "the alert keys need the alert focus")
        // In the alert view they act on the alert shown.
        var view = DashboardState()
        _ = press([.character("a"), .enter], &view)
        #expect(press([.character("A"), .character("u")], &view) == [.acknowledge(alertID: 40), .unacknowledge(alertID: 40)])
    }

    @Test func sortKeysActOnTheFocusedList() {
        var s = DashboardState()
        _ = press([.character(">")], &s)
        #expect(s.sort != .rate && s.alertSort == .time, "the table's sort with the vehicles focused")
        var a = DashboardState()
        _ = press([.character("a"), .down, .character(">")], &a)
        #expect(a.sort == .rate && a.alertSort == .severity && a.alertDescending && a.selectedAlert == 0)
        _ = press([.character(">"), .character("s")], &a)
        #expect(a.alertSort == .bytes && a.alertDescending)
        _ = press([.character(">")], &a)
        #expect(a.alertSort == .time, "wraps")
        _ = press([.character("<")], &a)
        #expect(a.alertSort == .bytes)
        _ = press([.character("<"), .character("S")], &a)
        #expect(a.alertSort == .rule && a.alertDescending, "rule is A to Z first, S reverses it")
    }

    @Test func theHistoryScrollsSortsAndOpensAlerts() {
        var s = DashboardState()
        _ = press([.character("H")], &s)
        #expect(s.view == .alerts)
        _ = press([.down, .down, .end], &s)
        #expect(s.selectedHistory == 3 && s.selectedAlert == 0, "movement moves the history's selection")
        _ = press([.home, .pageDown], &s)
        #expect(s.selectedHistory == 2)
        _ = press([.character(">")], &s)
        #expect(s.alertSort == .severity && s.selectedHistory == 0 && s.sort == .rate)
        _ = press([.down, .enter], &s)
        #expect(s.view == .alert(id: 41))
        _ = press([.character("c")], &s, frame: FrameContext(alertIDs: [41], tableRows: 3))
        #expect(s.view == .alert(id: 41), "no car known for the alert: stays")
        var shown = alertFrame
        shown.alertIDs = [41]
        shown.alertVehicles = [3]
        _ = press([.character("c")], &s, frame: shown)
        #expect(s.view == .detail(vehicle: 3) && s.focus == .alerts, "from the history too, the car opens with its alerts focused")
        _ = press([.escape], &s)
        #expect(s.view == .alert(id: 41))
        _ = press([.escape], &s)
        #expect(s.view == .alerts)
        #expect(press([.character("A")], &s) == [.acknowledge(alertID: 41)])
        _ = press([.escape], &s)
        #expect(s.view == .fleet)
        _ = press([.character("H"), .character("H")], &s)
        #expect(s.view == .fleet, "H leaves the history the way it came")
    }

    // MARK: The model: counts, orders, the history and the alert view from a real run.

    /// The default world with short stays at home: a busy morning, so that 20 minutes raise
    /// alerts of several kinds.
    static let busy: WorldConfig = {
        var config = WorldConfig.default
        config.behaviour.dwellHours.home = 10
        return config
    }()

    static let monitor: FleetMonitor = {
        var m = try! FleetMonitor(config: Self.busy, policies: .default)
        m.run(until: SimTime.zero + .minutes(60))  // alerts are sparser since the Sentry view left CN-1
        return m
    }()

    static func model(_ monitor: FleetMonitor, _ edit: (inout DashboardState) -> Void = { _ in }) -> (DashboardState, DashboardModel) {
        var state = DashboardState(width: 120, height: 40, speed: 1, paused: true)
        edit(&state)
        return (state, ModelBuilder(scenarioName: "Default fleet").build(monitor: monitor, state: state, rows: .screen))
    }

    /// Open = acknowledged + unacknowledged in the header's numbers, the panel's title and the
    /// alert log summary (the JSON's), and they change with the acknowledgement at once.
    @Test func countsAgreeEverywhereAndFollowTheAcknowledgement() throws {
        var monitor = Self.monitor
        let open = monitor.alerts.openAlerts
        try #require(open.count >= 2, "the seeded run has open alerts at 20 minutes")
        monitor.acknowledge(alertID: open[0].id)
        #expect(monitor.acknowledge(alertIDs: [open[0].id, open[1].id, 999_999]) == 1)
        let (state, model) = Self.model(monitor)
        let unacknowledged = Severity.allCases.reduce(0) { $0 + (model.fleet.unacknowledgedAlerts?[$1] ?? -100) }
        #expect(model.alertLog.acknowledged == 2 && model.alertLog.open == open.count)
        #expect(unacknowledged + model.alertLog.acknowledged == model.alertLog.open)
        let panel = AlertPanel.counts(model.alerts)
        #expect(panel.open == model.alertLog.open && panel.acknowledged == 2)
        let screen = DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: model).0.text
        #expect(screen.contains("Alerts · \(open.count) open · 2 acknowledged"), "\(screen)")
        let header = screen.split(separator: "\n").prefix(2).joined()
        #expect(header.contains("alerts ") && header.contains("2 acknowledged"), "\(header)")
        monitor.unacknowledge(alertID: open[0].id)
        let after = Self.model(monitor).1
        #expect(after.alertLog.acknowledged == 1 && AlertPanel.counts(after.alerts).acknowledged == 1)
    }

    @Test(arguments: AlertSort.allCases)
    func listsFollowTheSort(sort: AlertSort) throws {
        for descending in [true, false] {
            let (_, model) = Self.model(Self.monitor) { $0.view = .alerts; $0.alertSort = sort; $0.alertDescending = descending }
            let h = model.alertHistory
            try #require(h.count > 1)
            let order = AlertOrder(sort: sort, descending: descending)
            #expect(zip(h, h.dropFirst()).allSatisfy { !order.precedes($1, $0) }, "history in \(sort) order")
            let key: (AlertRow) -> Double = switch sort {
            case .time: { Double(AlertOrder.time($0).nanoseconds) }
            case .severity: { Double($0.severity.rank) }
            case .rule: { _ in 0 }
            case .bytes: { Double($0.bytes) }
            }
            if sort != .rule {
                let keys = h.map(key)
                #expect(keys == (descending ? keys.sorted(by: >) : keys.sorted()))
            } else {
                let ids = h.map(\.ruleID)
                #expect(ids == (descending ? ids.sorted(by: >) : ids.sorted()))
            }
            // The panel: the open alerts first, each group in the same order.
            let p = Self.model(Self.monitor) { $0.alertSort = sort; $0.alertDescending = descending }.1.alerts
            let openCount = p.prefix { $0.isOpen }.count
            #expect(p.dropFirst(openCount).allSatisfy { !$0.isOpen })
            #expect(Array(p.prefix(openCount)) == order.sorted(Array(p.prefix(openCount))))
        }
    }

    /// The default order is the one the exports always had: open alerts newest first, then the
    /// closed ones by closing time, newest first.
    @Test func theDefaultOrderIsTheExportsOrder() {
        let model = Self.model(Self.monitor).1
        let book = Self.monitor.alerts
        let open = book.openAlerts.sorted { ($0.start, $0.id) > ($1.start, $1.id) }.map(\.id)
        let closed = book.log.suffix(ModelBuilder(scenarioName: "").recentAlertLimit).reversed().map(\.id)
        #expect(model.alerts.map(\.id) == open + closed)
    }

    @Test func theHistoryHoldsWhatTheBookKeepsAndSaysWhatItDropped() throws {
        var parameters = AlertParameters.default
        parameters.logCapacity = 5
        var monitor = try FleetMonitor(config: Self.busy, policies: .default, alerts: parameters)
        monitor.run(until: SimTime.zero + .minutes(20))
        let (state, model) = Self.model(monitor) { $0.view = .alerts }
        #expect(model.alertHistory.count == monitor.alerts.openCount + 5)
        #expect(Set(model.alertHistory.map(\.id)).count == model.alertHistory.count)
        try #require(model.alertLog.droppedFromLog > 0)
        let screen = DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: model).0.text
        #expect(screen.contains("Alert history · \(monitor.alerts.openCount) open · 5 closed · \(model.alertLog.droppedFromLog) dropped (log keeps 5)"), "\(screen)")
        let filtered = ModelBuilder(scenarioName: "").alertHistory(
            book: monitor.alerts, world: monitor.world, order: AlertOrder(), where: { $0.severity == .critical })
        #expect(filtered.allSatisfy { $0.severity == .critical }, "the seam a filter plugs into")
    }

    @Test func theAlertViewHasTheRuleTheCaseAndABreakdownThatAddsUp() throws {
        let alert = try #require(Self.monitor.alerts.openAlerts.max { $0.breakdown.categoryCount < $1.breakdown.categoryCount })
        let (_, model) = Self.model(Self.monitor) { $0.view = .alert(id: alert.id) }
        let d = try #require(model.openedAlert)
        #expect(d.alert.id == alert.id && d.alert.explanation == alert.explanation)
        #expect(d.caseNumber >= 1 && d.caseNumber <= d.caseCount)
        #expect(!d.carModel.isEmpty)
        let b = d.alert.breakdown
        #expect(b.categories.reduce(0) { $0 + $1.bytes } == d.alert.bytes)
        #expect(b.destinations.reduce(b.otherBytes) { $0 + $1.bytes } == d.alert.bytes)
        #expect(Self.model(Self.monitor) { $0.view = .alert(id: 999_999) }.1.openedAlert == nil)
    }

    // MARK: Golden screens of the two new views, from the real run.

    static func screen(_ w: Int, _ h: Int, _ edit: (inout DashboardState) -> Void) -> Buffer {
        var state = DashboardState(width: w, height: h, speed: 1, paused: true)
        edit(&state)
        let model = ModelBuilder(scenarioName: "Default fleet").build(monitor: monitor, state: state, rows: .screen)
        return DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: model).0
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func alertViewAndHistory(size: (Int, Int)) throws {
        let alert = try #require(Self.monitor.alerts.openAlerts.max { $0.breakdown.categoryCount < $1.breakdown.categoryCount })
        let view = Self.screen(size.0, size.1) { $0.view = .alert(id: alert.id) }
        assertSnapshot(view.description, named: "simulated-alert-\(size.0)x\(size.1).txt")
        #expect(view.text.contains("Alert #\(alert.id)"))
        let history = Self.screen(size.0, size.1) { $0.view = .alerts; $0.selectedHistory = 2 }
        assertSnapshot(history.description, named: "simulated-history-\(size.0)x\(size.1).txt")
    }
}
