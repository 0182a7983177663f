import Fleet
import Ingest
import Simulation

/// The live dashboard fed by `--source`: records read as they come, without waiting (a frame's
/// share at a time), and the monitor run only as far as every flow before it has been read and
/// put in order (`SourceInput.bound`). A source is read once, so there are no checkpoints and no
/// jumps back; a jump ahead runs as far as the records reach.
extension App {
    /// Bytes read in one frame at most: a file read from its start moves at 8 MiB a frame
    /// (about 12 000 FleetWatch records) and the keys stay answered.
    static let feedBudgetBytes = 8 << 20

    /// Reads what the source has, unless the flows waiting are at the reorder buffer's limit
    /// (then the writer waits: memory stays bounded while the screen is paused).
    /// True when bytes came.
    @discardableResult
    mutating func pumpFeed() -> Bool {
        guard var input = feed, feedFailure == nil else { return false }
        feed = nil
        defer { feed = input }
        guard input.source.report.pending < UInt64(FlowSource.maxBuffered) else { return false }
        do {
            return try input.pump(budget: Self.feedBudgetBytes)
        } catch {
            let text = (error as? Failure)?.message ?? "\(error)"
            feedFailure = text
            say("records no longer read: \(text)", isError: true)
            return false
        }
    }

    /// Runs the monitor towards `bound` on the records: as far as they have come.
    mutating func runRecorded(until bound: SimTime) {
        feedStalled = !pumpFeed()
        guard var input = feed else { return }
        feed = nil
        defer { feed = input }
        let reach = min(bound, input.bound ?? bound)
        guard reach > monitor.now else { return }
        var ignore = IgnoreSink()
        input.release(into: &monitor, before: reach, sink: &ignore)
        monitor.run(until: reach)
        marks.note(monitor.alerts)
    }
}
