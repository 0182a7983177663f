import ArgumentParser
import Dashboard
import Export
import Fleet
import Linear
import Scenario
import Settings
import Screen
import Simulation
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// `fleetwatch` (no arguments): the live dashboard in the terminal.
struct Live: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Open the live dashboard in this terminal (the default command).",
        discussion: """
            Keys: arrows/jk move, Enter details, Esc back, > < (s) sort column, S reverse, / filter, f find (n N), \
            C columns, m map, a alerts (Enter opens one, A acknowledges and moves on, u undoes, Ctrl-A acknowledges \
            the list), H alert history, w save the view, y copy the VIN, space pause, . step, +/- speed, \
            g go to a time (2h, -10m, +1h, 09:15, tue 17:30, start, end), [ ] a minute back / on, { } ten minutes, \
            b the selected alert's first flow, t the timeline, ? help, q quit. Any key can be moved in the config \
            file (fleetwatch config).

            --linear (or FLEETWATCH_LINEAR=1, or linear: true in the config file): for screen readers and \
            braille displays, plain lines and typed commands instead of the screen (type help); it needs no \
            terminal. See the README, "For screen readers".

            Needs a terminal (standard input and output, and TERM); elsewhere it exits with \
            status 2 and suggests `fleetwatch snapshot`. Exit status: 0 after q, 128+N after \
            signal N (143 for SIGTERM, 129 for SIGHUP), 1 for a bad scenario file, 64 for a bad option.
            """
    )

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var look: LookOptions

    @Option(name: .long, parsing: .unconditional, help: "Simulated seconds per second, 1 to 10000 (default: the config file's, else 1).")
    var speed: Double?

    /// The fleet starts at 08:00 with every car at home; ten simulated minutes in, it is on the
    /// move, which is what a person opening a live dashboard expects to see.
    // .unconditional: "-5m" is the option's value (refused as negative), not an unknown option.
    @Option(
        name: .long, parsing: .unconditional,
        help: "Start with the simulation already advanced to this time (0s, 90s, 15m, 2h, 1d; default: 10m, or 0s with --source).",
        transform: durationArgument)
    var at: SimDuration?

    @Flag(name: .long, help: "Start paused (space resumes, . steps).")
    var paused = false

    @Option(name: .long, parsing: .unconditional, help: "Frames per second, 1 to 60 (default: the config file's, else 10).")
    var fps: Int?

    @Option(name: .long, help: ArgumentHelp("Write an asciicast v2 recording of the session (asciinema play FILE.cast).", valueName: "file.cast"))
    var record: String?

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp(
        "Megabytes the checkpoints of time travel may take, \(Settings.rewindMemoryRange.lowerBound) to \(Settings.rewindMemoryRange.upperBound) (default: the config file's rewind-memory, else 256).",
        valueName: "mb"))
    var rewindMemory: Int?

    @OptionGroup var linear: LinearOptions

    @OptionGroup(title: "Flow records in (docs/source.md)")
    var sources: SourceOptions

    @Flag(name: .long, inversion: .prefixedNo, help: "With --source FILE: read the file as it grows, as tail -f does (default); --no-follow: its end is the end of the records.")
    var follow = true

    var start: SimDuration { at ?? (sources.isSet ? .zero : .seconds(Int64(600))) }

    @Option(name: .long, help: ArgumentHelp(
        "Serve Prometheus metrics of the dashboard's run at http://HOST:PORT/metrics (HOST 127.0.0.1 unless given; docs/stream.md).",
        valueName: "host:port"), transform: MetricsAddress.parse)
    var metrics: MetricsAddress?

    func validate() throws {
        if let speed, !(speed.isFinite && Settings.speedRange.contains(speed)) {
            throw ValidationError("--speed must be between 1 and 10000 simulated seconds per second, got \(speed)")
        }
        if let fps, !Settings.fpsRange.contains(fps) { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
        if sources.strict {
            throw ValidationError("--strict applies to snapshot and stream; the live dashboard counts bad records on its header and goes on")
        }
        if let rewindMemory, !Settings.rewindMemoryRange.contains(rewindMemory) {
            throw ValidationError(
                "--rewind-memory must be between \(Settings.rewindMemoryRange.lowerBound) and \(Settings.rewindMemoryRange.upperBound) MB, got \(rewindMemory)")
        }
    }

    func run() throws {
        if try linear.isOn(look) {
            if record != nil { throw ValidationError("--record records the screen; the linear mode draws none") }
            if sources.isSet { throw ValidationError("--source is not read by the linear mode yet; use fleetwatch snapshot --source") }
            if metrics != nil { throw ValidationError("--metrics is served by the dashboard, not yet by the linear mode; use `fleetwatch stream --metrics` beside it") }
            return try runLinear()
        }
        let recordsFD = sources.source == "-" ? try Self.moveStandardInputAside() : nil
        try requireTerminal()
        let look = try self.look.resolved(terminal: true)
        let scenario = try fleet.load()
        var recorded: SourceRun?
        if sources.isSet {
            if recordsFD != nil || sources.source.map({ Self.isPipeOrDevice($0) }) == true {
                StandardError.write("fleetwatch: waiting for the first flow record from \(sources.source == "-" ? "standard input" : sources.source!) (Ctrl-C stops)\n")
            }
            recorded = try SourceRun(options: sources, scenario: scenario, follow: follow, fd: recordsFD)
            recorded?.input.reader.setNonBlocking()
        }
        // The first frame at once, then the run-up to --at with its progress (Esc stops it).
        var app = try App(
            scenario: scenario, renderer: look.view(depth: .truecolor),
            at: start, speed: speed ?? look.settings.speed, paused: paused, runUp: .inFrames, buildInFrames: true,
            rewindBytes: (rewindMemory ?? look.settings.rewindMemoryMB) << 20, source: recorded)
        recorded = nil
        app.builder = look.builder(scenarioName: scenario.name)
        look.settings.apply(to: &app.state)
        app.settingsFile = look.file
        app.settings = look.settings
        app.export.format = ExportFormat(rawValue: look.settings.saveFormat.rawValue) ?? .svg
        app.export.directory = look.settings.saveDirectory
        app.export.theme = look.themeName
        app.export.depth = look.snapshotDepth
        // Before the terminal is taken: where the metrics are, or why not, stays readable.
        let feed = try metrics.map { try MetricsFeed(serving: $0) }
        let session = try startSession(color: look.color)
        app.renderer = look.view(depth: session.colorDepth)
        app.resize(width: session.size.width, height: session.size.height)
        let recorder: CastRecorder?
        do {
            recorder = try CastRecorder.open(
                record, title: "FleetWatch — \(Sanitizer.clean(scenario.name))", width: session.size.width,
                height: session.size.height, depth: session.colorDepth)
        } catch {
            session.stop()
            throw error
        }
        try TerminalDriver.play(app, session: session, fps: fps ?? look.settings.fps, recorder: recorder, observe: feed.map { feed in
            { app in feed.offer(app) }
        })
    }

    /// `--source -`: the records come on standard input, the keys from the terminal. The
    /// records' descriptor is moved aside and the controlling terminal opened as standard input
    /// (curses reads keys from it); without one, exit status 2 with what to do instead.
    static func moveStandardInputAside() throws -> Int32 {
        let records = dup(0)
        let tty = open("/dev/tty", O_RDWR)
        guard records >= 0, tty >= 0, dup2(tty, 0) >= 0 else {
            throw Failure("fleetwatch: live --source - reads records on standard input and keys from the terminal (/dev/tty), and there is no terminal; use fleetwatch snapshot --source - or stream --source -", status: 2)
        }
        close(tty)
        return records
    }

    /// Whether `path` exists and is not a regular file (a FIFO, a device): its first record
    /// may be a while coming.
    static func isPipeOrDevice(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) != S_IFREG
    }

    /// The same dashboard told in lines (README, "For screen readers"): no terminal needed. The
    /// run-up to `--at` and every long `go to` run a slice a tick, saying how far they have got,
    /// so the first line comes at once and `stop` (or Ctrl-C) stops a jump where it is.
    func runLinear() throws {
        let look = try self.look.resolved(terminal: false)
        let scenario = try fleet.load()
        var app = try App(
            scenario: scenario, renderer: look.view(depth: .none), at: start, speed: speed ?? look.settings.speed, paused: paused,
            runUp: .inFrames, rewindBytes: (rewindMemory ?? look.settings.rewindMemoryMB) << 20)
        app.builder = look.builder(scenarioName: scenario.name)
        // A speech synthesiser reads Latin letters; the scenario's Chinese names are romanised.
        app.builder.names = .romanised
        look.settings.apply(to: &app.state)
        app.settingsFile = look.file
        app.settings = look.settings
        var session = LinearSession(app, verbosity: linear.verbosity ?? look.settings.verbosity)
        LinearDriver(fps: fps ?? look.settings.fps).run(&session, scenarioName: scenario.name)
    }
}

/// The linear mode's options, shared by the live dashboard and the demo.
struct LinearOptions: ParsableArguments {
    @Flag(name: .long, help: "Plain lines for screen readers and braille displays, and typed commands (also FLEETWATCH_LINEAR=1, or linear: true in the config file).")
    var linear = false

    @Option(name: .long, help: "In the linear mode, what is said unasked: quiet, normal or verbose (default: the config file's, else normal).")
    var verbosity: Verbosity?

    /// `--linear`, else FLEETWATCH_LINEAR=1 (the environment: for a whole SSH session), else
    /// the config file's `linear`.
    func isOn(_ look: LookOptions) throws -> Bool {
        if linear { return true }
        if let v = getenv("FLEETWATCH_LINEAR").map({ String(cString: $0) }), !v.isEmpty { return v != "0" }
        return try look.resolved(terminal: false).settings.linear
    }
}

extension Verbosity: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
