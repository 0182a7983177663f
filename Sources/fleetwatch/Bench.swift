import ArgumentParser
import Bench
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `fleetwatch bench`: the fleet-flows reference workload through the real simulation core.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the fleet-flows reference workload and print one line of JSON.",
        discussion: """
            The workload of ../shared/bench-ref/README.md (5 Poisson flow streams per car, lognormal \
            sizes, a decayed rate meter and a policy check per flow) through the same event queue, \
            random generator and meter as the dashboard. Compare release builds \
            (swift run -c release fleetwatch bench) with run-c.sh in the same run.
            """
    )

    static let maxVehicles = 20_000_000
    static let maxDuration = 1_000_000.0

    @Option(parsing: .unconditional, help: "Number of vehicles, 1 to \(maxVehicles).")
    var vehicles: Int = 10_000

    @Option(parsing: .unconditional, help: "Simulated seconds, more than 0 and at most \(Int(maxDuration)).")
    var duration: Double = 600

    @Option(help: "Seed of the random generator, 0 to 2^64-1.")
    var seed: UInt64 = 42

    func validate() throws {
        guard (1...Self.maxVehicles).contains(vehicles) else {
            throw ValidationError("--vehicles must be between 1 and \(Self.maxVehicles), got \(vehicles)")
        }
        guard duration.isFinite, duration > 0, duration <= Self.maxDuration else {
            throw ValidationError(
                "--duration must be a number of seconds above 0 and at most \(Int(Self.maxDuration)), got \(duration)")
        }
    }

    func run() throws {
        let parameters = FleetFlowsParameters(vehicles: vehicles, duration: duration, seed: seed)
        let start = monotonicSeconds()
        let result = FleetFlows.run(parameters)
        let wall = monotonicSeconds() - start
        print(BenchReport(parameters: parameters, result: result, wallSeconds: wall, peakRSSMegabytes: peakRSSMegabytes()).json)
    }
}

/// The one JSON line `fleetwatch bench` prints, keys in a fixed order.
struct BenchReport {
    var parameters: FleetFlowsParameters
    var result: FleetFlowsResult
    var wallSeconds: Double
    var peakRSSMegabytes: Double

    var json: String {
        let perSecond = wallSeconds > 0 ? Double(result.events) / wallSeconds : 0
        return "{\"workload\":\"fleet-flows\",\"vehicles\":\(parameters.vehicles),"
            + "\"duration_s\":\(format(parameters.duration, decimals: 3)),\"seed\":\(parameters.seed),"
            + "\"events\":\(result.events),\"alerts\":\(result.alerts),\"bytes\":\(result.bytes),"
            + "\"wall_s\":\(format(wallSeconds, decimals: 3)),\"events_per_s\":\(format(perSecond, decimals: 0)),"
            + "\"peak_rss_mb\":\(format(peakRSSMegabytes, decimals: 1))}"
    }
}

/// A JSON number with at most `decimals` decimals and no trailing zeros.
func format(_ value: Double, decimals: Int) -> String {
    guard value.isFinite else { return "null" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (value * scale).rounded()
    if decimals == 0 || scaled == (scaled / scale).rounded(.towardZero) * scale {
        let whole = scaled / scale
        if abs(whole) < 9e15 { return String(Int64(whole)) }
    }
    var text = String(Int64(scaled))
    let negative = text.hasPrefix("-")
    if negative { text.removeFirst() }
    while text.count <= decimals { text = "0" + text }
    var fraction = String(text.suffix(decimals))
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return (negative ? "-" : "") + text.dropLast(decimals) + "." + fraction
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
