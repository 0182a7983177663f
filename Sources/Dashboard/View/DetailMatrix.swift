import Fleet
import Screen

/// Where one car's bytes went: a row per data category that sent or received anything, a
/// column per destination (service, then its country), bytes in the cells, and a total column.
/// Destinations outside the car's market are marked with the cross-border glyph and drawn in
/// their country's colour, header and cells, so they stand out with and without colour.
struct DetailMatrix: Widget {
    let style: ViewStyle
    let detail: VehicleDetail

    /// Categories with any bytes, in `DataCategory` order.
    var categories: [DataCategory] {
        DataCategory.allCases.filter { c in
            c.index < detail.matrix.count && detail.matrix[c.index].contains { $0 > 0 }
        }
    }

    /// Rows the matrix wants: border, two header rows, a row per category (at least one).
    var neededRows: Int { 2 + 2 + max(1, categories.count) }

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let market = detail.row.market
        let block = style.block(style.title("Where the data goes", [Span("bytes by category and destination", style: t.dim)]
            + (market == .unknown ? [] : [Span(String(style.glyphs.crossBorder) + " leaves " + market.country.rawValue, style: t.severityHigh)])))
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let cats = categories
        guard !cats.isEmpty else {
            buffer.put(Line("no traffic yet", style: t.dim), x: inner.x, y: inner.y, width: inner.width)
            return
        }
        let labelWidth = 13
        let totalWidth = Format.bytesWidth + 1
        // Columns as many as fit at 9 to 18 cells (the rest are counted), then widened to their
        // whole service name while the panel has room: no name is cut beside empty columns.
        var cols: [(index: Int, width: Int)] = []
        var used = labelWidth + totalWidth
        let wanted = detail.destinations.map { DisplayWidth.of(clean($0.name)) + 3 }
        for (i, want) in wanted.enumerated() {
            let w = min(18, max(9, want))
            if used + w > inner.width - 8 && i < detail.destinations.count - 1 { break }
            if used + w > inner.width { break }
            cols.append((i, w))
            used += w
        }
        // A cell at a time round the columns, so each gets its share of the room.
        var growing = true
        while growing && used < inner.width {
            growing = false
            for k in cols.indices where used < inner.width && cols[k].width < min(40, wanted[cols[k].index]) {
                cols[k].width += 1
                used += 1
                growing = true
            }
        }
        let hiddenCount = detail.destinations.count - cols.count
        var x = inner.x + labelWidth
        buffer.put(Line("category", style: t.header), x: inner.x, y: inner.y, width: labelWidth)
        for (i, w) in cols {
            let dest = detail.destinations[i]
            let away = market.isAbroad(dest.country)
            let cs = away ? style.countryStyle(dest.country).adding(.bold) : t.header
            buffer.put(Line(clean(dest.name), style: cs, alignment: .right), x: x, y: inner.y, width: w - 1, ellipsis: style.glyphs.ellipsis)
            let mark = away ? String(style.glyphs.crossBorder) + " " : ""
            if inner.height > 1 {
                buffer.put(Line([Span(mark, style: t.severityHigh), Span(clean(dest.country.rawValue), style: style.countryStyle(dest.country))], alignment: .right),
                           x: x, y: inner.y + 1, width: w - 1)
            }
            x += w
        }
        buffer.put(Line("total", style: t.header, alignment: .right), x: x, y: inner.y, width: totalWidth)
        if hiddenCount > 0 && inner.height > 1 {
            buffer.put(Line("+\(hiddenCount) more", style: t.dim, alignment: .right), x: x, y: inner.y + 1, width: totalWidth)
        }
        // When not every category fits, the largest are shown (in category order) and a last
        // line counts the others and their bytes: nothing is dropped without a word.
        func bytes(_ c: DataCategory) -> UInt64 { detail.matrix[c.index].reduce(0, &+) }
        let room = max(0, inner.height - 2)
        var shown = cats
        var others: [DataCategory] = []
        if cats.count > room {
            let keep = Set(cats.sorted { bytes($0) != bytes($1) ? bytes($0) > bytes($1) : $0.index < $1.index }.prefix(max(0, room - 1)))
            shown = cats.filter { keep.contains($0) }
            others = cats.filter { !keep.contains($0) }
        }
        if !others.isEmpty, room > 0 {
            let total = others.reduce(UInt64(0)) { $0 &+ bytes($1) }
            let label = "+\(others.count) more categor\(others.count == 1 ? "y" : "ies") (\(others.map(\.displayName).joined(separator: ", ")))"
            let y = inner.y + 2 + shown.count
            buffer.put(Line(label, style: t.dim), x: inner.x, y: y, width: max(0, x - inner.x - 1), ellipsis: style.glyphs.ellipsis)
            buffer.put(Line(Format.bytes(Double(total)), style: t.dim, alignment: .right), x: x, y: y, width: totalWidth)
        }
        for (r, c) in shown.enumerated() {
            let y = inner.y + 2 + r
            guard y < inner.maxY else { break }
            let row = detail.matrix[c.index]
            buffer.put(Line(c.displayName, style: c.isCamera ? t.restricted : t.text), x: inner.x, y: y, width: labelWidth - 1, ellipsis: style.glyphs.ellipsis)
            var cx = inner.x + labelWidth
            var total: UInt64 = 0
            for v in row { total &+= v }
            for (i, w) in cols {
                let v = i < row.count ? row[i] : 0
                let dest = detail.destinations[i]
                let cs = v == 0 ? t.track : market.isAbroad(dest.country) ? style.countryStyle(dest.country).adding(.bold) : t.text
                buffer.put(Line(v == 0 ? (style.isASCII ? "." : "·") : Format.bytes(Double(v)), style: cs, alignment: .right), x: cx, y: y, width: w - 1)
                cx += w
            }
            buffer.put(Line(Format.bytes(Double(total)), style: t.title, alignment: .right), x: cx, y: y, width: totalWidth)
        }
    }
}

/// A car's alerts, each a headline (severity glyph and word, rule, time, flow, bytes, count,
/// title) and its explanation wrapped under it; acknowledged and closed alerts dimmed.
struct DetailAlerts: Widget {
    let style: ViewStyle
    let alerts: [AlertRow]
    /// The selected alert while the list has the focus: its headline is highlighted and kept on
    /// screen, and Enter opens it.
    var selected: Int? = nil

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let (open, acknowledged) = AlertPanel.counts(alerts)
        var details = [Span("\(open) open", style: t.text)]
        if acknowledged > 0 { details.append(Span("\(acknowledged) acknowledged", style: t.text)) }
        if selected != nil { details.append(Span("Enter opens, A acknowledges", style: t.dim)) }
        let block = style.block(style.title("Alerts of this car", details), focused: selected != nil)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        guard !alerts.isEmpty else {
            buffer.put(Line("No alerts for this car", style: t.dim), x: inner.x, y: inner.y, width: inner.width)
            return
        }
        var lines: [Line] = []
        var selectedLine: Int?
        for (i, a) in alerts.enumerated() {
            let quiet = !a.isOpen || a.acknowledged
            let sev = quiet ? Style(foreground: style.severityStyle(a.severity).foreground, attributes: .dim) : style.severityStyle(a.severity)
            let text = quiet ? t.dim : t.text
            var head: [Span] = [
                Span(String(style.severityGlyph(a.severity)) + " " + ViewStyle.word(a.severity), style: sev),
                Span(" " + clean(a.ruleID), style: quiet ? t.dim : t.header),
                Span(" " + style.time(a.start), style: t.dim),
                Span(" " + Self.flowText(a, arrow: String(style.glyphs.arrowRight)) + " (", style: text),
                Span(clean(Self.countries(a)), style: quiet ? t.dim : style.countryStyle(a.breakdown.destinations.first?.country ?? a.country)),
                Span(") " + Format.bytes(Double(a.bytes)) + " " + style.times + "\(a.count)", style: text),
            ]
            if !a.isOpen { head.append(Span(" closed", style: t.dim)) } else if a.acknowledged { head.append(Span(" acknowledged", style: t.dim)) }
            if !a.title.isEmpty { head.append(Span(style.dot + clean(a.title), style: quiet ? t.dim : t.title)) }
            if i == selected {
                selectedLine = lines.count
                head = [Span(String(style.glyphs.selection) + " ", style: t.selected)] + head.map { Span($0.text, style: $0.style.patched(by: t.selected)) }
            }
            lines.append(Line(head))
            for l in Line(clean(a.explanation), style: text).wrapped(toWidth: max(1, inner.width - 4)) {
                lines.append(Line([Span("    ")] + l.spans))
            }
        }
        // Keep the selected headline (and as much of its explanation as fits) on screen.
        let first = selectedLine.map { max(0, min($0, lines.count - inner.height)) } ?? 0
        Paragraph(Array(lines.dropFirst(first)), ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: inner)
    }

    /// "camera clip → Tesla AI training", or "media, telemetry → 2 destinations" for an alert
    /// whose flows span several (the explanation under it gives the breakdown).
    static func flowText(_ a: AlertRow, arrow: String) -> String {
        let b = a.breakdown
        let categories = b.categories.map(\.category.displayName)
        let category = categories.isEmpty ? a.category.displayName : categories.joined(separator: ", ")
        let service: String
        if b.destinationCount > 1 {
            service = "\(b.destinationCount) destinations"
        } else if let d = b.destinations.first {
            service = ServiceConfig.bareName(d.name.isEmpty ? d.service.rawValue : d.name, country: d.country)
        } else {
            service = ServiceConfig.bareName(a.service, country: a.country)
        }
        return clean(category) + " " + arrow + " " + clean(service)
    }

    /// The destination countries, largest share first: "CN" or "CN/US".
    static func countries(_ a: AlertRow) -> String {
        var out: [String] = []
        for d in a.breakdown.destinations where !out.contains(d.country.rawValue) { out.append(d.country.rawValue) }
        if out.isEmpty { out.append(a.country.rawValue) }
        return out.joined(separator: "/") + (a.breakdown.otherFlows > 0 ? "/others" : "")
    }
}
