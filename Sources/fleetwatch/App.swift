import Dashboard
import Fleet
import Scenario
import Settings
import Screen
import Simulation

/// The live application: the fleet monitor, the dashboard state and the pacer; a `Program`
/// that the terminal drives (the demo's `DemoPlayer` wraps one). Reads no clock itself: wall
/// times come in as ticks.
struct App {
    var monitor: FleetMonitor
    var state: DashboardState
    var pacer: Pacer
    var builder: ModelBuilder
    /// Draws a frame from the state and the view model (its theme adapted to the terminal's
    /// colours once the terminal is known).
    var renderer: DashboardView
    /// The settings the session started with, and the config file the save key writes (nil
    /// with --no-config).
    var settings: Settings = .standard
    var settingsFile: String?
    /// How far one `.` step moves the simulation while paused.
    var stepSize = SimDuration.seconds(Int64(1))
    /// What the save key (`w`) writes and where (App+Export.swift).
    var export = ViewExport()
    /// Copies of the run to go back to, and what is known of the run ahead of the screen after
    /// a jump back (App+Time.swift); the scenario, to build the start again.
    var checkpoints: Checkpoints
    let scenario: Scenario
    var marks = AlertMarks()
    /// A jump in time under way, run a slice a frame.
    var seek: Seek?
    /// How much simulated time one slice of a jump runs, and the fastest the simulation was
    /// seen to run (simulated seconds per wall second), learnt as jumps run.
    var seekSlice = SimDuration.seconds(Int64(60))
    var simulationRate: Double?
    /// The user's acknowledgements by alert id, laid again over the alerts a replay raises
    /// after a jump back (ids are the same in every replay of the run).
    var acknowledgements: [UInt64: Bool] = [:]
    /// The records of `--source`, when they feed the monitor instead of the simulation
    /// (App+Source.swift); nil for a simulated run.
    var feed: SourceInput?
    /// Why the records stopped being read (a read error), said once in the footer.
    var feedFailure: String?
    /// The last read found nothing new (a jump ahead of the records ends there).
    var feedStalled = false
    /// The what-if beside the run (`i`, App+WhatIf.swift); nil when none is applied.
    var whatIf: WhatIfRun?

    /// Whether `init` runs up to the start time itself (`.now`: a headless session, a test) or
    /// leaves it to the frames (`.inFrames`: the terminal draws its first frame at once and a
    /// progress bar while it runs up). The same for a jump a typed command asks for (`.action`):
    /// done before the answer, or run a slice a tick, as the linear mode runs it, saying how far
    /// it has got and taking `stop` meanwhile.
    enum RunUp { case now, inFrames }
    let runUp: RunUp
    /// Whether the fleet's cars are built in frames too, before the run-up, with the progress
    /// on screen (the terminal's dashboard: its first frame comes before a million cars
    /// exist); also when a jump back builds the start again. Only with `.inFrames`.
    let buildsInFrames: Bool
    /// Cars one slice of the build adds: learnt as it runs, about `sliceSeconds` of work.
    var buildSlice = 20_000
    var buildRate: Double?

    init(
        scenario: Scenario, renderer: DashboardView, at start: SimDuration, speed: Double, paused: Bool,
        runUp: RunUp = .now, buildInFrames: Bool = false, rewindBytes: Int = Checkpoints.defaultBudgetBytes,
        source: SourceRun? = nil
    ) throws {
        self.renderer = renderer
        self.runUp = runUp
        buildsInFrames = buildInFrames && runUp == .inFrames && source == nil
        if let source {
            monitor = source.monitor
            feed = source.input
        } else {
            monitor = try scenario.makeMonitor(deferringBuild: buildsInFrames)
        }
        self.scenario = scenario
        checkpoints = Checkpoints(interval: .seconds(Int64(60)), budgetBytes: rewindBytes)
        // Until a slice has been timed: a minute for the default fleet, less for a larger one
        // (600 000 car-seconds, about a frame's work), at least a second.
        seekSlice = .seconds(Int64(min(60, max(1, 600_000 / max(1, monitor.world.carCount, monitor.world.buildProgress?.total ?? 0)))))
        state = DashboardState(speed: speed, paused: paused)
        pacer = Pacer(start: monitor.now, speed: speed, paused: paused)
        builder = ModelBuilder(scenarioName: scenario.name)
        state.whatIfNames = scenario.whatIfs.map(\.name)
        if start > .zero || !monitor.world.isBuilt {
            go(to: SimTime.zero + start, sliceNow: false)
            if runUp == .now { finishSeek() }
        }
    }

    mutating func resize(width: Int, height: Int) {
        _ = state.reduce(.resize(width: width, height: height), frame: nil)
    }

    /// Runs the simulation up to where the wall clock says it should be.
    mutating func advance(toWall wall: Double) {
        var target = pacer.target(atWall: wall)
        if feed != nil {
            // The records are read as they come; the clock waits where they have got to.
            pumpFeed()
            if let bound = feed?.bound, target > bound {
                target = max(monitor.now, bound)
                pacer.hold(at: target)
            }
        }
        if target > monitor.now { run(until: target) }
    }

    /// Draws the current frame; the model holds full rows only for the cars on screen.
    func view() -> (Buffer, FrameContext) {
        var model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: .screen)
        model.timeline = timeline
        model.source = feed?.status(of: monitor.world)
        model.whatIf = whatIfComparison()
        return renderer.render(state: state, model: model)
    }

    var frameKey: FrameKey {
        // A jump's progress changes the frame too (a paused screen's time may not).
        FrameKey(state: state, time: monitor.now.nanoseconds / 1_000_000_000 * 1_000_000_000,
                 progress: seek.map { seek in
                     let progress = seek.timeline(reached: monitor.now, building: monitor.world.buildProgress)
                     return Int64((progress.fraction * 1000).rounded(.down)) + 1 + Int64((progress.buildFraction * 1000).rounded(.down)) * 2000
                 } ?? 0,
                 input: feed.map { $0.source.report.records &+ ($0.ended ? 1 << 63 : 0) } ?? 0)
    }

    /// Applies an action (`frame`: the layout it refers to, nil for none); returns true when the
    /// user asked to quit.
    mutating func handle(_ action: Action, frame: FrameContext?) -> Bool {
        for command in state.reduce(action, frame: frame) {
            switch command {
            case .quit:
                return true
            case .setPaused(let p):
                pacer.paused = p
            case .step where !monitor.world.isBuilt:
                // No run to step in yet: the footer shows the build under way.
                break
            case .step:
                let target = monitor.now + stepSize
                run(until: target)
                pacer.jump(to: target)
            case .goTo where state.presenting, .goToAlert where state.presenting:
                say("the demo moves by chapters: n next, p previous, r replay")
            case .goTo(let target):
                go(to: target)
            case .goToAlert(let id):
                goToAlert(id)
            case .setSpeed(let s):
                pacer.speed = s
            case .acknowledge(let id):
                monitor.acknowledge(alertID: id)
                acknowledgements[id] = true
            case .unacknowledge(let id):
                monitor.unacknowledge(alertID: id)
                acknowledgements[id] = false
            case .acknowledgeAll(let ids):
                monitor.acknowledge(alertIDs: ids)
                for id in ids { acknowledgements[id] = true }
            case .saveView:
                saveView()
            case .copyVIN(let vehicle):
                copyVIN(of: vehicle)
            case .saveSettings:
                saveSettings()
            case .applyWhatIf(nil) where whatIf == nil && state.whatIfNames.isEmpty:
                say("this scenario names no what-ifs: add `what-ifs` to it (docs/what-if.md), or use fleetwatch snapshot --what-if FILE")
            case .applyWhatIf(let index):
                applyWhatIf(index)
            }
        }
        return false
    }
}

extension App: Program {
    var isBusy: Bool { seek != nil }

    mutating func update(_ message: Message, frame: FrameContext) -> [Effect] {
        switch message {
        case .tick(let wall):
            // A search jump drawn on the frame on screen becomes the selection before new data
            // can re-sort the table under it.
            state.settleSearchJump(frame: frame)
            if seek != nil { stepSeek(wall: wall) } else { advance(toWall: wall) }
            noteWall(wall)
            return []
        case .resize(let width, let height):
            resize(width: width, height: height)
            return []
        case .key(let key) where seek != nil && state.filter == nil && state.keys.action(for: key) == .back:
            // Esc while a jump runs stops it where it has got to.
            stopSeek()
            return []
        case .key, .mouse:
            if message.action.map({ handle($0, frame: frame) }) == true { return [.quit] }
            return takeClipboard()
        case .action(let action):
            // A typed command's jump is done before the answer, unless ticks run it (`runUp`).
            let quit = handle(action, frame: nil)
            if runUp == .now { finishSeek() }
            return quit ? [.quit] : takeClipboard()
        }
    }
}
