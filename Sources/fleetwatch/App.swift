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

    init(scenario: Scenario, renderer: DashboardView, at start: SimDuration, speed: Double, paused: Bool) throws {
        self.renderer = renderer
        monitor = try scenario.makeMonitor()
        if start > .zero { monitor.run(until: SimTime.zero + start) }
        state = DashboardState(speed: speed, paused: paused)
        pacer = Pacer(start: monitor.now, speed: speed, paused: paused)
        builder = ModelBuilder(scenarioName: scenario.name)
    }

    mutating func resize(width: Int, height: Int) {
        _ = state.reduce(.resize(width: width, height: height), frame: nil)
    }

    /// Runs the simulation up to where the wall clock says it should be.
    mutating func advance(toWall wall: Double) {
        let target = pacer.target(atWall: wall)
        if target > monitor.now { monitor.run(until: target) }
    }

    /// Draws the current frame; the model holds full rows only for the cars on screen.
    func view() -> (Buffer, FrameContext) {
        let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: .screen)
        return renderer.render(state: state, model: model)
    }

    var frameKey: FrameKey {
        FrameKey(state: state, time: monitor.now.nanoseconds / 1_000_000_000 * 1_000_000_000)
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
            case .step:
                let target = monitor.now + stepSize
                monitor.run(until: target)
                pacer.jump(to: target)
            case .setSpeed(let s):
                pacer.speed = s
            case .acknowledge(let id):
                monitor.acknowledge(alertID: id)
            case .unacknowledge(let id):
                monitor.unacknowledge(alertID: id)
            case .acknowledgeAll(let ids):
                monitor.acknowledge(alertIDs: ids)
            case .saveView:
                saveView()
            case .copyVIN(let vehicle):
                copyVIN(of: vehicle)
            case .saveSettings:
                saveSettings()
            }
        }
        return false
    }
}

extension App: Program {
    mutating func update(_ message: Message, frame: FrameContext) -> [Effect] {
        switch message {
        case .tick(let wall):
            // A search jump drawn on the frame on screen becomes the selection before new data
            // can re-sort the table under it.
            state.settleSearchJump(frame: frame)
            advance(toWall: wall)
            noteWall(wall)
            return []
        case .resize(let width, let height):
            resize(width: width, height: height)
            return []
        case .key, .mouse:
            if message.action.map({ handle($0, frame: frame) }) == true { return [.quit] }
            return takeClipboard()
        case .action(let action):
            return handle(action, frame: nil) ? [.quit] : takeClipboard()
        }
    }
}
