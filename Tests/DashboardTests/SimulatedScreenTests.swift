import TestSupport
import Fleet
import Screen
import Simulation
import Testing
@testable import Dashboard

/// Whole screens of the real simulation (the default world and policies, seed 2021, 20
/// simulated minutes) as golden files at the three reference sizes: a change anywhere from the
/// model to the widgets shows here as a diff a reviewer can read. Built as the product builds
/// the screen (`rows: .screen`: the table's order from the fleet, rows only for what is drawn).
@Suite struct SimulatedScreenTests {
    static let monitor: FleetMonitor = {
        var m = try! FleetMonitor(config: .default, policies: .default)
        m.run(until: SimTime.zero + .minutes(20))
        return m
    }()

    static func screen(_ w: Int, _ h: Int, _ edit: (inout DashboardState) -> Void = { _ in }) -> Buffer {
        var state = DashboardState(width: w, height: h, speed: 1, paused: true)
        edit(&state)
        let model = ModelBuilder(scenarioName: "Default fleet").build(monitor: monitor, state: state, rows: .screen)
        return DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: model).0
    }

    @Test(arguments: [(80, 24), (120, 40), (160, 48)])
    func dashboard(size: (Int, Int)) {
        assertSnapshot(Self.screen(size.0, size.1).description, named: "simulated-\(size.0)x\(size.1).txt")
    }

    @Test func mapAndDetail() {
        assertSnapshot(Self.screen(120, 40) { $0.view = .map }.description, named: "simulated-map-120x40.txt")
        assertSnapshot(Self.screen(80, 24) { $0.view = .map }.description, named: "simulated-map-80x24.txt")
        // Zoomed ×4 on the selected car, following it.
        assertSnapshot(Self.screen(120, 40) { $0.view = .map; $0.mapViewport = MapViewport(zoom: 2, follow: true) }.description,
                       named: "simulated-map-follow-120x40.txt")
        let busiest = (0..<Self.monitor.world.carCount).max {
            Self.monitor.world.meters.total(car: $0, direction: .up) < Self.monitor.world.meters.total(car: $1, direction: .up)
        }!
        assertSnapshot(
            Self.screen(120, 40) { $0.view = .detail(vehicle: busiest) }.description, named: "simulated-detail-120x40.txt")
    }

    @Test func sameSeedSameScreen() {
        var other = try! FleetMonitor(config: .default, policies: .default)
        other.run(until: SimTime.zero + .minutes(20))
        let state = DashboardState(width: 160, height: 48, speed: 1, paused: true)
        let a = DashboardView(glyphs: .unicode, theme: .dark)
            .render(state: state, model: ModelBuilder(scenarioName: "x").build(monitor: other, state: state, rows: .screen)).0
        let b = DashboardView(glyphs: .unicode, theme: .dark)
            .render(state: state, model: ModelBuilder(scenarioName: "x").build(monitor: Self.monitor, state: state, rows: .screen)).0
        #expect(a == b)
    }
}
