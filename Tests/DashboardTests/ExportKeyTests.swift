import Screen
import Testing
@testable import Dashboard

/// The keys that get things out of the screen (issue 16): `w` saves the view, `y` copies the
/// VIN; the status line that says what they did; and the picture for reports.
@Suite struct ExportKeyTests {
    let frame = FrameContext(visibleVehicles: [7, 3, 9], alertIDs: [40], tableRows: 3, tableTop: 5)

    @Test func wAsksToSaveTheViewInEveryView() {
        for view in [ViewMode.fleet, .map, .detail(vehicle: 3)] {
            var s = DashboardState()
            s.view = view
            #expect(s.reduce(.key(.character("w")), frame: frame) == [.saveView])
            #expect(s.view == view, "saving changes nothing on screen")
        }
    }

    @Test func yCopiesTheCarTheScreenIsAbout() {
        var s = DashboardState()
        #expect(s.reduce(.key(.character("y")), frame: frame) == [.copyVIN(vehicle: 7)], "the row drawn selected")
        _ = s.reduce(.key(.down), frame: frame)
        #expect(s.reduce(.key(.character("y")), frame: frame) == [.copyVIN(vehicle: 3)])
        var detail = DashboardState()
        detail.view = .detail(vehicle: 9)
        #expect(detail.reduce(.key(.character("y")), frame: FrameContext()) == [.copyVIN(vehicle: 9)])
        // No car: an empty table, or the alert list focused.
        var empty = DashboardState()
        #expect(empty.reduce(.key(.character("y")), frame: FrameContext(visibleVehicles: [])) == [])
        var alerts = DashboardState()
        alerts.focus = .alerts
        #expect(alerts.reduce(.key(.character("y")), frame: frame) == [])
    }

    @Test func inTheFilterBarTheKeysAreLetters() {
        var s = DashboardState()
        _ = s.reduce(.key(.character("/")), frame: frame)
        #expect(s.reduce(.key(.character("w")), frame: frame) == [])
        #expect(s.reduce(.key(.character("y")), frame: frame) == [])
        #expect(s.filter?.text == "wy")
    }

    @Test func theStatusExpiresOnTheClockPassedIn() {
        var s = DashboardState()
        _ = s.reduce(.setStatus(StatusMessage("saved ./a.svg", expires: 14)), frame: nil)
        _ = s.reduce(.expireStatus(now: 13.9), frame: nil)
        #expect(s.status?.text == "saved ./a.svg")
        _ = s.reduce(.key(.down), frame: frame)
        #expect(s.status != nil, "keys leave it")
        _ = s.reduce(.expireStatus(now: 14), frame: nil)
        #expect(s.status == nil)
    }

    func screen(_ edit: (inout DashboardState) -> Void, forReport: Bool = false) -> Buffer {
        var s = DashboardState(width: 120, height: 40, speed: 10, paused: true)
        edit(&s)
        return DashboardView(glyphs: .unicode, theme: .dark, forReport: forReport).render(state: s, model: ViewFixture.model).0
    }

    @Test func theFooterShowsTheStatusInPlaceOfTheHints() {
        let plain = screen { _ in }
        let saved = screen { $0.status = StatusMessage("saved ./fleetwatch-x-t00h10m00s.svg", expires: 1) }
        let failed = screen { $0.status = StatusMessage("not saved: \u{1B}[31mdenied", isError: true, expires: 1) }
        let bottom = plain.height - 1
        #expect(plain.line(bottom).contains("help"))
        #expect(saved.line(bottom).hasPrefix("saved ./fleetwatch-x-t00h10m00s.svg"))
        #expect(!saved.line(bottom).contains("help"))
        #expect(saved.line(bottom).contains("seed"), "the seed stays")
        #expect(failed.line(bottom).hasPrefix("not saved: ␛[31mdenied"), "sanitized")
        #expect(failed[0, bottom].style == DashboardView(glyphs: .unicode, theme: .dark).theme.severityHigh)
        for y in 0..<bottom { #expect(saved.line(y) == plain.line(y), "only the footer changes") }
    }

    @Test func aPictureForAReportHasNoBadgeNoSpeedNoHints() {
        let live = screen { _ in }
        let report = screen({ $0.status = StatusMessage("saved", expires: 1) }, forReport: true)
        #expect(live.line(0).contains("PAUSED"))
        #expect(!report.line(0).contains("PAUSED"))
        let running = screen({ $0.paused = false }, forReport: true)
        #expect(!running.line(0).contains("x10"), "no speed either")
        let bottom = report.height - 1
        #expect(report.line(bottom).drop(while: { $0 == " " }).hasPrefix("seed"), "only the seed: \(report.line(bottom))")
        for y in 1..<bottom { #expect(report.line(y) == live.line(y), "the rest as on screen") }
    }
}
