import ArgumentParser
import Dashboard
import Fleet
import Scenario
import Screen
import Simulation
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// `fleetwatch demo [FILE]`: a scenario's timeline played as a presentation, with chapters,
/// captions and scripted actions, driven by a presenter's keys or clicker; or headless.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a scenario's timeline as a presentation (default: the built-in 2021 briefing).",
        discussion: """
            Keys: space (or b, .) pause, → n PgDn next chapter, ← p PgUp previous chapter, r or F5 \
            replay the chapter, +/- speed, q quit; the dashboard's other keys work as in the live \
            view. A jump replays the simulation from the start, so it lands on the same screen a \
            straight run shows there. See Demo/README.md.
            """
    )

    @Argument(help: "A scenario file with chapters in its timeline (default: the built-in briefing, Demo/briefing.yaml).")
    var file: String?

    @Flag(name: .long, help: "Start again from the first chapter at the end (a booth screen).")
    var loop = false

    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Start at this chapter (1 = the first).", valueName: "n"))
    var chapter: Int = 1

    @Option(name: .long, help: ArgumentHelp("Write an asciicast v2 recording (asciinema play FILE.cast).", valueName: "file.cast"))
    var record: String?

    @Flag(name: .long, help: "No terminal: print each chapter and caption with its time, then the alerts; with --record, record the frames at the scripted pace.")
    var headless = false

    @Option(name: .long, parsing: .unconditional, help: "Frames per second, 1 to 60.")
    var fps: Int = 10

    @Option(name: .long, parsing: .unconditional, help: "Screen width of a headless recording (\(Self.widths.lowerBound) to \(Self.widths.upperBound)).")
    var width: Int = 160

    @Option(name: .long, parsing: .unconditional, help: "Screen height of a headless recording (\(Self.heights.lowerBound) to \(Self.heights.upperBound)).")
    var height: Int = 48

    @OptionGroup var look: LookOptions

    @OptionGroup var linear: LinearOptions

    /// A recording is the dashboard's screen, as a picture snapshot is: from its smallest screen
    /// (below it every frame would be the "too small" notice).
    static let widths = DashboardView.minimumWidth...1000
    static let heights = DashboardView.minimumHeight...1000

    func validate() throws {
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
        guard Self.widths.contains(width), Self.heights.contains(height) else {
            throw ValidationError(
                "--width and --height of a recording must be between \(Self.widths.lowerBound)x\(Self.heights.lowerBound) "
                    + "(the dashboard's smallest screen) and 1000x1000, got \(width)x\(height)")
        }
        if loop && headless { throw ValidationError("--loop never ends; a --headless run plays once") }
    }

    func run() throws {
        let scenario = try loadScenario()
        let script = DemoScript(scenario: scenario)
        // Checked here, where the chapters are known, for both ends of the range: one message
        // and one exit status (64, a usage error) for 0 and for 9.
        let count = script.chapters.count
        guard (1...count).contains(chapter) else {
            throw ValidationError("--chapter must be between 1 and \(count) ('\(scenario.name)' has \(count) chapters), got \(chapter)")
        }
        if headless {
            try DemoHeadless(demo: self, scenario: scenario, script: script).run()
        } else if try linear.isOn(look) {
            try runLinear(scenario: scenario, script: script)
        } else {
            try runInTerminal(scenario: scenario, script: script)
        }
    }

    /// The file, or the built-in briefing; every problem as FILE:LINE:COL and exit status 1.
    func loadScenario() throws -> Scenario {
        do {
            if let file { return try Scenario.load(path: file) }
            return try Scenario.parse(text: DemoBriefing.yaml, file: "<briefing>")
        } catch {
            throw Failure(String(describing: error))
        }
    }

    /// A headless recording's colours (`auto` is truecolor, as in a snapshot).
    var depth: ColorDepth { look.color.depth ?? .truecolor }

    func makeRecorder(scenario: Scenario, width: Int, height: Int, depth: ColorDepth) throws -> CastRecorder? {
        try CastRecorder.open(record, title: "FleetWatch demo — \(Sanitizer.clean(scenario.name))", width: width, height: height, depth: depth)
    }

    /// The demo told in lines: its chapters and captions as they come, the alerts, and the
    /// presenter's keys as commands (next, previous, replay, pause).
    func runLinear(scenario: Scenario, script: DemoScript) throws {
        if record != nil { throw ValidationError("--record records the screen; the linear mode draws none") }
        let look = try self.look.resolved(terminal: false)
        var player: DemoPlayer
        do {
            player = try DemoPlayer(
                scenario: scenario, script: script, view: look.view(depth: .none), names: .romanised, width: width, height: height, loop: loop)
        } catch {
            throw Failure.of(error)
        }
        // The replay to the first chapter passes earlier chapters: told from the start one.
        let start = script.chapters[chapter - 1].start
        let events = player.jump(toChapter: chapter - 1).filter { DemoHeadless.time(of: $0).map { $0 >= start } ?? true }
        var session = LinearSession(player, verbosity: linear.verbosity ?? look.settings.verbosity, isDemo: true)
        session.chapterTitles = script.chapters.map(\.title)
        let length = max(1, script.wallSeconds(at: script.end))
        session.chapterProgress = script.chapters.map { script.wallSeconds(at: $0.start) / length }
        session.preamble = session.announce(events.map(Effect.announce))
        LinearDriver(fps: fps).run(&session, scenarioName: scenario.name)
    }

    func runInTerminal(scenario: Scenario, script: DemoScript) throws {
        try requireTerminal(hint: " (fleetwatch demo --headless plays without one)")
        let look = try self.look.resolved(terminal: true)
        let session = try startSession(color: look.color)
        var recorder: CastRecorder?
        var player: DemoPlayer
        do {
            recorder = try makeRecorder(scenario: scenario, width: session.size.width, height: session.size.height, depth: session.colorDepth)
            player = try DemoPlayer(
                scenario: scenario, script: script, view: look.view(depth: session.colorDepth), names: look.names, width: session.size.width, height: session.size.height, loop: loop)
        } catch {
            session.stop()
            recorder?.abandon()
            throw Failure.of(error)
        }
        _ = player.jump(toChapter: chapter - 1)
        try TerminalDriver.play(player, session: session, fps: fps, recorder: recorder)
    }
}
