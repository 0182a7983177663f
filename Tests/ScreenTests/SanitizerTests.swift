import TestSupport
import Testing
@testable import Screen

@Suite struct SanitizerTests {
    /// Nothing a terminal would interpret: C0, DEL, C1, and the bidi controls that reorder text.
    func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { s in
            s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    @Test func escapeSequencesBecomeInertText() {
        #expect(Sanitizer.clean("\u{1B}[31mred\u{1B}[0m") == "␛[31mred␛[0m")  // CSI SGR
        #expect(Sanitizer.clean("\u{1B}]0;pwned\u{07}") == "␛]0;pwned␇")  // OSC set title, BEL
        #expect(Sanitizer.clean("\u{1B}]8;;http://x\u{1B}\\link") == "␛]8;;http://x␛\\link")  // OSC 8 hyperlink, ST
        #expect(Sanitizer.clean("\u{9B}2J") == "\u{FFFD}2J")  // C1 CSI: clears the screen on some terminals
        #expect(Sanitizer.clean("\u{9D}0;x\u{9C}") == "\u{FFFD}0;x\u{FFFD}")  // C1 OSC and ST
        #expect(Sanitizer.clean("a\u{0}b\u{7F}") == "a␀b␡")
        #expect(Sanitizer.clean("line\r\nnext\ttab") == "line␍␊next␉tab")
    }

    @Test func bidiOverridesAreNeutralised() {
        // "Trojan Source": an RLO makes "txt.exe" look like "exe.txt".
        #expect(Sanitizer.clean("abc\u{202E}txt.exe") == "abc\u{FFFD}txt.exe")
        #expect(Sanitizer.clean("\u{2066}x\u{2069}") == "\u{FFFD}x\u{FFFD}")
        #expect(Sanitizer.clean("a\u{2028}b") == "a\u{FFFD}b")
    }

    @Test func noncharactersAndBidiMarksGetOnePlaceholderEach() {
        // Noncharacters cannot be written as literals in Swift source.
        func scalars(_ values: UInt32...) -> String { String(String.UnicodeScalarView(values.map { Unicode.Scalar($0)! })) }
        #expect(Sanitizer.clean("a" + scalars(0xFFFE, 0xFFFF) + "b") == "a\u{FFFD}\u{FFFD}b")
        #expect(Sanitizer.clean(scalars(0xFDD0, 0x1FFFE, 0x10FFFF)) == "\u{FFFD}\u{FFFD}\u{FFFD}")
        #expect(Sanitizer.clean("\u{200E}x\u{200F}\u{061C}") == "\u{FFFD}x\u{FFFD}\u{FFFD}")
        var b = Buffer(width: 3, height: 1)
        b.put(scalars(0xFFFE, 0xFFFF) + "|", x: 0, y: 0)
        #expect(b.line(0) == "\u{FFFD}\u{FFFD}|")
    }

    /// Messages of several lines keep their line feeds; every other control is a placeholder.
    @Test func lineBreaksCanBeKept() {
        let text = "a.yaml:1:1: error: unknown key '\u{1B}]0;x\u{07}'\nb\r\n\u{9B}2J\n"
        #expect(Sanitizer.clean(text, keepingLineBreaks: true) == "a.yaml:1:1: error: unknown key '␛]0;x␇'\nb␍\n\u{FFFD}2J\n")
        #expect(Sanitizer.clean(text) == "a.yaml:1:1: error: unknown key '␛]0;x␇'␊b␍␊\u{FFFD}2J␊")
        #expect(Sanitizer.clean("plain\n", keepingLineBreaks: true) == "plain\n")
    }

    @Test func safeTextIsUntouched() {
        let text = "王伟 Zhāng Wěi 👍🏽 café ┌─┐ ⣿ عربي"
        #expect(Sanitizer.clean(text) == text)
    }

    @Test func cellsNeverHoldControlCharacters() {
        let hostile = "\u{1B}]0;pwned\u{07}\u{9B}31m\u{202E}\u{1B}[2J"
        var b = Buffer(width: 30, height: 1)
        b.put(hostile, x: 0, y: 0)
        #expect(isInert(b.text))
        #expect(b.line(0).hasPrefix("␛]0;pwned␇"))
        for c in hostile { #expect(isInert(Cell(c).text)) }
    }

    @Test func randomStringsAlwaysComeOutInert() {
        var g = SplitMix(seed: 42)
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<12 {
                let pick = g.next() % 6
                let v: UInt32 = switch pick {
                case 0: UInt32(g.next() % 0x20)
                case 1: 0x7F + UInt32(g.next() % 0x21)
                case 2: 0x2020 + UInt32(g.next() % 0x60)
                case 3: 0x300 + UInt32(g.next() % 0x70)
                default: 0x20 + UInt32(g.next() % 0x5F)
                }
                if let u = Unicode.Scalar(v) { s.unicodeScalars.append(u) }
            }
            #expect(isInert(Sanitizer.clean(s)))
            var b = Buffer(width: 20, height: 1)
            b.put(s, x: 0, y: 0)
            #expect(isInert(b.text))
        }
    }
}

