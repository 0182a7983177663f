import Fleet
import Screen
import Simulation

/// The compliance view (`P`): for each legal threshold, where the fleet stands in its window,
/// to date and projected to the window's end at the current rate, with the date it would be
/// crossed. One block per measure: its title and threshold, a gauge of the count against the
/// figure, the window, the rate and the projection, and a note when the fleet is too small to
/// reach the figure at all. What does not fit is cut from the bottom, a measure at a time.
struct ComplianceView: Widget {
    let style: ViewStyle
    let report: ComplianceReport?
    let calendar: SimCalendar?

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let block = style.block(style.title("Compliance over time", [Span("distinct cars and people, counted exactly", style: t.dim)]), focused: true)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        guard let report else {
            Paragraph([Line("No compliance figures in this model", style: t.dim)], ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: inner)
            return
        }
        var y = inner.y
        var market: Market?
        for s in report.standings {
            let text = ComplianceText(s, calendar: calendar)
            var lines: [Line] = []
            if s.measure.market != market {
                market = s.measure.market
                let head = market == .us ? "United States" : "China"
                lines.append(Line([Span(head, style: t.header), Span(style.dot + (market == .us ? "rolling 12 months" : "calendar year, China time") + style.dot + "dates in " + s.timeZone.name, style: t.dim)]))
            }
            lines.append(Line([Span(s.measure.title, style: t.title), Span(": " + s.measure.thresholdText, style: t.text)]))
            let rows = 3 + (text.scale == nil ? 0 : 1)
            guard y + lines.count + rows <= inner.maxY else {
                if y < inner.maxY {
                    Paragraph([Line("\(style.glyphs.arrowDown) more measures below: a taller terminal shows them, or fleetwatch snapshot --view compliance", style: t.dim)],
                              ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1))
                }
                return
            }
            Paragraph(lines, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: Rect(x: inner.x, y: y, width: inner.width, height: lines.count))
            y += lines.count
            let statusStyle = s.crossed ? style.severityStyle(.critical) : s.crossing != nil ? style.severityStyle(.high) : t.text
            let gaugeWidth = min(24, max(8, inner.width / 5))
            // The count against the figure as the table's meters draw it (a trickle shows an
            // eighth), in the status's colour.
            let fill = statusStyle.background == .default ? statusStyle.foreground : statusStyle.background
            let bar = style.meter(min(1, s.fraction), width: gaugeWidth, style: Style(foreground: fill))
            Paragraph([Line(bar + [Span(" "), Span(text.status, style: statusStyle), Span(style.dot + text.window, style: t.dim)])], ellipsis: style.glyphs.ellipsis)
                .render(into: &buffer, area: Rect(x: inner.x + 2, y: y, width: max(0, inner.width - 2), height: 1))
            y += 1
            var detail = [Line([Span(text.rate, style: t.text), Span(style.dot, style: t.dim), Span(text.projection, style: t.text),
                                Span(style.dot, style: t.dim), Span(text.crossing, style: statusStyle)])]
            if let scale = text.scale { detail.append(Line("scale: " + scale, style: t.dim)) }
            detail.append(Line("counts: " + s.measure.definition, style: t.dim))
            Paragraph(detail, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: Rect(x: inner.x + 2, y: y, width: max(0, inner.width - 2), height: detail.count))
            y += detail.count
        }
    }
}
