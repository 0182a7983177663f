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

/// `fleetwatch` (no arguments): the live dashboard in the terminal.
struct Live: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "live",
        abstract: "Open the live dashboard in this terminal (the default command).",
        discussion: """
            Keys: arrows/jk move, Enter details, Esc back, > < (s) sort column, S reverse, / filter, m map, a alerts, \
            A acknowledge, w save the view, y copy the VIN, space pause, . step, +/- speed, ? help, q quit.

            Needs a terminal (standard input and output, and TERM); elsewhere it exits with \
            status 2 and suggests `fleetwatch snapshot`. Exit status: 0 after q, 128+N after \
            signal N (143 for SIGTERM, 129 for SIGHUP), 1 for a bad scenario file, 64 for a bad option.
            """
    )

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var look: LookOptions

    @Option(name: .long, parsing: .unconditional, help: "Simulated seconds per second, 1 to 10000.")
    var speed: Double = 1

    /// The fleet starts at 08:00 with every car at home; ten simulated minutes in, it is on the
    /// move, which is what a person opening a live dashboard expects to see.
    // .unconditional: "-5m" is the option's value (refused as negative), not an unknown option.
    @Option(
        name: .long, parsing: .unconditional,
        help: "Start with the simulation already advanced to this time (0s, 90s, 15m, 2h, 1d; default: 10m).",
        transform: durationArgument)
    var at = SimDuration.seconds(Int64(600))

    @Flag(name: .long, help: "Start paused (space resumes, . steps).")
    var paused = false

    @Option(name: .long, parsing: .unconditional, help: "Frames per second, 1 to 60.")
    var fps: Int = 10

    @Option(name: .long, help: ArgumentHelp("Write an asciicast v2 recording of the session (asciinema play FILE.cast).", valueName: "file.cast"))
    var record: String?

    func validate() throws {
        guard speed.isFinite, speed >= 1, speed <= 10_000 else {
            throw ValidationError("--speed must be between 1 and 10000 simulated seconds per second, got \(speed)")
        }
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
    }

    func run() throws {
        try requireTerminal()
        let scenario = try fleet.load()
        var app = try App(
            scenario: scenario, renderer: DashboardView(glyphs: look.glyphs, theme: .dark),
            at: at, speed: speed, paused: paused)
        let session = try startSession(color: look.color)
        app.renderer.theme = Theme.dark.adapted(to: session.colorDepth)
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
        try TerminalDriver.play(app, session: session, fps: fps, recorder: recorder)
    }
}
