import Testing
@testable import Linear

/// The terminal's command line: typing, erasing, history and completion, echoed with
/// characters, line feeds and backspaces only.
@Suite struct LinePromptTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func typingAndEnter() {
        var p = LinePrompt()
        var out = p.feed(bytes("fleet"))
        #expect(out.echo == "fleet" && out.lines.isEmpty)
        out = p.feed([0x7F, 0x7F])
        #expect(out.echo == "\u{8} \u{8}\u{8} \u{8}" && p.text == "fle")
        out = p.feed(bytes("et\r"))
        #expect(out.echo == "et\n" && out.lines == ["fleet"] && p.text.isEmpty)
        // A character split over two reads, and an escape sequence typed or pasted: not in the line.
        _ = p.feed([0xE2, 0x80])
        out = p.feed([0xA6] + bytes("\u{1B}[31mx"))
        #expect(p.text == "…x" && out.echo == "…x")
        #expect(!out.echo.unicodeScalars.contains("\u{1B}"))
    }

    @Test func historyWithUpAndDown() {
        var p = LinePrompt()
        _ = p.feed(bytes("fleet\ralerts\rto"))
        var out = p.feed(bytes("\u{1B}[A"))
        #expect(p.text == "alerts" && out.echo == "\u{8} \u{8}\u{8} \u{8}alerts")
        out = p.feed(bytes("\u{1B}[A"))
        #expect(p.text == "fleet")
        _ = p.feed(bytes("\u{1B}[B\u{1B}[B"))
        #expect(p.text == "to", "Down past the newest entry brings back what was typed")
    }

    @Test func tabCompletes() {
        var p = LinePrompt()
        var out = p.feed(bytes("qu\t"))
        #expect(p.text == "quit " && out.echo == "quit ")
        p = LinePrompt()
        out = p.feed(bytes("car LRW\t"), vins: ["LRW0000000000407", "LRW0000000000512"])
        #expect(p.text == "car LRW0000000000")
        out = p.feed(bytes("\t"), vins: ["LRW0000000000407", "LRW0000000000512"])
        #expect(out.echo == "\nCompletions: LRW0000000000407, LRW0000000000512.\ncar LRW0000000000")
    }

    @Test func ctrlUCtrlWAndCtrlD() {
        var p = LinePrompt()
        _ = p.feed(bytes("top 10 by"))
        _ = p.feed([0x17])
        #expect(p.text == "top 10 ")
        _ = p.feed([0x15])
        #expect(p.text.isEmpty)
        #expect(p.feed([0x04]).endOfInput)
        _ = p.feed(bytes("x"))
        #expect(!p.feed([0x04]).endOfInput, "Ctrl-D ends the input only on an empty line")
    }
}
