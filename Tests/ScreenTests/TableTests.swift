import TestSupport
import Testing
@testable import Screen

@Suite struct TableTests {
    let columns = [
        Table.Column("Driver", width: .flex(1)),
        Table.Column("Rate", width: .fixed(8), alignment: .right),
    ]

    func rows(_ n: Int) -> [[Line]] {
        (0..<n).map { i in [Line("car\(i)"), Line(Format.rate(Double(i) * 1500))] }
    }

    @Test func headerRowsAndRightAlignedNumbers() {
        let t = Table(columns: columns, rows: [["王伟", "1.2 kB/s"], ["Li Na", "340 B/s"]])
        let b = draw(t, 16, 3)
        #expect(b.lines == ["Driver      Rate", "王伟    1.2 kB/s", "Li Na    340 B/s"])
        #expect(b[0, 0].style.attributes.contains(.bold))
    }

    @Test func columnWidths() {
        let t = Table(columns: [.init("a", width: .fixed(3)), .init("b", width: .min(4)), .init("c", width: .flex(2))], rows: [])
        #expect(t.columnWidths(width: 20) == [3, 8, 7])  // 18 after spacing: 3 + 4 + 11 shared 1:2 (3.7, 7.3 -> 4, 7)
        #expect(t.columnWidths(width: 5) == [3, 0, 0])
    }

    @Test func selectionIsHighlightedAcrossTheRow() {
        let selected = Style(background: .ansi(4))
        let t = Table(columns: columns, rows: rows(3), selected: 1, selectedStyle: selected)
        let b = draw(t, 16, 4)
        #expect(b.runs(inRow: 2).map(\.style) == [selected])
        #expect(b.runs(inRow: 1) == [StyleRun(y: 1, x: 0, columns: 16, style: .plain, text: "car0       0 B/s")])
    }

    @Test func scrollKeepsTheSelectionVisible() {
        // 3 visible rows out of 10.
        #expect(Table.scrollOffset(selected: 0, offset: 0, visibleRows: 3, rowCount: 10) == 0)
        #expect(Table.scrollOffset(selected: 2, offset: 0, visibleRows: 3, rowCount: 10) == 0)
        #expect(Table.scrollOffset(selected: 3, offset: 0, visibleRows: 3, rowCount: 10) == 1)
        #expect(Table.scrollOffset(selected: 9, offset: 1, visibleRows: 3, rowCount: 10) == 7)
        #expect(Table.scrollOffset(selected: 5, offset: 7, visibleRows: 3, rowCount: 10) == 5)
        #expect(Table.scrollOffset(selected: 6, offset: 5, visibleRows: 3, rowCount: 10) == 5)  // still visible: no move
        #expect(Table.scrollOffset(selected: nil, offset: 9, visibleRows: 3, rowCount: 10) == 7)  // no blank tail
        #expect(Table.scrollOffset(selected: 50, offset: 0, visibleRows: 3, rowCount: 10) == 7)
        let b = draw(Table(columns: columns, rows: rows(10), selected: 6), 16, 4)
        #expect(b.lines.map { String($0.prefix(4)) } == ["Driv", "car4", "car5", "car6"])
    }

    @Test func selectedRowsStayInViewForAnyMove() {
        var g = SplitMix(seed: 11)
        var offset = 0
        for _ in 0..<400 {
            let count = Int(1 + g.next() % 30), visible = Int(1 + g.next() % 8)
            let selected = Int(g.next() % UInt64(count))
            offset = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: count)
            #expect(offset <= selected && selected < offset + visible)
            #expect(offset >= 0 && offset <= max(0, count - visible))
        }
    }

    @Test func longCellsAreCutAndMissingCellsAreBlank() {
        let t = Table(columns: columns, rows: [["a very long driver name"], []])
        #expect(draw(t, 16, 3).lines == ["Driver      Rate", "a very…         ", "                "])
    }
}
