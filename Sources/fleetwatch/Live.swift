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
            Keys: arrows/jk move, Enter details, Esc back, s/S sort, / filter, m map, a alerts, \
            A acknowledge, space pause, . step, +/- speed, ? help, q quit.

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
    @Option(name: .long, parsing: .unconditional, help: "Start with the simulation already advanced to this time (0s, 90s, 15m, 2h, 1d).")
    var at: String = "10m"

    @Flag(name: .long, help: "Start paused (space resumes, . steps).")
    var paused = false

    @Option(name: .long, parsing: .unconditional, help: "Frames per second, 1 to 60.")
    var fps: Int = 10

    func validate() throws {
        guard speed.isFinite, speed >= 1, speed <= 10_000 else {
            throw ValidationError("--speed must be between 1 and 10000 simulated seconds per second, got \(speed)")
        }
        guard (1...60).contains(fps) else { throw ValidationError("--fps must be between 1 and 60, got \(fps)") }
        _ = try parseDuration(at, option: "--at")
    }

    func run() throws {
        try requireTerminal()
        let scenario = try fleet.load()
        var app = try App(scenario: scenario, at: parseDuration(at, option: "--at"), speed: speed, paused: paused)
        let session = try startSession(color: look.color)
        let view = DashboardView(glyphs: look.glyphs, theme: Theme.dark.adapted(to: session.colorDepth))
        let frameMilliseconds = 1000 / fps
        var signal: TerminationSignal?
        var cache = FrameCache()
        app.resize(width: session.size.width, height: session.size.height)
        frames: while true {
            app.advance(toWall: monotonicSeconds())
            let (buffer, frame) = cache.frame(of: app, view: view)
            session.present(buffer)
            for event in session.nextEvents(timeoutMilliseconds: frameMilliseconds) {
                cache.invalidate()
                switch event {
                case .terminate(let s):
                    signal = s
                    break frames
                case .resize(let size):
                    app.resize(width: size.width, height: size.height)
                case .resumed:
                    session.requestRedraw()
                case .key(let key):
                    if app.handle(.key(key), frame: frame) { break frames }
                case .mouse(let mouse):
                    if app.handle(dashboardAction(mouse), frame: frame) { break frames }
                }
            }
        }
        session.stop()
        if let signal { Terminal.exit(dueTo: signal) }
    }

}

/// The last frame drawn, and what it was drawn from. Building the view model reads every car
/// (O(cars)), which at 10 fps cost a quarter of a core for 600 cars in a debug build even
/// while paused. The frame is rebuilt when the simulation enters a new second (the clock's
/// resolution on screen: at 1x the data refresh once a second, at higher speeds every frame),
/// when the dashboard state changes, and after any input (an acknowledgement changes the
/// alert book, not the state); otherwise the frame on screen is still current.
struct FrameCache {
    struct Key: Equatable {
        var state: DashboardState
        var second: Int64
    }

    private var key: Key?
    private var drawn: (Buffer, FrameContext)?

    mutating func frame(of app: App, view: DashboardView) -> (Buffer, FrameContext) {
        let now = Key(state: app.state, second: app.monitor.now.nanoseconds / 1_000_000_000)
        if let drawn, now == key { return drawn }
        let fresh = app.render(view)
        key = now
        drawn = fresh
        return fresh
    }

    mutating func invalidate() {
        key = nil
        drawn = nil
    }
}
