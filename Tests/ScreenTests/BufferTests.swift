import Testing
@testable import Screen

@Suite struct BufferTests {
    @Test func wideCharactersTakeTwoColumns() {
        var b = Buffer(width: 8, height: 1)
        let n = b.put("王伟ab", x: 0, y: 0)
        #expect(n == 6)
        #expect(b.line(0) == "王伟ab  ")
        #expect(b[1, 0].isContinuation)
    }

    @Test func aWideCharacterThatDoesNotFitIsNotSplit() {
        var b = Buffer(width: 3, height: 1)
        b.put("a王伟", x: 0, y: 0)
        #expect(b.line(0) == "a王")
        var c = Buffer(width: 4, height: 1)
        c.put("王伟", x: 0, y: 0, maxWidth: 3)
        #expect(c.line(0) == "王  ")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = Buffer(width: 4, height: 1)
        b.put("王伟", x: 0, y: 0)
        b.put("x", x: 1, y: 0)
        #expect(b.line(0) == " x伟")
    }

    @Test func controlCharactersBecomeVisiblePlaceholders() {
        var b = Buffer(width: 12, height: 1)
        b.put("a\u{1B}[31mb\u{07}", x: 0, y: 0)
        #expect(b.line(0) == "a␛[31mb␇    ")
        #expect(!b.text.unicodeScalars.contains { $0.value < 0x20 })
    }

    @Test func combiningMarksStayInTheirCell() {
        var b = Buffer(width: 4, height: 1)
        #expect(b.put("e\u{301}x", x: 0, y: 0) == 2)
        #expect(b[0, 0].text == "e\u{301}")
        #expect(DisplayWidth.of("👍") == 2)
        #expect(DisplayWidth.of("Zhāng Wěi") == 9)
    }

    @Test func runsKeepWideGraphemesWholeAndCoverTheRow() {
        var b = Buffer(width: 6, height: 1)
        let red = Style(foreground: .ansi(1))
        b.put("a", x: 0, y: 0, style: red)
        b.put("王", x: 1, y: 0, style: red)
        b.put("b", x: 3, y: 0)
        #expect(b.runs(inRow: 0) == [
            StyleRun(y: 0, x: 0, columns: 3, style: red, text: "a王"),
            StyleRun(y: 0, x: 3, columns: 3, style: .plain, text: "b  "),
        ])
        #expect(Buffer(lines: ["王a", "bc"]).lines == ["王a", "bc "])
    }

    @Test func equalBuffersCompareEqualAndDifferentStylesDoNot() {
        var a = Buffer(width: 3, height: 1), b = Buffer(width: 3, height: 1)
        a.put("x", x: 0, y: 0)
        b.put("x", x: 0, y: 0)
        #expect(a == b)
        b.put("x", x: 0, y: 0, style: Style(attributes: .bold))
        #expect(a != b)
        #expect(a.lines == b.lines)
    }
}
