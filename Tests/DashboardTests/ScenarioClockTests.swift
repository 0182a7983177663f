import Fleet
import Screen
import Simulation
import Testing
@testable import Dashboard

/// One clock for the header and every alert time: the scenario's date and time of day.
@Suite struct ScenarioClockTests {
    let clock = ScenarioClock(start: StartDate(year: 2021, month: 5, day: 26, hour: 8))

    @Test func theHeaderLabelAndAlertTimesReadTheSameClock() {
        let t = SimTime.zero + .seconds(Int64(10 * 60 + 20))
        #expect(clock.label(at: t) == "2021-05-26 08:10")
        #expect(clock.time(t, now: t) == "08:10:20")
        #expect(clock.time(.zero, now: t) == "08:00:00")
    }

    @Test func anotherDayShowsItsDate() {
        let now = SimTime.zero + .seconds(Int64(86_400 + 3600))
        #expect(clock.label(at: now) == "2021-05-27 09:00")
        #expect(clock.time(.zero + .seconds(Int64(300)), now: now) == "05-26 08:05")
        #expect(clock.time(now, now: now) == "09:00:00")
        let late = ScenarioClock(start: StartDate(year: 2021, month: 12, day: 31, hour: 23.5))
        #expect(late.label(at: .zero + .seconds(Int64(1800))) == "2022-01-01 00:00")
        #expect(late.time(.zero, now: .zero + .seconds(Int64(1800))) == "12-31 23:30")
    }

    /// Issue 12: alert times were offsets (00:08:00) beside a header clock (08:10). On the real
    /// simulation every alert time on screen (panel and detail) is on the header's clock.
    @Test func alertTimesOnScreenAreTheHeadersClock() throws {
        let monitor = SimulatedScreenTests.monitor
        let state = DashboardState(width: 160, height: 48, speed: 1, paused: true)
        let model = ModelBuilder(scenarioName: "Default fleet").build(monitor: monitor, state: state, rows: .screen)
        let alert = try #require(model.alerts.first, "the run has alerts at 20 minutes")
        let clock = try #require(model.scenarioClock)
        #expect(model.wallClockLabel == clock.label(at: model.clock))
        let expected = clock.time(alert.start, now: model.clock)
        #expect(expected.hasPrefix("08:") && expected != Format.clock(alert.start.seconds))
        let text = DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: model).0.text
        #expect(text.contains(model.wallClockLabel))
        let rows = text.split(separator: "\n").filter { $0.contains(alert.ruleID) && $0.contains(" " + expected + " ") }
        #expect(!rows.isEmpty, "no alert row at \(expected):\n\(text)")
        #expect(!text.contains(" " + Format.clock(alert.start.seconds) + " "), "an offset is still shown")

        var detailState = state
        detailState.view = .detail(vehicle: alert.vehicle)
        let detailModel = ModelBuilder(scenarioName: "Default fleet").build(monitor: monitor, state: detailState, rows: .screen)
        let detail = DashboardView(glyphs: .unicode, theme: .dark).render(state: detailState, model: detailModel).0.text
        #expect(detail.contains(" " + alert.ruleID + " " + expected + " "), "\(detail)")
    }
}
