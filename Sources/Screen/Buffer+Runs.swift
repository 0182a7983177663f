/// A stretch of adjacent cells in one row that share a style: the unit that exports (one SVG
/// text, one HTML span, one SGR change) and failure descriptions work in.
public struct StyleRun: Hashable, Sendable {
    /// Row.
    public var y: Int
    /// Columns `x..<x+columns`; a wide grapheme and its continuation are never split.
    public var x: Int
    public var columns: Int
    public var style: Style
    /// The graphemes of the run (continuation cells contribute nothing).
    public var text: String

    public init(y: Int, x: Int, columns: Int, style: Style, text: String) {
        self.y = y
        self.x = x
        self.columns = columns
        self.style = style
        self.text = text
    }

    public var maxX: Int { x + columns }
}

extension Buffer {
    /// Every row as plain text, trailing blanks kept: the form of inline test expectations
    /// (`#expect(buffer.lines == [" ▁▂▃▄▅▆▇█"])`).
    public var lines: [String] { (0..<height).map(line) }

    /// A buffer holding `lines` in the plain style, as wide as the widest line: the expected
    /// side of a test.
    public init(lines: [String]) {
        let w = lines.map { DisplayWidth.of($0) }.max() ?? 0
        self.init(width: w, height: lines.count)
        for (y, l) in lines.enumerated() { put(l, x: 0, y: y) }
    }

    /// The runs of row `y`, left to right, covering the whole row.
    ///
    /// - Complexity: O(width).
    public func runs(inRow y: Int) -> [StyleRun] {
        precondition(y >= 0 && y < height, "row \(y) outside a buffer of height \(height)")
        var result: [StyleRun] = []
        var x = 0
        while x < width {
            let style = cells[y * width + x].style
            var end = x
            var text = ""
            while end < width {
                let c = cells[y * width + end]
                // A continuation belongs to its wide grapheme's run whatever its own style.
                if !c.isContinuation && c.style != style { break }
                text += c.text
                end += 1
            }
            result.append(StyleRun(y: y, x: x, columns: end - x, style: style, text: text))
            x = end
        }
        return result
    }
}
