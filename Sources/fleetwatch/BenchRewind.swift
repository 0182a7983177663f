import ArgumentParser
import Dashboard
import Export
import Fleet
import Scenario
import Screen
import Simulation

extension Bench {
    /// `--workload rewind`: the live dashboard's jumps in time, timed as a user sees them.
    func runRewind() throws {
        var scenario = Scenario.builtIn
        guard vehicles <= WorldConfig.maxFleetSize else {
            throw ValidationError("--vehicles must be at most \(WorldConfig.maxFleetSize) for the rewind workload, got \(vehicles)")
        }
        scenario.world.fleetSize = vehicles
        try MemoryCheck.require(scenario.world, source: "--vehicles \(vehicles)")
        if let seed { scenario.world.seed = seed }
        var app = try App(
            scenario: scenario, renderer: DashboardView(glyphs: .unicode, theme: .dark), at: .zero, speed: 1, paused: true,
            runUp: .inFrames, rewindBytes: rewindMemory << 20)
        app.resize(width: 160, height: 48)
        var loop = ProgramLoop(app)
        _ = loop.frame()
        let end = Int64(duration.rounded(.down))
        let runUp = Self.timedJump(&loop, to: "\(end)s")
        var rng = SeededGenerator(seed: seed ?? 42)
        var times: [Double] = []
        for _ in 0..<jumps {
            // A whole second of the run, before where the screen is.
            let t = Int64(rng.next() % UInt64(max(1, end)))
            times.append(Self.timedJump(&loop, to: "\(t)s"))
        }
        let sorted = times.sorted()
        let program = loop.program
        let report = JSONValue.object([
            ("workload", .string("rewind")), ("vehicles", .int(Int64(vehicles))), ("duration_s", .double(duration, 3)),
            ("seed", .uint(scenario.world.seed)), ("run_up_s", .double(runUp, 3)), ("jumps", .int(Int64(jumps))),
            ("jump_ms_median", .double(sorted[sorted.count / 2] * 1000, 1)),
            ("jump_ms_p90", .double(sorted[min(sorted.count - 1, sorted.count * 9 / 10)] * 1000, 1)),
            ("jump_ms_max", .double(sorted.last! * 1000, 1)),
            ("checkpoints", .int(Int64(program.checkpoints.monitors.count))),
            ("checkpoint_interval_s", .double(program.checkpoints.interval.seconds, 1)),
            ("checkpoint_mb", .double(Double(program.checkpoints.bytes) / 1_048_576, 1)),
            ("checkpoint_budget_mb", .int(Int64(rewindMemory))),
            ("sim_s_per_wall_s", .double(program.simulationRate ?? 0, 0)),
            ("peak_rss_mb", .double(peakRSSMegabytes(), 1)),
        ])
        StandardOutput.write(report.serialized() + "\n")
    }

    /// Types `g`, the time and Enter, then drives the loop as the terminal does (ticks at once
    /// while the jump runs, a frame every `TerminalDriver.busyFrameSeconds`) until the jump is
    /// over and its frame is built; returns the wall seconds from the key to that frame.
    static func timedJump(_ loop: inout ProgramLoop<App>, to text: String) -> Double {
        let start = monotonicSeconds()
        for key in [Key.character("g")] + text.map({ Key.character($0) }) + [.enter] {
            _ = loop.send(.key(key))
        }
        while loop.program.isBusy {
            _ = loop.tickWhileBusy(until: monotonicSeconds() + TerminalDriver.busyFrameSeconds, clock: monotonicSeconds)
            _ = loop.frame()
        }
        _ = loop.frame()
        return monotonicSeconds() - start
    }
}
