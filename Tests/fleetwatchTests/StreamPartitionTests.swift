import Foundation
import Testing
import TestSupport

/// `fleetwatch stream --partition I/N` and `fleetwatch merge`, run as a user runs them: the N
/// partitions' streams, merged, are the whole fleet's stream byte for byte (flows and alert
/// events, ids included), for the built-in scenario and for the briefing's timeline of scripted
/// actions; published by N processes into Debian's mosquitto, the merged topic read by
/// `snapshot --source -` is the simulated fleet's snapshot.
@Suite struct StreamPartitionTests {
    static func directory() throws -> URL { try SourceEndToEndTests.directory() }

    /// The N partitions' streams of `arguments`, run side by side, written to files in `dir`.
    static func partitions(_ arguments: [String], count n: Int, in dir: URL) throws -> [String] {
        let binary = Run.binary.path
        let paths = (0..<n).map { dir.appendingPathComponent("part-\($0).ndjson").path }
        let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
        // Each started in the background, its pid noted, then each waited for (sh's `jobs` in
        // a command substitution sees no jobs).
        let script = (0..<n).map { "'\(binary)' stream \(quoted) --partition \($0)/\(n) > '\(paths[$0])' & pids=\"$pids $!\"" }
            .joined(separator: "\n") + "\nfor p in $pids; do wait $p || exit 1; done"
        let r = Spawn.run("/bin/sh", ["-c", script], environment: ["SWIFT_BACKTRACE": "enable=no", "XDG_CONFIG_HOME": Run.noConfigHome], seconds: 120)
        #expect(r.status == 0, "the partitions: \(r.status) \(r.stderrText)")
        return paths
    }

    @Test(arguments: [
        (["--fast", "--until", "20m"], 3),
        (["--fast", "--until", "45m", "--seed", "11", "--vehicles", "600"], 4),
        (["--fast", "--until", "30m", "--scenario", "Demo/briefing.yaml"], 2),
    ] as [([String], Int)])
    func theMergedPartitionsAreTheWholeStream(_ arguments: [String], _ n: Int) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = arguments.map { $0.hasPrefix("Demo/") ? Tools.packageRoot.appendingPathComponent($0).path : $0 }
        let whole = try Run(["stream"] + args, seconds: 120)
        #expect(whole.status == 0, "\(whole.stderr)")
        let paths = try Self.partitions(args, count: n, in: dir)
        let merged = try Run(["merge"] + paths, seconds: 60)
        #expect(merged.status == 0 && merged.stderr.isEmpty, "\(merged.status) \(merged.stderr)")
        let lines = StreamEndToEndTests.Lines(whole.stdout)
        #expect(lines.flows.count > 1_000 && lines.alerts.count > 20, "flows and alerts both compared: \(lines.flows.count), \(lines.alerts.count)")
        // Each partition holds only its cars, and some of them.
        for (i, path) in paths.enumerated() {
            let part = StreamEndToEndTests.Lines(try String(contentsOfFile: path, encoding: .utf8))
            #expect(!part.flows.isEmpty)
            #expect(try part.flows.allSatisfy { (try StreamEndToEndTests.object($0)["vehicle"] as? Int ?? -1) % n == i })
        }
        // A Bool, not the arrays: a failed #expect of two arrays of megabytes diffs them for hours.
        let same = merged.output == whole.output
        #expect(same, "byte for byte: \(merged.output.count) bytes merged, \(whole.output.count) whole")
        if !same {
            let a = merged.stdout.split(separator: "\n"), b = whole.stdout.split(separator: "\n")
            if let k = zip(a, b).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(k + 1):\n merged: \(a[k].prefix(300))\n whole:  \(b[k].prefix(300))")
            }
        }
    }

    @Test func aPartitionOfOneIsTheWholeStream() throws {
        let whole = try Run(["stream", "--fast", "--until", "5m"])
        let one = try Run(["stream", "--fast", "--until", "5m", "--partition", "0/1"])
        let same = one.output == whole.output
        #expect(whole.status == 0 && one.status == 0 && same)
    }

    @Test func badPartitionsAreOneLineAndNonZero() throws {
        let cases: [([String], String)] = [
            (["--partition", "3/3"], "--partition 3/3: N must be 1 to 4096 and I from 0 to N-1"),
            (["--partition", "1"], "--partition takes I/N"),
            (["--partition", "0/4", "--source", "x.ndjson", "--inventory", "i.yaml"], "--partition splits a simulated fleet"),
        ]
        for (args, message) in cases {
            let r = try Run(["stream"] + args)
            #expect(r.status == 64, "\(args): \(r.status)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    /// What `merge` refuses, with the file and line: a line that is not a stream's, a stream out
    /// of its order (sorted, or reversed), an officer's acknowledgement, a file that is not there.
    @Test func mergeSaysWhichLineOfWhichFileItCannotUse() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stream = try Run(["stream", "--fast", "--until", "2m"])
        #expect(stream.status == 0)
        let lines = stream.stdout.split(separator: "\n")
        #expect(lines.count > 10)
        func file(_ name: String, _ text: String) throws -> String {
            let path = dir.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let good = try file("good.ndjson", stream.stdout)
        let junk = try file("junk.ndjson", lines.prefix(3).joined(separator: "\n") + "\n{\"hello\":1}\n")
        let reversed = try file("reversed.ndjson", lines.reversed().joined(separator: "\n") + "\n")
        let noEnd = try file("noend.ndjson", lines[0].replacingOccurrences(of: "\"flowEndNanoseconds\":", with: "\"flowEnd\":") + "\n")
        let ack = try file("ack.ndjson", #"{"alert_event":"acknowledged","time_ns":5,"time_s":0,"alert":{"id":1,"vehicle":1,"start_ns":1}}"# + "\n")
        let cases: [([String], String)] = [
            ([good, junk], "\(junk):4: not a line of `fleetwatch stream`"),
            ([reversed], "\(reversed):"),
            ([reversed], ": out of the stream's order"),
            ([noEnd], "\(noEnd):1: no integer flowEndNanoseconds"),
            ([ack], "\(ack):1: an acknowledged event"),
            ([dir.appendingPathComponent("missing.ndjson").path], "no such file; check the path"),
        ]
        for (args, message) in cases {
            let r = try Run(["merge"] + args)
            #expect(r.status == 1, "\(args): \(r.status)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
        let usage = try Run(["merge"])
        #expect(usage.status == 64 && usage.stderr.contains("Missing expected argument"), "\(usage.stderr)")
        // One stream merged is itself.
        let itself = try Run(["merge", good])
        let same = itself.output == stream.output
        #expect(itself.status == 0 && same)
    }

    /// N partition processes publish into one topic of Debian's mosquitto, as they would on
    /// machines of their own; `mosquitto_sub` of the topic into `snapshot --source -` gives the
    /// whole simulated fleet's snapshot (less what a flow record cannot carry:
    /// SourceEndToEndTests.excluded). The partitions run as fast as they can, so their records
    /// interleave out of time order: the reader's --source-tolerance covers the run.
    @Test(.timeLimit(.minutes(3))) func partitionsPublishedIntoMosquittoGiveTheWholeFleetsSnapshot() throws {
        let n = 3
        try StreamEndToEndTests.throughMosquitto(at: "10m", flowsOnly: true, readerOptions: ["--source-tolerance", "15m"]) { binary, pub, port in
            // N processes, each its own publisher, side by side; each waited for by its pid.
            (0..<n).map {
                "('\(binary)' stream --fast --until 10m --records flows --partition \($0)/\(n) "
                    + "| '\(pub)' -h 127.0.0.1 -p \(port) -q 1 -i fleetwatch-part-\($0) -l -t fleet/flows) & pids=\"$pids $!\""
            }.joined(separator: "\n") + "\nfor p in $pids; do wait $p || exit 1; done"
        }
    }
}
