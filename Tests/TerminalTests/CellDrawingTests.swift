import Screen
import Testing
@testable import Terminal

@Suite("CellDrawing")
struct CellDrawingTests {
    let red = Style(foreground: .ansi(1))

    @Test func theBottomRightCellIsNeverWritten() {
        var b = Buffer(width: 3, height: 2)
        b.put("abc", x: 0, y: 1)
        let screen = TerminalSize(width: 3, height: 2)
        #expect(CellDrawing.of(b, x: 1, y: 1, screen: screen) == .cell(Cell("b")))
        #expect(CellDrawing.of(b, x: 2, y: 1, screen: screen) == .skip)
        #expect(CellDrawing.of(b, x: 0, y: 0, screen: TerminalSize(width: 1, height: 1)) == .skip)
    }

    @Test func aWideCharacterEndingOnTheBottomRightBecomesABlank() {
        var b = Buffer(width: 3, height: 1)
        b.put("a王", x: 0, y: 0, style: red)
        let screen = TerminalSize(width: 3, height: 1)
        #expect(CellDrawing.of(b, x: 1, y: 0, screen: screen) == .blank(red))
        #expect(CellDrawing.of(b, x: 1, y: 0, screen: TerminalSize(width: 3, height: 2)) == .cell(Cell("王", style: red)))
    }

    @Test func cellsOffAScreenSmallerThanTheBufferAreClipped() {
        var b = Buffer(width: 4, height: 2)
        b.put("ab王", x: 0, y: 0, style: red)
        let screen = TerminalSize(width: 3, height: 5)
        #expect(CellDrawing.of(b, x: 2, y: 0, screen: screen) == .blank(red))  // its right half is off screen
        #expect(CellDrawing.of(b, x: 3, y: 0, screen: screen) == .skip)
        #expect(CellDrawing.of(b, x: 0, y: 2, screen: screen) == .skip)
        #expect(CellDrawing.of(b, x: -1, y: 0, screen: screen) == .skip)
    }

    @Test func rightHalvesAreSkippedAndOrphansBlanked() {
        var b = Buffer(width: 3, height: 2)
        b.put("王", x: 0, y: 0)
        b[2, 0] = .continuation(style: red)  // an orphan right half
        let screen = TerminalSize(width: 3, height: 2)
        #expect(CellDrawing.of(b, x: 1, y: 0, screen: screen) == .skip)
        #expect(CellDrawing.of(b, x: 2, y: 0, screen: screen) == .blank(red))
    }
}
