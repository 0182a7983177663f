/// Lines of styled spans, one per row from the top, each cut at the area's width with an
/// ellipsis and aligned as the line asks. Long text is not wrapped: dashboards show one fact
/// per line, and a cut line with an ellipsis says "there is more" where wrapping would push
/// the next facts out of view.
public struct Paragraph: Widget, Hashable, Sendable {
    public var lines: [Line]
    /// Laid under every span, and fills the area first when not plain.
    public var style: Style
    /// Lines skipped at the top (scrolling).
    public var scroll: Int
    public var ellipsis: Character

    public init(_ lines: [Line], style: Style = .plain, scroll: Int = 0, ellipsis: Character = GlyphSet.unicode.ellipsis) {
        self.lines = lines
        self.style = style
        self.scroll = scroll
        self.ellipsis = ellipsis
    }

    /// One line of text in one style.
    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, ellipsis: Character = GlyphSet.unicode.ellipsis) {
        self.init([Line(text, alignment: alignment)], style: style, ellipsis: ellipsis)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        if style != .plain { buffer.fill(a, with: Cell(" ", style: style)) }
        let first = Swift.max(0, scroll)
        for row in 0..<a.height {
            let index = first + row
            guard index < lines.count else { break }
            let line = style == .plain ? lines[index] : lines[index].styled(style)
            buffer.put(line, x: a.x, y: a.y + row, width: a.width, ellipsis: ellipsis, clip: a)
        }
    }
}
