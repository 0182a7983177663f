import Dashboard
import Fleet
import Scenario
import Screen
import Simulation

/// The live application: the fleet monitor, the dashboard state and the pacer, driven by a
/// terminal (or by the demo). Reads no clock itself: wall times are passed in.
struct App {
    var monitor: FleetMonitor
    var state: DashboardState
    var pacer: Pacer
    var builder: ModelBuilder
    /// How far one `.` step moves the simulation while paused.
    var stepSize = SimDuration.seconds(Int64(1))

    init(scenario: Scenario, at start: SimDuration, speed: Double, paused: Bool) throws {
        monitor = try scenario.makeMonitor()
        if start > .zero { monitor.run(until: SimTime.zero + start) }
        state = DashboardState(speed: speed, paused: paused)
        pacer = Pacer(start: monitor.now, speed: speed, paused: paused)
        builder = ModelBuilder(scenarioName: scenario.name)
    }

    mutating func resize(width: Int, height: Int) {
        _ = state.reduce(.resize(width: width, height: height), frame: FrameContext())
    }

    /// Runs the simulation up to where the wall clock says it should be.
    mutating func advance(toWall wall: Double) {
        let target = pacer.target(atWall: wall)
        if target > monitor.now { monitor.run(until: target) }
    }

    /// Draws the current frame; the model holds full rows only for the cars on screen.
    func render(_ view: DashboardView) -> (Buffer, FrameContext) {
        let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: .screen)
        return view.render(state: state, model: model)
    }

    /// Applies an action; returns true when the user asked to quit.
    mutating func handle(_ action: Action, frame: FrameContext) -> Bool {
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
            }
        }
        return false
    }
}
