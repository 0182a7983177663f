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
        discussion: "Keys: arrows/jk move, Enter details, Esc back, s/S sort, / filter, m map, a alerts, A acknowledge, space pause, . step, +/- speed, ? help, q quit."
    )

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var look: LookOptions

    @Option(name: .long, parsing: .unconditional, help: "Simulated seconds per second, 1 to 10000.")
    var speed: Double = 1

    /// The fleet starts at 08:00 with every car at home; ten simulated minutes in, it is on the
    /// move, which is what a person opening a live dashboard expects to see.
    @Option(name: .long, help: "Start with the simulation already advanced to this time (0s, 90s, 15m, 2h, 1d).")
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
        do {
            try Terminal.checkInteractive(
                stdinIsTTY: isatty(0) == 1, stdoutIsTTY: isatty(1) == 1, term: Terminal.currentEnvironment()["TERM"])
        } catch {
            StandardError.write("\(error.description)\n")
            throw ExitCode(2)
        }
        let scenario = try fleet.load()
        var app = try App(scenario: scenario, at: parseDuration(at, option: "--at"), speed: speed, paused: paused)
        let session: TerminalSession
        do {
            session = try TerminalSession.start(TerminalOptions(color: ColorPreference(rawValue: look.color) ?? .auto))
        } catch {
            StandardError.write("\(error.description)\n")
            throw ExitCode(2)
        }
        let view = DashboardView(glyphs: look.glyphs, theme: Theme.dark.adapted(to: session.colorDepth))
        let frameMilliseconds = 1000 / fps
        var signal: TerminationSignal?
        app.resize(width: session.size.width, height: session.size.height)
        frames: while true {
            app.advance(toWall: monotonicSeconds())
            let (buffer, frame) = app.render(view)
            session.present(buffer)
            for event in session.nextEvents(timeoutMilliseconds: frameMilliseconds) {
                switch event {
                case .terminate(let s):
                    signal = s
                    break frames
                case .resize(let size):
                    app.resize(width: size.width, height: size.height)
                case .resumed:
                    session.requestRedraw()
                case .key(let key):
                    if app.handle(.key(Self.translate(key)), frame: frame) { break frames }
                case .mouse(.click(let x, let y)):
                    if app.handle(.click(x: x, y: y), frame: frame) { break frames }
                case .mouse(.wheelUp):
                    _ = app.handle(.wheel(up: true), frame: frame)
                case .mouse(.wheelDown):
                    _ = app.handle(.wheel(up: false), frame: frame)
                }
            }
        }
        session.stop()
        if let signal { Terminal.exit(dueTo: signal) }
    }

    static func translate(_ key: TerminalKey) -> Dashboard.Key {
        switch key {
        case .character(let c): .character(c)
        case .ctrl(let c): .ctrl(c)
        case .escape: .escape
        case .enter: .enter
        case .tab: .tab
        case .backTab: .backTab
        case .backspace: .backspace
        case .delete, .insert: .delete
        case .up: .up
        case .down: .down
        case .left: .left
        case .right: .right
        case .pageUp: .pageUp
        case .pageDown: .pageDown
        case .home: .home
        case .end: .end
        case .function(let n): .function(n)
        }
    }
}
