import Foundation
import Testing
import TestSupport

/// `live --source`: the dashboard in a real terminal (tmux) fed by flow records, from a file
/// and from a pipe that brings them in two parts.
@Suite(.enabled(if: LiveDashboard.available, "tmux is not installed"))
struct LiveSourceEndToEndTests {
    /// A flow log and its inventory, of 100 cars to 6 minutes (under one read's megabyte).
    static func records() throws -> (dir: URL, flows: String, inventory: String, lines: [Substring]) {
        let dir = try SourceEndToEndTests.directory()
        let flows = dir.appendingPathComponent("flows.ndjson").path, inventory = dir.appendingPathComponent("inventory.yaml").path
        let args = ["snapshot", "--at", "6m", "--vehicles", "100"]
        let log = try Run(args + ["--format", "ndjson", "--out", flows]), inv = try Run(args + ["--format", "inventory", "--out", inventory])
        #expect(log.status == 0 && inv.status == 0, "\(log.stderr)\(inv.stderr)")
        let text = try String(contentsOfFile: flows, encoding: .utf8)
        #expect(text.utf8.count < 1 << 20, "the test wants the records in one read")
        return (dir, flows, inventory, text.split(separator: "\n"))
    }

    /// The header's clock in seconds (the header's first line: the scenario's name may give
    /// way to the source's line at 120 columns).
    static func clock(_ lines: [String]) -> Int? {
        guard let header = lines.first, let t = header.range(of: "T+") else { return nil }
        return LiveDashboard.seconds(String(header[t.lowerBound...].prefix(10)))
    }

    static func trimmed(_ line: some StringProtocol) -> String {
        var s = String(line)
        while s.last == " " { s.removeLast() }
        return s
    }

    /// A paused start at T on a file's records shows exactly `snapshot --source … --at T`.
    @Test func aPausedStartOnRecordsEqualsTheSnapshot() throws {
        let r = try Self.records()
        defer { try? FileManager.default.removeItem(at: r.dir) }
        let source = ["--source", r.flows, "--inventory", r.inventory]
        let live = try LiveDashboard(source + ["--no-follow", "--at", "5m", "--paused"])
        let frame = try live.expect("no paused first frame at 5m", seconds: 15) {
            $0.first?.contains("T+00:05:00 │ PAUSED │") == true && $0.count >= 40 && $0[39].hasPrefix("↑↓ move")
        }
        #expect(frame[0].contains("source flows.ndjson \(r.lines.count) records, ended"), "\(frame[0])")
        let snapshot = try Run(["snapshot", "--at", "5m", "--format", "txt", "--width", "120", "--height", "40"] + source)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        let expected = snapshot.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(Self.trimmed)
        for (i, (want, got)) in zip(expected, frame.prefix(40).map(Self.trimmed)).enumerated() {
            #expect(got == want, "line \(i + 1) differs:\n  pane:     \(got)\n  snapshot: \(want)")
        }
        // A source is read once: no jump back, said in the footer; the screen stays.
        live.tmux.sendKeys("g")
        live.tmux.sendKeys("-l", "1m")
        live.tmux.sendKeys("Enter")
        try live.expect("no refusal of a jump back") { lines in lines.contains { $0.hasPrefix("no jump back: the records are read once") } }
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }

    /// Records from a pipe (a FIFO) in two parts: the clock waits where the first part reaches,
    /// and goes on when the rest comes; the end of the pipe is the end of the records.
    @Test func recordsFromAPipeAreFollowedAsTheyCome() throws {
        let r = try Self.records()
        defer { try? FileManager.default.removeItem(at: r.dir) }
        let fifo = r.dir.appendingPathComponent("flows.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let live = try LiveDashboard(["--source", fifo, "--inventory", r.inventory, "--speed", "1000", "--source-tolerance", "5s"])
        let half = r.lines.count / 2
        let writer = try FileHandle(forWritingTo: URL(fileURLWithPath: fifo))
        writer.write(Data((r.lines[..<half].joined(separator: "\n") + "\n").utf8))
        let firstPart = try live.expect("no frame of the first part", seconds: 15) { lines in
            lines.first?.contains("source flows.fifo \(half) records") == true
        }
        // The first part's latest start, less the tolerance: where the clock must wait.
        let last = try #require(try JSONSerialization.jsonObject(with: Data(r.lines[half - 1].utf8)) as? [String: Any])
        let held = (try #require(last["flowStartNanoseconds"] as? Int) - 5_000_000_000) / 1_000_000_000
        let waiting = try live.expect("the clock does not wait at \(held) s", seconds: 10) { lines in
            Self.clock(lines).map { $0 >= held - 1 && $0 <= held } == true
        }
        #expect(!firstPart[0].contains("ended") && !waiting[0].contains("ended"))
        writer.write(Data((r.lines[half...].joined(separator: "\n") + "\n").utf8))
        try writer.close()
        try live.expect("the rest of the records and the pipe's end are not shown", seconds: 15) { lines in
            lines.first?.contains("source flows.fifo \(r.lines.count) records, ended") == true
        }
        // Once the records have ended, the clock goes on (the alerts' quiet periods run out).
        try live.expect("the clock does not go on once the records have ended", seconds: 15) { lines in
            Self.clock(lines).map { $0 > 400 } == true
        }
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
