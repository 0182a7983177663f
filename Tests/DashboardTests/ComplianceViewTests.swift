import Fleet
import Screen
import Simulation
import Testing
import TestSupport
@testable import Dashboard

/// The compliance view (`P`): the key opens it and Esc (or `P`) goes back, as the history's `H`
/// does; the screen is a golden file of a run that sends data abroad, so every measure counts;
/// every figure on it is the report's.
@Suite struct ComplianceViewTests {
    /// 120 cars for 2 h, US telemetry routed to China and CN camera clips and maps to the US
    /// from the start, so that each measure has something to count.
    static let monitor: FleetMonitor = {
        var config = WorldConfig.default
        config.fleetSize = 120
        let here = SourceLocation(file: "compliance", line: 1, column: 1)
        let timeline = [
            TimelineEntry(at: .zero, action: .setRouting(market: .us, category: .telemetry, service: "tesla-cn-dc"), location: here),
            TimelineEntry(at: .zero, action: .setRouting(market: .cn, category: .cameraClip, service: "tesla-us-cloud"), location: here),
            TimelineEntry(at: .zero, action: .setRouting(market: .cn, category: .navigation, service: "us-maps"), location: here),
        ]
        var m = try! FleetMonitor(config: config, timeline: timeline)
        m.run(until: SimTime.zero + SimDuration.seconds(Int64(7200)))
        return m
    }()

    static func screen(_ w: Int, _ h: Int) -> (Buffer, DashboardModel) {
        var state = DashboardState(width: w, height: h, speed: 1, paused: true)
        state.view = .compliance
        let model = ModelBuilder(scenarioName: "compliance").build(monitor: monitor, state: state, rows: .screen)
        return (DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: model).0, model)
    }

    @Test(arguments: [(120, 40), (80, 24)])
    func theViewAsGolden(size: (Int, Int)) {
        assertSnapshot(Self.screen(size.0, size.1).0.description, named: "compliance-\(size.0)x\(size.1).txt")
    }

    @Test func everyFigureOnScreenIsTheReports() throws {
        let (buffer, model) = Self.screen(160, 48)
        let report = try #require(model.compliance)
        #expect(report.standings.count == ComplianceMeasure.allCases.count)
        for s in report.standings {
            let text = ComplianceText(s, calendar: model.calendar)
            #expect(buffer.text.contains(text.status), "\(s.measure): \(text.status)")
            #expect(buffer.text.contains(text.projection), "\(s.measure): \(text.projection)")
        }
        #expect(report.standing(.usBulkGeolocation)!.toDate > 0)
        #expect(report.standing(.cnImportantData)!.crossed)
        // The model of the fleet view leaves the report out: it costs a pass over the cars.
        let fleet = ModelBuilder(scenarioName: "c").build(monitor: Self.monitor, state: DashboardState(width: 120, height: 40), rows: .screen)
        #expect(fleet.compliance == nil)
    }

    @Test func pOpensTheViewAndEscOrPGoesBack() {
        var s = DashboardState(width: 120, height: 40)
        let frame = FrameContext(visibleVehicles: [0, 1], tableRows: 10, tableTop: 5)
        _ = s.reduce(.key(.character("P")), frame: frame)
        #expect(s.view == .compliance)
        _ = s.reduce(.key(.escape), frame: frame)
        #expect(s.view == .fleet)
        _ = s.reduce(.key(.character("m")), frame: frame)
        _ = s.reduce(.key(.character("P")), frame: frame)
        #expect(s.view == .compliance)
        _ = s.reduce(.key(.character("P")), frame: frame)
        #expect(s.view == .map, "P again goes back to where it was opened")
        #expect(KeyBindings.standard.keys(for: .compliance) == [.character("P")])
        #expect(HelpOverlay.entries.contains { $0.0 == [.compliance] })
    }
}
