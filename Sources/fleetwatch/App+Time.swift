import Dashboard
import Fleet
import Simulation

/// Time travel in the live dashboard: `g` (a time), `[ ] { }` (a minute or ten back and
/// forward), `b` (an alert's first flow), and the run-up to `--at`.
///
/// A jump to T starts from the latest checkpoint at or before T (or from the screen's own run
/// when that is nearer and not past T) and runs on to T, a slice a frame, with its progress on
/// screen; Esc stops it where it has got to. The run to T gives the same monitor however it is
/// cut into slices, so the screen after a jump is the frame `fleetwatch snapshot --at T`
/// writes (tested in tmux). The checkpoints are the `Checkpoints` of the run; their interval
/// follows the slice a frame can run, so a jump back re-simulates about a frame's worth.
extension App {
    /// A jump under way.
    struct Seek {
        var from: SimTime
        var target: SimTime
        /// The driver's clock at the last slice, and the simulated time it ran.
        var lastWall: Double?
        var lastSlice = SimDuration.zero
        /// Cars the last slice built (while the fleet is being built, `App.buildsInFrames`).
        var lastCars = 0

        func timeline(reached: SimTime, building: (built: Int, total: Int)? = nil) -> RunTimeline.Seek {
            RunTimeline.Seek(from: from, target: target, reached: reached, carsBuilt: building?.built ?? 0, carsInAll: building?.total ?? 0)
        }
    }

    /// The wall time one slice of a jump aims at, and the re-simulation a jump back may cost
    /// (the checkpoints' interval), in seconds.
    static let sliceSeconds = 0.03
    static let jumpSeconds = 0.1

    /// What the timeline strip shows.
    var timeline: RunTimeline {
        RunTimeline(
            now: monitor.now, simulated: max(checkpoints.furthest, monitor.now), marks: marks,
            seek: seek?.timeline(reached: monitor.now, building: monitor.world.buildProgress))
    }

    /// Resolves `target` on the screen's time (or, while a jump runs, on the time it goes to:
    /// `]` twice is two minutes on) and the scenario's calendar and starts the jump, or says in
    /// the footer why there is none.
    mutating func go(to target: TimeTarget) {
        switch target.resolve(now: seek?.target ?? monitor.now, clock: ScenarioClock(start: monitor.world.config.start), furthest: checkpoints.furthest) {
        case .success(let time): go(to: time)
        case .failure(let error): say("no jump: \(error.message)", isError: true)
        }
    }

    /// Starts a jump to `time`, from the best checkpoint, and runs its first slice at once (a
    /// short jump is done before the next frame), unless `sliceNow` is false: the run-up at
    /// start, whose first frame comes before any of it (at a million cars, the first slice's
    /// minute holds every awake car's first tick: seconds of work before anything is drawn).
    mutating func go(to time: SimTime, sliceNow: Bool = true) {
        if feed != nil {
            // A source is read once: its monitor is never replaced by a copy or a rebuild.
            guard time >= monitor.now else {
                say("no jump back: the records are read once; `fleetwatch snapshot --source … --at T` shows any time of them", isError: true)
                return
            }
        } else {
            switch checkpoints.start(for: time, current: monitor) {
            case .current:
                break
            case .copy(let copy):
                monitor = copy
                reapplyAcknowledgements()
                runWhatIf(baselineReplaced: true)
            case .rebuild:
                // It was built once from the same scenario: it builds again (in frames, as at
                // the start, when the dashboard built it so).
                do { monitor = try scenario.makeMonitor(deferringBuild: buildsInFrames) } catch {
                    say("no jump: \(error)", isError: true)
                    return
                }
                runWhatIf(baselineReplaced: true)
            }
        }
        seek = Seek(from: monitor.now, target: time)
        if monitor.now >= time, monitor.world.isBuilt {
            finishSeek()
            return
        }
        if sliceNow { runSlice() }
    }

    /// `b`: to the alert's first flow: the whole second after it (a run to T takes the events
    /// before T, so the screen at T shows the flow judged and the alert raised, and
    /// `fleetwatch snapshot --at` that second shows the same).
    mutating func goToAlert(_ id: UInt64) {
        guard let alert = monitor.alerts.alert(id: id) else {
            say("no jump: alert \(id) is no longer in the log", isError: true)
            return
        }
        go(to: Self.secondAfter(alert.start))
    }

    static func secondAfter(_ t: SimTime) -> SimTime {
        SimTime(nanoseconds: (t.nanoseconds / 1_000_000_000 + 1) * 1_000_000_000)
    }

    /// One slice of the jump. The driver ticks again at once while a jump runs (`isBusy`), so
    /// ticks without a frame between them time the simulation alone: the fastest rate seen
    /// sizes the slices (about 30 ms of work, so a frame's time is filled closely) and the
    /// checkpoints' interval (100 ms of work: what a jump back re-simulates at most, twice
    /// that once the budget has thinned the copies).
    mutating func stepSeek(wall: Double) {
        guard var s = seek else { return }
        if let last = s.lastWall, wall - last > 0.002, s.lastCars > 0 {
            // The build's slices the same way: about `sliceSeconds` of building each.
            let rate = max(buildRate ?? 0, Double(s.lastCars) / (wall - last))
            buildRate = rate
            buildSlice = min(max(Int(rate * Self.sliceSeconds), 1000), 1 << 22)
        } else if let last = s.lastWall, wall - last > 0.002, s.lastSlice > .zero {
            let rate = max(simulationRate ?? 0, s.lastSlice.seconds / (wall - last))
            simulationRate = rate
            seekSlice = min(max(.seconds(rate * Self.sliceSeconds), .seconds(Int64(1))), .seconds(Int64(86_400)))
            // A jump back re-simulates up to an interval: what the simulation runs in `jumpSeconds`.
            checkpoints.interval(atLeast: .seconds(rate * Self.jumpSeconds))
        }
        s.lastWall = wall
        let before = monitor.now, carsBefore = monitor.world.carCount
        seek = s
        runSlice()
        seek?.lastSlice = monitor.now - before
        seek?.lastCars = monitor.world.carCount - carsBefore
    }

    mutating func runSlice() {
        guard let s = seek else { return }
        if !monitor.world.isBuilt {
            // The fleet first, a slice of cars at a time; then the run to the target.
            if monitor.build(cars: buildSlice) { builtInFrames() }
            if monitor.world.isBuilt, monitor.now >= s.target { finishSeek() }
            return
        }
        let before = monitor.now
        run(until: min(s.target, monitor.now + seekSlice))
        if monitor.now >= s.target { finishSeek() } else if feed != nil, monitor.now == before, feedStalled { stopSeekAtRecords() }
    }

    /// Runs the rest of the jump at once (a headless session, the run-up of a test).
    mutating func finishSeek() {
        guard let s = seek else { return }
        if !monitor.world.isBuilt, monitor.build(cars: .max) { builtInFrames() }
        if monitor.now < s.target {
            run(until: s.target)
            // Headless, the records are read to the target or to what has come.
            while feed != nil, monitor.now < s.target, !feedStalled { run(until: s.target) }
            if feed != nil, monitor.now < s.target { return stopSeekAtRecords() }
        }
        seek = nil
        pacer.restart(at: monitor.now)
    }

    /// The fleet built in frames is whole: a what-if waiting for it forks now.
    mutating func builtInFrames() {
        runWhatIf(baselineReplaced: false)
    }

    /// A jump ahead of the records that have come: it ends where they reach, and says so.
    mutating func stopSeekAtRecords() {
        say("the records reach \(monitor.now) so far: the screen goes on from there as they come")
        stopSeek()
    }

    /// Esc during a jump: the screen stays where the jump has got to. While the fleet is still
    /// being built, there is no run to stop in: the build goes on and the screen stays at the
    /// start.
    mutating func stopSeek() {
        if !monitor.world.isBuilt, var s = seek {
            s.target = monitor.now
            seek = s
            return
        }
        seek = nil
        pacer.restart(at: monitor.now)
    }

    /// Runs the screen's monitor on to `bound`, a checkpoint interval at a time, noting
    /// checkpoints and the alerts raised on the way.
    mutating func run(until bound: SimTime) {
        if feed != nil { return runRecorded(until: bound) }
        // Only a whole fleet runs (a partial one would be another fleet): a run asked for while
        // it is built in frames builds the rest first.
        if !monitor.world.isBuilt, monitor.build(cars: .max) { builtInFrames() }
        while monitor.now < bound {
            var next = min(bound, monitor.now + checkpoints.interval)
            // A what-if waiting for the run to reach its time forks there.
            if let w = whatIf, w.monitor == nil, monitor.now < w.from, w.from < next { next = w.from }
            let replaying = monitor.now < checkpoints.furthest
            monitor.run(until: next)
            checkpoints.note(monitor)
            marks.note(monitor.alerts)
            if replaying { reapplyAcknowledgements() }
            runWhatIf(baselineReplaced: false)
        }
    }

    /// The user's acknowledgements, laid over the open alerts of a replayed run (the ids of the
    /// run's alerts are the same in every replay).
    mutating func reapplyAcknowledgements() {
        guard !acknowledgements.isEmpty else { return }
        for alert in monitor.alerts.openAlerts {
            guard let acknowledged = acknowledgements[alert.id], acknowledged != alert.acknowledged else { continue }
            if acknowledged { monitor.acknowledge(alertID: alert.id) } else { monitor.unacknowledge(alertID: alert.id) }
        }
    }
}
