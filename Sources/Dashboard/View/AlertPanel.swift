import Fleet
import Simulation
import Screen

/// The alert list, in the model's order (open alerts first, most severe, then newest). Each
/// line: the severity's glyph and word, the time, the rule, the car and its driver, the flows
/// (largest category and destination, how many more, the countries), bytes and count, and the
/// title or, where it does not fit, the matched severity case's short label. Acknowledged and closed alerts are dimmed;
/// the selected alert is highlighted while the list has the focus.
struct AlertPanel: Widget {
    let style: ViewStyle
    let alerts: [AlertRow]
    /// Position of the selected alert, when the list has the focus.
    let selected: Int?
    let focused: Bool
    let highlighted: Bool
    /// "filtered: …" when the list shows only the alerts of the cars the filter matches.
    var filter: String? = nil
    /// The panel's name: "Alerts", or "Alert history" in the history view.
    var title = "Alerts"
    /// Details after the counts (the sort, the log's counts in the history).
    var notes: [Span] = []
    /// What the list says when it is empty.
    var empty = "No alerts: no restricted flow seen yet"
    /// The time column shows the time the list is sorted by (when the alert opened, or, once
    /// closed, when it closed: `AlertOrder.time`) instead of when it opened (the history).
    var showsSortTime = false

    enum Column: Int, CaseIterable { case severity, time, rule, vin, driver, flow, bytes, count, title }

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        // Counted on the list drawn, so a filtered list's title says what it shows.
        let (open, acknowledged) = Self.counts(alerts)
        var details = [Span("\(open) open", style: open > 0 ? t.text : t.dim)]
        if acknowledged > 0 { details.append(Span("\(acknowledged) acknowledged", style: t.text)) }
        details += notes
        if let filter { details.append(Span(filter, style: t.key)) }
        if focused, title == "Alerts" { details.append(Span("Enter opens, A acknowledges", style: t.dim)) }
        let block = style.block(style.title(title, details), focused: focused, highlighted: highlighted)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        guard !alerts.isEmpty else {
            buffer.put(Line(empty, style: t.dim), x: inner.x, y: inner.y, width: inner.width)
            return
        }
        let first = Table.scrollOffset(selected: selected, offset: 0, visibleRows: inner.height, rowCount: alerts.count)
        let widths = columnWidths(inner.width, rows: alerts[first..<min(alerts.count, first + inner.height)])
        for row in 0..<inner.height {
            let i = first + row
            guard i < alerts.count else { break }
            let y = inner.y + row
            let isSelected = i == selected
            if isSelected { buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), with: Cell(" ", style: t.selected)) }
            var x = inner.x
            for c in Column.allCases where widths[c.rawValue] > 0 {
                var line = cell(c, alerts[i], width: widths[c.rawValue])
                if !alerts[i].isOpen || alerts[i].acknowledged { line = dimmed(line, keepSeverity: c == .severity) }
                if isSelected { line = line.styled(.plain).patchedAll(by: t.selected) }
                buffer.put(line, x: x, y: y, width: widths[c.rawValue], ellipsis: style.glyphs.ellipsis, clip: inner)
                x += widths[c.rawValue] + 1
            }
        }
    }

    /// The open alerts of `alerts` and how many of them are acknowledged.
    static func counts(_ alerts: [AlertRow]) -> (open: Int, acknowledged: Int) {
        var open = 0, acknowledged = 0
        for a in alerts where a.isOpen {
            open += 1
            if a.acknowledged { acknowledged += 1 }
        }
        return (open, acknowledged)
    }

    /// Widths of the columns for a list `width` wide (0 for a column left out), fitted to
    /// `rows`, the rows on screen: a frame does the work of what it shows, not of every open
    /// alert of a fleet of millions (thousands of them), as the vehicle table does.
    func columnWidths(_ width: Int, rows alerts: ArraySlice<AlertRow>) -> [Int] {
        var w = Array(repeating: 0, count: Column.allCases.count)
        var used = -1
        func add(_ c: Column, _ n: Int) {
            guard n > 0, used + 1 + n <= width else { return }
            w[c.rawValue] = n
            used += 1 + n
        }
        let ruleWidth = min(10, alerts.map { DisplayWidth.of(clean($0.ruleID)) }.max() ?? 4)
        add(.severity, 10)
        add(.time, alerts.map { DisplayWidth.of(style.time(shownTime($0))) }.max() ?? 8)
        add(.rule, ruleWidth)
        add(.vin, VehicleColumnPlan.shortVIN)
        add(.flow, 20)
        add(.bytes, Format.bytesWidth)
        add(.driver, 10)
        add(.count, 5)
        // The full VIN only when the flow keeps room to grow as well.
        if w[Column.vin.rawValue] > 0, width - used >= 7 + 20 {
            w[Column.vin.rawValue] = VehicleColumnPlan.fullVIN
            used += 7
        }
        add(.title, 24)
        // What is left widens the flow (where the data went), then the driver and the title,
        // in the end each to what its widest row needs (at 200 columns nothing is cut).
        func widest(_ text: (AlertRow) -> String) -> Int { alerts.reduce(0) { max($0, DisplayWidth.of(text($1))) } }
        let flowNeeds = widest { flow($0, width: 1000).spans.map(\.text).joined() }
        let driverNeeds = widest { clean($0.driver) }
        let titleNeeds = widest { clean($0.title) }
        // First the flow to 44 and the driver to 20 (as before), then each to its widest row.
        let steps: [(Column, Int)] = [
            (.flow, 44), (.driver, 20), (.flow, min(90, max(44, flowNeeds))), (.driver, min(40, max(20, driverNeeds))),
            (.title, min(90, max(60, titleNeeds))),
        ]
        for (c, cap) in steps where w[c.rawValue] > 0 {
            let grow = min(width - used, cap - w[c.rawValue])
            if grow > 0 { w[c.rawValue] += grow; used += grow }
        }
        return w
    }

    func cell(_ c: Column, _ a: AlertRow, width: Int) -> Line {
        let t = style.theme
        switch c {
        case .severity:
            let s = style.severityStyle(a.severity)
            return Line([Span(String(style.severityGlyph(a.severity)) + " " + ViewStyle.word(a.severity), style: s)])
        case .time: return Line(style.time(shownTime(a)), style: t.dim)
        case .rule: return Line(clean(a.ruleID), style: t.header)
        case .vin: return Line(shortVIN(a.vin, width: width, ellipsis: style.glyphs.ellipsis))
        case .driver: return Line(clean(a.driver))
        case .flow:
            return flow(a, width: width)
        case .bytes: return Line(Format.bytes(Double(a.bytes)), alignment: .right)
        case .count: return Line(style.times + "\(a.count)", style: t.dim, alignment: .right)
        case .title: return Line(Self.titleText(a, width: width), style: t.dim)
        }
    }

    func shownTime(_ a: AlertRow) -> SimTime { showsSortTime ? AlertOrder.time(a) : a.start }

    /// The rule's title when it fits, else the matched severity case's short label when that
    /// fits, else nothing: a title cut short can say something the rule does not ("… leaves
    /// China …" for clips that stayed in China), so it is never cut.
    static func titleText(_ a: AlertRow, width: Int) -> String {
        for text in [clean(a.title), clean(a.shortLabel)] where DisplayWidth.of(text) <= width { return text }
        return ""
    }

    /// "media +1 → Chinese streaming back ends +1 (CN)": the largest category and destination of
    /// the alert's flows (by bytes), how many more there are, and every destination country.
    /// The service is cut before the country is, since where the data went matters most.
    func flow(_ a: AlertRow, width: Int) -> Line {
        let t = style.theme
        let ellipsis = String(style.glyphs.ellipsis)
        let arrow = " " + String(style.glyphs.arrowRight) + " "
        let status = !a.isOpen ? " closed" : a.acknowledged ? " ack" : ""
        let b = a.breakdown
        let categories = b.categories, destinations = b.destinations
        let topCategory = categories.first?.category ?? a.category
        let moreCategories = categories.count > 1 ? " +\(categories.count - 1)" : ""
        let top = destinations.first
        let topCountry = top?.country ?? a.country
        var countries = [topCountry]
        for d in destinations where !countries.contains(d.country) { countries.append(d.country) }
        let countryText = clean(countries.map(\.rawValue).joined(separator: "/")) + (b.otherFlows > 0 ? "/" + ellipsis : "")
        let service = clean(top.map { ServiceConfig.bareName($0.name.isEmpty ? $0.service.rawValue : $0.name, country: $0.country) }
            ?? ServiceConfig.bareName(a.service, country: a.country))
        let moreDestinations = b.destinationCount > 1 ? " +\(b.destinationCount - 1)" : ""
        let tail = DisplayWidth.of(moreDestinations + " (" + countryText + ")" + status)
        let category = clean(topCategory.displayName) + moreCategories
        // Too narrow for a readable service: the category and the countries say enough.
        if DisplayWidth.of(category + arrow) + 4 + tail > width {
            let countryTail = " (" + countryText + ")" + status
            let cut = DisplayWidth.truncate(category, toWidth: max(1, width - DisplayWidth.of(countryTail)), ellipsis: ellipsis)
            return Line([Span(cut), Span(" (", style: t.dim), Span(countryText, style: style.countryStyle(topCountry)),
                         Span(")", style: t.dim), Span(status, style: t.dim)])
        }
        let room = width - DisplayWidth.of(category + arrow) - tail
        let cut = room > 0 ? DisplayWidth.truncate(service, toWidth: room, ellipsis: ellipsis) : ""
        return Line([Span(category), Span(arrow, style: t.dim), Span(cut + moreDestinations), Span(" (", style: t.dim),
                     Span(countryText, style: style.countryStyle(topCountry)), Span(")", style: t.dim), Span(status, style: t.dim)])
    }

    /// `line` in the dim style; the severity keeps its glyph and word, only dimmed.
    func dimmed(_ line: Line, keepSeverity: Bool) -> Line {
        let dim = style.theme.dim
        return Line(line.spans.map { s in
            keepSeverity ? Span(s.text, style: Style(foreground: s.style.foreground == .default ? dim.foreground : s.style.foreground, attributes: .dim))
                : Span(s.text, style: dim)
        }, alignment: line.alignment)
    }
}

extension Line {
    /// This line with `style` laid over every span (the overlay's colours win).
    func patchedAll(by style: Style) -> Line {
        Line(spans.map { Span($0.text, style: $0.style.patched(by: style)) }, alignment: alignment)
    }
}
