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
    /// A picture for a report: no pause badge, no key hints (`--clean`).
    var clean = false
    /// The part of the map drawn (`--map-zoom`, `--map-follow`): what the keys z, Z and F set.
    var mapViewport = MapViewport()

    var depth: ColorDepth { look.snapshotDepth }

    /// What a `--source` has read, for the header and the JSON (nil: simulated).
    func render(monitor: FleetMonitor, source: SourceStatus? = nil) throws -> [UInt8] {
        // A snapshot is a paused frame: the live dashboard started with --at T --paused shows
        // exactly this screen.
        var state = DashboardState(width: width, height: height, speed: 1, paused: true)
        look.settings.apply(to: &state)
        switch view {
        case .dashboard: break
        case .map:
            state.view = .map
            state.mapViewport = mapViewport
        case .compliance:
            state.view = .compliance
        case .detail(let vin):
            let world = monitor.world
            // An unknown car of a source run is named by its address, as on screen.
            guard let index = (0..<world.carCount).first(where: { ModelBuilder.name(world, car: $0) == vin }) else {
                throw Failure("fleetwatch: unknown VIN '\(vin)' in --view detail:VIN; list the VINs with `fleetwatch snapshot --format csv` (an unknown car of --source: its address)")
            }
            state.view = .detail(vehicle: index)
            state.selectedVehicle = index
        }
        if let picture = ExportFormat(rawValue: format.rawValue) {
            return Self.picture(
                of: state, monitor: monitor, builder: look.builder(scenarioName: scenario.name),
                view: look.view(depth: depth, forReport: clean), palette: look.themeName.palette, depth: depth, format: picture,
                source: source)
        }
        switch format {
        case .txt, .ansi, .svg, .html:
            preconditionFailure("the pictures are drawn by SnapshotRenderer.picture")
        case .json:
            return Self.bytes(json(monitor: monitor, state: state, source: source).document)
        case .csv:
            var model = ModelBuilder(scenarioName: scenario.name).build(monitor: monitor, state: state, rows: .all)
            model.source = source
            return Array(VehicleCSV.render(model).utf8)
        case .ndjson:
            preconditionFailure("the flow log is streamed by Snapshot.writeFlowLog")
        case .inventory:
            preconditionFailure("the inventory is written by Snapshot.run")
        }
    }

    /// The `json` document of `monitor` and the model it was written from (every car's row).
    /// The data formats carry both forms of every name, whatever the screen's look.
    func json(monitor: FleetMonitor, state: DashboardState, source: SourceStatus? = nil) -> (document: JSONValue, model: DashboardModel) {
        let builder = ModelBuilder(scenarioName: scenario.name)
        var model = builder.build(monitor: monitor, state: state, rows: .all)
        model.source = source
        let doc = SnapshotJSON.document(
            model: model, vehicles: model.vehicles.count, detail: builder.details(world: monitor.world, model: model),
            generator: Self.generator)
        return (doc, model)
    }

    static let generator = "fleetwatch \(FleetWatch.version)"

    static func bytes(_ doc: JSONValue) -> [UInt8] {
        var text = doc.serialized(pretty: true)
        text += "\n"  // in place: the text of a million cars is gigabytes
        return Array(text.utf8)
    }

    /// `snapshot --what-if`: the baseline and the variant at the same time, and their
    /// difference; in the picture formats, the split screen (`ViewMode.whatIf`).
    func render(whatIf: WhatIf, from: SimTime, baseline: FleetMonitor, variant: FleetMonitor) -> [UInt8] {
        var state = DashboardState(width: width, height: height, speed: 1, paused: true)
        look.settings.apply(to: &state)
        func compare(_ b: DashboardModel, _ v: DashboardModel) -> WhatIfComparison {
            var c = WhatIfComparison(
                name: whatIf.name, description: whatIf.description, from: from, baseline: b, variant: v,
                baselineCrossBorder: baseline.crossBorderBytes(of:), variantCrossBorder: variant.crossBorderBytes(of:))
            c.pending = variant.now < from
            return c
        }
        if let picture = ExportFormat(rawValue: format.rawValue) {
            let builder = look.builder(scenarioName: scenario.name)
            let c = compare(builder.build(monitor: baseline, state: state, rows: .all), builder.build(monitor: variant, state: state, rows: .all))
            state.view = .whatIf
            state.whatIfNames = [whatIf.name]
            state.whatIfApplied = 0
            return Self.picture(
                of: state, monitor: baseline, builder: builder, view: look.view(depth: depth, forReport: clean),
                palette: look.themeName.palette, depth: depth, format: picture, whatIf: c)
        }
        precondition(format == .json, "--what-if writes json or a picture")
        let b = json(monitor: baseline, state: state), v = json(monitor: variant, state: state)
        return Self.bytes(WhatIfJSON.document(comparison: compare(b.model, v.model), baseline: b.document, variant: v.document, generator: Self.generator))
    }
}

extension SnapshotRenderer {
    /// The screen `state` shows of `monitor`, as a picture file's bytes: the one code path of
    /// `fleetwatch snapshot` and of the dashboard's save key (`w`), so a view saved from the
    /// screen is the file `snapshot` writes for the same state, size and time.
    static func picture(
        of state: DashboardState, monitor: FleetMonitor, builder: ModelBuilder, view: DashboardView, palette: Palette,
        depth: ColorDepth, format: ExportFormat, timeline: RunTimeline? = nil, source: SourceStatus? = nil,
        whatIf: WhatIfComparison? = nil
    ) -> [UInt8] {
        // The pictures need rows for the cars on screen only; the timeline strip is the live
        // dashboard's (its run so far), when it is shown.
        var model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: .screen)
        model.timeline = timeline
        model.source = source
        model.whatIf = whatIf
        let (buffer, _) = view.render(state: state, model: model)
        let title = "FleetWatch — \(builder.scenarioName) at \(model.clock)"
        return format.bytes(buffer, depth: depth, title: title, palette: palette)
    }
}
