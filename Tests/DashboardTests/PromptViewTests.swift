import Fleet
import Screen
import Testing
@testable import Dashboard

/// What the prompt and the filter look like: the cursor cell where the cursor is (wide
/// characters included), the title naming the filter in force, and the alerts and the map
/// showing only the cars the filter matches.
@Suite struct PromptViewTests {
    let view = DashboardView(glyphs: .unicode, theme: .dark)

    func render(_ w: Int, _ h: Int, _ edit: (inout DashboardState) -> Void = { _ in }) -> (Buffer, FrameContext) {
        var s = DashboardState(width: w, height: h)
        edit(&s)
        return view.render(state: s, model: ViewFixture.model)
    }

    func reversed(_ b: Buffer, y: Int) -> [Int] { (0..<b.width).filter { b[$0, y].style.attributes.contains(.reverse) } }

    @Test func theCursorCellSitsUnderTheCursorWithWideText() throws {
        let (b, _) = render(100, 30) {
            var editor = FilterEditor(text: "driver:王伟 x", previous: .all)
            for _ in 0..<3 { editor.line.moveLeft() }  // on 伟
            $0.filter = editor
        }
        let y = b.height - 1
        #expect(b.line(y).hasPrefix("/ driver:王伟 x"))
        // "/ " 2 columns, "driver:" 7, 王 2: 伟 starts at column 11 and is two wide.
        #expect(reversed(b, y: y) == [11, 12], "the wide character under the cursor is drawn reversed, both halves")
        #expect(b[11, y].text == "伟")
    }

    @Test func aLongLineScrollsToKeepTheCursorShown() {
        for cursor in [0, 150, 399, 400] {
            let (b, _) = render(80, 24) {
                var editor = FilterEditor(text: String(repeating: "王", count: 400), previous: .all)
                editor.line = LineEditor(editor.text, cursor: cursor)
                $0.filter = editor
            }
            let y = b.height - 1
            #expect(reversed(b, y: y).count == (cursor == 400 ? 1 : 2), "cursor at \(cursor)")
            let line = b.line(y)
            #expect(line.contains("…") == true || cursor == 0)
        }
    }

    @Test func theTitleNamesTheAppliedFilterAndAPreviewSaysSo() throws {
        let military = try Query(parsing: "class:military")
        let (b, _) = render(160, 48) {
            $0.query = try! Query(parsing: "restricted")
            $0.filter = FilterEditor(text: "restricted", previous: military)
        }
        #expect(b.text.contains("filter: class:military · preview: restricted"))
        let (c, _) = render(160, 48) { $0.query = military }
        #expect(c.text.contains("filter: class:military") && !c.text.contains("preview"))
    }

    @Test func theAlertsAndTheMapShowTheFilteredCarsAndSaySo() throws {
        let q = try Query(parsing: "class:key-soe")
        let (all, allFrame) = render(160, 48)
        let (b, frame) = render(160, 48) { $0.query = q }
        #expect(allFrame.alertIDs.count > frame.alertIDs.count && !frame.alertIDs.isEmpty)
        let soe = Set(ViewFixture.vehicles.filter { q.matches($0) }.map(\.index))
        for id in frame.alertIDs { #expect(soe.contains(ViewFixture.model.alerts.first { $0.id == id }!.vehicle)) }
        #expect(b.text.contains("filtered: class:key-soe") && !all.text.contains("filtered:"))
        let (m, _) = render(160, 48) { $0.query = q; $0.view = .map }
        #expect(m.text.contains("filtered: class:key-soe") && m.text.contains("· filtered · "), "the legend names the filter, the regions say filtered")
        let shown = DashboardView.mapShown(state: { var s = DashboardState(); s.query = q; return s }(), map: ViewFixture.model.map, visible: frame.visibleVehicles)
        #expect(shown.regions.allSatisfy { $0.cars.allSatisfy { soe.contains($0.vehicle) } })
        #expect(shown.regions.map(\.cars.count).reduce(0, +) < ViewFixture.model.map.regions.map(\.cars.count).reduce(0, +))
    }

    @Test func theSearchIsInTheTitleAndTheJumpIsDrawn() throws {
        let (b, frame) = render(160, 48) {
            $0.search = try! Query(parsing: "driver:li")
            $0.searchJump = DashboardState.SearchJump(forward: true, from: nil)
        }
        #expect(frame.searchMatches == frame.visibleVehicles.filter { [1].contains($0) }, "李娜 Li Na is the one match")
        #expect(b.text.contains("search: driver:li (1)"))
        let (c, _) = render(160, 48) { $0.search = try! Query(parsing: "driver:li") }
        let row = try #require((0..<c.height).first { c.line($0).contains("李娜") })
        #expect(c[1, row].text == "•", "the match is marked")
        #expect(c.line(c.height - 1).contains("n/N next match"), "the footer says how to go on")
        #expect(!render(160, 48).0.line(47).contains("n/N"), "and says nothing of it without a search")
        let (d, _) = render(160, 48) {
            $0.search = try! Query(parsing: "restricted")
            $0.filter = FilterEditor(text: "restricted", previous: .all, purpose: .search)
        }
        #expect(d.line(d.height - 1).hasPrefix("find restricted") && d.line(d.height - 1).contains("2 matches · Enter find, then n/N"))
    }
}
