import TestSupport
import Testing
@testable import Screen

/// Renders `widget` into a fresh `width`×`height` buffer.
func draw<W: Widget>(_ widget: W, _ width: Int, _ height: Int) -> Buffer {
    var b = Buffer(width: width, height: height)
    b.render(widget, in: b.area)
    return b
}

@Suite struct SparklineTests {
    @Test func levelsFromZeroToMax() {
        let b = draw(Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]), 9, 1)
        #expect(b.lines == [" ▁▂▃▄▅▆▇█"])
    }

    @Test func newestValuesAtTheRightEdge() {
        #expect(draw(Sparkline([8, 8, 4, 8], max: 8), 3, 1).lines == ["█▄█"])
        #expect(draw(Sparkline([4, 8], max: 8), 5, 1).lines == ["   ▄█"])
    }

    @Test func aTrickleIsNeverDrawnAsSilenceAndOverflowIsCapped() {
        #expect(draw(Sparkline([0.001, 100, 50], max: 8), 3, 1).lines == ["▁██"])
        #expect(draw(Sparkline([.nan, -3, .infinity], max: 8), 3, 1).lines == ["   "])
    }

    @Test func tallSparklinesStackLevels() {
        #expect(draw(Sparkline([16, 12, 4, 0], max: 16), 4, 2).lines == ["█▄  ", "██▄ "])
    }

    @Test func asciiLevels() {
        let b = draw(Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], glyphs: .ascii), 9, 1)
        #expect(b.lines == [" __..-=^#"])
    }
}

@Suite struct GaugeTests {
    @Test func fractionalBlocks() {
        #expect(draw(Gauge(ratio: 0.5), 8, 1).lines == ["████    "])
        #expect(draw(Gauge(ratio: 0.55), 8, 1).lines == ["████▍   "])  // 35.2 eighths -> 35
        #expect(draw(Gauge(ratio: 1.7), 4, 1).lines == ["████"])
        #expect(draw(Gauge(ratio: .nan), 4, 1).lines == ["    "])
    }

    @Test func labelAtTheRightEnd() {
        let b = draw(Gauge(ratio: 0.42, label: "42%", glyphs: .ascii), 12, 1)
        #expect(b.lines == ["###..... 42%"])  // 8 columns: 26.9 eighths -> 3 full + 3/8, under half
        #expect(draw(Gauge(ratio: 0.45, glyphs: .ascii), 8, 1).lines == ["###=...."])  // 28.8 -> 3 full + 5/8
    }

    @Test func styles() {
        let fill = Style(foreground: .ansi(2)), track = Style(foreground: .ansi(8))
        let b = draw(Gauge(ratio: 0.5, filledStyle: fill, trackStyle: track), 4, 1)
        #expect(b.runs(inRow: 0).map(\.style) == [fill, track])
    }
}

@Suite struct StackedBarTests {
    @Test func sharesAddUpToTheWidth() {
        let bar = StackedBar([.init(60), .init(30), .init(10)])
        #expect(bar.columns(width: 10) == [6, 3, 1])
        #expect(bar.columns(width: 7) == [4, 2, 1])  // 4.2, 2.1, 0.7 by largest remainder
        #expect(draw(bar, 10, 1).lines == ["██████▓▓▓▒"])
    }

    @Test func aTotalLeavesATrack() {
        let bar = StackedBar([.init(2, symbol: "c"), .init(3, symbol: "u")], total: 10, glyphs: .ascii)
        #expect(draw(bar, 10, 1).lines == ["ccuuu....."])
    }

    @Test func emptyAndZeroBars() {
        #expect(draw(StackedBar([]), 4, 1).lines == ["    "])
        #expect(draw(StackedBar([.init(0), .init(.nan)]), 4, 1).lines == ["    "])
    }
}

@Suite struct BlockTests {
    @Test func borderAndTitle() {
        let b = draw(Block(title: "Cars"), 10, 3)
        #expect(b.lines == ["┌ Cars ──┐", "│        │", "└────────┘"])
        #expect(Block().inner(b.area) == Rect(x: 1, y: 1, width: 8, height: 1))
    }

    @Test func longTitlesAreCutWithAnEllipsis() {
        let b = draw(Block(title: "王伟 Zhang Wei", border: .rounded), 10, 2)
        #expect(b.lines == ["╭ 王伟 … ╮", "╰────────╯"])  // 6 columns of room: 王伟, a blank, …
    }

    @Test func focusedBlocksAreHeavyInBothGlyphSets() {
        let theme = Theme.dark
        let u = draw(Block(title: "Map", focused: true, theme: theme, glyphs: .unicode), 9, 2)
        #expect(u.lines == ["┏ Map ━━┓", "┗━━━━━━━┛"])
        #expect(u[0, 0].style == theme.borderFocused)
        #expect(u[2, 0].style == theme.title)
        let a = draw(Block(title: "Map", focused: true, theme: theme, glyphs: .ascii), 9, 2)
        #expect(a.lines == ["+ Map ==+", "+=======+"])
        let plain = draw(Block(title: "Map", theme: theme, glyphs: .ascii), 9, 2)
        #expect(plain.lines == [". Map --.", "'-------'"])
    }

    @Test func centredTitle() {
        let b = draw(Block(title: Line("ab", alignment: .center)), 10, 2)
        #expect(b.lines == ["┌── ab ──┐", "└────────┘"])
    }
}

@Suite struct ParagraphTests {
    @Test func alignmentAndEllipsis() {
        let p = Paragraph([Line("left"), Line("right", alignment: .right), Line("center", alignment: .center), "far too long for it"])
        #expect(draw(p, 10, 4).lines == ["left      ", "     right", "  center  ", "far too l…"])
    }

    @Test func styledSpansKeepTheirStyles() {
        let red = Style(foreground: .ansi(1))
        let p = Paragraph([Line([Span("ok "), Span("ALERT", style: red)])])
        let b = draw(p, 10, 1)
        #expect(b.lines == ["ok ALERT  "])
        #expect(b.runs(inRow: 0).map { [$0.x, $0.columns] } == [[0, 3], [3, 5], [8, 2]])
        #expect(b[3, 0].style == red)
    }

    @Test func wideCombiningAndEmojiKeepColumnsAligned() {
        let p = Paragraph(["|王伟|", "|ab|", "|e\u{301}é|", "|👍🏽x|", "|🇨🇳|"])
        let b = draw(p, 6, 5)
        // Every row's closing bar sits where the display width says, whatever the bytes.
        #expect(b[5, 0].text == "|")
        #expect(b[3, 1].text == "|")
        #expect(b[3, 2].text == "|")
        #expect(b[4, 3].text == "|")
        #expect(b[3, 4].text == "|")
        // As drawn (Grapheme.drawn): the skin tone dropped, the flag as its two letters.
        #expect(b.lines == ["|王伟|", "|ab|  ", "|e\u{301}é|  ", "|👍x| ", "|CN|  "])
    }

    @Test func cutsNeverSplitAWideCharacter() {
        #expect(draw(Paragraph("王伟王伟"), 6, 1).lines == ["王伟… "])
        #expect(draw(Paragraph("ab王", ellipsis: "~"), 3, 1).lines == ["ab~"])
    }

    @Test func scroll() {
        #expect(draw(Paragraph(["a", "b", "c"], scroll: 1), 1, 3).lines == ["b", "c", " "])
    }
}

@Suite struct WrapTests {
    func texts(_ lines: [Line]) -> [String] { lines.map(\.plainText) }

    @Test func breaksAtBlanks() {
        #expect(texts(Line("the car sent 1.2 MB to Shanghai").wrapped(toWidth: 10)) == ["the car", "sent 1.2", "MB to", "Shanghai"])
        #expect(texts(Line("short").wrapped(toWidth: 10)) == ["short"])
        #expect(texts(Line("").wrapped(toWidth: 10)) == [""])
    }

    @Test func splitsOnlyWordsWiderThanTheLine() {
        #expect(texts(Line("ab averyveryverylongword").wrapped(toWidth: 8)) == ["ab avery", "veryvery", "longword"])
        #expect(texts(Line("王伟王伟王伟 ok").wrapped(toWidth: 5)) == ["王伟", "王伟", "王伟", "ok"])
    }

    @Test func keepsStyles() {
        let red = Style(foreground: .ansi(1))
        let lines = Line([Span("alert: "), Span("restricted driver", style: red)]).wrapped(toWidth: 12)
        #expect(texts(lines) == ["alert:", "restricted", "driver"])
        #expect(lines[1].spans == [Span("restricted", style: red)])
    }

    @Test func wrappingParagraph() {
        let p = Paragraph([Line("data left the car for Beijing")], wrap: true)
        #expect(draw(p, 12, 3).lines == ["data left   ", "the car for ", "Beijing     "])
    }

    @Test func wrappedLinesNeverExceedTheWidth() {
        var g = SplitMix(seed: 5)
        let pieces = ["王伟", "a", "bb", " ", "  ", "ccccccccccc", "e\u{301}", "👍"]
        for _ in 0..<300 {
            let text = (0..<Int(g.next() % 12)).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            let width = Int(2 + g.next() % 10)
            let lines = Line(text).wrapped(toWidth: width)
            #expect(lines.allSatisfy { $0.width <= width }, "\(text) at \(width)")
            #expect(lines.map(\.plainText).joined().filter { $0 != " " } == text.filter { $0 != " " })
        }
    }
}
