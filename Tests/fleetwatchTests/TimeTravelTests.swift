import Dashboard
import Fleet
import Foundation
import Linear
import Scenario
import Screen
import Simulation
import Testing
@testable import fleetwatch

/// Going back and forward in time in the live dashboard (issue 17), in process: through the
/// one frame loop, keys in, ticks for the jump's slices, the frame after a jump is the frame of
/// a dashboard started straight at that time (which is `fleetwatch snapshot --at T`'s: the tmux
/// test `TimeTravelEndToEndTests` checks that on the real binary).
@Suite struct TimeTravelTests {
    static func app(at seconds: Int64, paused: Bool, runUp: App.RunUp = .now, buildInFrames: Bool = false) throws -> App {
        var app = try App(
            scenario: Scenario.builtIn, renderer: DemoFixtures.view, at: .seconds(seconds), speed: 1, paused: paused, runUp: runUp,
            buildInFrames: buildInFrames)
        app.resize(width: 120, height: 40)
        return app
    }

    struct Session {
        var loop: ProgramLoop<App>
        var wall = 0.0

        /// Ticks until the jump under way is over (each tick runs one slice).
        mutating func settle() {
            for _ in 0..<10_000 where loop.program.seek != nil {
                wall += 0.1
                _ = loop.send(.tick(wall: wall))
            }
        }

        mutating func press(_ keys: [Key]) {
            for key in keys { _ = loop.send(.key(key)) }
            settle()
        }

        mutating func go(_ text: String) { press([.character("g")] + text.map { .character($0) } + [.enter]) }

        mutating func frame() -> Buffer { loop.frame().buffer }
    }

    func expectFrame(_ session: inout Session, equalsStartAt seconds: Int64, paused: Bool, _ what: String,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        #expect(session.loop.program.monitor.now == SimTime.zero + .seconds(seconds), "\(what): the time", sourceLocation: sourceLocation)
        // Home on the frame drawn at that time, as the terminal would have drawn it.
        _ = session.frame()
        _ = session.loop.send(.key(.home))
        var straight = ProgramLoop(try Self.app(at: seconds, paused: paused))
        let want = straight.frame().buffer, got = session.frame()
        let differing = (0..<want.height).filter { got.line($0) != want.line($0) }
            .map { "line \($0 + 1):\n  jumped:   \(got.line($0))\n  straight: \(want.line($0))" }
        #expect(got == want, "\(what): \(differing.isEmpty ? "same text, other styles" : differing.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    /// Paused and running, backwards and forwards, past what was simulated and back to it. The
    /// selection is the user's and follows its car through a jump, as it does when the order
    /// changes; a start (or a snapshot) selects the first row, so Home does too before each
    /// comparison.
    @Test(arguments: [true, false])
    func aJumpLandsOnTheFrameOfAStraightRun(paused: Bool) throws {
        var s = Session(loop: ProgramLoop(try Self.app(at: 3600, paused: paused)))
        s.settle()
        s.go("20m")
        try expectFrame(&s, equalsStartAt: 1200, paused: paused, "back to 20m")
        #expect(s.loop.program.checkpoints.furthest >= SimTime.zero + .seconds(Int64(3600)), "what lies ahead is kept")
        s.go("+70m")
        try expectFrame(&s, equalsStartAt: 5400, paused: paused, "on past what was simulated, to 1h30m")
        s.press([.character("{")])
        try expectFrame(&s, equalsStartAt: 4800, paused: paused, "ten minutes back")
        s.press([.character("]"), .character("]")])
        try expectFrame(&s, equalsStartAt: 4920, paused: paused, "two minutes on")
        s.go("09:05")
        try expectFrame(&s, equalsStartAt: 3900, paused: paused, "to 09:05 on the scenario's clock")
        s.go("start")
        try expectFrame(&s, equalsStartAt: 0, paused: paused, "to the start")
    }

    /// The run-up to --at in frames: the first frame comes before it, with its progress, and
    /// the frame at its end is the one of a run-up done at once.
    @Test func theRunUpRunsInFramesWithItsProgress() throws {
        var s = Session(loop: ProgramLoop(try Self.app(at: 1800, paused: true, runUp: .inFrames)))
        #expect(s.loop.program.monitor.now < SimTime.zero + .seconds(Int64(1800)))
        let first = s.frame().text
        #expect(first.contains("going to 08:30:00:"), "\(first)")
        s.settle()
        try expectFrame(&s, equalsStartAt: 1800, paused: true, "after the run-up")
    }

    /// The terminal's start with the fleet built in frames: the first frame comes before any car
    /// exists, with the build's progress, then the run-up's; the frame at the end is the one of
    /// a start done at once. A jump back to before the first checkpoint builds the start again
    /// in frames too.
    @Test func theFleetIsBuiltInFramesBeforeTheRunUp() throws {
        var app = try Self.app(at: 1800, paused: true, runUp: .inFrames, buildInFrames: true)
        #expect(app.monitor.world.carCount == 0, "no car before the first frame")
        app.buildSlice = 150
        var s = Session(loop: ProgramLoop(app))
        let first = s.frame().text
        #expect(first.contains("building 600 cars: 0 % · then 08:30:00 · Esc stays at start"), "\(first)")
        s.wall += 0.1
        _ = s.loop.send(.tick(wall: s.wall))
        #expect(s.loop.program.monitor.world.carCount == 150)
        #expect(s.frame().text.contains("building 600 cars: 25 %"))
        s.settle()
        try expectFrame(&s, equalsStartAt: 1800, paused: true, "after the build and the run-up")
        s.go("start")
        try expectFrame(&s, equalsStartAt: 0, paused: true, "back to the start, built again")
        s.go("20m")
        try expectFrame(&s, equalsStartAt: 1200, paused: true, "on from the start built again")
    }

    /// Esc while the fleet is being built: the build goes on (a fleet is whole or not at all)
    /// and the screen stays at the start.
    @Test func escWhileBuildingStaysAtTheStart() throws {
        var app = try Self.app(at: 1800, paused: true, runUp: .inFrames, buildInFrames: true)
        app.buildSlice = 200
        var s = Session(loop: ProgramLoop(app))
        s.wall += 0.1
        _ = s.loop.send(.tick(wall: s.wall))
        _ = s.loop.send(.key(.escape))
        // A step (`.`, paused) has no run to step in yet: it waits, and the build goes on.
        _ = s.loop.send(.key(.character(".")))
        #expect(s.loop.program.monitor.now == .zero && s.loop.program.monitor.world.carCount == 200)
        let text = s.frame().text
        #expect(text.contains("building 600 cars: 33 %") && !text.contains("then 08:30:00"), "\(text)")
        s.settle()
        #expect(s.loop.program.monitor.world.isBuilt)
        try expectFrame(&s, equalsStartAt: 0, paused: true, "the start, whole")
    }

    /// Esc stops a jump where it has got to; the screen goes on from there.
    @Test func escStopsAJump() throws {
        var s = Session(loop: ProgramLoop(try Self.app(at: 0, paused: true)))
        for key in [Key.character("g")] + "1d".map({ .character($0) }) + [.enter] { _ = s.loop.send(.key(key)) }
        s.wall += 0.1
        _ = s.loop.send(.tick(wall: s.wall))
        #expect(s.loop.program.seek != nil, "a day takes more than a slice or two")
        _ = s.loop.send(.key(.escape))
        #expect(s.loop.program.seek == nil)
        let stopped = s.loop.program.monitor.now
        #expect(stopped > .zero && stopped < SimTime.zero + .seconds(Int64(86_400)))
        try expectFrame(&s, equalsStartAt: Int64(stopped.seconds), paused: true, "where the jump stopped")
    }

    /// An alert acknowledged, then a jump back before it and on past it: the replay raises it
    /// again (same id), acknowledged, as the user left it; `b` goes to its first flow.
    @Test func acknowledgementsOutliveAJumpBack() throws {
        var s = Session(loop: ProgramLoop(try Self.app(at: 3600, paused: true)))
        let open = s.loop.program.monitor.alerts.openAlerts.filter { $0.start > SimTime.zero + .seconds(Int64(1200)) }
        let alert = try #require(open.max { $0.start < $1.start }, "an alert raised after 20m is open at 1h")
        _ = s.loop.send(.action(.showView(.alert(id: alert.id))))
        s.press([.character("A")])
        #expect(s.loop.program.monitor.alerts.alert(id: alert.id)?.acknowledged == true)
        s.go("20m")
        #expect(s.loop.program.monitor.alerts.alert(id: alert.id) == nil, "not raised yet at 20m")
        s.go("end")
        #expect(s.loop.program.monitor.now == SimTime.zero + .seconds(Int64(3600)))
        #expect(s.loop.program.monitor.alerts.alert(id: alert.id)?.acknowledged == true, "acknowledged again on the replay")
        // b, in the alert's view: to its first flow, where it is open with one flow.
        _ = s.loop.send(.action(.showView(.alert(id: alert.id))))
        s.press([.character("b")])
        #expect(s.loop.program.monitor.now == App.secondAfter(alert.start))
        #expect(s.loop.program.monitor.now > alert.start && s.loop.program.monitor.now <= alert.start + .seconds(Int64(1)))
        #expect(s.loop.program.monitor.alerts.alert(id: alert.id)?.isOpen == true)
    }

    /// The linear mode's `go to`: the same jump, done before the answer, said in a line.
    @Test func theLinearModeGoesTo() throws {
        var session = LinearSession(try Self.app(at: 3600, paused: true))
        _ = session.start(scenarioName: "Default fleet")
        let (lines, _) = session.run(try #require(try LinearCommand.parse("go to 20m")))
        #expect(session.app.monitor.now == SimTime.zero + .seconds(Int64(1200)))
        #expect(lines.first?.hasPrefix("Back to ") == true, "\(lines)")
        let (before, _) = session.run(try #require(try LinearCommand.parse("go to 07:00")))
        #expect(before.first?.contains("before the run's start") == true, "\(before)")
        #expect(throws: LinearCommandError.self) { try LinearCommand.parse("go to tomorrow") }
    }
}

/// The real binary in tmux: paused at 1h, `g 20m`, `g +1h`, `{` and `b` each land on the screen
/// `fleetwatch snapshot --at T` writes at the same size (Home first: a snapshot selects the
/// first row).
@Suite(.serialized) struct TimeTravelEndToEndTests {
    static func snapshot(at seconds: Int) throws -> [String] {
        let run = try Run(["snapshot", "--at", "\(seconds)s", "--format", "txt", "--width", "120", "--height", "40"])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(Self.trimmed)
    }

    static func trimmed(_ line: some StringProtocol) -> String {
        var s = String(line)
        while s.last == " " { s.removeLast() }
        return s
    }

    func expectSnapshot(_ live: LiveDashboard, at seconds: Int, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let clock = String(format: "T+%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        try live.expect("\(what): the clock does not read \(clock)", seconds: 20, sourceLocation: sourceLocation) {
            $0.first?.contains(clock) == true && $0.count >= 40 && $0[39].hasPrefix("↑↓ move")
        }
        live.tmux.sendKeys("Home")
        let expected = try Self.snapshot(at: seconds)
        var shown: [String] = []
        let same = live.tmux.wait(seconds: 5) { lines in
            shown = lines.prefix(40).map(Self.trimmed)
            return shown == expected
        }
        if same == nil {
            for (i, (want, got)) in zip(expected, shown).enumerated() where want != got {
                Issue.record("\(what), line \(i + 1) differs:\n  pane:     \(got)\n  snapshot: \(want)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func jumpsBackAndForwardShowTheSnapshotOfThatTime() throws {
        try #require(LiveDashboard.available, "tmux is needed")
        let live = try LiveDashboard(["--at", "1h", "--paused"])
        try expectSnapshot(live, at: 3600, "the start at 1h")
        live.tmux.sendKeys("g")
        live.tmux.type("20m")
        live.tmux.sendKeys("Enter")
        try expectSnapshot(live, at: 1200, "back to 20m")
        live.tmux.sendKeys("g")
        live.tmux.type("+1h")
        live.tmux.sendKeys("Enter")
        try expectSnapshot(live, at: 4800, "on to 1h20m, past what was simulated")
        live.tmux.type("{")
        try expectSnapshot(live, at: 4200, "ten minutes back")
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
