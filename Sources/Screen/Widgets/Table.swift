/// Rows of cells under a header, in columns sized by `ColumnWidth`, with a selected row kept
/// in view.
///
/// The table keeps no state: the caller stores the scroll offset and passes it back; use
/// `Table.scrollOffset(selected:offset:visibleRows:rowCount:)` in the reducer so the offset
/// moves only when the selection would leave the view.
public struct Table: Widget, Hashable, Sendable {
    public enum ColumnWidth: Hashable, Sendable {
        /// Exactly `n` columns.
        case fixed(Int)
        /// At least `n` columns, growing like `flex(1)`.
        case min(Int)
        /// A share of the room left after fixed and minimum widths, by weight.
        case flex(Int)
    }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var width: ColumnWidth
        /// Right for numbers, so digits line up.
        public var alignment: Alignment

        public init(_ title: String, width: ColumnWidth, alignment: Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    /// One `Line` per column; missing cells are blank, extra ones ignored. A cell's own
    /// alignment is replaced by its column's.
    public var rows: [[Line]]
    public var selected: Int?
    /// The first row shown, as the caller last stored it.
    public var offset: Int
    public var headerStyle: Style
    public var selectedStyle: Style
    public var columnSpacing: Int
    public var glyphs: GlyphSet

    public init(columns: [Column], rows: [[Line]], selected: Int? = nil, offset: Int = 0, headerStyle: Style = Style(attributes: .bold), selectedStyle: Style = Style(attributes: .reverse), columnSpacing: Int = 1, glyphs: GlyphSet = .unicode) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.headerStyle = headerStyle
        self.selectedStyle = selectedStyle
        self.columnSpacing = columnSpacing
        self.glyphs = glyphs
    }

    /// The first row to show so that `selected` is visible, moving `offset` as little as
    /// possible, and never leaving blank rows at the bottom that rows could fill.
    public static func scrollOffset(selected: Int?, offset: Int, visibleRows: Int, rowCount: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var o = Swift.max(0, Swift.min(offset, rowCount - visibleRows))
        if let s = selected.map({ Swift.max(0, Swift.min($0, rowCount - 1)) }) {
            if s < o { o = s }
            if s >= o + visibleRows { o = s - visibleRows + 1 }
        }
        return o
    }

    /// The width of each column for a table `width` columns wide (see `Layout.sizes`).
    public func columnWidths(width: Int) -> [Int] {
        let constraints = columns.map { c -> Constraint in
            switch c.width {
            case .fixed(let n): .length(n)
            case .min(let n): .min(n)
            case .flex(let w): .fill(w)
            }
        }
        return Layout.sizes(total: width, constraints: constraints, spacing: columnSpacing)
    }

    /// The screen columns each column covers in a table drawn from `x`, `width` wide (empty for
    /// a column that gets no width): where its header and cells are drawn, and what a click hits.
    public func columnSpans(x: Int, width: Int) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        var at = x
        for w in columnWidths(width: width) {
            spans.append(at..<(at + w))
            at += w + columnSpacing
        }
        return spans
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        let spans = columnSpans(x: a.x, width: a.width)
        let widths = spans.map(\.count)
        let xs = spans.map(\.lowerBound)
        for (i, c) in columns.enumerated() where widths[i] > 0 {
            let line = Line(c.title, style: headerStyle, alignment: c.alignment)
            buffer.put(line, x: xs[i], y: a.y, width: widths[i], ellipsis: glyphs.ellipsis, clip: a)
        }
        let visible = a.height - 1
        guard visible > 0 else { return }
        let first = Table.scrollOffset(selected: selected, offset: offset, visibleRows: visible, rowCount: rows.count)
        for r in 0..<visible {
            let index = first + r
            guard index < rows.count else { break }
            let y = a.y + 1 + r
            let isSelected = index == selected
            if isSelected { buffer.fill(Rect(x: a.x, y: y, width: a.width, height: 1), with: Cell(" ", style: selectedStyle)) }
            for (i, c) in columns.enumerated() where widths[i] > 0 && i < rows[index].count {
                var line = rows[index][i]
                line.alignment = c.alignment
                if isSelected { line = Line(line.spans.map { Span($0.text, style: $0.style.patched(by: selectedStyle)) }, alignment: c.alignment) }
                buffer.put(line, x: xs[i], y: y, width: widths[i], ellipsis: glyphs.ellipsis, clip: a)
            }
        }
    }
}
