import Geography
import Screen

/// A small fixed screen with everything exports must get right: a Chinese name, an emoji, a
/// combining mark, a hostile string, every attribute, colours of every kind, box drawing,
/// blocks and braille.
enum Fixture {
    static let hostile = "\u{1B}]0;pwned\u{07}<script>&"

    static var buffer: Buffer {
        let theme = Theme.dark
        var b = Buffer(width: 36, height: 9)
        b.render(Block(title: "Cars 车辆", focused: true, theme: theme, glyphs: .unicode), in: b.area)
        let rows = Layout.vertical([.length(1), .length(1), .length(1), .length(1), .length(1), .fill(1)]).split(Block().inner(b.area))
        b.render(Paragraph([Line([Span("王伟", style: theme.title), Span(" 🚗 ", style: .plain), Span("Zoe\u{308}", style: Style(attributes: .italic)), Span(" 1.2 MB", style: theme.dim)])]), in: rows[0])
        b.render(Paragraph([Line(hostile, style: Style(foreground: .indexed(208), attributes: .underline))]), in: rows[1])
        let parts = Layout.horizontal([.length(12), .fill(1)], spacing: 1).split(rows[2])
        b.render(Sparkline([0, 1, 3, 5, 8, 6, 2, 0, 4, 7, 8, 1], max: 8, style: theme.trafficUp), in: parts[0])
        b.render(Gauge(ratio: 0.61, label: "61%", filledStyle: theme.china, trackStyle: theme.track, glyphs: .unicode), in: parts[1])
        b.render(StackedBar([.init(5, style: theme.china), .init(3, style: theme.us), .init(2, style: theme.thirdCountry)]), in: rows[3])
        b.render(Paragraph([Line([Span(" CRIT ", style: theme.severityCritical), Span(" "), Span("sel", style: theme.selected), Span(" "), Span("rev", style: Style(foreground: .ansi(2), attributes: .reverse)), Span(" "), Span("bold", style: Style(foreground: .ansi(11), attributes: .bold))])]), in: rows[4])
        let map = GeoBox(south: 31.0, north: 31.4, west: 121.2, east: 121.8)
        b.render(BrailleCanvas(bounds: map, shapes: [
            .circle(center: GeoPoint(latitude: 31.2, longitude: 121.5), radiusKm: 15, style: theme.restricted),
            .point(GeoPoint(latitude: 31.23, longitude: 121.47), style: theme.title),
            .label(GeoPoint(latitude: 31.23, longitude: 121.6), text: "上海", style: theme.dim),
        ]), in: rows[5])
        return b
    }
}
