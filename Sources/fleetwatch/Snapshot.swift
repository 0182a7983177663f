import ArgumentParser
import Dashboard
import Export
import Fleet
import Ingest
import Scenario
import Screen
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// `fleetwatch snapshot`: the simulation run headless to a time, written as the screen or as
/// the data behind it, with no terminal needed.
struct Snapshot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the simulation headless to a time and write the screen or its data.",
        discussion: """
            txt, ansi, svg and html are the screen exactly as the live dashboard draws it at that \
            size, seed and time; json (docs/snapshot.schema.json) and csv are the data behind it; \
            ndjson is the flow log up to --at, one flow per line, with every fact the rules read \
            (docs/flow-log.md); scripts/recheck.py re-derives every verdict and alert from the \
            ndjson and json of one run (docs/recheck.md). The same arguments give the same bytes. \
            Files are written atomically.
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case txt, ansi, svg, html, json, csv, ndjson, inventory
        var isScreen: Bool { self == .txt || self == .ansi || self == .svg || self == .html }
        var fileExtension: String { self == .ansi ? "ans" : self == .inventory ? "yaml" : rawValue }
        /// The option's help names the formats; without this ArgumentParser would repeat them
        /// in the help and answer a typo with a seven-line list.
        static var allValueStrings: [String] { [] }
    }

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var look: LookOptions
    @OptionGroup var sources: SourceOptions

    // .unconditional: "-5m" is the option's value (refused as negative), not a missing value.
    @Option(name: .long, parsing: .unconditional, help: "Simulated time to stop at: 90s, 15m, 2h, 1d (default: 15m).", transform: durationArgument)
    var at = SimDuration.seconds(Int64(900))

    @Option(name: .long, help: "txt, ansi, svg, html, json, csv, ndjson, or inventory (the cars and servers, for --inventory).")
    var format: Format = .txt

    @Option(name: .long, parsing: .unconditional, help: "Screen width in cells, \(minScreen.0) to \(maxSize.0) (txt, ansi, svg, html; json, csv and ndjson have no size).")
    var width: Int = 160

    @Option(name: .long, parsing: .unconditional, help: "Screen height in cells, \(minScreen.1) to \(maxSize.1) (as --width).")
    var height: Int = 48

    @Option(name: .long, help: "dashboard, map, compliance, or detail:VIN.")
    var view: String = "dashboard"

    @Option(name: .long, parsing: .unconditional, help: "With --view map: zoom 0 (the whole regions) to \(MapViewport.maxZoom), each step ×2, as z and Z do.")
    var mapZoom: Int = 0

    @Flag(name: .long, help: "With --view map: centre on the selected car (the table's first row), as F does (zoom ×4 unless --map-zoom says).")
    var mapFollow = false

    @Option(name: .long, help: "Output file (default: standard output); with --every, a directory.")
    var out: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("Write a numbered series, one snapshot every DURATION up to --at (needs --out DIRECTORY).", valueName: "duration"),
        transform: durationArgument)
    var every: SimDuration?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A what-if file, or the name of one of the scenario's what-ifs: writes the baseline, the run with the what-if from --from, and their difference (json; txt, ansi, svg and html draw them side by side; docs/what-if.md).",
            valueName: "file-or-name"))
    var whatIf: String?

    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp("With --what-if: the simulated time it takes effect (default 0s, the start).", valueName: "duration"),
        transform: durationArgument)
    var from: SimDuration?

    @Flag(name: .long, help: "For reports: leave out the PAUSED badge, the speed and the key hints (txt, ansi, svg, html).")
    var clean = false

    static let minSize = (1, 1)
    /// The pictures are the dashboard's screen: below its minimum it draws only a "too small"
    /// notice, which is no snapshot of anything.
    static let minScreen = (DashboardView.minimumWidth, DashboardView.minimumHeight)
    static let maxSize = (1000, 1000)
    /// At most this many files in one series.
    static let maxSeries = 10_000

    func validate() throws {
        // The data formats do not depend on the size (the same bytes at any size), so they take
        // any size in range, and a script can pass one size to every format.
        if format.isScreen {
            guard (Self.minScreen.0...Self.maxSize.0).contains(width), (Self.minScreen.1...Self.maxSize.1).contains(height) else {
                throw ValidationError(
                    "--width and --height of a \(format.rawValue) snapshot must be between \(Self.minScreen.0)x\(Self.minScreen.1) "
                        + "(the dashboard's smallest screen) and \(Self.maxSize.0)x\(Self.maxSize.1), got \(width)x\(height)")
            }
        }
        guard (Self.minSize.0...Self.maxSize.0).contains(width), (Self.minSize.1...Self.maxSize.1).contains(height) else {
            throw ValidationError("--width and --height must be between 1 and 1000, got \(width)x\(height)")
        }
        _ = try Self.parseView(view)
        guard (0...MapViewport.maxZoom).contains(mapZoom) else {
            throw ValidationError("--map-zoom must be between 0 and \(MapViewport.maxZoom), got \(mapZoom)")
        }
        if mapZoom != 0 || mapFollow, view != "map" {
            throw ValidationError("--map-zoom and --map-follow apply to --view map")
        }
        if from != nil, whatIf == nil { throw ValidationError("--from applies to --what-if: give the what-if it starts") }
        if whatIf != nil {
            guard format == .json || format.isScreen else {
                throw ValidationError("--what-if writes json, txt, ansi, svg or html, not \(format.rawValue); for the variant's \(format.rawValue), write the merged scenario (docs/what-if.md)")
            }
            guard every == nil else { throw ValidationError("--what-if writes one comparison: leave out --every") }
            guard view == "dashboard" else { throw ValidationError("--what-if draws its own split screen: leave out --view") }
            guard !sources.isSet else { throw ValidationError("--what-if re-runs the simulation: it does not apply to --source") }
        }
        if let step = every {
            guard step > .zero else { throw ValidationError("--every must be longer than 0s") }
            guard out != nil else { throw ValidationError("--every writes a series of files: give --out DIRECTORY") }
            guard format != .ndjson, format != .inventory else {
                throw ValidationError("--every does not apply to \(format.rawValue): it is one file of the whole run")
            }
            guard step <= at else {
                throw ValidationError(
                    "--every \(step) is longer than --at \(at): the series would be empty; give an --every of at most \(at)")
            }
            guard at.nanoseconds / step.nanoseconds <= Int64(Self.maxSeries) else {
                throw ValidationError("--every \(step) up to --at \(at) makes more than \(Self.maxSeries) files")
            }
        }
    }

    enum ViewChoice { case dashboard, map, compliance, detail(vin: String) }

    static func parseView(_ text: String) throws -> ViewChoice {
        if text == "dashboard" { return .dashboard }
        if text == "map" { return .map }
        if text == "compliance" { return .compliance }
        if text.hasPrefix("detail:"), text.count > 7 { return .detail(vin: String(text.dropFirst(7)).uppercased()) }
        throw ValidationError("--view must be dashboard, map, compliance or detail:VIN, got '\(text)'")
    }

    func run() throws {
        let scenario = try fleet.load()
        let end = SimTime.zero + at
        let progress = Progress(enabled: isatty(2) == 1, end: end)
        var recorded: SourceInput? = nil
        var monitor: FleetMonitor
        if sources.isSet {
            let run = try SourceRun(options: sources, scenario: scenario)
            monitor = run.monitor
            recorded = run.input
        } else {
            do { monitor = try scenario.makeMonitor() } catch { throw Failure.of(error) }
        }
        defer { if let recorded { StandardError.write(recorded.summary(of: monitor.world)) } }
        let renderer = SnapshotRenderer(
            scenario: scenario, look: try look.resolved(terminal: false), width: width, height: height, view: try Self.parseView(view), format: format, clean: clean,
            mapViewport: MapViewport(zoom: mapFollow && mapZoom == 0 ? 2 : mapZoom, follow: mapFollow))

        if let spec = whatIf {
            let w = try Self.resolveWhatIf(spec, scenario: scenario)
            // A --from after --at: the what-if has not started, and both sides are the baseline
            // (as the live view shows before the what-if's time).
            let start = SimTime.zero + (from ?? .zero)
            run(&monitor, until: min(start, end), progress: progress)
            var variant = monitor.forked(adding: w.entries(from: from ?? .zero))
            // Both runs on from the fork, the progress showing the baseline's.
            run(&monitor, until: end, progress: progress)
            variant.run(until: end)
            progress.finish()
            try write(renderer.render(whatIf: w, from: start, baseline: monitor, variant: variant), to: out)
            return
        }
        if format == .ndjson {
            try writeFlowLog(monitor: &monitor, source: &recorded, until: end, progress: progress)
            return
        }
        if format == .inventory {
            try advance(&monitor, source: &recorded, until: end, progress: progress)
            progress.finish()
            let header = ["Written by fleetwatch snapshot --format inventory at \(monitor.now) of \"\(scenario.name)\", seed \(scenario.world.seed)."]
            try write(Array(Inventory(world: monitor.world).yaml(header: header).utf8), to: out)
            return
        }
        if let step = every {
            let directory = out!
            do { try AtomicFile.ensureDirectory(directory) } catch { throw failure(error.description) }
            var n = 1
            var t = SimTime.zero + step
            while t <= end {
                try advance(&monitor, source: &recorded, until: t, progress: progress)
                let name = "\(directory)/\(Self.seriesName(n, at: t, fileExtension: format.fileExtension))"
                try write(try renderer.render(monitor: monitor, source: recorded?.status(of: monitor.world)), to: name)
                n += 1
                t += step
            }
            progress.finish()
            return
        }
        try advance(&monitor, source: &recorded, until: end, progress: progress)
        progress.finish()
        try write(try renderer.render(monitor: monitor, source: recorded?.status(of: monitor.world)), to: out)
    }

    /// `--what-if`'s what-if: the file at `spec` (checked against the scenario's names), or the
    /// scenario's what-if of that name.
    static func resolveWhatIf(_ spec: String, scenario: Scenario) throws -> WhatIf {
        if access(spec, F_OK) == 0 {
            do { return try WhatIf.load(path: spec, names: scenario.names) } catch { throw Failure(String(describing: error)) }
        }
        if let w = scenario.whatIf(named: spec) { return w }
        let names = scenario.whatIfs.map { "'\($0.name)'" }
        throw Failure(
            "fleetwatch: --what-if '\(Sanitizer.clean(spec))' is no file and no what-if of \"\(Sanitizer.clean(scenario.name))\"; "
                + (names.isEmpty ? "the scenario names none: give a what-if file (docs/what-if.md)" : "its what-ifs: " + names.joined(separator: ", ")))
    }

    /// Runs the simulation, or reads the source, to `end`.
    func advance(_ monitor: inout FleetMonitor, source: inout SourceInput?, until end: SimTime, progress: Progress) throws {
        guard var input = source else { return self.run(&monitor, until: end, progress: progress) }
        source = nil
        defer { source = input }
        var ignore = IgnoreSink()
        try input.run(&monitor, until: end, sink: &ignore, progress: progress)
    }

    /// Runs in slices so that progress can be shown.
    func run(_ monitor: inout FleetMonitor, until end: SimTime, progress: Progress) {
        let slices: Int64 = progress.enabled ? 100 : 1
        let start = monitor.now
        for i in 1...slices {
            let t = SimTime(nanoseconds: start.nanoseconds + (end.nanoseconds - start.nanoseconds) * i / slices)
            if t > monitor.now { monitor.run(until: t) }
            progress.show(monitor.now)
        }
    }

    func writeFlowLog(monitor: inout FleetMonitor, source: inout SourceInput?, until end: SimTime, progress: Progress) throws {
        var sink: FlowLogSink
        do {
            sink = try FlowLogSink(
                path: out, world: monitor.world, policies: monitor.policies, scratchDirectory: Self.scratchDirectory)
        } catch {
            throw failure(error.description)
        }
        if var input = source {
            source = nil
            defer { source = input }
            try input.run(&monitor, until: end, sink: &sink, progress: progress)
        } else {
            let slices: Int64 = progress.enabled ? 100 : 1
            for i in 1...slices {
                let t = SimTime(nanoseconds: end.nanoseconds * i / slices)
                if t > monitor.now { monitor.run(until: t, sink: &sink) }
                progress.show(monitor.now)
            }
        }
        progress.finish()
        do { try sink.finish() } catch { throw failure(error.description) }
    }

    func write(_ bytes: [UInt8], to path: String?) throws {
        guard let path else {
            StandardOutput.write(bytes)
            return
        }
        do { try AtomicFile.write(bytes, to: path) } catch { throw failure(error.description) }
    }

    func failure(_ message: String) -> Error { Failure("fleetwatch: \(message)") }

    /// Where the flow log written to standard output keeps its scratch copy: $TMPDIR, or /tmp.
    static var scratchDirectory: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        var path = String(cString: value)
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// `fleetwatch-0003-t00h15m00s.svg`: the number keeps a listing in time order (the hours of
    /// a long run outgrow two digits), the time says what the file shows.
    static func seriesName(_ n: Int, at t: SimTime, fileExtension: String) -> String {
        "fleetwatch-\(pad(n))-\(ExportName.time(t)).\(fileExtension)"
    }

    static func pad(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, 4 - s.count)) + s
    }
}

/// Writes every flow of the run as one NDJSON line into a file (or standard output), sorted by
/// flow start (`FlowLogOrder`: start, vehicle, flowId). The monitor judges flows at their end,
/// so each line goes to a scratch file as it comes (beside the target, or in $TMPDIR for
/// standard output; removed at the end, or by a terminating signal), with only its key and
/// place kept in memory; `finish` copies the lines out in order and writes the log atomically.
/// The price: nothing is written before the run is over (a reader of standard output waits for
/// the whole run), and the scratch copy takes as much disk as the log.
struct FlowLogSink: FlowSink {
    let path: String?
    var spill: StreamingFile
    var spilled: Int64 = 0
    var order = FlowLogOrder()
    var format: FlowLogNDJSON
    var error: OutputError?

    init(path: String?, world: FleetWorld, policies: PolicySet, scratchDirectory: String) throws(OutputError) {
        self.path = path
        let target = path ?? "\(scratchDirectory)/fleetwatch-flows"
        // The scratch copy is a temporary file beside the target (`TARGET.tmp-XXXXXX`), never
        // renamed: the log itself is a second one, renamed over the target at the end.
        spill = try StreamingFile(path: target)
        format = FlowLogNDJSON(services: world.config.services, policies: policies)
    }

    mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {
        guard error == nil else { return }
        // The body only: the flow is numbered when every flow is in (`FlowLogOrder.sorted`).
        let body = format.body(record, facts: facts, verdicts: verdicts)
        let length = body.utf8.count
        do { try spill.append(body) } catch { self.error = OutputError(path: path ?? "standard output", reason: error.reason) }
        order.add(start: record.start.nanoseconds, end: facts.time.nanoseconds, vehicle: record.vehicle, offset: spilled, length: length)
        spilled += Int64(length)
    }

    mutating func policiesChanged(_ policies: PolicySet) { format.policies = policies }

    mutating func finish() throws(OutputError) {
        defer { spill.abandon() }
        if let error { throw error }
        let target = path ?? "standard output"
        do { try spill.flush() } catch { throw OutputError(path: target, reason: error.reason) }
        var file = try StreamingFile(path: path)
        let sorted = order.sorted()
        let line = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, Int(sorted.lazy.map(\.length).max() ?? 1)), alignment: 1)
        defer { line.deallocate() }
        for entry in sorted {
            let n = Int(entry.length)
            guard n > 1, pread(spill.fd, line.baseAddress, n, off_t(entry.offset)) == n else {
                file.abandon()
                throw OutputError(path: target, reason: "the scratch copy of the log could not be read back: \(AtomicFile.errorText())")
            }
            // The line `FlowLogNDJSON.line(id:body:)` makes, then a newline.
            try file.append(FlowLogNDJSON.head(id: entry.id))
            try file.append(bytes: UnsafeRawBufferPointer(rebasing: line[1..<n]))
            try file.append("\n")
        }
        try file.finish()
    }
}
