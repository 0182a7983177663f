/// A row of tab titles with the current one highlighted: " Fleet │ Flows │ Alerts ".
/// What does not fit is cut at the right edge with an ellipsis.
public struct Tabs: Widget, Hashable, Sendable {
    public var titles: [String]
    public var selected: Int
    public var style: Style
    public var selectedStyle: Style
    public var separatorStyle: Style
    public var glyphs: GlyphSet

    public init(_ titles: [String], selected: Int, style: Style = .plain, selectedStyle: Style = Style(attributes: .reverse), separatorStyle: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.titles = titles
        self.selected = selected
        self.style = style
        self.selectedStyle = selectedStyle
        self.separatorStyle = separatorStyle
        self.glyphs = glyphs
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        var spans: [Span] = []
        for (i, t) in titles.enumerated() {
            if i > 0 { spans.append(Span(String(glyphs.separator), style: separatorStyle)) }
            spans.append(Span(" " + t + " ", style: i == selected ? selectedStyle : style))
        }
        buffer.put(Line(spans), x: a.x, y: a.y, width: a.width, ellipsis: glyphs.ellipsis, clip: a)
    }
}
