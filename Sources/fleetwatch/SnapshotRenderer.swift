import ArgumentParser
import Dashboard
import Export
import Fleet
import Scenario
import Screen
import Simulation

/// Renders one snapshot of the monitor's state in the requested format: the same view code as
/// the terminal for the screen formats, the same view model for the data formats.
struct SnapshotRenderer {
    var scenario: Scenario
    var look: LookOptions
    var width: Int
    var height: Int
    var view: Snapshot.ViewChoice
    var format: Snapshot.Format
    /// A picture for a report: no pause badge, no key hints (`--clean`).
    var clean = false

    var depth: ColorDepth { look.snapshotDepth }

    func render(monitor: FleetMonitor) throws -> [UInt8] {
        // A snapshot is a paused frame: the live dashboard started with --at T --paused shows
        // exactly this screen.
        var state = DashboardState(width: width, height: height, speed: 1, paused: true)
        switch view {
        case .dashboard: break
        case .map: state.view = .map
        case .detail(let vin):
            let world = monitor.world
            guard let index = (0..<world.carCount).first(where: { world.vin(of: $0).description == vin }) else {
                throw Failure("fleetwatch: unknown VIN '\(vin)' in --view detail:VIN; list the VINs with `fleetwatch snapshot --format csv`")
            }
            state.view = .detail(vehicle: index)
            state.selectedVehicle = index
        }
        if let picture = ExportFormat(rawValue: format.rawValue) {
            return Self.picture(
                of: state, monitor: monitor, scenarioName: scenario.name, glyphs: look.glyphs, depth: depth, format: picture, clean: clean)
        }
        let builder = ModelBuilder(scenarioName: scenario.name)
        let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: .all)
        switch format {
        case .txt, .ansi, .svg, .html:
            preconditionFailure("the pictures are drawn by SnapshotRenderer.picture")
        case .json:
            let doc = SnapshotJSON.document(
                model: model, details: builder.allDetails(world: monitor.world, model: model), generator: "fleetwatch \(FleetWatch.version)")
            return Array((doc.serialized(pretty: true) + "\n").utf8)
        case .csv:
            return Array(VehicleCSV.render(model).utf8)
        case .ndjson:
            preconditionFailure("the flow log is streamed by Snapshot.writeFlowLog")
        }
    }
}

extension SnapshotRenderer {
    /// The screen `state` shows of `monitor`, as a picture file's bytes: the one code path of
    /// `fleetwatch snapshot` and of the dashboard's save key (`w`), so a view saved from the
    /// screen is the file `snapshot` writes for the same state, size and time.
    static func picture(
        of state: DashboardState, monitor: FleetMonitor, scenarioName: String, glyphs: GlyphSet, depth: ColorDepth,
        format: ExportFormat, clean: Bool
    ) -> [UInt8] {
        // The pictures need rows for the cars on screen only.
        let builder = ModelBuilder(scenarioName: scenarioName)
        let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: .screen)
        let dashboard = DashboardView(glyphs: glyphs, theme: Theme.dark.adapted(to: depth), forReport: clean)
        let (buffer, _) = dashboard.render(state: state, model: model)
        let title = "FleetWatch — \(scenarioName) at \(model.clock)"
        return format.bytes(buffer, depth: depth, title: title)
    }
}
