import ArgumentParser
import Fleet
import Scenario

/// `fleetwatch validate FILE...`: checks scenario files the way the dashboard will load them.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check scenario files and report every problem as FILE:LINE:COL: error: message.",
        discussion: """
            Each valid file gets a line "FILE: ok (N cars, M rules, K timeline actions)" on standard \
            output; problems go to standard error. The exit status is 0 when every file is valid, 1 \
            otherwise. The format is described in docs/scenario-format.md.
            """
    )

    @Argument(help: "Scenario files (YAML or JSON).")
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one scenario file") }
    }

    func run() throws {
        var allValid = true
        for file in files {
            do {
                let scenario = try Scenario.load(path: file)
                StandardOutput.write("\(file): ok (\(scenario.world.fleetSize) cars, \(scenario.policies.rules.count) rules, "
                    + "\(scenario.timeline.count) timeline actions)\n")
            } catch {
                allValid = false
                for diagnostic in error.diagnostics { StandardError.write("\(diagnostic)\n") }
            }
        }
        if !allValid { throw ExitCode(1) }
    }
}
