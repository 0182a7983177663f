import Screen
import Testing
@testable import Dashboard

/// Issue 16: Esc returns to where the user came from in every view, Enter on the map opens the
/// selected car, and sorting acts only where the table is.
@Suite struct NavigationTests {
    let frame = FrameContext(visibleVehicles: [7, 3, 9], alertIDs: [40], tableRows: 3, tableTop: 5)

    func press(_ keys: [Key], _ state: inout DashboardState) {
        for k in keys { _ = state.reduce(.key(k), frame: frame) }
    }

    @Test func escRetracesTheWayBack() {
        var s = DashboardState()
        press([.down, .enter], &s)
        #expect(s.view == .detail(vehicle: 3))
        press([.character("m")], &s)
        #expect(s.view == .map)
        press([.escape], &s)
        #expect(s.view == .detail(vehicle: 3), "the map opened from the detail returns to it")
        press([.escape], &s)
        #expect(s.view == .fleet && s.previousViews.isEmpty)
        press([.escape], &s)
        #expect(s.view == .fleet, "home stays home")
    }

    @Test func enterOnTheMapOpensTheSelectedCarAndEscGoesBackToTheMap() {
        var s = DashboardState()
        press([.character("m"), .down, .down, .enter], &s)
        #expect(s.view == .detail(vehicle: 9))
        press([.escape], &s)
        #expect(s.view == .map)
        press([.character("m")], &s)
        #expect(s.view == .fleet, "m leaves the map the way it came")
    }

    @Test func alertsFocusFromTheMapGoesHome() {
        var s = DashboardState()
        press([.character("m"), .character("a")], &s)
        #expect(s.view == .fleet && s.focus == .alerts && s.previousViews.isEmpty)
        press([.escape], &s)
        #expect(s.view == .fleet && s.focus == .vehicles)
    }

    @Test func theWayBackIsBounded() {
        var s = DashboardState()
        press([.enter], &s)
        for _ in 0..<100 { press([.character("m"), .enter], &s) }
        #expect(s.previousViews.count == DashboardState.maxPreviousViews)
        for _ in 0..<(DashboardState.maxPreviousViews + 1) { press([.escape], &s) }
        #expect(s.view == .fleet)
    }

    @Test func sortingActsOnlyWhereTheTableIs() {
        var s = DashboardState()
        press([.enter, .character("s"), .character("S")], &s)
        #expect(s.sort == .rate && s.descending, "s in the detail view used to re-sort the table behind it")
        press([.escape, .character("m"), .character("s")], &s)
        #expect(s.sort == .rate)
        press([.escape, .character("s")], &s)
        #expect(s.sort == .up)
    }

    /// `<` and `>` move along the columns the table shows (at 80 columns no Up, Down or Total).
    @Test func sortMovesAlongTheColumnsShown() {
        var narrow = frame
        narrow.sortHeader = Self.header([.vin, .driver, .rate, .alerts])
        var s = DashboardState()
        _ = s.reduce(.key(.character(">")), frame: narrow)
        #expect(s.sort == .alerts && s.descending)
        _ = s.reduce(.key(.character(">")), frame: narrow)
        #expect(s.sort == .vin && !s.descending, "wraps to the first column")
        _ = s.reduce(.key(.character("<")), frame: narrow)
        #expect(s.sort == .alerts)
        s.sort = .up  // sorted by a column a wider screen showed
        _ = s.reduce(.key(.character(">")), frame: narrow)
        #expect(s.sort == .alerts, "the next shown column after Up")
        s.sort = .up
        _ = s.reduce(.key(.character("<")), frame: narrow)
        #expect(s.sort == .rate, "the previous shown column before Up")
        s.sort = .destination
        _ = s.reduce(.key(.character("<")), frame: FrameContext(sortHeader: Self.header([.vin, .rate])))
        #expect(s.sort == .rate, "none shown after it: the last")
    }

    /// Header cells ten columns wide from column 2, on the row above the table's first row.
    static func header(_ sorts: [SortColumn]) -> [FrameContext.HeaderCell] {
        sorts.enumerated().map { FrameContext.HeaderCell(columns: (2 + 11 * $0)..<(12 + 11 * $0), sort: $1) }
    }

    /// A click on a header sorts by it; a second click reverses; a click between cells, or on
    /// another view, does nothing.
    @Test func aClickOnAHeaderSorts() {
        var f = frame
        f.sortHeader = Self.header([.vin, .driver, .rate, .alerts])
        let header = f.tableTop! - 1
        var s = DashboardState()
        _ = s.reduce(.click(x: 15, y: header), frame: f)
        #expect(s.sort == .driver && !s.descending)
        _ = s.reduce(.click(x: 20, y: header), frame: f)
        #expect(s.sort == .driver && s.descending, "a second click reverses")
        _ = s.reduce(.click(x: 12, y: header), frame: f)
        #expect(s.sort == .driver && s.descending, "the gap between two cells")
        _ = s.reduce(.click(x: 40, y: header), frame: f)
        #expect(s.sort == .alerts && s.descending)
        s.view = .map
        _ = s.reduce(.click(x: 3, y: header), frame: f)
        #expect(s.sort == .alerts, "no table on the map")
    }

    @Test func aScriptedViewLeavesNoWayBack() {
        var s = DashboardState()
        press([.character("m")], &s)
        _ = s.reduce(.showView(.detail(vehicle: 1)), frame: nil)
        #expect(s.previousViews.isEmpty)
        press([.escape], &s)
        #expect(s.view == .fleet)
    }
}
