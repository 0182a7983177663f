import Screen
import Testing
@testable import Dashboard

@Suite struct ReducerTests {
    let frame = FrameContext(visibleVehicles: [7, 3, 9, 1, 4], alertIDs: [40, 41, 42], tableRows: 3, tableTop: 5)

    func run(_ keys: [Key], from state: DashboardState = DashboardState()) -> (DashboardState, [Command]) {
        var s = state
        var commands: [Command] = []
        for k in keys { commands += s.reduce(.key(k), frame: frame) }
        return (s, commands)
    }

    @Test func movementFollowsTheTableOrderAndClamps() {
        // The first row (7) is selected from the start.
        #expect(run([.down]).0.selectedVehicle == 3)
        #expect(run([.down, .down, .character("j")]).0.selectedVehicle == 1)
        #expect(run([.down, .down, .up, .character("k"), .up]).0.selectedVehicle == 7)
        #expect(run([.end]).0.selectedVehicle == 4)
        #expect(run([.end, .home]).0.selectedVehicle == 7)
        #expect(run([.down, .pageDown]).0.selectedVehicle == 1)
    }

    /// No row was marked at start, so `k` jumped to the last car and Enter opened a row nobody
    /// saw selected: now the first row is selected (and drawn so) from the first frame.
    @Test func theFirstRowIsSelectedFromTheStart() {
        #expect(DashboardState().selectedPosition(in: frame.visibleVehicles) == 0)
        #expect(DashboardState().selectedPosition(in: []) == nil)
        #expect(run([.character("k")]).0.selectedVehicle == 7, "k on the first row stays there")
        #expect(run([.up]).0.selectedVehicle == 7)
        #expect(run([.enter]).0.view == .detail(vehicle: 7), "Enter opens the row drawn selected")
    }

    /// A filter that hides the selected car moves the selection to the first visible row, and
    /// Enter never opens a car the filter hides.
    @Test func aFilterThatHidesTheSelectedCarMovesTheSelection() {
        var s = run([.end]).0
        #expect(s.selectedVehicle == 4)
        let filtered = FrameContext(visibleVehicles: [9, 1], alertIDs: [], tableRows: 3, tableTop: 5)
        #expect(s.selectedPosition(in: filtered.visibleVehicles) == 0, "drawn on the first visible row")
        var opened = s
        _ = opened.reduce(.key(.enter), frame: filtered)
        #expect(opened.view == .detail(vehicle: 9))
        _ = s.reduce(.key(.down), frame: filtered)
        #expect(s.selectedVehicle == 1)
        // A filter that still shows the selected car keeps it.
        var kept = run([.end]).0
        _ = kept.reduce(.key(.character("S")), frame: FrameContext(visibleVehicles: [1, 4], tableRows: 3, tableTop: 5))
        #expect(kept.selectedVehicle == 4)
        // Nothing matches: Enter opens nothing.
        var none = run([.end]).0
        _ = none.reduce(.key(.enter), frame: FrameContext(visibleVehicles: [], tableRows: 3, tableTop: 5))
        #expect(none.view == .fleet)
    }

    @Test func scrollKeepsTheSelectionOnScreen() {
        let (s, _) = run([.end])
        #expect(s.scroll == 2, "5 rows, 3 visible: the last row needs scroll 2")
        let (t, _) = run([.end, .home])
        #expect(t.scroll == 0)
    }

    @Test func enterOpensTheDetailAndEscGoesBack() {
        let (s, _) = run([.down, .down, .enter])
        #expect(s.view == .detail(vehicle: 9))
        #expect(run([.down, .enter, .escape]).0.view == .fleet)
    }

    /// `>` and `s` move the sort one column right along the table, `<` one left (htop's keys),
    /// each column in its natural direction; `S` reverses.
    @Test func sortMovesAlongTheColumnsAndReverses() {
        let (s, _) = run([.character("s")])
        #expect(s.sort == .up && s.descending)
        #expect(run([.character(">"), .character(">")]).0.sort == .down)
        let (t, _) = run([.character("<")])
        #expect(t.sort == .state && !t.descending, "text columns start A to Z")
        #expect(run([.character("<"), .character("<"), .character("<"), .character("<"), .character("<")]).0.sort == .alerts, "< wraps")
        #expect(run([.character("S")]).0.descending == false)
        let all = run(Array(repeating: .character(">"), count: SortColumn.allCases.count)).0
        #expect(all.sort == .rate, "cycling comes back to the first column")
        #expect(!SortColumn.allCases.map(\.rawValue).contains("region"), "every sort column is a column the table shows")
    }

    /// Keys go through the bindings: a moved key does its action, the old one nothing; Ctrl-C
    /// always quits; every action has a built-in key that reaches it.
    @Test func keysGoThroughTheBindings() {
        var state = DashboardState()
        state.keys = KeyBindings(overrides: [.quit: [.character("Q")], .pause: [.character("p")]])
        #expect(run([.character("q")], from: state).1 == [])
        #expect(run([.character("Q")], from: state).1 == [.quit])
        #expect(run([.ctrl("c")], from: state).1 == [.quit])
        #expect(run([.character(" ")], from: state).1 == [])
        #expect(run([.character("p")], from: state).1 == [.setPaused(true)])
        for action in KeyAction.allCases {
            #expect(KeyBindings.standard.action(for: action.defaultKeys[0]) == action, "\(action)")
        }
        #expect(KeyBindings.standard.conflicts.isEmpty)
    }

    /// C opens the column chooser: ↑/↓ move its cursor, space hides or shows, ←/→ move a
    /// column, Esc closes; the last column cannot be hidden; keys do nothing else meanwhile.
    @Test func theColumnChooserHidesShowsAndOrders() {
        var (s, c) = run([.character("C")])
        #expect(s.columnChooser == 0 && c.isEmpty)
        (s, _) = run([.character(" ")], from: s)  // hide VIN: it moves below the shown ones
        #expect(s.columns == Array(TableColumn.allCases.dropFirst()) && s.chooserRows.last == .vin)
        (s, _) = run([.down, .right], from: s)  // class one later, after state
        #expect(Array(s.columns.prefix(3)) == [.driver, .state, .userClass] && s.columnChooser == 2)
        (s, _) = run([.left, .left, .left], from: s)  // to the front, and no further
        #expect(s.columns.first == .userClass && s.columnChooser == 0)
        (s, c) = run([.character("q"), .character("/")], from: s)  // q closes the chooser, not the program
        #expect(c.isEmpty && s.columnChooser == nil && s.filter != nil)
        var one = DashboardState()
        one.columns = [.rate]
        (s, _) = run([.character("C"), .character(" ")], from: one)
        #expect(s.columns == [.rate], "the last column stays")
        (s, _) = run([.character("C"), .end, .character(" "), .escape], from: one)
        #expect(s.columns == [.rate, .alerts] && s.columnChooser == nil)
        var detail = DashboardState()
        detail.view = .detail(vehicle: 3)
        #expect(run([.character("C")], from: detail).0.columnChooser == nil, "the chooser is the fleet table's")
    }

    @Test func filterEditsLiveAndEscRestores() throws {
        var (s, _) = run([.character("/")] + "class:military".map { .character($0) })
        #expect(s.filter != nil)
        #expect(s.query.source == "class:military")
        _ = s.reduce(.key(.enter), frame: frame)
        #expect(s.filter == nil)
        (s, _) = run([.character("/")] + "!restricted".map { .character($0) } + [.escape], from: s)
        #expect(s.query.source == "class:military", "Esc restores the filter in force before editing")
        (s, _) = run([.character("/"), .ctrl("u")] + "clas:x".map { .character($0) } + [.enter], from: s)
        #expect(s.filter?.error != nil, "Enter keeps the bar open while the filter has an error")
        #expect(s.filter?.error?.message.contains("did you mean 'class'") == true)
        (s, _) = run([.ctrl("u")] + "q".map { .character($0) }, from: s)
        #expect(s.filter?.text == "q", "q types into the filter instead of quitting")
    }

    @Test func alertsFocusAndAcknowledge() {
        let (s, commands) = run([.character("a"), .down, .character("A")])
        #expect(s.focus == .alerts)
        #expect(s.selectedAlert == 1)
        #expect(commands == [.acknowledge(alertID: 41)])
        #expect(run([.character("A")]).1.isEmpty, "A does nothing unless the alerts have focus")
    }

    @Test func pauseStepSpeedHelpAndQuit() {
        let (s, c) = run([.character(" "), .character("."), .character("+"), .character("+"), .character("-")])
        #expect(s.paused)
        #expect(c == [.setPaused(true), .step, .setSpeed(2), .setSpeed(5), .setSpeed(2)])
        #expect(run([.character(".")]).1.isEmpty, "step only while paused")
        #expect(run(Array(repeating: .character("-"), count: 3)).0.speed == 1)
        #expect(run(Array(repeating: .character("+"), count: 30)).0.speed == 10_000)
        let (h, hc) = run([.character("?")])
        #expect(h.showHelp && hc.isEmpty)
        #expect(run([.character("?"), .character("x")]).0.showHelp == false)
        #expect(run([.character("q")]).1 == [.quit])
        #expect(run([.character("m")]).0.view == .map)
        #expect(run([.character("m"), .character("m")]).0.view == .fleet)
    }

    @Test func clicksSelectThenOpen() {
        var s = DashboardState()
        _ = s.reduce(.click(x: 10, y: 6), frame: frame)
        #expect(s.selectedVehicle == 3)
        _ = s.reduce(.click(x: 10, y: 6), frame: frame)
        #expect(s.view == .detail(vehicle: 3))
        var t = DashboardState()
        _ = t.reduce(.click(x: 10, y: 2), frame: frame)
        #expect(t.selectedVehicle == 7, "a click outside the table leaves the first row selected")
        _ = t.reduce(.wheel(up: false), frame: frame)
        #expect(t.selectedVehicle == 1)
    }

    @Test func resizeNeverGoesNegative() {
        var s = DashboardState()
        _ = s.reduce(.resize(width: -3, height: 1), frame: frame)
        #expect(s.width == 0 && s.height == 1)
    }
}
