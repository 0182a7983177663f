import Testing
@testable import Screen

/// The one policy for what a grapheme cluster becomes on screen (`Grapheme.drawn`), and that
/// measuring, cells and every row agree with it.
@Suite struct GraphemeTests {
    static let cases: [(String, String, Int, String)] = [
        // text, drawn, columns, what
        ("A", "A", 1, "ASCII as it is"),
        ("王", "王", 2, "CJK as it is"),
        ("e\u{301}", "e\u{301}", 1, "a combining accent stays on its letter"),
        ("👨\u{200D}👩\u{200D}👧", "👨", 2, "a ZWJ family is its first emoji"),
        ("👩🏽\u{200D}🚀", "👩", 2, "a ZWJ sequence with a skin tone: the first emoji without it"),
        ("🏳\u{FE0F}\u{200D}🌈", "🏳", 1, "the rainbow flag: the white flag, text presentation"),
        ("👍🏽", "👍", 2, "a skin-tone modifier is dropped"),
        ("❤\u{FE0F}", "❤", 1, "VS16 is dropped: ❤ is 1 column everywhere"),
        ("☺\u{FE0E}", "☺", 1, "VS15 is dropped"),
        ("1\u{FE0F}\u{20E3}", "1\u{20E3}", 1, "a keycap keeps its enclosing mark"),
        ("🇨🇳", "CN", 2, "a flag is its two letters"),
        ("🇺", "U", 1, "a lone regional indicator is its letter"),
        ("🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}", "🏴", 2, "tag characters are dropped"),
        ("\u{301}", " \u{301}", 1, "a lone combining mark is drawn on a space"),
        ("\u{200D}", "", 0, "a lone ZWJ is not drawn"),
        ("\u{FE0F}", "", 0, "a lone variation selector is not drawn"),
        ("\u{1B}", "␛", 1, "a control character is its placeholder"),
    ]

    @Test(arguments: cases)
    func drawnForm(_ text: String, _ drawn: String, _ columns: Int, _ what: String) {
        let c = Character(text)
        #expect((Grapheme.drawn(c) ?? text) == drawn, "\(what)")
        #expect(DisplayWidth.of(c) == columns, "\(what)")
        var buffer = Buffer(width: 6, height: 1)
        let written = buffer.put(text + "|", x: 0, y: 0)
        #expect(written == columns + 1, "\(what): the row advanced as measured")
        #expect(buffer[columns, 0].text == "|", "\(what): the next character lands where it was laid out")
        #expect(buffer.line(0).hasPrefix(drawn + "|"), "\(what): \(buffer.line(0))")
    }

    /// What reaches a cell never holds a ZWJ, a variation selector, a skin tone or a second
    /// spacing character: each is one base and its zero-width marks, 1 or 2 columns.
    @Test func cellsHoldOneSpacingCharacterAndItsMarks() {
        let names = "👨‍👩‍👧 王伟 🇨🇳 José́ 👍🏿 ❤️ 1️⃣ 🏴‍☠️ ạ̈ Zhang 🧑🏽‍💻"
        var buffer = Buffer(width: 60, height: 1)
        let written = buffer.put(names, x: 0, y: 0)
        #expect(written == DisplayWidth.of(names))
        for x in 0..<buffer.width where !buffer[x, 0].isContinuation {
            let scalars = buffer[x, 0].text.unicodeScalars
            #expect(scalars.dropFirst().allSatisfy { DisplayWidth.of($0) == 0 && $0.value != 0x200D && !(0xFE00...0xFE0F).contains($0.value) },
                    "cell \(x): \(scalars.map { String($0.value, radix: 16) })")
            #expect(Int(buffer[x, 0].width) == DisplayWidth.of(scalars.first!), "cell \(x)")
        }
    }

    @Test func truncationAndPaddingUseTheDrawnWidth() {
        #expect(DisplayWidth.pad("👨‍👩‍👧ab", toWidth: 5) == "👨‍👩‍👧ab ")
        #expect(DisplayWidth.truncate("🇨🇳🇺🇸", toWidth: 3) == "🇨🇳…")
        var buffer = Buffer(width: 8, height: 1)
        buffer.put(Line("🇨🇳🇺🇸🇫🇷"), x: 0, y: 0, width: 5)
        #expect(buffer.line(0) == "CNUS…   ")
    }
}
