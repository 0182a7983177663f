import Screen

/// The presenter's caption (demo mode): the title in the selection style, then the text,
/// wrapped, on a bar in the popup style across the screen above the footer.
struct CaptionBar: Widget {
    let style: ViewStyle
    let caption: DashboardState.Caption
    let highlighted: Bool

    /// The text as lines for a bar `width` wide, at most `maxRows` of them.
    func lines(width: Int, maxRows: Int) -> [Line] {
        let t = style.theme
        let title = " " + clean(caption.title) + " "
        var first = Line([Span(title, style: t.selected), Span(" ")])
        let indent = first.width
        let wrapped = Line(clean(caption.text), style: t.popup).wrapped(toWidth: max(1, width - indent - 1))
        guard let head = wrapped.first else { return [first] }
        first.spans += head.spans
        var out = [first]
        for l in wrapped.dropFirst() { out.append(Line([Span(String(repeating: " ", count: indent))] + l.spans)) }
        return Array(out.prefix(max(1, maxRows)))
    }

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let t = style.theme
        Clear(style: t.popup).render(into: &buffer, area: area)
        let ls = lines(width: area.width, maxRows: area.height)
        Paragraph(ls, style: t.popup, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: area)
        if highlighted { buffer.setStyle(area) { $0.adding(.underline) } }
    }
}
