import Screen
import Testing
@testable import Terminal

/// Sequences curses passes through as characters become one key or nothing, never Esc.
@Suite("EscapeSequenceDecoder")
struct EscapeSequenceDecoderTests {
    let size = TerminalSize(width: 80, height: 24)

    /// The events of one batch of raw input, as `TerminalSession.nextEvents` decodes it.
    func decode(_ raw: [RawInput]) -> [InputEvent] {
        var decoder = EscapeSequenceDecoder()
        var events: [InputEvent] = []
        for r in raw { events += decoder.feed(r, size: size) }
        return events + decoder.finish()
    }

    func decode(_ text: String) -> [InputEvent] {
        decode(text.unicodeScalars.map { RawInput.character($0.value) })
    }

    static let sequences: [(String, Key)] = [
        // tmux and screen (what tmux sends whatever TERM the pane has), VT220, rxvt, xterm.
        ("\u{1B}[1~", .home), ("\u{1B}[4~", .end), ("\u{1B}[7~", .home), ("\u{1B}[8~", .end),
        ("\u{1B}[H", .home), ("\u{1B}[F", .end), ("\u{1B}OH", .home), ("\u{1B}OF", .end), ("\u{1B}[1;1H", .home),
        ("\u{1B}[5~", .pageUp), ("\u{1B}[6~", .pageDown), ("\u{1B}[2~", .insert), ("\u{1B}[3~", .delete),
        ("\u{1B}[A", .up), ("\u{1B}[B", .down), ("\u{1B}[C", .right), ("\u{1B}[D", .left),
        ("\u{1B}OA", .up), ("\u{1B}OB", .down), ("\u{1B}OC", .right), ("\u{1B}OD", .left), ("\u{1B}OM", .enter),
        ("\u{1B}[Z", .backTab),
        ("\u{1B}OP", .function(1)), ("\u{1B}OQ", .function(2)), ("\u{1B}OR", .function(3)), ("\u{1B}OS", .function(4)),
        ("\u{1B}[11~", .function(1)), ("\u{1B}[14~", .function(4)), ("\u{1B}[15~", .function(5)),
        ("\u{1B}[17~", .function(6)), ("\u{1B}[21~", .function(10)), ("\u{1B}[23~", .function(11)), ("\u{1B}[24~", .function(12)),
    ]

    @Test(arguments: sequences)
    func aKnownSequenceIsItsKey(_ text: String, _ key: Key) {
        #expect(decode(text) == [.key(key)])
        // Between typed characters, too: nothing of the sequence leaks out as text.
        #expect(decode("x" + text + "y") == [.key(.character("x")), .key(key), .key(.character("y"))])
    }

    static let unknown: [String] = [
        "\u{1B}[1;5H", "\u{1B}[5;3~", "\u{1B}[1;2P", "\u{1B}[99~", "\u{1B}[0~", "\u{1B}[<0;3;4M", "\u{1B}[?1;2c",
        "\u{1B}[I", "\u{1B}[O", "\u{1B}[2Z", "\u{1B}[1;2;3~", "\u{1B}OX", "\u{1B}[200~",
        "\u{1B}[" + String(repeating: "1", count: 40) + "~",
    ]

    /// A sequence the dashboard has no key for (Ctrl-Home, mouse or focus reports, F13…) is
    /// dropped: it must never act as Esc, nor type its bytes.
    @Test(arguments: unknown)
    func anUnknownSequenceIsNothing(_ text: String) {
        #expect(decode(text) == [])
        #expect(decode(text + "q") == [.key(.character("q"))])
    }

    @Test func aLoneEscIsEsc() {
        #expect(decode("\u{1B}") == [.key(.escape)])
        #expect(decode("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
        #expect(decode("\u{1B}\u{1B}[1~") == [.key(.escape), .key(.home)])
        // Esc typed just before a key in the same frame: both keys.
        #expect(decode("\u{1B}/") == [.key(.escape), .key(.character("/"))])
        #expect(decode("\u{1B}\r") == [.key(.escape), .key(.enter)])
    }

    @Test func aSequenceCutOffIsDroppedAndTheNextKeyStillCounts() {
        #expect(decode("\u{1B}[1") == [], "cut off by the end of the batch")
        #expect(decode("\u{1B}O") == [])
        #expect(decode([.character(0x1B), .character(0x5B), .keyCode(0o403)]) == [.key(.up)], "cut off by a curses key")
        #expect(decode([.character(0x1B), .character(0x5B), .character(0x31), .character(0x0D)]) == [.key(.enter)])
        #expect(decode([.character(0x1B), .keyCode(0o406)]) == [.key(.escape), .key(.home)])
        #expect(decode([.character(0x1B), .character(0x5B), .character(0x738B)]) == [.key(.character("王"))])
    }

    @Test func theDecoderStartsFreshAfterABatch() {
        var decoder = EscapeSequenceDecoder()
        #expect(decoder.feed(.character(0x1B), size: size).isEmpty)
        #expect(decoder.feed(.character(0x5B), size: size).isEmpty)
        #expect(decoder.finish() == [])
        #expect(decoder.feed(.character(0x7E), size: size) == [.key(.character("~"))])
    }
}
