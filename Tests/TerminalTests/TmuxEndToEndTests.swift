import Foundation
import Screen
import Testing
import TestSupport

/// terminal-check in a real terminal (tmux): drawing, keys, resizes down to 1x1, and the
/// terminal given back intact after q, SIGTERM, SIGHUP and a crash.
@Suite("terminal-check in tmux", .enabled(if: TmuxHarness.tools != nil, "tmux (with timeout, pgrep, env) is not on PATH"))
struct TmuxEndToEndTests {
    func start(width: Int = 120, height: Int = 40, suspendable: Bool = false) throws -> TmuxHarness {
        let binary = try #require(Tools.builtProduct("terminal-check"), "terminal-check not built next to the test bundle: run swift build")
        return try TmuxHarness(binary: binary, width: width, height: height, suspendable: suspendable)
    }

    static func has(_ lines: [String], _ prefix: String) -> Bool { lines.contains { $0.hasPrefix(prefix) } }

    /// The first frame, recognised by anchored lines (the title and the size).
    func firstFrame(_ tmux: TmuxHarness, size: String = "120x40") throws -> [String] {
        // The frame is complete when its bottom border is there too: a capture can land while
        // curses is still writing the frame.
        let rows = Int(size.split(separator: "x").last ?? "") ?? 0
        return try #require(tmux.wait {
            Self.has($0, "│ FleetWatch terminal check") && Self.has($0, "│ size \(size)")
                && $0.count >= rows && rows > 0 && $0[rows - 1].hasPrefix("└")
        },
                     "no first frame; pane shows:\n\(tmux.lines().joined(separator: "\n"))")
    }

    /// After the program ended: same tty modes as before it, alternate screen off, and status.
    func expectRestored(_ tmux: TmuxHarness, status: String, _ comment: Comment) throws {
        let done = tmux.waitForFile("done")
        try #require(done != nil, "the program did not end (\(comment)); pane:\n\(tmux.lines().joined(separator: "\n"))")
        #expect(tmux.file("status") == status, comment)
        let before = tmux.file("before"), after = tmux.file("after")
        #expect(before != nil && before == after, "stty -g before \(before ?? "-") after \(after ?? "-") (\(comment))")
        #expect(tmux.format("#{alternate_on}") == "0", comment)
    }

    static func frameNumber(_ lines: [String]) -> Int? {
        for line in lines where line.hasPrefix("│ frame ") {
            return Int(line.dropFirst("│ frame ".count).prefix { $0.isNumber })
        }
        return nil
    }

    @Test func drawsTakesKeysSurvivesResizesAndQuits() throws {
        let tmux = try start()
        let frame = try firstFrame(tmux)
        // Wide text aligned: every line of the box is 120 columns and ends with the border.
        let chinese = try #require(frame.first { $0.contains("王伟 (Wang Wei)") })
        #expect(DisplayWidth.of(chinese) == 120 && chinese.hasSuffix("│"), "\(chinese)")
        #expect(frame[0] == "┌" + String(repeating: "─", count: 118) + "┐")
        // The bottom-right cell is never written (curses returns ERR for it).
        #expect(frame[39] == "└" + String(repeating: "─", count: 118))
        #expect(frame.prefix(39).allSatisfy { DisplayWidth.of($0) == 120 })

        let first = try #require(Self.frameNumber(frame))
        let later = tmux.wait { (Self.frameNumber($0) ?? 0) > first }
        #expect(later != nil, "the frame counter did not move from \(first)")

        tmux.sendKeys("Up")
        #expect(tmux.wait { Self.has($0, "│ key: up ") } != nil)
        tmux.sendKeys("-l", "王")
        #expect(tmux.wait { Self.has($0, "│ key: 王 ") } != nil)
        tmux.sendKeys("F5")
        #expect(tmux.wait { Self.has($0, "│ key: F5 ") } != nil)

        tmux.resize(60, 10)
        let small = tmux.wait { Self.has($0, "│ size 60x10") && $0.count >= 10 && $0[9].hasPrefix("└") }
        #expect(small?[0] == "┌" + String(repeating: "─", count: 58) + "┐", "\(small ?? [])")

        tmux.resize(1, 1)
        usleep(300_000)
        #expect(tmux.appPid() != nil, "terminal-check died at 1x1")
        tmux.resize(2, 2)
        usleep(200_000)
        tmux.resize(120, 40)
        let back = tmux.wait { Self.has($0, "│ size 120x40") && $0.count >= 40 && $0[39].hasPrefix("└") }
        #expect(back != nil, "no full redraw at 120x40: \(tmux.lines().joined(separator: "\n"))")
        #expect(back?.first { $0.contains("王伟") }.map(DisplayWidth.of) == 120)

        tmux.sendKeys("q")
        try expectRestored(tmux, status: "0", "after q")
    }

    /// The keys tmux sends (Home as `\e[1~`, whatever the pane's TERM) arrive as those keys under
    /// each TERM a tmux user may have: no sequence reads as Esc or leaks out as typed text.
    @Test(arguments: ["xterm-256color", "screen-256color", "tmux-256color"])
    func everyKeyIsItselfUnderEachTerm(_ term: String) throws {
        let binary = try #require(Tools.builtProduct("terminal-check"), "terminal-check not built next to the test bundle: run swift build")
        let tmux = try TmuxHarness(binary: binary, environment: ["TERM": term], width: 100, height: 30)
        _ = try firstFrame(tmux, size: "100x30")
        let keys = [
            ("Home", "home"), ("End", "end"), ("PPage", "pageUp"), ("NPage", "pageDown"), ("IC", "insert"), ("DC", "delete"),
            ("F1", "F1"), ("F2", "F2"), ("F4", "F4"), ("F5", "F5"), ("F6", "F6"), ("F10", "F10"), ("F11", "F11"), ("F12", "F12"),
            ("Up", "up"), ("Left", "left"), ("BTab", "backTab"),
        ]
        var seen: [String] = []
        for (name, label) in keys {
            tmux.sendKeys(name)
            seen = Array((seen + [label]).suffix(8))
            let line = "│ keys: \(seen.joined(separator: " ")) |"
            #expect(tmux.wait { Self.has($0, line) } != nil, "\(name) under TERM=\(term): \(tmux.screen)")
        }
        // Keys the program has no use for (Ctrl-Home, Shift-F1, F13 as tmux sends them, and
        // made-up sequences) give nothing: no Esc, no stray characters.
        tmux.sendKeys("C-Home")
        tmux.sendKeys("S-F1")
        tmux.sendKeys("-H", "1b", "5b", "39", "39", "7e")
        tmux.sendKeys("-H", "1b", "5b", "3c", "30", "3b", "31", "4d")
        tmux.sendKeys("x")
        seen = Array((seen + ["x"]).suffix(8))
        let line = "│ keys: \(seen.joined(separator: " ")) |"
        #expect(tmux.wait { Self.has($0, "│ key: x ") && Self.has($0, line) } != nil, "unknown sequences under TERM=\(term): \(tmux.screen)")
        // Esc itself still is Esc.
        tmux.sendKeys("Escape")
        #expect(tmux.wait { Self.has($0, "│ key: escape ") } != nil, "Esc under TERM=\(term): \(tmux.screen)")
        tmux.sendKeys("q")
        try expectRestored(tmux, status: "0", "after q under TERM=\(term)")
    }

    @Test(arguments: [("TERM", SIGTERM, "143"), ("HUP", SIGHUP, "129")])
    func restoresTheTerminalOnASignal(_ name: String, _ signal: Int32, _ status: String) throws {
        let tmux = try start(width: 80, height: 24)
        _ = try firstFrame(tmux, size: "80x24")
        let pid = try #require(tmux.appPid(), "no terminal-check process under the pane")
        #expect(kill(pid, signal) == 0)
        try expectRestored(tmux, status: status, "after SIG\(name)")
    }

    @Test func restoresTheTerminalOnACrashAndKeepsTheMessage() throws {
        let tmux = try start(width: 100, height: 30)
        _ = try firstFrame(tmux, size: "100x30")
        tmux.sendKeys("!")
        try expectRestored(tmux, status: "132", "after a crash (SIGILL)")
        let history = tmux.tmux(["capture-pane", "-p", "-S", "-300"]).output
        #expect(history.contains("Fatal error: terminal-check: crash requested"))
        #expect(history.contains("Program crashed"), "the backtracer ran after the terminal was restored")
    }

    @Test func ctrlZGivesTheTerminalBackAndContinuingRedraws() throws {
        let tmux = try start(width: 80, height: 24, suspendable: true)
        _ = try firstFrame(tmux, size: "80x24")
        tmux.sendKeys("C-z")
        let stopped = tmux.waitForFile("after")
        try #require(stopped != nil, "no stop after Ctrl-Z; pane:\n\(tmux.lines().joined(separator: "\n"))")
        #expect(tmux.file("status") == "148", "stopped by SIGTSTP")
        #expect(tmux.file("before") == tmux.file("after"))
        #expect(tmux.format("#{alternate_on}") == "0")

        tmux.touch("go")  // the shell runs fg
        let again = tmux.wait { Self.has($0, "│ FleetWatch terminal check") && Self.has($0, "│ size 80x24") }
        #expect(again != nil, "no redraw after fg: \(tmux.lines().joined(separator: "\n"))")
        #expect(tmux.format("#{alternate_on}") == "1")
        tmux.sendKeys("q")
        let done = tmux.waitForFile("done")
        try #require(done != nil)
        #expect(tmux.file("status2") == "0")
        #expect(tmux.file("before") == tmux.file("after2"))
        #expect(tmux.format("#{alternate_on}") == "0")
    }
}
