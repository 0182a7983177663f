import Fleet
import Geography
import Screen
import Simulation
import Testing
@testable import Dashboard

@Suite struct ViewTests {
    let view = DashboardView(glyphs: .unicode, theme: .dark)

    func render(_ w: Int, _ h: Int, model: DashboardModel = ViewFixture.model, _ edit: (inout DashboardState) -> Void = { _ in }) -> (Buffer, FrameContext) {
        var s = DashboardState(width: w, height: h)
        edit(&s)
        return view.render(state: s, model: model)
    }

    /// The text of the cells from column `x` on (continuations skipped).
    func text(_ b: Buffer, y: Int, from x: Int) -> String {
        var s = ""
        for i in x..<b.width where !b[i, y].isContinuation { s += b[i, y].text }
        return s
    }

    func column(of title: String, in b: Buffer) -> (x: Int, y: Int)? {
        for y in 0..<b.height {
            for x in 0..<b.width where text(b, y: y, from: x).hasPrefix(title + " ") || text(b, y: y, from: x).hasPrefix(title + "▼") {
                if x == 0 || b[x - 1, y].text == " " { return (x, y) }
            }
        }
        return nil
    }

    @Test(arguments: [80, 120, 160, 240])
    func chineseNamesLineUp(width: Int) throws {
        let (b, frame) = render(width, 40)
        let (x, headerY) = try #require(column(of: "State", in: b))
        let top = try #require(frame.tableTop)
        #expect(headerY == top - 1)
        let rows = frame.visibleVehicles.map { i in ViewFixture.vehicles[i] }
        for (r, row) in rows.enumerated() {
            #expect(text(b, y: top + r, from: x).hasPrefix(row.state), "row \(r) (\(row.driverName)): the column after the driver starts at x=\(x)")
        }
    }

    @Test func hostileNameRendersInert() {
        for edit: (inout DashboardState) -> Void in [{ _ in }, { $0.view = .map }, { $0.view = .detail(vehicle: 0) }] {
            let (b, _) = render(160, 48, edit)
            #expect(b.cells.allSatisfy { c in !c.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) } })
        }
        let (b, _) = render(160, 48)
        #expect(b.text.contains("Eve␛[31mRed"))
    }

    @Test func everySizeRendersAndFillsExactly() {
        var rng = SeededGenerator(seed: 2026_11_30)
        var sizes = [(0, 0), (1, 1), (59, 14), (60, 15), (59, 40), (200, 14), (300, 100), (80, 24)]
        for _ in 0..<30 { sizes.append((Int.random(in: 0...300, using: &rng), Int.random(in: 0...100, using: &rng))) }
        let edits: [(inout DashboardState) -> Void] = [
            { _ in }, { $0.view = .detail(vehicle: 0) }, { $0.view = .map }, { $0.showHelp = true },
            { $0.filter = FilterEditor(text: String(repeating: "x", count: 400), error: QueryError(message: "bad", column: 390), previous: .all)
              $0.caption = .init(title: "T", text: String(repeating: "word ", count: 80)); $0.focus = .alerts; $0.selectedAlert = 99 },
        ]
        for (w, h) in sizes {
            for edit in edits {
                let (b, frame) = render(w, h, edit)
                #expect(b.width == w && b.height == h && b.cells.count == w * h, "\(w)x\(h)")
                #expect(frame.visibleVehicles.count == ViewFixture.vehicles.count)
                // No half of a wide character is left without the other.
                for y in 0..<h {
                    for x in 0..<w where b[x, y].width == 2 { #expect(x + 1 < w && b[x + 1, y].isContinuation, "\(w)x\(h) at \(x),\(y)") }
                }
            }
        }
    }

    @Test func tooSmallSaysWhatItNeeds() {
        let (b, frame) = render(59, 14)
        #expect(b.text.replacingOccurrences(of: "\n", with: " ").contains("need at least 60x15, have 59x14"))
        #expect(frame.tableTop == nil)
        #expect(render(60, 15).0.text.contains("Vehicles"))
    }

    @Test func visibleVehiclesFilterAndSort() throws {
        var s = DashboardState()
        let m = ViewFixture.model
        #expect(DashboardView.visibleVehicles(state: s, model: m) == [0, 4, 5, 7, 1, 6, 2, 3], "rate, largest first")
        s.descending = false
        #expect(DashboardView.visibleVehicles(state: s, model: m) == [3, 2, 6, 1, 7, 5, 4, 0])
        s.query = try Query(parsing: "class:military,key-soe")
        #expect(DashboardView.visibleVehicles(state: s, model: m) == [1, 0])
        s.query = try Query(parsing: "restricted")
        s.sort = .driver
        #expect(DashboardView.visibleVehicles(state: s, model: m) == [1, 0], "Li Na before Wang Wei: romanised names sort")
        s.query = .all
        s.sort = .alerts
        s.descending = true
        #expect(DashboardView.visibleVehicles(state: s, model: m).prefix(3) == [0, 6, 1], "critical, then high, then watch")
    }

    @Test func tiesBreakByVINWhateverTheDirection() {
        var m = ViewFixture.fleet(30)
        for i in m.vehicles.indices { m.vehicles[i].rate = Double(i % 2) }
        var s = DashboardState()
        let down = DashboardView.visibleVehicles(state: s, model: m)
        s.descending = false
        let up = DashboardView.visibleVehicles(state: s, model: m)
        let vin = { (i: Int) in m.vehicles[i].vin }
        #expect(down.prefix(15).map(vin) == down.prefix(15).map(vin).sorted())
        #expect(up.prefix(15).map(vin) == up.prefix(15).map(vin).sorted())
        #expect(Set(down) == Set(0..<30))
    }

    @Test func sortIndicatorMarksTheSortedColumn() {
        #expect(render(120, 40).0.text.contains("▼Rate"))
        #expect(render(120, 40) { $0.sort = .vin; $0.descending = false }.0.text.contains("VIN▲"))
        var s = DashboardState(width: 120, height: 40)
        s.sort = .driver
        let ascii = DashboardView(glyphs: .ascii, theme: .dark).render(state: s, model: ViewFixture.model).0
        #expect(ascii.text.contains("Driverv"))
    }

    @Test func selectedRowStaysVisibleAfterScrolling() throws {
        let model = ViewFixture.fleet(200)
        var state = DashboardState(width: 100, height: 30)
        var (b, frame) = view.render(state: state, model: model)
        for _ in 0..<137 { _ = state.reduce(.key(.down), frame: frame) }
        (b, frame) = view.render(state: state, model: model)
        let top = try #require(frame.tableTop)
        let selected = try #require(state.selectedVehicle)
        let position = try #require(frame.visibleVehicles.firstIndex(of: selected))
        #expect(position == 137, "137 rows down from the first row, selected at start")
        let y = top + position - state.scroll
        #expect(y >= top && y < top + frame.tableRows)
        #expect(text(b, y: y, from: 1).hasPrefix("▶"))
        #expect(b[5, y].style == Theme.dark.selected, "the selected row has the selection style")
        // A stale scroll (a resize, say) is clamped by the view as well.
        state.scroll = 0
        let (c, _) = view.render(state: state, model: model)
        #expect(c.text.contains("▶ " + model.vehicles[selected].vin), "the full VIN comes before the pictures")
    }

    @Test func frameContextDescribesTheFrame() throws {
        let (_, frame) = render(120, 40)
        #expect(frame.alertIDs == ViewFixture.alerts.map(\.id))
        let top = try #require(frame.tableTop)
        #expect(top == 2 + 8 + 2, "header, strip, border and column header")
        let (_, detail) = render(120, 40) { $0.view = .detail(vehicle: 0) }
        #expect(detail.tableTop == nil && detail.tableRows == frame.tableRows)
    }

    @Test func layoutDropsPanelsBySize() {
        #expect(!render(80, 24).0.text.contains("Destinations"))
        #expect(render(120, 36).0.text.contains("Destinations"))
        #expect(render(120, 36).0.text.contains("Shanghai"))
        let narrow = render(80, 24).0.text
        #expect(narrow.contains("Alerts") && narrow.contains("Vehicles") && narrow.contains("q quit"))
    }

    @Test func severityShowsGlyphAndWordNotColourAlone() {
        let t = render(120, 40).0.text
        #expect(t.contains("◆ CRITICAL") && t.contains("▲ HIGH") && t.contains("● WATCH"))
    }

    @Test func filterBarPointsAtTheError() throws {
        let (b, _) = render(80, 24) {
            $0.filter = FilterEditor(text: "rate>1MB clas:x", error: QueryError(message: "unknown field", column: 9), previous: .all)
        }
        let input = try #require((0..<b.height).first { b.line($0).hasPrefix("/ rate>1MB clas:x ") })
        #expect(b[17, input].style.attributes.contains(.reverse), "the cursor cell after the text")
        #expect(text(b, y: input + 1, from: 0).hasPrefix(String(repeating: " ", count: 11) + "↑ unknown field"))
    }

    @Test func columnPlanGrowsWithWidth() {
        // At 80 columns: the full VIN, driver, class, state, rate, destination and alerts; the
        // history sparkline gives way first (the priorities in ARCHITECTURE.md).
        let narrow = VehicleColumnPlan(width: 78, driverWidth: 15)
        #expect(narrow.shown == [.mark, .vin, .driver, .userClass, .state, .rate, .destination, .alerts])
        #expect(narrow.width(.vin) == 17)
        let wide = VehicleColumnPlan(width: 158, driverWidth: 15)
        #expect(wide.shown.contains(.meters) && wide.romanised && wide.width(.vin) == 17)
        for w in 0...320 {
            let p = VehicleColumnPlan(width: w, driverWidth: 20)
            let used = p.shown.reduce(-1) { $0 + 1 + p.width($1) }
            #expect(used <= max(w, 0) || p.shown.isEmpty, "plan for \(w) uses \(used)")
        }
    }

    @Test func onlyTheColumnsChosenInTheOrderChosen() {
        let p = VehicleColumnPlan(width: 158, driverWidth: 15, columns: [.alerts, .driver, .vin, .history])
        #expect(p.shown == [.mark, .alerts, .driver, .vin, .history])
        // A column left out leaves its width to the others.
        #expect(p.width(.history) > VehicleColumnPlan(width: 158, driverWidth: 15).width(.history))
        #expect(VehicleColumnPlan(width: 40, driverWidth: 15, columns: [.rate]).shown == [.mark, .rate])
    }
}

/// Where the title does not fit, the alert panel shows the matched case's short label, never
/// a cut title ("… leaves China …" for clips that stayed in China).
@Suite struct AlertTitleTests {
    func row(title: String, label: String) -> AlertRow {
        AlertRow(
            id: 1, severity: .high, ruleID: "CN-1", title: title, source: "s", vehicle: 0, vin: "LRW3E7EK4NC000007",
            driver: "d", userClass: .privateOwner, category: .cameraClip, service: "Tesla China data centre",
            country: .china, bytes: 1, count: 1, start: .zero, lastSeen: .zero,
            position: GeoPoint(latitude: 0, longitude: 0), explanation: "", shortLabel: label)
    }

    @Test func shortLabelInsteadOfACut() {
        let a = row(title: "Exterior camera data leaves China or leaves the car un-anonymised",
                    label: "camera not anonymised, stays in CN")
        #expect(AlertPanel.titleText(a, width: 80) == a.title)
        #expect(AlertPanel.titleText(a, width: 40) == "camera not anonymised, stays in CN")
        #expect(AlertPanel.titleText(a, width: 20) == "")
        for w in 0...80 {
            let text = AlertPanel.titleText(a, width: w)
            #expect(text.isEmpty || text == a.title || text == a.shortLabel)
        }
    }

    @Test func flowColumnUsesDisplayNamesAndCountsTheRest() {
        let style = ViewStyle(theme: .dark, glyphs: .unicode)
        var a = row(title: "t", label: "l")
        a.breakdown = AlertBreakdown(category: .cameraClip, service: "tesla-ai", name: "Tesla AI training (US)",
                                     country: .unitedStates, bytes: 480_000_000, flows: 1)
        let panel = AlertPanel(style: style, alerts: [a], selected: nil, focused: false, highlighted: false)
        #expect(panel.flow(a, width: 44).spans.map(\.text).joined() == "camera clip → Tesla AI training (US)")
        #expect(DetailAlerts.flowText(a, arrow: "→") == "camera clip → Tesla AI training")
    }
}
