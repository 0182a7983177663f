import Fleet
import Geography
import Screen

/// The map view: one canvas per region (side by side when wide, stacked otherwise) with its
/// sensitive zones (in force: the restricted colour; out of season: dim), landmarks, and cars
/// as dots (driving bright, parked dim). Cars with an open alert are drawn over with their
/// severity's glyph and colour, restricted cars with the restricted glyph, so both show
/// without colour. A legend closes the view.
struct MapView: Widget {
    let style: ViewStyle
    let map: MapModel
    let selected: Int?
    let pointedAt: Int?
    /// "filtered: …" when only the cars the filter matches are drawn (the legend says it whole).
    var filter: String? = nil

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        guard !map.regions.isEmpty else {
            let block = style.block(style.title("Map"))
            block.render(into: &buffer, area: area)
            let inner = block.inner(area)
            buffer.put(Line("No map for this scenario", style: t.dim, alignment: .center), x: inner.x, y: inner.y + inner.height / 2, width: inner.width)
            return
        }
        let legend = legendSpans()
        let legendRows = Line(legend).width <= area.width ? 1 : 2
        let parts = Layout.vertical([.fill(1), .length(legendRows)]).split(area)
        let n = map.regions.count
        let sideBySide = parts[0].width / n >= 40
        let cells = (sideBySide ? Layout.horizontal(Array(repeating: .fill(1), count: n)) : Layout.vertical(Array(repeating: .fill(1), count: n))).split(parts[0])
        for (region, rect) in zip(map.regions, cells) { renderRegion(region, into: &buffer, area: rect) }
        Paragraph([Line(legend)], ellipsis: style.glyphs.ellipsis, wrap: true).render(into: &buffer, area: parts[1])
    }

    func renderRegion(_ region: MapRegion, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let driving = region.cars.filter(\.driving).count
        let alerting = region.cars.filter { $0.severity > 0 }.count
        var details = [Span("\(region.cars.count) cars", style: t.text), Span("\(driving) driving", style: t.trafficDown)]
        if alerting > 0 { details.append(Span("\(alerting) alerting", style: t.severityHigh)) }
        // Region titles are narrow: the word here, the filter itself in the legend.
        if let filter { details.insert(Span(filter.hasPrefix("preview") ? "preview" : "filtered", style: t.key), at: 0) }
        let block = style.block(style.title(clean(region.name), details))
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty, region.north > region.south, region.east > region.west else { return }
        var shapes: [BrailleCanvas.Shape] = []
        for z in region.zones {
            let zs = z.active ? t.restricted : t.dim
            switch z.shape {
            case .circle(let c, let r): shapes.append(.circle(center: c, radiusKm: r, style: zs))
            case .polygon(let vs): shapes.append(.polygon(vs, style: zs))
            }
        }
        // A car is a 2x2 block of dots (one braille dot alone is too faint to find). Parked
        // first, so a driving car wins a cell they share.
        let dotLon = (region.east - region.west) / Double(max(1, inner.width * (style.glyphs.brailleCanvas ? 2 : 1)))
        let dotLat = (region.north - region.south) / Double(max(1, inner.height * (style.glyphs.brailleCanvas ? 4 : 1)))
        for driving in [false, true] {
            for car in region.cars where car.driving == driving {
                let s = driving ? t.trafficDown : t.dim
                for (dy, dx) in [(0.0, 0.0), (0, 1), (1, 0), (1, 1)] {
                    shapes.append(.point(GeoPoint(latitude: car.position.latitude - dy * dotLat, longitude: car.position.longitude + dx * dotLon), style: s))
                }
            }
        }
        for l in region.landmarks {
            shapes.append(.point(l.position, style: t.title))
            shapes.append(.label(l.position, text: clean(l.name), style: t.dim))
        }
        for z in region.zones {
            shapes.append(.label(labelPlace(z.shape), text: clean(z.name), style: z.active ? t.restricted : t.dim))
        }
        let bounds = GeoBox(south: region.south, north: region.north, west: region.west, east: region.east)
        BrailleCanvas(bounds: bounds, shapes: shapes, glyphs: style.glyphs).render(into: &buffer, area: inner)
        // Marks over the dots: restricted cars, then alerting cars by rising severity, so the
        // worst is on top.
        let marked = region.cars.filter { $0.restricted || $0.severity > 0 }.sorted { ($0.severity, $0.vehicle) < ($1.severity, $1.vehicle) }
        for car in marked {
            guard let (x, y) = cell(car.position, region, inner) else { continue }
            if let s = ViewStyle.severity(rank: car.severity) {
                buffer.set(x: x, y: y, Cell(style.severityGlyph(s), style: style.severityStyle(s)), clip: inner)
            } else {
                buffer.set(x: x, y: y, Cell(style.glyphs.restricted, style: t.restricted), clip: inner)
            }
        }
        for car in region.cars where car.vehicle == selected || car.vehicle == pointedAt {
            guard let (x, y) = cell(car.position, region, inner) else { continue }
            // Left of the car: zone and landmark labels run to the right of their places.
            let tag = "#\(car.vehicle)" + String(style.glyphs.arrowRight)
            buffer.put(tag, x: x - DisplayWidth.of(tag), y: y, style: t.key, clip: inner)
        }
    }

    /// The cell of a place in a region drawn in `area` (the canvas's own projection), if inside.
    func cell(_ p: GeoPoint, _ r: MapRegion, _ area: Rect) -> (Int, Int)? {
        let fx = (p.longitude - r.west) / (r.east - r.west), fy = (r.north - p.latitude) / (r.north - r.south)
        guard fx.isFinite, fy.isFinite, fx >= 0, fx <= 1, fy >= 0, fy <= 1 else { return nil }
        let x = min(area.width - 1, Int(fx * Double(area.width))), y = min(area.height - 1, Int(fy * Double(area.height)))
        return (area.x + x, area.y + y)
    }

    /// Where a zone's name goes: right of a circle's outline, or at a polygon's first vertex.
    func labelPlace(_ shape: MapZone.Shape) -> GeoPoint {
        switch shape {
        case .circle(let c, let r): GeoPoint(latitude: c.latitude, longitude: c.longitude + Geo.degrees(meters: r * 1000, atLatitude: c.latitude).longitude)
        case .polygon(let vs): vs.first ?? GeoPoint(latitude: 0, longitude: 0)
        }
    }

    func legendSpans() -> [Span] {
        let t = style.theme, g = style.glyphs
        let dot = g.brailleCanvas ? "\u{28FF}" : String(g.canvasPoint)
        var spans: [Span] = filter.map { [Span($0 + "  ", style: t.key)] } ?? []
        spans += [
            Span(dot, style: t.trafficDown), Span(" driving  ", style: t.dim),
            Span(dot, style: t.dim), Span(" parked  ", style: t.dim),
        ]
        for s in Severity.allCases.reversed() {
            spans += [Span(String(style.severityGlyph(s)), style: style.severityStyle(s)), Span(" " + s.rawValue + "  ", style: t.dim)]
        }
        spans += [
            Span(String(g.restricted), style: t.restricted), Span(" restricted  ", style: t.dim),
            Span(String(g.canvasDot) + "zone", style: t.restricted), Span(" in force  ", style: t.dim),
            Span(String(g.canvasDot) + "zone", style: t.dim), Span(" out of season  ", style: t.dim),
            Span("#n" + String(g.arrowRight), style: t.key), Span(" selected", style: t.dim),
        ]
        return spans
    }
}
