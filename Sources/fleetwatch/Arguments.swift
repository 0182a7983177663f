import ArgumentParser
import Fleet
import Simulation
import Terminal

/// A command that cannot go on: what went wrong (one or more lines) and the exit status. Thrown
/// up to `FleetWatch.main`, which prints it once, through the sanitizer, after the terminal is
/// restored; nothing else both prints an error and picks an exit status.
struct Failure: Error, CustomStringConvertible {
    var message: String
    var status: Int32

    /// 1: a file, a scenario or an output could not be used; 2: no terminal to draw on.
    init(_ message: String, status: Int32 = 1) {
        self.message = message
        self.status = status
    }

    /// A failure of one of our outputs or inputs, said as `fleetwatch: what`.
    static func of(_ error: some Error) -> Failure {
        if let failure = error as? Failure { return failure }
        return Failure("fleetwatch: \(error)")
    }

    var description: String { message }
}

/// A duration option (`--at 90s`, `--every 15m`), parsed once by ArgumentParser: a bad value is a
/// usage error (exit status 64) that says why, e.g. "The value '-5m' is invalid for '--at <at>':
/// it is negative; times count from the start of the run". (Not `ExpressibleByArgument`: its
/// failable initializer cannot say why a value is wrong.)
func durationArgument(_ text: String) throws -> SimDuration {
    do {
        return try SimDuration(parsing: text)
    } catch {
        throw ValidationError(error.advice)
    }
}

extension ColorPreference: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `--partition I/N` (`stream`): which share of the fleet's cars to simulate.
func partitionArgument(_ text: String) throws -> FleetPartition {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
        throw ValidationError("--partition takes I/N, the share I (from 0) of N, such as 0/4; got '\(text)'")
    }
    guard let partition = FleetPartition(index: i, count: n) else {
        throw ValidationError("--partition \(text): N must be 1 to \(FleetPartition.maxCount) and I from 0 to N-1")
    }
    return partition
}
