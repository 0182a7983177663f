import Testing
@testable import Terminal

@Suite("Terminal.isInteractive")
struct InteractiveTests {
    static let table: [(Bool, Bool, String?, TerminalError?)] = [
        (true, true, "xterm-256color", nil),
        (false, true, "xterm", .notATerminal(stream: "input")),
        (true, false, "xterm", .notATerminal(stream: "output")),
        (true, true, nil, .termUnset),
        (true, true, "", .termUnset),
        (true, true, "dumb", .dumbTerminal),
    ]

    @Test(arguments: table)
    func check(_ stdinIsTTY: Bool, _ stdoutIsTTY: Bool, _ term: String?, _ expected: TerminalError?) {
        var thrown: TerminalError?
        do {
            try Terminal.checkInteractive(stdinIsTTY: stdinIsTTY, stdoutIsTTY: stdoutIsTTY, term: term)
        } catch {
            thrown = error
        }
        #expect(thrown == expected)
        #expect(Terminal.isInteractive(stdinIsTTY: stdinIsTTY, stdoutIsTTY: stdoutIsTTY, term: term) == (expected == nil))
    }

    @Test func messagesSuggestTheSnapshotCommand() {
        for error in [TerminalError.notATerminal(stream: "output"), .termUnset, .dumbTerminal, .unknownTerminal(term: "vt999")] {
            #expect(error.description.contains("fleetwatch snapshot"), "\(error)")
        }
    }

    @Test func startingWithoutATerminalThrowsInsteadOfExiting() {
        // Under `swift test` stdout is not a tty (and when it is, TERM=dumb is refused first).
        var thrown: TerminalError?
        do {
            let session = try TerminalSession.start(TerminalOptions(environment: ["TERM": "dumb"]))
            session.stop()
        } catch {
            thrown = error
        }
        #expect(thrown != nil)
    }
}
