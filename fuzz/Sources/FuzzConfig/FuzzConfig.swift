import Fleet
import FuzzSupport
import Scenario
import Simulation

/// The configuration sections (`fleet`, `regions`, `classes`, `services`, `routing`, `flows`)
/// through the scenario decoder, and then through the world: FleetWatch has no settings file yet
/// (issue #16), so the world's configuration is what a scenario file sets.
///
/// Limits keep each run small (at most 8 cars, 8 timeline entries, 64 KiB), so a refusal by a
/// limit is exercised too. Invariants: the decoder never traps and locates its refusals; a
/// scenario it accepts builds a monitor (`WorldConfig.validate` passed, so `FleetWorld` must not
/// refuse it) that runs 5 simulated seconds without trapping, flags no more flows than it saw,
/// and is deterministic (the same file gives the same alerts).
let limits = ScenarioLimits(
    maxFileBytes: 64 << 10, maxNodes: 20_000, maxListLength: 1000, maxTimelineEntries: 8, maxFleetSize: 8, maxRules: 64)
let horizon = SimTime.zero + SimDuration.seconds(Int64(5))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = text(data, size)
    let file = "config.yaml"
    let scenario: Scenario
    do {
        scenario = try Scenario.parse(text: source, file: file, limits: limits)
    } catch {
        checkRefusal(error, text: source, file: file)
        return 0
    }
    // The limit bounds what a file asks for; a file without `fleet.size` keeps the default
    // world's 600 cars, too many to run on every input.
    guard scenario.world.fleetSize <= limits.maxFleetSize else { return 0 }
    func run() -> FleetMonitor {
        var monitor: FleetMonitor
        do {
            monitor = try scenario.makeMonitor()
        } catch {
            preconditionFailure("a validated world was refused: \(error)")
        }
        monitor.run(until: horizon)
        return monitor
    }
    let first = run()
    precondition(first.now == horizon, "the run stopped at \(first.now), not \(horizon)")
    precondition(first.flowsFlagged <= first.flowsSeen, "more flows flagged than seen")
    precondition(run().alertDigest == first.alertDigest, "the same scenario gave different alerts")
    return 0
}
