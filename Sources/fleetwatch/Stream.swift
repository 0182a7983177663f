import ArgumentParser
import Fleet
import Scenario
import Settings
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// `fleetwatch stream`: the simulation (or a `--source`) run headless, its flow records and
/// alert lifecycle events written as JSON lines to standard output for a broker or a SIEM
/// (docs/stream.md).
struct Stream: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run headless and write flow records and alert events as JSON lines to standard output.",
        discussion: """
            Each flow line is the line `snapshot --format ndjson` writes for that flow (docs/flow-log.md), \
            in the order the monitor judged the flows (by their end); each alert line starts with \
            "alert_event" (raised, escalated, updated, acknowledged, closed) and carries the alert as the \
            JSON snapshot writes it. Paced to the wall clock (--speed, default real time) or as fast as \
            possible (--fast), until --until, or forever (a source: to the end of its input). Output is \
            flushed after every simulated second. --metrics HOST:PORT serves Prometheus metrics at \
            /metrics. See docs/stream.md. Exit status: 0 at the end, or when the reader of standard \
            output goes away (| head); 1 for a file, scenario or source that cannot be used; 64 for a \
            bad option.
            """
    )

    @OptionGroup var fleet: FleetOptions
    @OptionGroup var sources: SourceOptions

    @Option(name: .long, parsing: .unconditional,
            help: "Simulated seconds per wall-clock second, \(Int(Settings.speedRange.lowerBound)) to \(Int(Settings.speedRange.upperBound)) (default 1: real time).")
    var speed: Double?

    @Flag(name: .long, help: "As fast as possible instead of paced to the wall clock.")
    var fast = false

    @Option(name: .long, parsing: .unconditional,
            help: ArgumentHelp("Simulated time to stop at: 90s, 15m, 2h, 1d (default: forever; a source: the end of its input).", valueName: "time"),
            transform: durationArgument)
    var until: SimDuration?

    @Option(name: .long, help: ArgumentHelp("What to write: flows, alerts, or flows,alerts (the default).", valueName: "kinds"),
            transform: StreamRecords.parse)
    var records = StreamRecords.all

    @Option(name: .long, help: ArgumentHelp(
        "Simulate only the cars of share I of N (car c is in share c mod N; every share builds the whole fleet). `fleetwatch merge` of the N streams is the whole fleet's stream.",
        valueName: "I/N"), transform: partitionArgument)
    var partition: FleetPartition?

    @Option(name: .long, help: ArgumentHelp(
        "Serve Prometheus metrics at http://HOST:PORT/metrics (HOST 127.0.0.1 unless given; port 0 picks a free port, said on standard error).",
        valueName: "host:port"), transform: MetricsAddress.parse)
    var metrics: MetricsAddress?

    func validate() throws {
        if let speed {
            if fast { throw ValidationError("--fast and --speed exclude each other: --fast runs as fast as possible; give one") }
            guard speed.isFinite, Settings.speedRange.contains(speed) else {
                throw ValidationError("--speed must be between 1 and 10000 simulated seconds per second, got \(speed)")
            }
        }
        if let until, until <= .zero { throw ValidationError("--until must be later than 0s, got \(until)") }
        if partition != nil, sources.isSet {
            throw ValidationError("--partition splits a simulated fleet; a --source's records are what they are: give one or the other")
        }
    }

    func run() throws {
        // A reader that goes away (| head) is the normal end of a stream: the write's EPIPE ends
        // it with status 0 (StreamRunner.flush), which SIGPIPE's default action would not.
        signal(SIGPIPE, SIG_IGN)
        let scenario = try fleet.load()
        var runner = try StreamRunner(
            scenario: scenario, sources: sources, records: records, end: until.map { SimTime.zero + $0 }, partition: partition ?? .whole)
        let board = try metrics.map { address in
            let board = MetricsBoard()
            // The start already, so that a scrape before the first step finds the series.
            board.publish(runner.snapshot(lag: fast ? nil : 0))
            let bound = try MetricsServer.start(at: address, board: board)
            StandardError.write("fleetwatch: metrics at http://\(bound)/metrics\n")
            return board
        }
        try runner.run(pace: fast ? nil : speed ?? 1, board: board)
    }
}

/// What `stream --records` writes.
struct StreamRecords: Hashable {
    var flows: Bool
    var alerts: Bool

    static let all = StreamRecords(flows: true, alerts: true)

    static func parse(_ text: String) throws -> StreamRecords {
        var r = StreamRecords(flows: false, alerts: false)
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            switch part {
            case "flows": r.flows = true
            case "alerts": r.alerts = true
            default:
                throw ValidationError("--records takes flows, alerts or flows,alerts; '\(part)' is neither")
            }
        }
        return r
    }
}
