import Simulation

/// Progress of a long headless run on standard error, only when standard error is a terminal
/// (a pipeline's log stays clean).
struct Progress {
    var enabled: Bool
    var end: SimTime

    func show(_ now: SimTime) {
        guard enabled, end > .zero else { return }
        let percent = Int((now.seconds / end.seconds * 100).rounded(.down))
        StandardError.replaceLine(with: "simulating \(now) of \(end) (\(percent) %)")
    }

    func finish() {
        guard enabled else { return }
        StandardError.replaceLine(with: "")
    }
}
