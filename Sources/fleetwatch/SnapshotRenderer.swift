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
    var look: Look
    var width: Int
    var height: Int
    var view: Snapshot.ViewChoice
    var format: Snapshot.Format

    var depth: ColorDepth { look.snapshotDepth }

    func render(monitor: FleetMonitor) throws -> [UInt8] {
        // A snapshot is a paused frame: the live dashboard started with --at T --paused shows
        // exactly this screen.
        var state = DashboardState(width: width, height: height, speed: 1, paused: true)
        look.settings.apply(to: &state)
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
        // The pictures write names as the look does; the data formats carry both forms always.
        let builder = format.isScreen ? look.builder(scenarioName: scenario.name) : ModelBuilder(scenarioName: scenario.name)
        // The pictures need rows for the cars on screen only; the data formats list every car.
        let rows: ModelBuilder.Rows = format.isScreen ? .screen : .all
        let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: rows)
        switch format {
        case .txt, .ansi, .svg, .html:
            let dashboard = look.view(depth: depth)
            let (buffer, _) = dashboard.render(state: state, model: model)
            let exportFormat = ExportFormat(rawValue: format.rawValue)!
            let title = "FleetWatch — \(scenario.name) at \(model.clock)"
            return exportFormat.bytes(buffer, depth: depth, title: title, palette: look.themeName.palette)
        case .json:
            let doc = SnapshotJSON.document(
                model: model, details: builder.allDetails(world: monitor.world, model: model), generator: "fleetwatch \(FleetWatch.version)")
            return Array((doc.serialized(pretty: true) + "\n").utf8)
        case .csv:
            return Array(VehicleCSV.render(model.vehicles).utf8)
        case .ndjson:
            preconditionFailure("the flow log is streamed by Snapshot.writeFlowLog")
        }
    }
}

