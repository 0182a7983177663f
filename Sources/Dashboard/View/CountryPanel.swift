import Fleet
import Screen

/// Where the fleet's bytes went, by destination country: one row per country (its fill
/// pattern, name and code, share, bytes, rate and a bar of its share), then one stacked bar of
/// the whole. Each country has its colour from the theme and its own fill pattern, so the
/// bar reads without colour too.
struct CountryPanel: Widget {
    let style: ViewStyle
    let countries: [CountryShare]
    let highlighted: Bool
    /// The window of the rates shown, in seconds.
    var windowSeconds = MeterWindow.rateSeconds

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let block = style.block(style.title("Destinations", [Span("by country", style: t.dim), Span("\(windowSeconds) s", style: t.dim)]), highlighted: highlighted)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        guard !countries.isEmpty else {
            buffer.put(Line("no traffic yet", style: t.dim), x: inner.x, y: inner.y, width: inner.width)
            return
        }
        // The stacked bar takes the last row when there are two rows or more.
        let listRows = inner.height >= 2 ? inner.height - 1 : inner.height
        let shown = Array(countries.prefix(listRows))
        let nameWidth = min(20, shown.map { DisplayWidth.of(clean($0.name)) + 3 + DisplayWidth.of(clean($0.country.rawValue)) }.max() ?? 8)
        var used = nameWidth + 1 + 5
        let showBytes = used + 1 + Format.bytesWidth <= inner.width
        if showBytes { used += 1 + Format.bytesWidth }
        let showRate = used + 1 + Format.rateWidth + 9 <= inner.width
        if showRate { used += 1 + Format.rateWidth }
        let barWidth = inner.width - used - 1
        for (i, c) in shown.enumerated() {
            let y = inner.y + i
            let cs = style.countryStyle(c.country)
            let fill = String(fill(i))
            var x = inner.x
            x += buffer.put(Line([Span(fill + " ", style: cs), Span(clean(c.name)), Span(" " + clean(c.country.rawValue), style: t.dim)]), x: x, y: y, width: nameWidth, ellipsis: style.glyphs.ellipsis)
            x = inner.x + nameWidth + 1
            buffer.put(Line(Format.percent(c.share), alignment: .right), x: x, y: y, width: 5)
            x += 5
            if showBytes {
                buffer.put(Line(Format.bytes(Double(c.bytes)), style: t.dim, alignment: .right), x: x + 1, y: y, width: Format.bytesWidth)
                x += 1 + Format.bytesWidth
            }
            if showRate {
                buffer.put(Line(Format.rate(c.rate), style: t.dim, alignment: .right), x: x + 1, y: y, width: Format.rateWidth)
                x += 1 + Format.rateWidth
            }
            if barWidth >= 4 {
                buffer.render(Gauge(ratio: c.share, filledStyle: cs, trackStyle: t.track, glyphs: style.glyphs), in: Rect(x: x + 1, y: y, width: barWidth, height: 1))
            }
        }
        if inner.height >= 2 {
            let segments = countries.enumerated().map { i, c in
                StackedBar.Segment(Double(c.bytes), style: style.countryStyle(c.country), symbol: fill(i))
            }
            buffer.render(StackedBar(segments, trackStyle: t.track, glyphs: style.glyphs), in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1))
        }
    }

    /// The fill pattern of the `i`th country, shared by its row and its segment of the bar.
    func fill(_ i: Int) -> Character { style.glyphs.stackFills[i % style.glyphs.stackFills.count] }
}
