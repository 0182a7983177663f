import Foundation
import Testing
import TestSupport

/// Runs the built `fleetwatch` binary, as a user would: standard input from /dev/null,
/// standard output a pipe, standard error captured apart; bounded by a timeout.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var output: [UInt8]

    /// An XDG_CONFIG_HOME with no fleetwatch directory in it.
    static let noConfigHome = "/nonexistent/fleetwatch-tests-config"

    static var binary: URL {
        URL(fileURLWithPath: Tools.builtProduct("fleetwatch") ?? Tools.packageRoot.appendingPathComponent(".build/debug/fleetwatch").path)
    }

    /// `environment` replaces inherited variables (nil unsets one).
    init(_ arguments: [String], environment: [String: String?] = [:], seconds: Int = 30) throws {
        // No user's config file reaches a test: the XDG location is empty unless a test sets it.
        var overrides: [String: String?] = ["SWIFT_BACKTRACE": "enable=no", "XDG_CONFIG_HOME": Run.noConfigHome]
        for (key, value) in environment { overrides[key] = value }
        guard FileManager.default.isExecutableFile(atPath: Self.binary.path) else {
            throw HarnessError("fleetwatch is not built at \(Self.binary.path): run swift build")
        }
        let result = Spawn.run(Self.binary.path, arguments, environment: overrides, seconds: seconds)
        status = result.status
        output = result.stdout
        stdout = result.stdoutText
        stderr = result.stderrText
    }
}

@Suite struct CommandLineTests {
    @Test func benchPrintsOneJSONLine() throws {
        let run = try Run(["bench", "--vehicles", "200", "--duration", "30", "--seed", "7"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let keys = ["workload", "entries", "vehicles", "duration_s", "seed", "events", "alerts", "bytes", "wall_s", "events_per_s", "sim_s_per_wall_s", "peak_rss_mb"]
        #expect(object.map { Set($0.keys) } == Set(keys))
        #expect(object?["workload"] as? String == "fleet-flows")
        #expect(object?["entries"] as? String == "vehicle", "one queue entry per car by default")
        #expect(object?["vehicles"] as? Int == 200)
        let events = try #require(object?["events"] as? Int)
        #expect(abs(Double(events) - 200 * 30 * 1.21834) < 4 * (200 * 30 * 1.21834).squareRoot())
        #expect(run.stdout.hasPrefix("{\"workload\":\"fleet-flows\",\"entries\":\"vehicle\",\"vehicles\":200,"),
                "keys in the documented order")
    }

    /// Both queue layouts run the same workload: counts within four standard deviations of the
    /// expectation, and a bad layout name is refused.
    @Test func benchRunsEitherQueueLayout() throws {
        let stream = try Run(["bench", "--vehicles", "200", "--duration", "30", "--entries", "stream"])
        #expect(stream.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(stream.stdout.utf8)) as? [String: Any]
        #expect(object?["entries"] as? String == "stream")
        let events = try #require(object?["events"] as? Int)
        #expect(abs(Double(events) - 200 * 30 * 1.21834) < 4 * (200 * 30 * 1.21834).squareRoot())
        let bad = try Run(["bench", "--entries", "car"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--entries"), "stderr: \(bad.stderr)")
        let full = try Run(["bench", "--workload", "full", "--entries", "stream"])
        #expect(full.status != 0)
        #expect(full.stderr.contains("--entries applies to the fleet-flows workload"), "stderr: \(full.stderr)")
    }

    @Test func benchFullRunsTheProductModel() throws {
        let run = try Run(["bench", "--workload", "full", "--vehicles", "300", "--duration", "600"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect(object?["workload"] as? String == "full")
        #expect(object?["vehicles"] as? Int == 300)
        let flows = try #require(object?["flows"] as? Int)
        let events = try #require(object?["events"] as? Int)
        #expect(flows > 1000 && events > 1000, "ten simulated minutes of 300 cars produce flows")
        #expect((object?["sim_s_per_wall_s"] as? Double).map { $0 > 0 } == true)
        let again = try Run(["bench", "--workload", "full", "--vehicles", "300", "--duration", "600"])
        let second = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect(second?["events"] as? Int == events && second?["flows"] as? Int == flows, "the same seed gives the same run")
    }

    @Test(arguments: [
        (["bench", "--vehicles", "0"], "--vehicles must be between 1 and"),
        (["bench", "--vehicles", "-5"], "--vehicles must be between 1 and"),
        (["bench", "--duration", "-1"], "--duration must be a number of seconds above 0"),
        (["bench", "--duration", "soon"], "soon"),
        (["bench", "--frobnicate"], "Unknown option '--frobnicate'"),
        (["live", "--at", "-5m"], "The value '-5m' is invalid for '--at <at>': it is negative; times count from the start of the run"),
        (["snapshot", "--view", "map", "--map-zoom", "6"], "--map-zoom must be between 0 and 5, got 6"),
        (["snapshot", "--map-follow"], "--map-zoom and --map-follow apply to --view map"),
    ])
    func badInputGivesAOneLineErrorAndUsage(arguments: [String], message: String) throws {
        let run = try Run(arguments)
        #expect(run.status != 0)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains(message), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("Usage:"))
        #expect(!run.stderr.contains("Fatal error"), "no crash")
        #expect(run.stderr.split(separator: "\n").count <= 4)
    }
}
