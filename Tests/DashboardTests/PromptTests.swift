import Screen
import Testing
@testable import Dashboard

/// The filter and search prompts through the reducer: line editing, history, what the table
/// previews and what the title calls the filter, and `n` / `N`.
@Suite struct PromptTests {
    let frame = FrameContext(visibleVehicles: [7, 3, 9, 1, 4], alertIDs: [40, 41, 42], tableRows: 3, tableTop: 5)

    func run(_ keys: [Key], from state: DashboardState = DashboardState(), frame: FrameContext? = nil) -> DashboardState {
        var s = state
        for k in keys { _ = s.reduce(.key(k), frame: frame ?? self.frame) }
        return s
    }

    func typed(_ s: String) -> [Key] { s.map { .character($0) } }

    @Test func cursorMovesEditTheFilterWhereTheCursorIs() {
        let s = run([.character("/")] + typed("class:mil") + [.home, .character("!"), .end] + typed("itary") + [.enter])
        #expect(s.filter == nil)
        #expect(s.query.source == "!class:military")
        let t = run([.character("/"), .ctrl("a"), .ctrl("k")] + typed("dest:US rate>1MB") + [.ctrl("w"), .ctrl("w")] + typed("model:Y") + [.enter], from: s)
        #expect(t.query.source == "model:Y")
    }

    /// While the text does not parse the table shows the filter in force, never a prefix of the
    /// text; while it parses it previews it, but the filter in force stays what the title names.
    @Test func theTitleNamesTheAppliedFilterUntilEnter() {
        let applied = run([.character("/")] + typed("class:military") + [.enter])
        var s = run([.character("/"), .ctrl("u")] + typed("rate>"), from: applied)
        #expect(s.filter?.error != nil)
        #expect(s.query.source == "class:military", "an invalid text leaves the applied filter in force")
        #expect(s.appliedFilter.source == "class:military")
        s = run(typed("1MB"), from: s)
        #expect(s.query.source == "rate>1MB", "the table previews a text that parses")
        #expect(s.appliedFilter.source == "class:military", "the title still names the filter in force")
        s = run([.enter], from: s)
        #expect(s.appliedFilter.source == "rate>1MB")
        s = run([.character("/"), .ctrl("u"), .escape], from: s)
        #expect(s.query.source == "rate>1MB", "Esc restores the filter in force")
    }

    @Test func historyWalksWithUpAndDown() {
        var s = DashboardState()
        for q in ["class:military", "dest:China", "class:military", "model:Y"] {
            s = run([.character("/"), .ctrl("u")] + typed(q) + [.enter], from: s)
        }
        #expect(s.promptHistory.entries == ["dest:China", "class:military", "model:Y"])
        s = run([.character("/"), .ctrl("u")] + typed("vin:L") + [.up], from: s)
        #expect(s.filter?.text == "model:Y")
        #expect(s.query.source == "model:Y", "a history entry previews like typed text")
        s = run([.up, .up, .up], from: s)
        #expect(s.filter?.text == "dest:China", "Up stops at the oldest entry")
        s = run([.down], from: s)
        #expect(s.filter?.text == "class:military")
        s = run([.down, .down], from: s)
        #expect(s.filter?.text == "vin:L", "Down past the newest entry brings back what was typed")
        #expect(s.filter?.line.cursor == 5)
        s = run([.down, .escape], from: s)
        #expect(s.query.source == "model:Y", "Esc restores the filter in force, not the history")
        #expect(s.promptHistory.entries.count == 3, "Esc remembers nothing")
    }

    @Test func aFailedEnterRemembersNothing() {
        let s = run([.character("/")] + typed("clas:x") + [.enter])
        #expect(s.filter != nil)
        #expect(s.promptHistory.entries.isEmpty)
    }

    /// `f` searches: nothing is hidden, Enter jumps to the first match after the selection, `n`
    /// and `N` go on (wrapping), and the view draws the jump before the next key adopts it.
    @Test func searchJumpsWithoutFiltering() {
        // Table order 7 3 9 1 4; the search matches 9 and 4.
        var frame = self.frame
        frame.searchMatches = [9, 4]
        frame.searchQuery = try! Query(parsing: "wang")
        var s = run([.character("f")] + typed("wang"), frame: frame)
        #expect(s.filter?.purpose == .search)
        #expect(s.query.isEmpty, "a search being typed filters nothing")
        #expect(s.search.source == "wang", "it marks its matches as it is typed")
        s = run([.enter], from: s, frame: frame)
        #expect(s.search.source == "wang" && s.query.isEmpty)
        #expect(s.selectedPosition(in: frame.visibleVehicles, searchMatches: frame.searchMatches) == 2, "drawn on 9")
        s = run([.character("n")], from: s, frame: frame)
        #expect(s.selectedVehicle == 9, "the next key adopts the row drawn")
        #expect(s.selectedPosition(in: frame.visibleVehicles, searchMatches: frame.searchMatches) == 4, "n: on to 4")
        s = run([.character("n")], from: s, frame: frame)
        #expect(s.selectedPosition(in: frame.visibleVehicles, searchMatches: frame.searchMatches) == 2, "n wraps around to 9")
        s = run([.character("N"), .character("N")], from: s, frame: frame)
        #expect(s.selectedVehicle == 4)
        #expect(s.selectedPosition(in: frame.visibleVehicles, searchMatches: frame.searchMatches) == 2, "N goes back")
        s = run([.down], from: s, frame: frame)
        #expect(s.selectedVehicle == 1, "a movement key moves from the match")
        #expect(s.promptHistory.entries == ["wang"])
        // No match: the selection stays.
        frame.searchMatches = []
        s = run([.character("n")], from: s, frame: frame)
        #expect(s.selectedPosition(in: frame.visibleVehicles, searchMatches: frame.searchMatches) == 3)
        #expect(run([.character("n")]).searchJump == nil, "n without a search does nothing")
    }

    /// Between keys the driver settles a jump on the frame that drew it; a frame drawn for
    /// another search leaves it pending.
    @Test func aJumpSettlesOnTheFrameThatDrewIt() throws {
        var frame = self.frame
        frame.searchMatches = [9, 4]
        var s = DashboardState()
        s.search = try Query(parsing: "wang")
        s.selectedVehicle = 7
        s.searchJump = DashboardState.SearchJump(forward: true, from: 7)
        var stale = s
        stale.settleSearchJump(frame: frame)
        #expect(stale.searchJump != nil && stale.selectedVehicle == 7, "matches of another search")
        frame.searchQuery = s.search
        s.settleSearchJump(frame: frame)
        #expect(s.searchJump == nil && s.selectedVehicle == 9)
    }

    @Test func escapeLeavesTheSearchAsItWas() {
        var s = run([.function(3)] + typed("wang") + [.enter])
        s = run([.character("f"), .ctrl("u")] + typed("li"), from: s)
        #expect(s.search.source == "li")
        s = run(typed(":"), from: s)
        #expect(s.search.source == "wang", "a text that does not parse marks what the search in force marks")
        s = run([.escape], from: s)
        #expect(s.search.source == "wang")
        #expect(s.filter == nil)
    }
}
