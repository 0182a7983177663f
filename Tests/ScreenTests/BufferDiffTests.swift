import Testing
@testable import Screen

/// `BufferDiff` alone: which runs two buffers give. Applying them to a terminal's screen is
/// tested with the terminal's cell drawing in TerminalTests.
@Suite("BufferDiff")
struct BufferDiffTests {
    func buffer(_ rows: [String], width: Int? = nil, style: Style = .plain) -> Buffer {
        let w = width ?? rows.map { DisplayWidth.of($0) }.max() ?? 0
        var b = Buffer(width: w, height: rows.count)
        for (y, row) in rows.enumerated() { b.put(row, x: 0, y: y, style: style) }
        return b
    }

    func runs(_ old: Buffer?, _ new: Buffer) -> [String] {
        BufferDiff(from: old, to: new).map { "\($0.y):\($0.x)..<\($0.endX)" }
    }

    @Test func identicalBuffersHaveNoRuns() {
        let b = buffer(["hello", "王伟 ok"])
        #expect(runs(b, b) == [])
    }

    @Test func changedCellsMakeRunsAndAdjacentOnesMerge() {
        #expect(runs(buffer(["abcdefg"]), buffer(["aXcdeYZ"])) == ["0:1..<2", "0:5..<7"])
        #expect(runs(buffer(["abc", "def"]), buffer(["abc", "dXX"])) == ["1:1..<3"])
    }

    @Test func aStyleChangeAloneIsAChange() {
        let old = buffer(["ab"])
        var new = old
        new.setStyle(Rect(x: 1, y: 0, width: 1, height: 1)) { $0.adding(.bold) }
        #expect(runs(old, new) == ["0:1..<2"])
    }

    @Test func aWideCharacterReplacingTwoNarrowOnesIsOneRun() {
        #expect(runs(buffer(["abc"]), buffer(["王c"])) == ["0:0..<2"])
    }

    @Test func twoNarrowCharactersReplacingAWideOneAreRewritten() {
        #expect(runs(buffer(["王c"]), buffer(["abc"])) == ["0:0..<2"])
    }

    @Test func aWideCharacterReplacingAnotherLeavesNeighboursAlone() {
        #expect(runs(buffer(["x王y"]), buffer(["x伟y"])) == ["0:1..<3"])
    }

    @Test func aNarrowCharacterOverTheRightHalfRewritesTheWideOnesColumns() {
        // old: 王 at 0-1; new: a blank at 0 and "b" at 1 (Buffer.set breaks the wide one).
        var new = buffer(["王c"])
        new.set(x: 1, y: 0, Cell("b"))
        #expect(new.line(0) == " bc")
        #expect(runs(buffer(["王c"]), new) == ["0:0..<2"])
    }

    @Test func anotherSizeOrNoBufferCountsAsErasedScreen() {
        let new = buffer(["a c", " 王"])
        #expect(runs(nil, new) == ["0:0..<1", "0:2..<3", "1:1..<3"])
        #expect(runs(Buffer(width: 9, height: 9), new) == runs(nil, new))
    }

    @Test func emptyAndOneCellBuffersAreFine() {
        #expect(runs(Buffer(width: 0, height: 0), Buffer(width: 0, height: 0)) == [])
        #expect(runs(Buffer(width: 1, height: 1), buffer(["x"])) == ["0:0..<1"])
    }
}
