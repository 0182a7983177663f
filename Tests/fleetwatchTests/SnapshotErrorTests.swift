import Foundation
import Testing
import TestSupport

/// `fleetwatch snapshot` given something it cannot do: a clear error, a non-zero exit, no
/// stack trace, nothing on stdout, and no half-written or temporary file left behind.
@Suite struct SnapshotErrorTests {
    static func expectAClearError(_ run: Run, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status != 0, sourceLocation: sourceLocation)
        #expect(run.output.isEmpty, "stdout: \(run.stdout)", sourceLocation: sourceLocation)
        let lines = run.stderr.split(separator: "\n")
        // One line saying what is wrong; ArgumentParser may add its usage lines after it.
        #expect(lines.first?.contains(message) == true, "stderr: \(run.stderr)", sourceLocation: sourceLocation)
        #expect(lines.count == 1 || (lines.count <= 4 && run.stderr.contains("Usage: fleetwatch snapshot")), "stderr: \(run.stderr)",
                sourceLocation: sourceLocation)
        #expect(!run.stderr.contains("Fatal error") && !run.stderr.contains("Backtrace") && !run.stderr.contains("Program crashed"),
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        (["--view", "detail:NOPE"], "unknown VIN 'NOPE'"),
        (["--view", "bogus"], "--view must be dashboard, map, compliance or detail:VIN, got 'bogus'"),
        (["--at", "soon"], "The value 'soon' is invalid for '--at <at>': expected a number"),
        (["--every", "0s", "--out", "/tmp"], "--every must be longer than 0s"),
        (["--every", "5m"], "give --out DIRECTORY"),
        (["--width", "0"], "--width and --height of a txt snapshot must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 0x48"),
        (["--width", "5"], "--width and --height of a txt snapshot must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 5x48"),
        (["--height", "3", "--format", "svg"], "--width and --height of a svg snapshot must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 160x3"),
        (["--width", "59", "--height", "15", "--format", "html"], "must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 59x15"),
        (["--width", "60", "--height", "14", "--format", "ansi"], "must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 60x14"),
        (["--width", "0", "--format", "json"], "--width and --height must be between 1 and 1000, got 0x48"),
        (["--at", "-5m"], "The value '-5m' is invalid for '--at <at>': it is negative; times count from the start of the run"),
        (["--every", "-5m", "--out", "/tmp"], "The value '-5m' is invalid for '--every <duration>': it is negative"),
        (["--every", "10m", "--out", "/tmp"], "--every 10m is longer than --at 5m: the series would be empty; give an --every of at most 5m"),
        (["--width", "wide"], "The value 'wide' is invalid for '--width <width>'"),
        (["--height", "1001"], "--width and --height of a txt snapshot must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 160x1001"),
        (["--height", "1001", "--format", "csv"], "--width and --height must be between 1 and 1000, got 160x1001"),
        (["--color", "pink"], "The value 'pink' is invalid for '--color <color>'. Please provide one of 'auto', 'truecolor', '256', '16' or 'none'."),
        (["--format", "pdf"], "The value 'pdf' is invalid for '--format <format>'"),
        (["--out", "/proc/x/y"], "cannot write '/proc/x/y': the directory '/proc/x' does not exist"),
        (["--out", "/nonexistent-fleetwatch/dir/f.txt"], "the directory '/nonexistent-fleetwatch/dir' does not exist"),
        (["--format", "ndjson", "--out", "/proc/x/y"], "cannot write '/proc/x/y'"),
        (["--every", "5m", "--out", "/proc/x"], "cannot write '/proc/x'"),
    ])
    func badArgumentsGiveAClearError(_ arguments: [String], _ message: String) throws {
        let run = try Run(["snapshot", "--at", "5m"] + arguments)
        Self.expectAClearError(run, message)
    }

    @Test func aDirectoryAsOutIsRefusedAndLeftAlone() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for format in ["txt", "ndjson"] {
            let run = try Run(["snapshot", "--at", "1m", "--format", format, "--out", target.path])
            Self.expectAClearError(run, "cannot write '\(target.path)': it is a directory")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["target"], "a temporary file was left")
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    @Test func aFailedRunLeavesTheExistingFileAsItWas() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("screen.txt")
        try Data("old\n".utf8).write(to: file)
        let run = try Run(["snapshot", "--at", "1m", "--view", "detail:NOPE", "--out", file.path])
        Self.expectAClearError(run, "unknown VIN")
        #expect(try String(contentsOf: file, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["screen.txt"])
    }

    /// While a large flow log is written, the target always holds either the old file or the
    /// whole new one: never a part.
    @Test func anExistingFileIsReplacedOnlyWhenTheNewOneIsComplete() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("flows.ndjson").path
        let old = Data("{\"old\":true}\n".utf8)
        try old.write(to: URL(fileURLWithPath: path))
        let arguments = ["snapshot", "--at", "10m", "--format", "ndjson"]

        // A thread of its own (the test's concurrency pool may be busy with other tests'
        // blocking runs); the run starts once it has seen the old file.
        let watcher = Watcher(path: path, old: old)
        let thread = Thread { watcher.watch() }
        thread.start()
        watcher.started.wait()
        let written = try Run(arguments + ["--out", path])
        watcher.finished.wait()
        let watched = watcher.result
        #expect(written.status == 0, "\(written.stderr)")
        let expected = try Run(arguments)
        let final = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(final == Data(expected.output), "the file is the same bytes as standard output")
        #expect(watched.partial == 0, "the target was missing or partial \(watched.partial) times")
        #expect(watched.seen == [old.count, final.count], "sizes seen: \(watched.seen.sorted())")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["flows.ndjson"], "a temporary file was left")
    }

    @Test func progressStaysOffStderrWhenItIsAPipe() throws {
        let run = try Run(["snapshot", "--at", "2h", "--format", "csv", "--vehicles", "300"])
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty, "stderr: \(String(reflecting: run.stderr))")
        #expect(parseCSV(run.stdout).count == 301)
    }

    @Test func progressShowsWhenStderrIsATerminal() throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("fleet.csv").path
        let live = try LiveDashboard(["snapshot", "--at", "2h", "--format", "csv", "--vehicles", "300", "--out", out], startOnGo: true)
        live.tmux.recordPane(to: "pane")
        usleep(200_000)
        live.tmux.touch("go")
        try #require(live.tmux.waitForFile("done", seconds: 20) != nil, "the snapshot did not end: \(live.tmux.screen)")
        #expect(live.tmux.file("status") == "0")
        let recorded = live.tmux.file("pane") ?? ""
        #expect(recorded.contains("simulating ") && recorded.contains(" %)"), "no progress on the terminal: \(String(reflecting: recorded.prefix(300)))")
        // The progress line is erased at the end: the pane shows only the shell's end marker.
        #expect(live.tmux.lines().filter { !$0.isEmpty } == ["[ended]"], "\(live.tmux.screen)")
        #expect(parseCSV((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").count == 301)
    }
}

/// Reads a file over and over until its content changes, counting the reads that found it
/// missing or cut short.
final class Watcher: @unchecked Sendable {
    let path: String
    let old: Data
    let started = DispatchSemaphore(value: 0)
    let finished = DispatchSemaphore(value: 0)
    /// Written by the watching thread before `finished` is signalled, read after.
    var result: (seen: Set<Int>, partial: Int) = ([], 0)

    init(path: String, old: Data) {
        self.path = path
        self.old = old
    }

    func watch() {
        var seen = Set<Int>(), partial = 0
        let deadline = Date().addingTimeInterval(20)
        var signalled = false
        while Date() < deadline {
            let data = FileManager.default.contents(atPath: path)
            if !signalled {
                signalled = true
                started.signal()
            }
            guard let data else {
                partial += 1
                continue
            }
            seen.insert(data.count)
            if data != old && data.last != UInt8(ascii: "\n") { partial += 1 }
            if data != old { break }
            usleep(200)
        }
        result = (seen, partial)
        finished.signal()
    }
}
