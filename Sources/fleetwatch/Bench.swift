import ArgumentParser
import Bench
import Export
import Fleet
import Scenario
import Simulation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fleetwatch bench`: the fleet-flows reference workload through the real simulation core.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark workload headless and print one line of JSON.",
        discussion: """
            fleet-flows (the default) is the workload of ../shared/bench-ref/README.md (5 Poisson flow \
            streams per car, lognormal sizes, a decayed rate meter and a policy check per flow) \
            through the same event queue, random generator and meter as the dashboard, with one \
            queue entry per car (--entries vehicle, as the C reference's vehicle mode) or per stream \
            (--entries stream, as its heap and calendar modes); compare \
            release builds (swift run -c release fleetwatch bench) with run-c.sh in the same run. \
            full is the product's own model: the built-in scenario's cars, trips, every data \
            category, zones, meters, policies and alerts (the seed is the scenario's unless given). \
            rewind is the live dashboard's time travel: the run to --duration in frames as on screen \
            (a 160x48 frame drawn every 250 ms), then --jumps jumps back to random whole seconds \
            of it, each timed from the key to its last frame, with the checkpoints' count and memory. \
            source is --source's path into the full model: without --source, the built-in \
            scenario's flow log to --duration (as `snapshot --format ndjson` writes it) and its \
            inventory are written to $TMPDIR, then read back twice: parsed only (framing and \
            the format's parser), and through the whole path (reorder buffer, inventory, \
            meters, policies, alerts); with --source FILE|- and --inventory, that source, once, \
            through the whole path (`cat flows.ndjson | fleetwatch bench --workload source \
            --source - --inventory inventory.yaml`: from a pipe).
            """
    )

    enum Workload: String, CaseIterable, ExpressibleByArgument {
        case fleetFlows = "fleet-flows"
        case full
        case rewind
        case source
    }

    @Option(help: "fleet-flows (the reference workload), full (the product's model), rewind or source.")
    var workload: Workload = .fleetFlows

    @Option(help: ArgumentHelp(
        "fleet-flows only: vehicle (one queue entry per car, its streams merged; the default) or stream (one per car and category).",
        valueName: "vehicle|stream"))
    var entries: FleetFlowsParameters.QueueEntries?

    static let maxVehicles = 20_000_000
    /// A year: long runs (scripts/long-run.sh) go to 30 simulated days.
    static let maxDuration = 31_536_000.0

    @Option(parsing: .unconditional, help: "Number of vehicles, 1 to \(maxVehicles).")
    var vehicles: Int = 10_000

    @Option(parsing: .unconditional, help: "Simulated seconds, more than 0 and at most \(Int(maxDuration)).")
    var duration: Double = 600

    @Option(help: "Seed of the random generator, 0 to 2^64-1 (default 42; full: the scenario's).")
    var seed: UInt64?

    @Option(parsing: .unconditional, help: "rewind only: jumps back to time, 1 to 1000.")
    var jumps: Int = 20

    @Option(name: .customLong("rewind-memory"), parsing: .unconditional, help: "rewind only: the checkpoints' memory in MB (default: the config file's default, 256).")
    var rewindMemory: Int = 256

    @OptionGroup(title: "Source workload")
    var sources: SourceOptions

    func validate() throws {
        if sources.isSet, workload != .source { throw ValidationError("--source applies to the source workload") }
        if workload == .full, entries != nil {
            throw ValidationError("--entries applies to the fleet-flows workload; the full workload has one queue entry per car activity")
        }
        guard (1...Self.maxVehicles).contains(vehicles) else {
            throw ValidationError("--vehicles must be between 1 and \(Self.maxVehicles), got \(vehicles)")
        }
        guard (1...1000).contains(jumps) else { throw ValidationError("--jumps must be between 1 and 1000, got \(jumps)") }
        guard (16...65_536).contains(rewindMemory) else {
            throw ValidationError("--rewind-memory must be between 16 and 65536 MB, got \(rewindMemory)")
        }
        guard duration.isFinite, duration > 0, duration <= Self.maxDuration else {
            throw ValidationError(
                "--duration must be a number of seconds above 0 and at most \(Int(Self.maxDuration)), got \(duration)")
        }
    }

    func run() throws {
        switch workload {
        case .fleetFlows:
            let entries = entries ?? .vehicle
            let parameters = FleetFlowsParameters(vehicles: vehicles, duration: duration, seed: seed ?? 42, entries: entries)
            let start = monotonicSeconds()
            let result = FleetFlows.run(parameters)
            let wall = monotonicSeconds() - start
            StandardOutput.write(BenchReport(
                workload: workload.rawValue, entries: entries.rawValue, vehicles: vehicles, duration: duration,
                seed: parameters.seed,
                events: result.events, alerts: result.alerts, bytes: result.bytes, flows: nil,
                wallSeconds: wall, peakRSSMegabytes: peakRSSMegabytes()).json + "\n")
        case .rewind:
            try runRewind()
        case .source:
            try runSource()
        case .full:
            guard vehicles <= WorldConfig.maxFleetSize else {
                throw ValidationError("--vehicles must be at most \(WorldConfig.maxFleetSize) for the full workload, got \(vehicles)")
            }
            var scenario = Scenario.builtIn
            scenario.world.fleetSize = vehicles
            try MemoryCheck.require(scenario.world, source: "--vehicles \(vehicles)")
            if let seed { scenario.world.seed = seed }
            let start = monotonicSeconds()
            var monitor = try scenario.makeMonitor()
            monitor.run(until: .seconds(duration))
            let wall = monotonicSeconds() - start
            StandardOutput.write(BenchReport(
                workload: workload.rawValue, entries: nil, vehicles: vehicles, duration: duration,
                seed: scenario.world.seed,
                events: monitor.world.eventsProcessed, alerts: monitor.alerts.raisedCount,
                bytes: monitor.world.aggregates.all.bytes, flows: monitor.flowsSeen,
                wallSeconds: wall, peakRSSMegabytes: peakRSSMegabytes()).json + "\n")
        }
    }
}

/// The one JSON line `fleetwatch bench` prints, keys in a fixed order.
struct BenchReport {
    var workload: String
    /// What a queue entry stands for (the fleet-flows workload only).
    var entries: String?
    var vehicles: Int
    var duration: Double
    var seed: UInt64
    var events: UInt64
    var alerts: UInt64
    var bytes: UInt64
    /// Flow records judged by the policies (the full workload only).
    var flows: UInt64?
    var wallSeconds: Double
    var peakRSSMegabytes: Double

    var json: String {
        let perSecond = wallSeconds > 0 ? Double(events) / wallSeconds : 0
        var fields: [(String, JSONValue)] = [("workload", .string(workload))]
        if let entries { fields.append(("entries", .string(entries))) }
        fields += [
            ("vehicles", .int(Int64(vehicles))), ("duration_s", .double(duration, 3)),
            ("seed", .uint(seed)), ("events", .uint(events)), ("alerts", .uint(alerts)), ("bytes", .uint(bytes)),
        ]
        if let flows { fields.append(("flows", .uint(flows))) }
        fields += [
            ("wall_s", .double(wallSeconds, 3)), ("events_per_s", .double(perSecond, 0)),
            ("sim_s_per_wall_s", .double(wallSeconds > 0 ? duration / wallSeconds : 0, 1)),
            ("peak_rss_mb", .double(peakRSSMegabytes, 1)),
        ]
        return JSONValue.object(fields).serialized()
    }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Peak resident set size of this process, in MiB.
func peakRSSMegabytes() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    #if os(Linux)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    #else
    return Double(usage.ru_maxrss) / 1_048_576  // bytes on Darwin
    #endif
}

extension FleetFlowsParameters.QueueEntries: ExpressibleByArgument {}
