import Testing
@testable import Screen

/// The one decoder of typed characters and escape sequences, as a reader that keeps it between
/// reads sees it (the linear prompt). The sequences of every terminal are tested through the
/// dashboard's `EscapeSequenceDecoder` (TerminalTests), which feeds curses' characters here.
@Suite struct KeyDecoderTests {
    func keys(_ text: String, finish: Bool = true) -> [Key] {
        var d = KeyDecoder()
        var keys = text.unicodeScalars.flatMap { d.feed($0.value) }
        if finish { keys += d.finish() }
        return keys
    }

    @Test func controlCharactersAreKeys() {
        #expect(KeyDecoder.key(typed: 0x0D) == .enter && KeyDecoder.key(typed: 0x0A) == .enter)
        #expect(KeyDecoder.key(typed: 0x09) == .tab)
        #expect(KeyDecoder.key(typed: 0x7F) == .backspace && KeyDecoder.key(typed: 0x08) == .backspace)
        #expect(KeyDecoder.key(typed: 0x01) == .ctrl("a") && KeyDecoder.key(typed: 0x17) == .ctrl("w") && KeyDecoder.key(typed: 0x19) == .ctrl("y"))
        #expect(KeyDecoder.key(typed: 0x00) == .ctrl("@") && KeyDecoder.key(typed: 0x1F) == .ctrl("_"))
        #expect(KeyDecoder.key(typed: 0x9B) == nil, "a C1 control is never text")
        #expect(KeyDecoder.key(typed: 0xD800) == nil, "a surrogate is no character")
        #expect(KeyDecoder.key(typed: 0x738B) == .character("王"))
    }

    @Test func sequencesOfTheLinePromptsKeys() {
        #expect(keys("\u{1B}[D\u{1B}[C\u{1B}OD\u{1B}OC") == [.left, .right, .left, .right])
        #expect(keys("\u{1B}[H\u{1B}[1~\u{1B}OH\u{1B}[F\u{1B}[4~\u{1B}OF") == [.home, .home, .home, .end, .end, .end])
        #expect(keys("\u{1B}[3~\u{1B}[A\u{1B}[B") == [.delete, .up, .down])
    }

    /// Alt with a key comes as ESC and the key: Esc, then the key, for the reader to join.
    @Test func escapeBeforeACharacterIsEscThenIt() {
        #expect(keys("\u{1B}b") == [.escape, .character("b")])
        #expect(keys("\u{1B}\u{7F}") == [.escape, .backspace])
        #expect(keys("\u{1B}\u{1B}[A") == [.escape, .up])
    }

    /// Kept between reads, a sequence cut by a read's end is still one key.
    @Test func aSequenceSplitAcrossReads() {
        var d = KeyDecoder()
        #expect(d.feed(0x1B).isEmpty && d.isInSequence)
        #expect(d.feed(0x5B).isEmpty)
        #expect(d.feed(0x33).isEmpty)
        #expect(d.feed(0x7E) == [.delete] && !d.isInSequence)
        #expect(d.feed(0x1B).isEmpty)
        #expect(d.feed(0x66) == [.escape, .character("f")])
    }

    @Test func interruptAndFinish() {
        var d = KeyDecoder()
        _ = d.feed(0x1B)
        #expect(d.interrupt() == [.escape], "a lone ESC before a decoded key is Esc")
        _ = d.feed(0x1B)
        _ = d.feed(0x5B)
        #expect(d.finish() == [] && !d.isInSequence, "a sequence cut off by the batch's end is dropped")
        #expect(keys("\u{1B}[1;5H") == [], "Ctrl-Home is no key here")
        #expect(keys("\u{1B}[31mx") == [.character("x")], "a colour sequence pasted: dropped, never text")
    }
}
