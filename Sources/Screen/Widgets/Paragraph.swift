/// Lines of styled spans, one per row from the top, each cut at the area's width with an
/// ellipsis and aligned as the line asks. Long text is cut rather than wrapped unless `wrap`
/// is set: dashboards show one fact per line, and a cut line with an ellipsis says "there is
/// more" where wrapping would push the next facts out of view. Popups (help, the details of
/// an alert) wrap.
public struct Paragraph: Widget, Hashable, Sendable {
    public var lines: [Line]
    /// Laid under every span, and fills the area first when not plain.
    public var style: Style
    /// Lines skipped at the top (scrolling).
    public var scroll: Int
    public var ellipsis: Character
    /// Break long lines at blanks (see `Line.wrapped(toWidth:)`) instead of cutting them.
    public var wrap: Bool

    public init(_ lines: [Line], style: Style = .plain, scroll: Int = 0, ellipsis: Character = GlyphSet.unicode.ellipsis, wrap: Bool = false) {
        self.lines = lines
        self.style = style
        self.scroll = scroll
        self.ellipsis = ellipsis
        self.wrap = wrap
    }

    /// One line of text in one style.
    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, ellipsis: Character = GlyphSet.unicode.ellipsis) {
        self.init([Line(text, alignment: alignment)], style: style, ellipsis: ellipsis)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        if style != .plain { buffer.fill(a, with: Cell(" ", style: style)) }
        let shown = wrap ? lines.flatMap { $0.wrapped(toWidth: a.width) } : lines
        let first = Swift.max(0, scroll)
        for row in 0..<a.height {
            let index = first + row
            guard index < shown.count else { break }
            let line = style == .plain ? shown[index] : shown[index].styled(style)
            buffer.put(line, x: a.x, y: a.y + row, width: a.width, ellipsis: ellipsis, clip: a)
        }
    }
}
