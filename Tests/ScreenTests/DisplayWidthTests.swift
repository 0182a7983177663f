import Testing
@testable import Screen

@Suite struct DisplayWidthTests {
    @Test func agreesWithPythonWcwidthOnSampledCodePoints() {
        var disagreements: [String] = []
        for (cp, expected) in wcwidthSamples {
            guard let scalar = Unicode.Scalar(cp) else { continue }
            let got = DisplayWidth.of(scalar)
            if got != expected { disagreements.append("U+\(String(cp, radix: 16, uppercase: true)): wcwidth \(expected), ours \(got)") }
        }
        #expect(wcwidthSamples.count > 300)
        #expect(disagreements == [])
    }

    @Test func tablesAreSortedAndDisjoint() {
        for table in [DisplayWidth.zeroWidthRanges, DisplayWidth.wideRanges] {
            for (a, b) in zip(table, table.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
        }
    }

    @Test func graphemeClusters() {
        #expect(DisplayWidth.of("王伟") == 4)
        #expect(DisplayWidth.of("e\u{301}") == 1)  // é composed of e + combining acute
        // Emoji sequences are measured as drawn (Grapheme.drawn, GraphemeTests).
        #expect(DisplayWidth.of("❤\u{FE0F}") == 1)  // the variation selector is dropped: ❤ is 1 column
        #expect(DisplayWidth.of("👍🏽") == 2)  // the skin tone is dropped
        #expect(DisplayWidth.of("👨‍👩‍👧") == 2)  // ZWJ family: its first emoji
        #expect(DisplayWidth.of("🇨🇳") == 2)  // a flag: its two letters
        #expect(DisplayWidth.of("\u{301}") == 1)  // a lone combining mark, drawn on a space
        #expect(DisplayWidth.of("Ｔｅｓｌａ") == 10)  // fullwidth Latin
        #expect(DisplayWidth.of("┌─┐⣿▉") == 5)
    }

    @Test func truncationCutsAtDisplayWidthWithAnEllipsis() {
        #expect(DisplayWidth.truncate("Zhang Wei", toWidth: 9) == "Zhang Wei")
        #expect(DisplayWidth.truncate("Zhang Wei", toWidth: 6) == "Zhang…")
        #expect(DisplayWidth.truncate("王伟王伟", toWidth: 5) == "王伟…")
        #expect(DisplayWidth.truncate("王伟王伟", toWidth: 4) == "王…")  // 王伟 fits in 4 but leaves no room for …
        #expect(DisplayWidth.truncate("abc", toWidth: 1) == "…")
        #expect(DisplayWidth.truncate("abc", toWidth: 2, ellipsis: "...") == "ab")  // ellipsis too wide: cut bare
        #expect(DisplayWidth.truncate("abc", toWidth: 0) == "")
        #expect(DisplayWidth.truncate("cafe\u{301}s", toWidth: 4) == "caf…")
    }

    @Test func padding() {
        #expect(DisplayWidth.pad("王", toWidth: 4) == "王  ")
        #expect(DisplayWidth.pad("王", toWidth: 4, alignment: .right) == "  王")
        #expect(DisplayWidth.pad("ab", toWidth: 5, alignment: .center) == " ab  ")
        #expect(DisplayWidth.pad("abcdef", toWidth: 4) == "abc…")
    }
}
