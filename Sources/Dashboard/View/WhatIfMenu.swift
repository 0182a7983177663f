import Screen

/// The what-if menu (`i`): the scenario's what-ifs, the one applied marked, and a last row that
/// takes the what-if away. Enter applies the one under the cursor from the time on screen.
struct WhatIfMenu: Widget {
    let style: ViewStyle
    let names: [String]
    let applied: Int?
    let cursor: Int

    func lines(width: Int) -> [Line] {
        let t = style.theme
        let g = style.glyphs
        var out: [Line] = []
        for (i, name) in (names + ["no what-if: the baseline alone"]).enumerated() {
            let mark = i == cursor ? String(g.selection) + " " : "  "
            let on = i == applied || (applied == nil && i == names.count)
            let box = style.isASCII ? (on ? "(*) " : "( ) ") : (on ? "(●) " : "( ) ")
            let text = DisplayWidth.pad(mark + box + clean(name), toWidth: width)
            out.append(Line([Span(text, style: i == cursor ? t.selected : t.popup)]))
        }
        out.append("")
        out.append(Line("\(g.arrowUp)\(g.arrowDown) choose  Enter apply from now  Esc close", style: t.dim))
        return out
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let inner = min(56, area.width - 4)
        guard inner > 0 else { return }
        let content = lines(width: inner)
        let block = Block(title: Line("What-if", style: style.theme.title), border: .rounded, borderStyle: style.theme.borderFocused,
                          style: style.theme.popup, glyphs: style.glyphs)
        Popup(Paragraph(content, style: style.theme.popup, ellipsis: style.glyphs.ellipsis), block: block, width: inner + 2,
              height: min(area.height, content.count + 2)).render(into: &buffer, area: area)
    }
}
