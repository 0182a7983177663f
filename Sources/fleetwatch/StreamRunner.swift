import Dashboard
import Export
import Fleet
import FleetMetrics
import Scenario
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// The stream's run: the monitor (simulated, or fed by a source) advanced one simulated second
/// at a time, each step's flow lines and alert events written to standard output and flushed,
/// paced to the wall clock or not. The grid of steps is the same at any pace, so `--fast` and
/// a paced run write the same bytes.
struct StreamRunner {
    var monitor: FleetMonitor
    var source: SourceInput?
    var sink: StreamFlowSink
    var lifecycle = AlertLifecycle()
    let builder: ModelBuilder
    let records: StreamRecords
    let end: SimTime?
    var output: [UInt8] = []
    /// What the alert book looked like at the last read (`AlertSignature`): an unchanged book
    /// needs no rows built.
    var lastSignature: AlertSignature?

    static let step = SimDuration.seconds(Int64(1))
    /// How often, in wall seconds, the metrics server gets a new snapshot.
    static let publishSeconds = 0.25

    init(scenario: Scenario, sources: SourceOptions, records: StreamRecords, end: SimTime?, partition: FleetPartition = .whole) throws {
        if sources.isSet {
            let run = try SourceRun(options: sources, scenario: scenario)
            monitor = run.monitor
            source = run.input
        } else {
            do { monitor = try scenario.makeMonitor() } catch { throw Failure.of(error) }
            monitor.restrict(to: partition)
        }
        sink = StreamFlowSink(
            format: FlowLogNDJSON(services: monitor.world.config.services, policies: monitor.policies),
            enabled: records.flows)
        builder = ModelBuilder(scenarioName: scenario.name)
        self.records = records
        self.end = end
    }

    /// Runs to the end (`--until`, the source's end, or never). `pace`: simulated seconds per
    /// wall second; nil: as fast as possible.
    mutating func run(pace: Double?, board: MetricsBoard?) throws {
        defer { if let source { StandardError.write(source.summary(of: monitor.world)) } }
        let wallStart = monotonicSeconds()
        let simStart = monitor.now
        var lastPublish = -Double.infinity
        while !isDone {
            var next = monitor.now + Self.step
            if let end { next = min(next, end) }
            if let pace {
                // The wall time at which `next` is due; wait for it, so records leave as they happen.
                let due = wallStart + (next - simStart).seconds / pace
                let wait = due - monotonicSeconds()
                if wait > 0 { sleep(seconds: wait) }
            }
            try advance(to: next)
            flush()
            let wall = monotonicSeconds()
            if let board, wall - lastPublish >= Self.publishSeconds || isDone {
                let lag = pace.map { p in max(0, (wall - wallStart) * p - (monitor.now - simStart).seconds) }
                board.publish(snapshot(lag: lag))
                lastPublish = wall
            }
        }
        if lifecycle.missed > 0 {
            StandardError.write("fleetwatch: \(lifecycle.missed) alerts closed and left the alert log (log-size) before they could be written; raise the scenario's alerts.log-size\n")
        }
    }

    /// Whether the run is over: at `--until`, or a source read to its end with every flow counted.
    var isDone: Bool {
        if let end, monitor.now >= end { return true }
        if let source { return source.isExhausted }
        return false
    }

    /// One step: the flows judged up to `t` into the sink, then the alert book read.
    mutating func advance(to t: SimTime) throws {
        if var input = source {
            source = nil
            defer { source = input }
            try input.run(&monitor, until: t, sink: &sink)
        } else {
            monitor.run(until: t, sink: &sink)
        }
        sink.takeLines(into: &output)
        if records.alerts { readAlerts() }
    }

    /// The alert events since the last read, as lines.
    mutating func readAlerts() {
        let book = monitor.alerts
        let signature = AlertSignature(book)
        guard signature != lastSignature else { return }
        lastSignature = signature
        let world = monitor.world
        let closed = builder.closedAlertRows(book: book, world: world, after: lifecycle.closedSeen)
        let open = builder.openAlertRows(book: book, world: world)
        for event in lifecycle.update(open: open, closedNow: closed.rows, dropped: closed.dropped, now: monitor.now) {
            output.append(contentsOf: AlertEventJSON.line(event).utf8)
            output.append(0x0A)
        }
    }

    /// Writes the step's lines; a reader that went away ends the stream with status 0.
    mutating func flush() {
        guard !output.isEmpty else { return }
        if !writeAll(output, to: 1) {
            if errno == EPIPE { exit(0) }
            StandardOutput.failed()
        }
        output.removeAll(keepingCapacity: true)
    }

    func snapshot(lag: Double?) -> MetricsSnapshot {
        MetricsSnapshot(monitor: monitor, source: source?.source.report, lag: lag)
    }

    func sleep(seconds: Double) {
        var ts = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - Double(Int(seconds))) * 1e9))
        var left = timespec()
        while nanosleep(&ts, &left) != 0 && errno == EINTR { ts = left }
    }
}

/// The flow lines of one step, as `snapshot --format ndjson` writes each (`FlowLogNDJSON`),
/// in the order of the flows' numbering (`FlowLogOrder.Numbering`: end, car, order judged) and
/// numbered so (`flowId`, from 1), as the snapshot numbers them. A step holds every flow of
/// its instants (a run judges an instant whole), so sorting a step's flows is enough.
struct StreamFlowSink: FlowSink {
    var format: FlowLogNDJSON
    let enabled: Bool
    var nextID: UInt64 = 1
    var judged: UInt64 = 0
    var pending: [(FlowLogOrder.Numbering, String)] = []

    mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {
        defer { judged += 1 }
        guard enabled else { return }
        pending.append((FlowLogOrder.Numbering(end: facts.time.nanoseconds, vehicle: record.vehicle, judged: judged),
                        format.body(record, facts: facts, verdicts: verdicts)))
    }

    mutating func policiesChanged(_ policies: PolicySet) { format.policies = policies }

    /// Appends the step's lines to `out`, numbered, in the numbering's order, and empties the step.
    mutating func takeLines(into out: inout [UInt8]) {
        pending.sort { $0.0 < $1.0 }
        for (_, body) in pending {
            out.append(contentsOf: FlowLogNDJSON.line(id: nextID, body: body).utf8)
            out.append(0x0A)
            nextID += 1
        }
        pending.removeAll(keepingCapacity: true)
    }
}

/// What decides whether the alert book changed between two reads: alerts raised, alerts
/// closed, and the open alerts' flows, bytes, severities and acknowledgements (each only
/// grows, or changes one of the others, while an alert is open).
struct AlertSignature: Hashable {
    var raised: UInt64
    var closed: Int
    var count: UInt64 = 0
    var bytes: UInt64 = 0
    var severity = 0
    var acknowledged: Int

    init(_ book: AlertBook) {
        raised = book.raisedCount
        closed = book.log.count + book.droppedFromLog
        acknowledged = book.acknowledgedCount
        for a in book.openAlerts {
            count &+= a.count
            bytes &+= a.bytes
            severity += a.severity.rank
        }
    }
}
