import Foundation
import Testing
import TestSupport

/// `fleetwatch` started where it cannot draw: a clear message that suggests `fleetwatch
/// snapshot` on standard error, a non-zero exit, and nothing at all on standard output.
@Suite struct NoTerminalTests {
    static func expectTheAdvice(_ stderr: String, _ reason: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(stderr.hasPrefix("fleetwatch: ") && stderr.contains(reason), "stderr: \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.contains("fleetwatch snapshot"), "no advice in: \(stderr)", sourceLocation: sourceLocation)
        #expect(stderr.split(separator: "\n").count == 1, "one line: \(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("Fatal error") && !stderr.contains("Usage:"), sourceLocation: sourceLocation)
    }

    @Test func withoutATerminalAtAll() throws {
        // Standard input /dev/null, standard output a pipe.
        let run = try Run([], seconds: 10)
        #expect(run.status == 2)
        #expect(run.output.isEmpty, "stdout: \(run.stdout)")
        Self.expectTheAdvice(run.stderr, "is not a terminal")
    }

    @Test func withStandardOutputPipedFromATerminal() throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let live = try LiveDashboard(stderrToFile: true, stdoutToPipe: true)
        let done = live.tmux.waitForFile("done")
        try #require(done != nil, "fleetwatch did not end; the pane shows:\n\(live.tmux.screen)")
        #expect(live.tmux.file("status") == "2")
        #expect(live.tmux.file("stdout") == "", "stdout: \(live.tmux.file("stdout") ?? "(no file)")")
        Self.expectTheAdvice(live.tmux.file("stderr") ?? "", "standard output is not a terminal")
        #expect(live.tmux.file("before") == live.tmux.file("after"))
    }

    /// With a terminal on both sides but no usable TERM, the pane (recorded byte for byte,
    /// escape codes included) receives nothing from fleetwatch.
    @Test(arguments: [("unset", nil as String?, "TERM is not set"), ("dumb", "dumb", "TERM is 'dumb'")])
    func withoutAUsableTERM(_ name: String, _ term: String?, _ reason: String) throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let live = try LiveDashboard(environment: ["TERM": term], stderrToFile: true, startOnGo: true)
        live.tmux.recordPane(to: "pane")
        usleep(200_000)  // pipe-pane starts its cat in the background
        live.tmux.touch("go")
        let done = live.tmux.waitForFile("done")
        try #require(done != nil, "fleetwatch did not end (TERM \(name)); the pane shows:\n\(live.tmux.screen)")
        #expect(live.tmux.file("status") == "2", "TERM \(name)")
        Self.expectTheAdvice(live.tmux.file("stderr") ?? "", reason)
        // The recording holds what the shell printed after fleetwatch ended, and nothing before.
        let recorded = live.tmux.waitForFile("pane", seconds: 3)
        #expect(recorded == "[ended]", "the pane received: \(String(reflecting: recorded))")
        #expect(live.tmux.file("before") == live.tmux.file("after"))
        #expect(live.tmux.format("#{alternate_on}") == "0")
    }
}
