import Dashboard
import Fleet
import Scenario
import Simulation

/// The what-if in the live dashboard (`i`): one of the scenario's what-ifs applied from the
/// time on screen, run beside the baseline in lockstep, and the split screen that compares them.
///
/// The variant is a fork of the baseline at `from` (`FleetMonitor.forked(adding:)`): the
/// same world, the what-if's entries joining its timeline. So it is the run of the scenario
/// with the what-if merged in from `from` (`Scenario.applying(_:from:)`), and the split screen
/// at T is what `fleetwatch snapshot --what-if NAME --from FROM --at T` draws. Each car draws
/// from its own streams, so the two runs share every draw the what-if does not change.
extension App {
    /// A what-if beside the run: which, from when, and its monitor (nil while the screen is
    /// before `from`, after a jump back: it forks again when the run reaches `from`).
    struct WhatIfRun {
        var index: Int
        var whatIf: WhatIf
        var from: SimTime
        var monitor: FleetMonitor?
    }

    /// `i`'s choice: the what-if with this index from now, or none.
    mutating func applyWhatIf(_ index: Int?) {
        guard let index else {
            if let w = whatIf { say("what-if '\(w.whatIf.name)' taken away: the baseline alone") }
            whatIf = nil
            return
        }
        guard feed == nil else {
            state.whatIfApplied = nil
            if state.view == .whatIf { _ = state.reduce(.perform(.back), frame: nil) }
            say("no what-if on recorded flows: they are read once; a what-if re-runs the simulation", isError: true)
            return
        }
        guard scenario.whatIfs.indices.contains(index) else { return }
        finishSeek()
        let w = scenario.whatIfs[index]
        whatIf = WhatIfRun(index: index, whatIf: w, from: monitor.now, monitor: fork(w, at: monitor.now))
        say("what-if '\(w.name)' from \(monitor.now): the right side runs with it, the left without")
    }

    /// A demo's `what-if` cue: the scenario's what-if `name` from `from` (now when nil; a time
    /// before now forks from the baseline at that time), on the split screen; nil takes it away.
    mutating func showWhatIf(named name: String?, from: SimTime?) {
        guard let name, let index = scenario.whatIfIndex(named: name) else {
            whatIf = nil
            state.whatIfApplied = nil
            if state.view == .whatIf { _ = state.reduce(.showView(.fleet), frame: nil) }
            return
        }
        let at = min(from ?? monitor.now, monitor.now)
        whatIf = WhatIfRun(index: index, whatIf: scenario.whatIfs[index], from: at, monitor: nil)
        runWhatIf(baselineReplaced: true)
        state.whatIfApplied = index
        _ = state.reduce(.showView(.whatIf), frame: nil)
    }

    /// The variant at the baseline's time: a fork of `baseline` (which stands at `from`).
    func fork(_ w: WhatIf, at from: SimTime) -> FleetMonitor {
        monitor.forked(adding: w.entries(from: from - .zero))
    }

    /// Keeps the variant at the baseline's time: forks it when the run reaches `from`, runs it
    /// on in lockstep, or rebuilds it after the baseline was replaced (a jump back) at or past
    /// `from`.
    mutating func runWhatIf(baselineReplaced: Bool) {
        guard var w = whatIf else { return }
        if baselineReplaced { w.monitor = nil }
        // A start being built again (a jump back, `buildsInFrames`) forks once it is whole.
        guard monitor.world.isBuilt else {
            whatIf = w
            return
        }
        if w.monitor == nil, monitor.now >= w.from {
            if monitor.now == w.from {
                w.monitor = fork(w.whatIf, at: w.from)
            } else {
                // The baseline at `from`, again (a checkpoint or the start), then forked and run on.
                var base: FleetMonitor
                switch checkpoints.start(for: w.from, current: monitor) {
                case .current: base = monitor
                case .copy(let copy): base = copy
                case .rebuild:
                    guard let built = try? scenario.makeMonitor() else { return }
                    base = built
                }
                if base.now < w.from { base.run(until: w.from) }
                var variant = base.forked(adding: w.whatIf.entries(from: w.from - .zero))
                variant.run(until: monitor.now)
                w.monitor = variant
            }
        } else if w.monitor != nil, monitor.now > w.monitor!.now {
            w.monitor!.run(until: monitor.now)
        }
        whatIf = w
    }

    /// The comparison the split screen draws (only when it is shown: it reads every car).
    func whatIfComparison() -> WhatIfComparison? {
        guard state.view == .whatIf, let w = whatIf else { return nil }
        var comparison = WhatIfComparison(
            name: w.whatIf.name, description: w.whatIf.description, from: w.from,
            baseline: builder.build(monitor: monitor, state: state, rows: .all),
            variant: builder.build(monitor: w.monitor ?? monitor, state: state, rows: .all),
            baselineCrossBorder: monitor.crossBorderBytes(of:), variantCrossBorder: (w.monitor ?? monitor).crossBorderBytes(of:))
        if w.monitor == nil { comparison.pending = true }
        return comparison
    }
}
