import Screen
@testable import Terminal

/// A model of how a terminal screen reacts to cell writes: a wide character covers two
/// columns, and overwriting either half of one breaks it, leaving its other half as
/// `ScreenModel.broken` (a marker no buffer holds, so a break the diff forgot to repair shows).
struct ScreenModel: Equatable, CustomStringConvertible {
    static let broken = Cell("¤", style: Style(foreground: .ansi(1), attributes: .reverse))

    let width: Int
    let height: Int
    var cells: [Cell]

    /// An erased screen.
    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: .blank, count: width * height)
    }

    /// Writes what `CellDrawing` says for cell (x, y) of `buffer`.
    mutating func draw(_ buffer: Buffer, x: Int, y: Int) {
        let screen = TerminalSize(width: width, height: height)
        switch CellDrawing.of(buffer, x: x, y: y, screen: screen) {
        case .skip: return
        case .cell(let cell): write(cell, x: x, y: y)
        case .blank(let style): write(Cell(" ", style: style), x: x, y: y)
        }
    }

    mutating func write(_ cell: Cell, x: Int, y: Int) {
        let w = Int(cell.width)
        precondition(x + w <= width, "a write past the right edge at \(x),\(y)")
        precondition(!(y == height - 1 && x + w == width), "a write on the bottom-right cell")
        for column in x..<(x + w) { breakWide(column, y) }
        cells[y * width + x] = cell
        if w == 2 { cells[y * width + x + 1] = .continuation(style: cell.style) }
    }

    mutating func breakWide(_ x: Int, _ y: Int) {
        let i = y * width + x
        if cells[i].width == 2, x + 1 < width {
            cells[i + 1] = Self.broken
        } else if cells[i].isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Self.broken
        }
    }

    /// The screen after erasing and drawing every cell of `buffer`.
    static func fresh(_ buffer: Buffer, width: Int, height: Int) -> ScreenModel {
        var model = ScreenModel(width: width, height: height)
        for y in 0..<buffer.height {
            for x in 0..<buffer.width { model.draw(buffer, x: x, y: y) }
        }
        return model
    }

    /// Applies the diff from `old` to `new` the way `TerminalSession.present` does.
    mutating func apply(from old: Buffer?, to new: Buffer) {
        for run in BufferDiff(from: old, to: new) {
            for x in run.x..<run.endX { draw(new, x: x, y: run.y) }
        }
    }

    var description: String {
        (0..<height).map { y in
            (0..<width).map { x in
                let c = cells[y * width + x]
                return c.isContinuation ? "" : c.text
            }.joined()
        }.joined(separator: "\n")
    }
}

