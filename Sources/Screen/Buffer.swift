/// A grid of cells that widgets draw into. Nothing here knows about terminals: the terminal
/// target and the snapshot exports are two consumers of the same buffer.
public struct Buffer: Hashable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    public private(set) var cells: [Cell]

    /// A buffer of `width`×`height` blank cells (negative sizes count as 0).
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y`; both must be inside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x),\(y)) outside \(width)x\(height)")
            return cells[y * width + x]
        }
        set {
            precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x),\(y)) outside \(width)x\(height)")
            cells[y * width + x] = newValue
        }
    }

    /// Sets a cell, clipped to the buffer and to `clip`. Writing over half of a wide grapheme
    /// blanks its other half, so no half-character is ever left behind.
    public mutating func set(x: Int, y: Int, _ cell: Cell, clip: Rect? = nil) {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard bounds.contains(x: x, y: y) else { return }
        let w = Int(cell.width)
        if w == 2 && !bounds.contains(x: x + 1, y: y) {  // a wide grapheme that does not fit
            set(x: x, y: y, Cell(text: " ", width: 1, style: cell.style), clip: bounds)
            return
        }
        breakWide(x: x, y: y)
        if w == 2 { breakWide(x: x + 1, y: y) }
        cells[y * width + x] = cell
        if w == 2 { cells[y * width + x + 1] = .continuation(style: cell.style) }
    }

    /// Blanks the other half of a wide grapheme that covers (x, y).
    mutating func breakWide(x: Int, y: Int) {
        let i = y * width + x
        if cells[i].width == 2, x + 1 < width {
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style)
        } else if cells[i].width == 0, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        }
    }

    /// Writes `text` from (x, y) to the right, at most `maxWidth` columns and never past `clip`
    /// or the buffer's edge, each grapheme as `Grapheme.drawn` has it (control characters as
    /// placeholders). Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int = .max, clip: Rect? = nil) -> Int {
        let bounds = clip.map { $0.intersection(area) } ?? area
        guard y >= bounds.y, y < bounds.maxY else { return 0 }
        let limit = min(maxWidth, bounds.maxX - x)
        var col = 0
        func place(_ shown: Character) -> Bool {
            let cell = Cell(drawn: shown, style: style)
            let w = Int(cell.width)
            if col + w > limit { return false }
            if x + col >= bounds.x { set(x: x + col, y: y, cell, clip: bounds) }
            col += w
            return true
        }
        text: for character in text {
            if Grapheme.isPrintableASCII(character) {  // the fast path
                guard col + 1 <= limit else { break }
                if x + col >= bounds.x { set(x: x + col, y: y, Cell(text: String(character), width: 1, style: style), clip: bounds) }
                col += 1
                continue
            }
            guard let drawn = Grapheme.drawn(character) else {
                if place(character) { continue } else { break }
            }
            for shown in drawn where !place(shown) { break text }
        }
        return max(0, col)
    }

    /// Fills `rect` (clipped to the buffer) with `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            var x = r.x
            while x < r.maxX {
                set(x: x, y: y, cell, clip: r)
                x += max(1, Int(cell.width))
            }
        }
    }

    /// Changes the style of every cell in `rect`, keeping the text.
    public mutating func setStyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Row `y` as plain text; continuation cells are skipped, so wide graphemes appear once.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s += c.text }
        }
        return s
    }

    /// The whole buffer as text, one line per row, trailing blanks kept.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }
}
