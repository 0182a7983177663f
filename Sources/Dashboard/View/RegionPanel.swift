import Fleet
import Screen

/// One region's summary (Shanghai, US): cars, driving, restricted cars, up and down rates,
/// bytes, the share that left the market's country, open alerts, and a rate history that
/// takes the rows left at the bottom.
struct RegionPanel: Widget {
    let style: ViewStyle
    let region: RegionSummary
    let highlighted: Bool
    /// The window of the rates shown, in seconds.
    var windowSeconds = MeterWindow.rateSeconds

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let block = style.block(style.title(clean(region.name), [Span(region.market.rawValue + " market", style: t.dim)]), highlighted: highlighted)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let cross = region.bytes > 0 ? Double(region.crossBorderBytes) / Double(region.bytes) : 0
        var lines: [Line] = [
            Line([Span("\(region.cars)", style: t.title), Span(" cars  ", style: t.dim), Span("\(region.driving)"), Span(" driving", style: t.dim)]
                + (region.restrictedCars > 0 ? [Span("  " + String(style.glyphs.restricted) + " \(region.restrictedCars) restricted", style: t.restricted)] : [])),
            Line([Span(String(style.glyphs.arrowUp) + " " + Format.rate(region.upRate), style: t.trafficUp), Span("   "),
                  Span(String(style.glyphs.arrowDown) + " " + Format.rate(region.downRate), style: t.trafficDown),
                  Span("  (\(windowSeconds) s)", style: t.dim)]),
            // Unknown cars have no market, so no border to leave, and no rule judges them.
            Line([Span(Format.bytes(Double(region.bytes))), Span(" total  ", style: t.dim)] + (region.market == .unknown
                ? [Span("not judged", style: t.dim)]
                : [Span(String(style.glyphs.crossBorder) + " " + Format.percent(cross, decimals: 1), style: region.crossBorderBytes > 0 ? t.severityHigh : t.text),
                   Span(" left " + region.market.country.rawValue, style: t.dim)])),
        ]
        if region.openAlerts > 0 {
            lines.append(Line([Span("\(region.openAlerts)", style: t.severityHigh), Span(" open alerts", style: t.dim)]))
        } else {
            lines.append(Line("no open alerts", style: t.dim))
        }
        let textRows = min(lines.count, inner.height)
        Paragraph(lines, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: textRows))
        let sparkRows = inner.height - textRows
        if sparkRows > 0, !region.history.isEmpty {
            buffer.render(Sparkline(region.history, style: t.trafficDown, glyphs: style.glyphs), in: Rect(x: inner.x, y: inner.y + textRows, width: inner.width, height: sparkRows))
        }
    }
}
