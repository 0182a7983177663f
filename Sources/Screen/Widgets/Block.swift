/// A border with an optional title, around the area other widgets draw in (`inner(_:)`).
public struct Block: Widget, Hashable, Sendable {
    public var title: Line?
    public var border: BorderKind
    public var borderStyle: Style
    /// Fills the whole area (inside too) before drawing, when not plain.
    public var style: Style
    public var glyphs: GlyphSet

    public init(title: Line? = nil, border: BorderKind = .light, borderStyle: Style = .plain, style: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.title = title
        self.border = border
        self.borderStyle = borderStyle
        self.style = style
        self.glyphs = glyphs
    }

    /// A block styled by `theme`: a focused block has a heavy border in the focus style, so
    /// focus shows without colour too.
    public init(title: String, focused: Bool = false, theme: Theme, glyphs: GlyphSet) {
        self.init(
            title: Line(title, style: theme.title), border: focused ? .heavy : .rounded,
            borderStyle: focused ? theme.borderFocused : theme.border, glyphs: glyphs)
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        if style != .plain { buffer.fill(a, with: Cell(" ", style: style)) }
        let g = glyphs.border(border)
        let s = style.patched(by: borderStyle)
        let right = a.maxX - 1, bottom = a.maxY - 1
        for x in a.x...right {
            buffer.set(x: x, y: a.y, Cell(g.horizontal, style: s))
            buffer.set(x: x, y: bottom, Cell(g.horizontal, style: s))
        }
        for y in a.y...bottom {
            buffer.set(x: a.x, y: y, Cell(g.vertical, style: s))
            buffer.set(x: right, y: y, Cell(g.vertical, style: s))
        }
        if a.width >= 2 && a.height >= 2 {
            buffer.set(x: a.x, y: a.y, Cell(g.topLeft, style: s))
            buffer.set(x: right, y: a.y, Cell(g.topRight, style: s))
            buffer.set(x: a.x, y: bottom, Cell(g.bottomLeft, style: s))
            buffer.set(x: right, y: bottom, Cell(g.bottomRight, style: s))
        }
        // The title sits in the top border after one border cell and one space: "┌ Title ─┐".
        if let title, a.width > 4 {
            let room = a.width - 4
            var line = title.styled(style)
            if line.width > room { line.spans = Buffer.truncated(line.spans, toWidth: room, ellipsis: glyphs.ellipsis) }
            line.spans.insert(Span(" ", style: s), at: 0)
            line.spans.append(Span(" ", style: s))
            let lineWidth = line.width
            let x: Int
            switch title.alignment {
            case .left: x = a.x + 1
            case .center: x = a.x + (a.width - lineWidth) / 2
            case .right: x = a.maxX - 1 - lineWidth
            }
            line.alignment = .left
            buffer.put(line, x: x, y: a.y, width: room + 2, ellipsis: glyphs.ellipsis)
        }
    }
}
