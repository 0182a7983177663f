import Screen

/// The column chooser: every column of the vehicle table, those shown first in display order
/// with a check mark, then those hidden; the cursor's row highlighted. A popup over the fleet
/// view, like the help.
struct ColumnChooser: Widget {
    let style: ViewStyle
    let rows: [TableColumn]
    let shown: Set<TableColumn>
    let cursor: Int
    let saveKey: String?

    static func label(_ c: TableColumn) -> String {
        switch c {
        case .vin: "VIN"
        case .driver: "Driver"
        case .userClass: "Class"
        case .state: "State"
        case .rate: "Rate (up + down)"
        case .up: "Up rate"
        case .down: "Down rate"
        case .meters: "Category meters (tel cam nav med ota)"
        case .total: "Total bytes"
        case .destination: "Destination (top server)"
        case .zone: "Zone"
        case .history: "History sparkline"
        case .alerts: "Alerts"
        }
    }

    func lines(width: Int) -> [Line] {
        let t = style.theme
        let g = style.glyphs
        var out: [Line] = []
        for (i, c) in rows.enumerated() {
            let on = shown.contains(c)
            let box = style.isASCII ? (on ? "[x] " : "[ ] ") : (on ? "[✓] " : "[ ] ")
            let mark = i == cursor ? String(g.selection) + " " : "  "
            let text = mark + box + Self.label(c)
            var line = Line([Span(DisplayWidth.pad(text, toWidth: width), style: on ? t.popup : t.dim.patched(by: t.popup))])
            if i == cursor { line = Line([Span(DisplayWidth.pad(text, toWidth: width), style: t.selected)]) }
            out.append(line)
        }
        out.append("")
        let arrows = String(g.arrowUp) + String(g.arrowDown)
        let moves = String(g.arrowLeft) + String(g.arrowRight)
        out.append(Line("\(arrows) choose  space show/hide  \(moves) move  Esc close", style: t.dim))
        if let saveKey { out.append(Line("the columns that fit are drawn; \(saveKey) saves them to the config", style: t.dim)) }
        return out
    }

    func render(into buffer: inout Buffer, area: Rect) {
        // At the right edge, so the table's first columns stay in sight while they change.
        let inner = min(46, area.width - 4)
        guard inner > 0 else { return }
        let area = Rect(x: max(area.x, area.maxX - inner - 3), y: area.y, width: inner + 2, height: area.height)
        let content = lines(width: inner)
        let block = Block(title: Line("Columns", style: style.theme.title), border: .rounded, borderStyle: style.theme.borderFocused, style: style.theme.popup, glyphs: style.glyphs)
        let popup = Popup(Paragraph(content, style: style.theme.popup, ellipsis: style.glyphs.ellipsis), block: block, width: inner + 2, height: min(area.height, content.count + 2))
        popup.render(into: &buffer, area: area)
    }
}
