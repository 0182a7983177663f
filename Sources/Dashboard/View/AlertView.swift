import Fleet
import Screen

/// One alert in full (the alert view, Enter on an alert): its severity and state, the rule and
/// the severity case it matched, its times on the scenario clock, the car and driver, the zone,
/// the whole explanation wrapped, and its bytes by category and by destination (each list adds
/// up to the alert's bytes). Enter or `c` opens the car; Esc goes back; ↑↓ scroll what does
/// not fit (the last row says how much is left).
struct AlertView: Widget {
    let style: ViewStyle
    let detail: AlertDetail?
    /// The id asked for, for the notice when the book no longer keeps the alert.
    let id: UInt64
    let logCapacity: Int
    /// Lines scrolled off the top (`DashboardState.alertScroll`).
    var scroll = 0

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        guard let d = detail else {
            let block = style.block(style.title("Alert #\(id)"), focused: true)
            block.render(into: &buffer, area: area)
            let inner = block.inner(area)
            let text = "Alert #\(id) is no longer kept (the log keeps the newest \(logCapacity) closed alerts); Esc goes back"
            Paragraph(Line(text, style: t.dim).wrapped(toWidth: max(1, inner.width)), ellipsis: style.glyphs.ellipsis)
                .render(into: &buffer, area: Rect(x: inner.x, y: inner.y + inner.height / 2, width: inner.width, height: max(0, inner.height - inner.height / 2)))
            return
        }
        let a = d.alert
        let sev = style.severityStyle(a.severity)
        let block = style.block(
            style.title("Alert #\(a.id)", [Span(String(style.severityGlyph(a.severity)) + " " + ViewStyle.word(a.severity), style: sev),
                                           Span(clean(a.ruleID), style: t.header), Span(Self.state(a), style: t.text)]),
            focused: true)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let all = lines(d, width: inner.width, rows: inner.height)
        let first = Self.firstLine(scroll: scroll, lineCount: all.count, rows: inner.height)
        var shown = Array(all.dropFirst(first).prefix(inner.height))
        // Say what is cut off, and how to reach it, on the last row.
        if first + inner.height < all.count, !shown.isEmpty {
            let more = all.count - first - inner.height + 1
            shown[shown.count - 1] = Line("\(style.glyphs.arrowDown) \(more) more lines (\(style.glyphs.arrowUp)\(style.glyphs.arrowDown) scroll)", style: t.dim, alignment: .right)
        }
        Paragraph(shown, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: inner)
    }

    /// The first line shown for a `scroll` asked for: never past the last screenful.
    static func firstLine(scroll: Int, lineCount: Int, rows: Int) -> Int {
        max(0, min(scroll, lineCount - max(1, rows)))
    }

    /// How far the view can scroll at this size (for the reducer's frame).
    func overflow(area: Rect) -> Int {
        guard let d = detail else { return 0 }
        let inner = style.block(Line("")).inner(area)
        return max(0, lines(d, width: inner.width, rows: inner.height).count - inner.height)
    }

    /// "open", "open · acknowledged", "closed", "closed · acknowledged".
    static func state(_ a: AlertRow) -> String {
        (a.isOpen ? "open" : "closed") + (a.acknowledged ? " · acknowledged" : a.isOpen ? " · not acknowledged" : "")
    }

    /// The view's lines for a body `width` wide and `rows` high: the facts first, then the
    /// explanation, then the breakdown (blank separators only where there is room).
    func lines(_ d: AlertDetail, width: Int, rows: Int) -> [Line] {
        let t = style.theme
        let a = d.alert
        let labelWidth = 10
        func label(_ s: String) -> Span { Span(DisplayWidth.pad(s, toWidth: labelWidth), style: t.dim) }
        let sep = Span(style.dot, style: t.dim)
        var facts: [Line] = []
        var rule = [label("Rule"), Span(clean(a.ruleID), style: t.header), sep, Span(clean(a.title), style: t.title)]
        if !a.source.isEmpty { rule += [sep, Span(clean(a.source), style: t.dim)] }
        facts.append(Line(rule))
        if !d.ruleCondition.isEmpty { facts.append(Line([label("Concerns"), Span(clean(d.ruleCondition))])) }
        let caseText = d.caseCondition.isEmpty ? "any flow of the rule" : clean(d.caseCondition)
        facts.append(Line([label("Case"), Span("\(d.caseNumber) of \(d.caseCount): "), Span(caseText), Span(" " + String(style.glyphs.arrowRight) + " ", style: t.dim),
                           Span(ViewStyle.word(a.severity), style: style.severityStyle(a.severity)), Span(" (" + clean(a.shortLabel) + ")", style: t.dim)]))
        var times = [label("Times"), Span(style.time(a.start)), Span(" first flow", style: t.dim), sep, Span(style.time(a.lastSeen)), Span(" last", style: t.dim)]
        if let end = a.end { times += [sep, Span(style.time(end)), Span(" closed", style: t.dim)] }
        facts.append(Line(times))
        facts.append(Line([label("State"), Span(Self.state(a), style: a.isOpen && !a.acknowledged ? t.title : t.text),
                           sep, Span(Format.bytes(Double(a.bytes))), Span(" in " + style.times + "\(a.count) flows", style: t.dim)]))
        var car = [label("Car"), Span(clean(a.vin), style: t.title)]
        if !d.carModel.isEmpty { car += [sep, Span(clean(d.carModel))] }
        if !d.carActive { car += [sep, Span("removed from the fleet", style: t.dim)] }
        facts.append(Line(car))
        var driver = [label("Driver"), Span(clean(a.driver))]
        if let zone = d.zoneName ?? a.zone?.rawValue { driver += [sep, Span("in zone ", style: t.dim), Span(clean(zone), style: t.restricted)] }
        facts.append(Line(driver))

        let explanation = Line(clean(a.explanation), style: t.text).wrapped(toWidth: max(1, width - labelWidth))
            .enumerated().map { i, l in Line([i == 0 ? label("Why") : Span(String(repeating: " ", count: labelWidth))] + l.spans) }

        var breakdown: [Line] = []
        let b = a.breakdown
        let nameWidth = max(12, min(40, width - labelWidth - Format.bytesWidth - 10))
        func row(_ head: String, _ name: String, _ bytes: UInt64, _ flows: UInt64, _ nameStyle: Style = .plain) -> Line {
            Line([label(head), Span(DisplayWidth.pad(DisplayWidth.truncate(name, toWidth: nameWidth, ellipsis: String(style.glyphs.ellipsis)), toWidth: nameWidth), style: nameStyle),
                  Span(Format.bytesColumn(Double(bytes))), Span(DisplayWidth.pad(style.times + "\(flows)", toWidth: 8, alignment: .right), style: t.dim)])
        }
        // Each list adds up to the alert's bytes and flows (AlertBreakdown's invariant).
        for (i, c) in b.categories.enumerated() { breakdown.append(row(i == 0 ? "Category" : "", clean(c.category.displayName), c.bytes, c.flows)) }
        for (i, dest) in b.destinations.enumerated() {
            let name = ServiceConfig.bareName(dest.name.isEmpty ? dest.service.rawValue : dest.name, country: dest.country) + " (" + dest.country.rawValue + ")"
            breakdown.append(row(i == 0 ? "Sent to" : "", clean(name), dest.bytes, dest.flows, style.countryStyle(dest.country)))
        }
        if b.otherFlows > 0 { breakdown.append(row(b.destinations.isEmpty ? "Sent to" : "", "other destinations", b.otherBytes, b.otherFlows, t.dim)) }

        // Blank lines between the parts only when everything fits with them.
        let spaced = facts.count + explanation.count + breakdown.count + 2 <= rows
        return facts + (spaced ? [""] : []) + explanation + (spaced ? [""] : []) + breakdown
    }
}
