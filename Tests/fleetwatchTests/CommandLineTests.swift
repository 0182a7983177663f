import Foundation
import Testing

/// Runs the built `fleetwatch` binary, as a user would.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    static var binary: URL {
        // The test bundle and the executable are built into the same products directory.
        let bundle = Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
            ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return bundle.deletingLastPathComponent().appendingPathComponent("fleetwatch")
    }

    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }
}

@Suite struct CommandLineTests {
    @Test func benchPrintsOneJSONLine() throws {
        let run = try Run(["bench", "--vehicles", "200", "--duration", "30", "--seed", "7"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let keys = ["workload", "vehicles", "duration_s", "seed", "events", "alerts", "bytes", "wall_s", "events_per_s", "sim_s_per_wall_s", "peak_rss_mb"]
        #expect(object.map { Set($0.keys) } == Set(keys))
        #expect(object?["workload"] as? String == "fleet-flows")
        #expect(object?["vehicles"] as? Int == 200)
        let events = try #require(object?["events"] as? Int)
        #expect(abs(Double(events) - 200 * 30 * 1.21834) < 4 * (200 * 30 * 1.21834).squareRoot())
        #expect(run.stdout.hasPrefix("{\"workload\":\"fleet-flows\",\"vehicles\":200,"), "keys in the documented order")
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
