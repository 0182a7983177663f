import TestSupport
import Screen
import Testing
@testable import Dashboard

/// Whole screens as golden files: the buffer's readable description (the text lines, then the
/// style runs), so a failing test shows what moved.
@Suite struct ViewSnapshotTests {
    static func screen(_ w: Int, _ h: Int, glyphs: GlyphSet = .unicode, _ edit: (inout DashboardState) -> Void = { _ in }) -> Buffer {
        var s = DashboardState(width: w, height: h, speed: 10)
        s.selectedVehicle = 0
        edit(&s)
        return DashboardView(glyphs: glyphs, theme: .dark).render(state: s, model: ViewFixture.model).0
    }

    @Test(arguments: [(80, 24), (120, 40), (160, 48)])
    func fleet(size: (Int, Int)) {
        assertSnapshot(Self.screen(size.0, size.1).description, named: "fleet-\(size.0)x\(size.1).txt")
    }

    @Test func fleetInASCIIWithAlertFocus() {
        let b = Self.screen(120, 40, glyphs: .ascii) { $0.focus = .alerts; $0.selectedAlert = 2 }
        assertSnapshot(b.description, named: "fleet-ascii-alerts-120x40.txt")
        #expect(b.text.unicodeScalars.allSatisfy { $0.isASCII || $0.properties.isIdeographic || $0 == "␛" }, "ASCII glyphs draw only ASCII (data may still hold names)")
    }

    @Test func detail() {
        assertSnapshot(Self.screen(120, 40) { $0.view = .detail(vehicle: 0) }.description, named: "detail-120x40.txt")
    }

    /// The car's alert list with the keys (`a` in the detail view), its second alert selected.
    @Test func detailWithItsAlertsFocused() {
        assertSnapshot(Self.screen(120, 40) { $0.view = .detail(vehicle: 0); $0.focus = .alerts; $0.selectedCarAlert = 1 }.description,
                       named: "detail-alerts-120x40.txt")
    }

    /// The alert view and the history of the fixture: an acknowledged alert, a closed one, and
    /// a log that dropped older alerts.
    @Test(arguments: [(80, 24), (120, 40)])
    func alertAndHistory(size: (Int, Int)) {
        var model = ViewFixture.model
        model.alertHistory = AlertOrder().sorted(model.alerts)
        model.openedAlert = AlertDetail(
            alert: model.alerts[3], ruleCondition: "restricted driver", caseNumber: 2, caseCount: 2, caseCondition: "",
            carModel: "Model Y 2024", zoneName: nil)
        func draw(_ edit: (inout DashboardState) -> Void) -> String {
            var s = DashboardState(width: size.0, height: size.1, speed: 10)
            edit(&s)
            return DashboardView(glyphs: .unicode, theme: .dark).render(state: s, model: model).0.description
        }
        assertSnapshot(draw { $0.view = .alert(id: 37) }, named: "alert-\(size.0)x\(size.1).txt")
        assertSnapshot(draw { $0.view = .alerts; $0.selectedHistory = 1 }, named: "history-\(size.0)x\(size.1).txt")
    }

    @Test func map() {
        assertSnapshot(Self.screen(120, 40) { $0.view = .map }.description, named: "map-120x40.txt")
    }

    @Test func help() {
        assertSnapshot(Self.screen(80, 24) { $0.showHelp = true }.description, named: "help-80x24.txt")
    }

    @Test func filterWithErrorAndCaption() {
        let b = Self.screen(80, 24) {
            $0.filter = FilterEditor(text: "clas:military", error: QueryError(message: "unknown field 'clas' (did you mean 'class'?)", column: 0), previous: .all)
            $0.caption = .init(title: "Restricted driver", text: "A military officer's car uploads camera clips to the US.")
            $0.highlight = .vehicle(0)
        }
        assertSnapshot(b.description, named: "filter-caption-80x24.txt")
    }

    /// The column chooser over a table with columns hidden and moved; the linux console's glyphs.
    @Test func columnChooser() {
        let b = Self.screen(80, 24, glyphs: .linux) {
            $0.columns = [.driver, .vin, .rate, .alerts, .meters]
            $0.columnChooser = 2
        }
        assertSnapshot(b.description, named: "columns-linux-80x24.txt")
    }

    /// Sorted by a category meter, in the 16-colour theme.
    @Test func sortedByCameraInSixteenColours() {
        let b = DashboardView(glyphs: .unicode, theme: Theme.light.adapted(to: .ansi16)).render(state: {
            var s = DashboardState(width: 160, height: 48, speed: 10)
            s.sort = .camera
            return s
        }(), model: ViewFixture.model).0
        assertSnapshot(b.description, named: "camera-sort-16-160x48.txt")
    }

    @Test func tooSmall() {
        assertSnapshot(Self.screen(40, 10).description, named: "too-small-40x10.txt")
    }
}
