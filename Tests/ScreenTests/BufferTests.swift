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
}
