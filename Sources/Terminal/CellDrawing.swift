import Screen

/// What to send to the terminal for one cell of a buffer shown on a screen of a given size.
/// Pure: the presenter and the tests' screen model share it.
enum CellDrawing: Hashable, Sendable {
    /// Nothing: the right half of a wide grapheme drawn with its left half, a cell off the
    /// screen, or the bottom-right cell (writing it makes curses return ERR and may scroll).
    case skip
    /// The cell as it is (width 1 or 2).
    case cell(Cell)
    /// A blank with this style: an orphan right half, or a wide grapheme that does not fit
    /// (at the right edge, or ending on the bottom-right cell).
    case blank(Style)

    /// How to draw cell (`x`, `y`) of `buffer` on a screen of `screen` size.
    static func of(_ buffer: Buffer, x: Int, y: Int, screen: TerminalSize) -> CellDrawing {
        let columns = min(buffer.width, screen.width), rows = min(buffer.height, screen.height)
        guard x >= 0, y >= 0, x < columns, y < rows else { return .skip }
        let isBottomRow = y == screen.height - 1
        if isBottomRow && x == screen.width - 1 { return .skip }
        let row = y * buffer.width
        let cell = buffer.cells[row + x]
        if cell.isContinuation {
            let hasLead = x > 0 && buffer.cells[row + x - 1].width == 2
            return hasLead ? .skip : .blank(cell.style)
        }
        if cell.width == 2 {
            let fits = x + 1 < columns && buffer.cells[row + x + 1].isContinuation
                && !(isBottomRow && x + 1 == screen.width - 1)
            return fits ? .cell(cell) : .blank(cell.style)
        }
        return .cell(cell)
    }
}
