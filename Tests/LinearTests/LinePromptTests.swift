import Dashboard
import Screen
import Testing
@testable import Linear

/// The terminal's command line: readline's editing keys, the kill ring, history and completion,
/// echoed with printable characters, line feeds, backspaces and carriage returns only. Each
/// edit is checked twice: the line it leaves (the cursor drawn as `|`), and the echo, played on
/// a model of a terminal row, shows that line with the terminal's cursor on the line's.
@Suite struct LinePromptTests {
    func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    static let esc = "\u{1B}"

    /// The line with the cursor drawn as `|`.
    func shown(_ p: LinePrompt) -> String { String(p.line.beforeCursor) + "|" + p.text.dropFirst(p.line.cursor) }

    /// A terminal row (no wrapping): printable characters overwrite and move right (two columns
    /// for a wide one), backspace moves left, carriage return to the start, line feed starts a
    /// new row. Any other control character fails the test.
    struct Row {
        var cells: [Character] = []
        var column = 0
        var rows: [String] = []

        mutating func play(_ echo: String) {
            for c in echo {
                switch c {
                case "\u{8}": column = max(0, column - 1)
                case "\r": column = 0
                case "\n", "\r\n":
                    rows.append(text)
                    cells = []
                    column = 0
                default:
                    #expect(!c.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character \(c.unicodeScalars.map(\.value)) in the echo")
                    let w = DisplayWidth.of(c)
                    while cells.count < column + w { cells.append(" ") }
                    cells[column] = c
                    if w == 2 { cells[column + 1] = "\u{0}" }
                    column += w
                }
            }
        }

        var text: String {
            var s = String(cells.filter { $0 != "\u{0}" })
            while s.last == " " { s.removeLast() }
            return s
        }

        /// The row with the cursor drawn as `|` (between columns).
        var shown: String {
            var before = "", after = ""
            var at = 0
            for c in cells where c != "\u{0}" {
                if at < column { before.append(c) } else { after.append(c) }
                at += DisplayWidth.of(c)
            }
            var s = before + "|" + after
            while s.last == " " { s.removeLast() }
            return s
        }
    }

    /// A prompt and a terminal row fed the same keys.
    struct Typist {
        var prompt = LinePrompt()
        var row = Row()
        var entered: [String] = []
        var ended = false

        @discardableResult
        mutating func type(_ text: String, vins: [String] = []) -> String {
            let out = prompt.feed(Array(text.utf8), vins: vins)
            row.play(out.echo)
            entered += out.lines
            ended = ended || out.endOfInput
            return out.echo
        }
    }

    /// Types `keys` after `start`; the line left, and checks the terminal shows it.
    func edit(_ start: String, _ keys: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var t = Typist()
        t.type(start)
        t.type(keys)
        let line = shown(t.prompt)
        #expect(t.row.shown == Self.trimmed(line), "the terminal shows \(t.row.shown), the line is \(line)", sourceLocation: sourceLocation)
        return line
    }

    /// Without the spaces at its end (a terminal row does not tell them from blank cells).
    static func trimmed(_ s: String) -> String {
        var s = s
        while s.last == " " { s.removeLast() }
        return s
    }

    static let left = esc + "[D", right = esc + "[C", up = esc + "[A", down = esc + "[B"

    @Test func typingBackspaceAndEnter() {
        var p = LinePrompt()
        var out = p.feed(bytes("fleet"))
        #expect(out.echo == "fleet" && out.lines.isEmpty)
        out = p.feed([0x7F, 0x08])
        #expect(out.echo == "\u{8} \u{8}\u{8} \u{8}" && p.text == "fle", "DEL and BS are both Backspace")
        out = p.feed(bytes("et\r"))
        #expect(out.echo == "et\n" && out.lines == ["fleet"] && p.text.isEmpty)
        // A character split over two reads, and an escape sequence typed or pasted: not in the line.
        _ = p.feed([0xE2, 0x80])
        out = p.feed([0xA6] + bytes("\u{1B}[31mx"))
        #expect(p.text == "…x" && out.echo == "…x")
        #expect(!out.echo.unicodeScalars.contains("\u{1B}"))
    }

    @Test func movingByCharacter() {
        #expect(edit("rate", Self.left + Self.left) == "ra|te")
        #expect(edit("rate", "\u{2}\u{2}") == "ra|te", "Ctrl-B")
        #expect(edit("rate", Self.left + Self.left + Self.right) == "rat|e")
        #expect(edit("rate", "\u{2}\u{2}\u{6}") == "rat|e", "Ctrl-F")
        #expect(edit("ab", Self.left + Self.left + Self.left) == "|ab", "Left stops at the start")
        #expect(edit("ab", Self.right) == "ab|", "Right stops at the end")
        #expect(edit("rate", Self.esc + "OD" + Self.esc + "OD") == "ra|te", "SS3 arrows")
        var p = LinePrompt()
        _ = p.feed(bytes("rate"))
        #expect(p.feed(bytes(Self.left)).echo == "\u{8}", "a move left is a backspace")
        #expect(p.feed(bytes(Self.right)).echo == "e", "a move right prints the character passed")
    }

    @Test func homeAndEndInEveryForm() {
        for home in [Self.esc + "[H", Self.esc + "[1~", Self.esc + "[7~", Self.esc + "OH", "\u{1}"] {
            #expect(edit("top 10", home) == "|top 10", "\(home.unicodeScalars.map(\.value))")
        }
        for end in [Self.esc + "[F", Self.esc + "[4~", Self.esc + "[8~", Self.esc + "OF", "\u{5}"] {
            #expect(edit("top 10", "\u{1}" + end) == "top 10|", "\(end.unicodeScalars.map(\.value))")
        }
        var p = LinePrompt()
        _ = p.feed(bytes("top 10"))
        #expect(p.feed([0x01]).echo == "\r", "to the start: a carriage return")
        #expect(p.feed([0x05]).echo == "top 10", "to the end: the line printed over itself")
    }

    @Test func movingByWord() {
        #expect(edit("filter class:military", Self.esc + "b") == "filter class:|military", "words are letters and digits")
        #expect(edit("filter class:military", Self.esc + "b" + Self.esc + "b") == "filter |class:military")
        #expect(edit("filter class:military", "\u{1}" + Self.esc + "f") == "filter| class:military")
        #expect(edit("filter class:military", "\u{1}" + Self.esc + "f" + Self.esc + "f") == "filter class|:military")
        #expect(edit("a b", "\u{1}" + Self.esc + "f" + Self.esc + "f" + Self.esc + "f") == "a b|")
        // Esc, then the letter in a later read: still Alt with it.
        var t = Typist()
        t.type("go to 2h")
        t.type(Self.esc)
        t.type("b")
        #expect(shown(t.prompt) == "go to |2h" && t.row.shown == "go to |2h")
    }

    @Test func insertingInTheMiddle() {
        var p = LinePrompt()
        _ = p.feed(bytes("tp 10\u{1}\u{6}"))
        let out = p.feed(bytes("o"))
        #expect(p.text == "top 10")
        #expect(out.echo == "op 10\u{8}\u{8}\u{8}\u{8}", "the rest of the line printed again, and back to the cursor")
        #expect(edit("王伟", Self.left + "x") == "王x|伟", "a wide character takes two backspaces")
    }

    @Test func deletingUnderAndBeforeTheCursor() {
        #expect(edit("abc", Self.left + "\u{7F}") == "a|c")
        #expect(edit("abc", "\u{1}\u{7F}") == "|abc", "Backspace at the start does nothing")
        #expect(edit("abc", "\u{1}" + Self.esc + "[3~") == "|bc", "Delete")
        #expect(edit("abc", Self.esc + "[3~") == "abc|", "Delete at the end does nothing")
        #expect(edit("abc", "\u{1}\u{4}") == "|bc", "Ctrl-D deletes under the cursor")
        var p = LinePrompt()
        _ = p.feed(bytes("abcd\u{1}\u{6}"))
        #expect(p.feed(bytes(Self.esc + "[3~")).echo == "cd \u{8}\u{8}\u{8}", "the rest, a space over the last column, back")
    }

    @Test func ctrlDEndsTheInputOnlyOnAnEmptyLine() {
        var t = Typist()
        t.type("x\u{4}")
        #expect(!t.ended, "Ctrl-D ends the input only on an empty line")
        t.type("\u{7F}\u{4}")
        #expect(t.ended)
        var p = LinePrompt()
        _ = p.feed(bytes("x\u{1}"))
        #expect(!p.feed([0x04]).endOfInput && p.text.isEmpty, "on a character it deletes it")
        #expect(p.feed(bytes(Self.esc + "[3~")).endOfInput == false, "Delete never ends the input")
    }

    @Test func killsAndYanks() {
        #expect(edit("top 10 by rate", Self.left + Self.left + "\u{B}") == "top 10 by ra|", "Ctrl-K")
        #expect(edit("top 10 by rate", Self.esc + "b\u{15}") == "|rate", "Ctrl-U")
        #expect(edit("top 10 by rate", "\u{17}") == "top 10 by |", "Ctrl-W")
        #expect(edit("filter class:military", "\u{17}") == "filter |", "Ctrl-W: words end at whitespace")
        #expect(edit("filter class:military", Self.esc + "\u{7F}") == "filter class:|", "Alt-Backspace: letters and digits")
        #expect(edit("filter class:military", "\u{1}" + Self.esc + "d") == "| class:military", "Alt-D")
        #expect(edit("top 10 by rate", "\u{17}\u{1}\u{19}") == "rate|top 10 by ", "Ctrl-Y yanks the kill at the cursor")
        #expect(edit("top 10 by rate", "\u{17}\u{17}\u{5}\u{19}") == "top 10 by rate|", "two Ctrl-W are one kill, in order")
        #expect(edit("ab cd", "\u{1}\u{B}\u{19}\u{19}") == "ab cdab cd|", "a yank is kept: yanked twice")
        #expect(edit("", "\u{19}") == "|", "nothing to yank")
        // Alt-Y after a yank: the kill before it, in its place.
        var t = Typist()
        t.type("one\u{17}two\u{17}\u{19}")
        #expect(shown(t.prompt) == "two|")
        t.type(Self.esc + "y")
        #expect(shown(t.prompt) == "one|" && t.row.shown == "one|")
        t.type(Self.esc + "y")
        #expect(shown(t.prompt) == "two|", "round the ring")
        #expect(t.prompt.kills.entries == ["one", "two"])
        t.type("x" + Self.esc + "y")
        #expect(shown(t.prompt) == "twox|", "Alt-Y only right after a yank")
    }

    @Test func ctrlUEchoesACarriageReturn() {
        var p = LinePrompt()
        _ = p.feed(bytes("top 10"))
        #expect(p.feed([0x15]).echo == "\r      \r", "to the start, spaces over the line, back to the start")
    }

    @Test func transposing() {
        #expect(edit("abc", Self.left + "\u{14}") == "acb|", "Ctrl-T swaps the characters at the cursor and moves on")
        #expect(edit("abc", "\u{14}") == "acb|", "at the end, the two before it")
        #expect(edit("abc", "\u{1}\u{14}") == "|abc", "at the start, nothing")
    }

    @Test func historyWithUpAndDown() {
        var t = Typist()
        t.type("fleet\ralerts\rto")
        var echo = t.type(Self.up)
        #expect(t.prompt.text == "alerts" && echo == "\ralerts")
        #expect(t.row.shown == "alerts|")
        echo = t.type(Self.up)
        #expect(t.prompt.text == "fleet" && echo == "\rfleet \u{8}")
        #expect(t.row.shown == "fleet|")
        t.type(Self.down + Self.down)
        #expect(t.prompt.text == "to" && t.row.shown == "to|", "Down past the newest entry brings back what was typed")
        t.type("\u{10}")
        #expect(t.prompt.text == "alerts", "Ctrl-P")
        t.type("\u{E}")
        #expect(t.prompt.text == "to", "Ctrl-N")
        #expect(t.entered == ["fleet", "alerts"])
    }

    @Test func tabCompletes() {
        var p = LinePrompt()
        var out = p.feed(bytes("qu\t"))
        #expect(p.text == "quit " && out.echo == "quit ", "qu typed, it completed")
        p = LinePrompt()
        out = p.feed(bytes("car LRW\t"), vins: ["LRW0000000000407", "LRW0000000000512"])
        #expect(p.text == "car LRW0000000000")
        out = p.feed(bytes("\t"), vins: ["LRW0000000000407", "LRW0000000000512"])
        #expect(out.echo == "\nCompletions: LRW0000000000407, LRW0000000000512.\ncar LRW0000000000")
        // With the cursor inside the line: to its end first, so the line stays whole above.
        var t = Typist()
        t.type("car LRW\t", vins: ["LRW0000000000407", "LRW0000000000512"])
        t.type(Self.left + Self.left + "\t", vins: ["LRW0000000000407", "LRW0000000000512"])
        #expect(t.row.rows == ["car LRW0000000000", "Completions: LRW0000000000407, LRW0000000000512."])
        #expect(t.row.shown == "car LRW0000000000|" && shown(t.prompt) == "car LRW0000000000|")
    }

    @Test func theLineTypedAgainAfterWhatWasSaid() {
        var p = LinePrompt()
        _ = p.feed(bytes("top 10" + Self.left + Self.left))
        var row = Row()
        row.play(p.redrawn)
        #expect(row.shown == "top |10")
        #expect(p.redrawn == "top 10\u{8}\u{8}")
    }

    /// Random keys: the terminal row always shows the line and its cursor; the echo holds no
    /// escape and no control character but BS, CR and LF.
    @Test func randomEditingKeepsTheTerminalInStep() {
        let keys = ["a", "b", " ", ":", "王", Self.left, Self.right, "\u{1}", "\u{5}", Self.esc + "b", Self.esc + "f", "\u{7F}",
                    Self.esc + "[3~", "\u{B}", "\u{15}", "\u{17}", "\u{19}", Self.esc + "y", "\u{14}", Self.esc + "d", Self.esc + "\u{7F}",
                    Self.esc + "[H", Self.esc + "[4~"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<200 {
            var t = Typist()
            for _ in 0..<30 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let echo = t.type(keys[Int(seed >> 33) % keys.count])
                #expect(!echo.unicodeScalars.contains { $0.value == 0x1B })
                let line = shown(t.prompt)
                #expect(t.row.shown == Self.trimmed(line), "typed into \(line)")
                #expect(t.row.text == Self.trimmed(t.prompt.text))
            }
        }
    }
}
