import Fleet
import Geography
import Screen

/// The map view: one canvas per region (side by side when wide, stacked otherwise) showing the
/// part `viewport` asks for. Under everything the region's geography: water shaded (the theme's
/// water background, or the glyph set's light water pattern where the theme has none), coasts,
/// shores and rivers, then roads (motorways brighter); over them the sensitive zones (in force:
/// the restricted colour; out of season: dim), landmarks and the cars: dots (driving bright,
/// parked dim) or, when the cars outnumber half the cells, a density ramp of cars per cell.
/// Cars with an open alert are drawn over with their severity's glyph and colour, restricted
/// cars with the restricted glyph, so both show without colour.
///
/// Marks and labels are placed, not just drawn: by priority (the selected car's name, the
/// pointed-at car's, critical and high alert marks, zones in force, landmarks, watch marks,
/// restricted marks, zones out of season), each where no earlier one is (in a dense box a mark
/// also keeps its eight neighbours free of marks, and high marks come after the names), right of its place or else left of it, shortened with
/// the ellipsis when only that fits, else left out; nothing runs past the panel's edge and no
/// mark overwrites a letter. A legend closes the view.
struct MapView: Widget {
    let style: ViewStyle
    let map: MapModel
    let selected: Int?
    let pointedAt: Int?
    /// "filtered: …" when only the cars the filter matches are drawn (the legend says it whole).
    var filter: String? = nil
    /// The part of each region drawn.
    var viewport = MapViewport()
    /// The rows of the selected and pointed-at cars (their driver and VIN name them).
    var rows: [VehicleRow] = []

    /// Cars a cell for each step of the density ramp (`GlyphSet.density`): 1, 3+, 10+, 30+, 100+.
    static let densitySteps = [1, 3, 10, 30, 100]

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        guard !map.regions.isEmpty else {
            let block = style.block(style.title("Map"))
            block.render(into: &buffer, area: area)
            let inner = block.inner(area)
            buffer.put(Line("No map for this scenario", style: t.dim, alignment: .center), x: inner.x, y: inner.y + inner.height / 2, width: inner.width)
            return
        }
        let n = map.regions.count
        // Side by side when each gets 40 columns, else stacked; the density legend when any box is dense.
        // Rows for the longer legend (the density's), with room for where wrapping breaks lines.
        let legendWidth = max(Line(legendSpans(dense: false)).width, Line(legendSpans(dense: true)).width) + 16
        let legendRows = min(3, max(1, (legendWidth + area.width - 1) / max(1, area.width)))
        let parts = Layout.vertical([.fill(1), .length(legendRows)]).split(area)
        let cells = Self.grid(n, in: parts[0])
        var dense = false
        for (region, rect) in zip(map.regions, cells) { dense = renderRegion(region, into: &buffer, area: rect) || dense }
        Paragraph([Line(legendSpans(dense: dense))], ellipsis: style.glyphs.ellipsis, wrap: true).render(into: &buffer, area: parts[1])
    }

    /// The boxes of `n` regions in `area`: a grid of as many columns as makes the smallest box
    /// biggest, counting a row as two columns (a cell is about twice as tall as wide, and a region
    /// about as tall as wide); a last row with fewer boxes shares its width between them.
    static func grid(_ n: Int, in area: Rect) -> [Rect] {
        guard n > 0 else { return [] }
        var best = (columns: 1, size: -1)
        for c in 1...n {
            let r = (n + c - 1) / c
            let size = min(area.width / c, 2 * (area.height / r))
            if size > best.size { best = (c, size) }
        }
        let rows = (n + best.columns - 1) / best.columns
        let lines = Layout.vertical(Array(repeating: .fill(1), count: rows)).split(area)
        var out: [Rect] = []
        for (i, line) in lines.enumerated() {
            let k = min(best.columns, n - i * best.columns)
            out += Layout.horizontal(Array(repeating: .fill(1), count: k)).split(line)
        }
        return out
    }

    /// The box of `region` the viewport shows: the whole box at ×1; zoomed round the viewport's
    /// centre, or round the selected car when following it and it is in this region.
    func viewBox(_ region: MapRegion) -> GeoBox {
        let w = region.east - region.west, h = region.north - region.south
        var cx = viewport.centerX, cy = viewport.centerY
        let half = 0.5 / Double(viewport.scale)
        if viewport.follow, let car = followedCar(region) {
            cx = min(max((car.position.longitude - region.west) / w, half), 1 - half)
            cy = min(max((region.north - car.position.latitude) / h, half), 1 - half)
        }
        return GeoBox(
            south: region.north - (cy + half) * h, north: region.north - (cy - half) * h,
            west: region.west + (cx - half) * w, east: region.west + (cx + half) * w)
    }

    /// The region's box and the land masks over it: where the map has geography to draw.
    static func extent(_ region: MapRegion) -> GeoBox {
        var b = GeoBox(south: region.south, north: region.north, west: region.west, east: region.east)
        for m in region.masks {
            b = GeoBox(south: min(b.south, m.box.south), north: max(b.north, m.box.north), west: min(b.west, m.box.west), east: max(b.east, m.box.east))
        }
        return b
    }

    /// `box` widened (never cut) round its centre so that it fills `columns` × `rows` cells at
    /// true shape, a cell being twice as tall as wide: Shanghai's coast looks like Shanghai's.
    static func trueShape(_ box: GeoBox, columns: Int, rows: Int) -> GeoBox {
        guard columns > 0, rows > 0 else { return box }
        let c = box.center
        let cosLat = max(0.01, Geo.portableCosine(c.latitude * .pi / 180))
        // Ground metres per cell across and down (degrees of latitude as the unit).
        let across = (box.east - box.west) * cosLat / Double(columns), down = (box.north - box.south) / Double(rows)
        var b = box
        if down < 2 * across {
            let half = across * Double(rows)  // (2 × across × rows) / 2
            b.south = c.latitude - half
            b.north = c.latitude + half
        } else {
            let half = down * Double(columns) / cosLat / 4  // (down / 2 × columns / cos) / 2
            b.west = c.longitude - half
            b.east = c.longitude + half
        }
        return b
    }

    func followedCar(_ region: MapRegion) -> MapCar? {
        guard let selected else { return nil }
        return region.cars.first { $0.vehicle == selected }
    }

    func row(_ vehicle: Int) -> VehicleRow? { DashboardView.row(of: vehicle, in: rows) }

    /// The short VIN the table's narrow VIN column shows ("LRW…123456").
    func vinLabel(_ r: VehicleRow) -> String {
        shortVIN(r.vin, width: VehicleColumnPlan.shortVIN, ellipsis: style.glyphs.ellipsis)
    }

    /// Draws one region; returns whether its cars were drawn as a density.
    @discardableResult
    func renderRegion(_ region: MapRegion, into buffer: inout Buffer, area: Rect) -> Bool {
        let t = style.theme, g = style.glyphs
        let driving = region.cars.filter(\.driving).count
        let alerting = region.cars.filter { $0.severity > 0 }.count
        var details: [Span] = []
        if viewport.zoom > 0 { details.append(Span("×\(viewport.scale)", style: t.key)) }
        if viewport.follow, let car = followedCar(region), let r = row(car.vehicle) {
            // The word where the title has room for it and the counts.
            let vin = vinLabel(r)
            details.append(Span(area.width >= 56 ? "following " + vin : vin, style: t.key))
        }
        details += [Span("\(region.cars.count) cars", style: t.text), Span("\(driving) driving", style: t.trafficDown)]
        if alerting > 0 { details.append(Span("\(alerting) alerting", style: t.severityHigh)) }
        // Region titles are narrow: the word here, the filter itself in the legend.
        if let filter { details.insert(Span(filter.hasPrefix("preview") ? "preview" : "filtered", style: t.key), at: 0) }
        let block = style.block(style.title(clean(region.name), details))
        block.render(into: &buffer, area: area)
        let inner = block.inner(area).intersection(buffer.area)
        guard !inner.isEmpty, region.north > region.south, region.east > region.west else { return false }
        // The view at true shape, cut to what the basemap knows round the region (its box and
        // the land masks over it): the map fills the part of the panel that covers; labels may
        // use the rest.
        let view = Self.trueShape(viewBox(region), columns: inner.width, rows: inner.height)
        let known = Self.extent(region)
        let bounds = GeoBox(
            south: max(view.south, known.south), north: min(view.north, known.north),
            west: max(view.west, known.west), east: min(view.east, known.east))
        func column(_ lon: Double) -> Int { inner.x + Int(((lon - view.west) / (view.east - view.west) * Double(inner.width)).rounded()) }
        func line(_ lat: Double) -> Int { inner.y + Int(((view.north - lat) / (view.north - view.south) * Double(inner.height)).rounded()) }
        let mapArea = Rect(
            x: column(bounds.west), y: line(bounds.north),
            width: max(1, column(bounds.east) - column(bounds.west)), height: max(1, line(bounds.south) - line(bounds.north))
        ).intersection(inner)
        guard !mapArea.isEmpty else { return false }
        let braille = g.brailleCanvas

        // Water: a tint under everything, or a light pattern where the theme has no background.
        let water = Basemap(lines: [], masks: region.masks).waterGrid(bounds, columns: mapArea.width, rows: mapArea.height)
        let tinted = t.water.background != .default
        for (i, wet) in water.enumerated() where wet {
            let cx = i % mapArea.width, cy = i / mapArea.width
            let patterned = !tinted && (cx + 2 * cy) % 4 == 0
            buffer.set(x: mapArea.x + cx, y: mapArea.y + cy, Cell(patterned ? g.water : " ", style: t.water))
        }

        var shapes: [BrailleCanvas.Shape] = []
        for line in region.lines {
            let s: Style = switch line.feature {
            case .coast, .lake: t.coast
            case .river: t.river
            case .road: t.road
            case .motorway: t.motorway
            }
            for (a, b) in zip(line.points, line.points.dropFirst()) { shapes.append(.line(from: a, to: b, style: s)) }
        }
        for z in region.zones {
            let zs = z.active ? t.restricted : t.dim
            switch z.shape {
            case .circle(let c, let r): shapes.append(.circle(center: c, radiusKm: r, style: zs))
            case .polygon(let vs): shapes.append(.polygon(vs, style: zs))
            }
        }

        // Cars per cell: a dense box is drawn as a density, a sparse one car by car.
        var count = Array(repeating: 0, count: mapArea.width * mapArea.height)
        var drivingCount = count
        var shown = 0
        for car in region.cars {
            guard let (x, y) = cell(car.position, bounds, mapArea) else { continue }
            let i = (y - mapArea.y) * mapArea.width + (x - mapArea.x)
            count[i] += 1
            if car.driving { drivingCount[i] += 1 }
            shown += 1
        }
        let dense = shown * 2 > mapArea.width * mapArea.height
        if !dense {
            // A car is a 2x2 block of braille dots (one dot alone is too faint to find), one
            // character without braille. Parked first, so a driving car wins a cell they share.
            let dotLon = (bounds.east - bounds.west) / Double(max(1, mapArea.width * (braille ? 2 : 1)))
            let dotLat = (bounds.north - bounds.south) / Double(max(1, mapArea.height * (braille ? 4 : 1)))
            for drivingNow in [false, true] {
                for car in region.cars where car.driving == drivingNow && bounds.contains(car.position) {
                    let s = drivingNow ? t.trafficDown : t.dim
                    for (dy, dx) in braille ? [(0.0, 0.0), (0, 1), (1, 0), (1, 1)] : [(0.0, 0.0)] {
                        shapes.append(.point(GeoPoint(latitude: car.position.latitude - dy * dotLat, longitude: car.position.longitude + dx * dotLon), style: s))
                    }
                }
            }
        }
        for l in region.landmarks { shapes.append(.point(l.position, style: t.title)) }
        BrailleCanvas(bounds: bounds, shapes: shapes, glyphs: g).render(into: &buffer, area: mapArea)
        if dense {
            for (i, n) in count.enumerated() where n > 0 {
                let step = Self.densitySteps.lastIndex { n >= $0 } ?? 0
                let glyph = g.density[min(step, g.density.count - 1)]
                let s = drivingCount[i] * 2 >= n ? t.trafficDown : t.dim
                buffer.set(x: mapArea.x + i % mapArea.width, y: mapArea.y + i / mapArea.width, Cell(glyph, style: s))
            }
        }

        var placer = LabelPlacer(area: inner, ellipsis: g.ellipsis)
        placeMarksAndLabels(region, bounds: bounds, area: mapArea, dense: dense, into: &buffer, placer: &placer)

        // The water's tint under what was drawn over it (a cell with its own background keeps it).
        if tinted {
            for (i, wet) in water.enumerated() where wet {
                let x = mapArea.x + i % mapArea.width, y = mapArea.y + i / mapArea.width
                var c = buffer[x, y]
                guard c.style.background == .default else { continue }
                c.style = c.style.background(t.water.background)
                buffer.set(x: x, y: y, c)
            }
        }
        return dense
    }

    /// The marks and labels of a region, by priority (see the type's comment).
    func placeMarksAndLabels(_ region: MapRegion, bounds: GeoBox, area: Rect, dense: Bool, into buffer: inout Buffer, placer: inout LabelPlacer) {
        let t = style.theme, g = style.glyphs
        // The selected car, then the pointed-at one: a point on the car, its driver and VIN beside.
        var named: [(MapCar, Style)] = []
        if let s = selected, let car = region.cars.first(where: { $0.vehicle == s }) { named.append((car, t.key)) }
        if let p = pointedAt, p != selected, let car = region.cars.first(where: { $0.vehicle == p }) { named.append((car, t.header)) }
        for (car, s) in named {
            guard let (x, y) = cell(car.position, bounds, area) else { continue }
            let mark: Cell = markCell(car) ?? Cell(g.canvasPoint, style: s)
            guard placer.takeMark(x: x, y: y, spaced: false) else { continue }
            buffer.set(x: x, y: y, mark)
            guard let r = row(car.vehicle) else { continue }
            let vin = vinLabel(r)
            let full = style.driverSpans(r, romanised: true, style: s) + [Span(" " + vin, style: s)]
            let short = style.driverSpans(r, romanised: false, style: s) + [Span(" " + vin, style: s)]
            placer.place(
                [full, short, [Span(vin, style: s)]], x: x, y: y, into: &buffer,
                right: Span(String(g.arrowLeft) + " ", style: s), left: Span(" " + String(g.arrowRight), style: s), shortens: false)
        }
        // Alert marks, worst first: where two share a cell, the worst shows. In a dense box a
        // mark keeps its neighbours free of other marks, so the density still shows between.
        let marked = region.cars.filter { $0.severity > 0 }.sorted { ($1.severity, $0.vehicle) < ($0.severity, $1.vehicle) }
        func mark(_ cars: some Sequence<MapCar>) {
            for car in cars {
                guard let (x, y) = cell(car.position, bounds, area), let m = markCell(car), placer.takeMark(x: x, y: y, spaced: dense) else { continue }
                buffer.set(x: x, y: y, m)
            }
        }
        // High alerts before the names, except in a dense box, where hundreds would leave no name.
        mark(marked.lazy.filter { $0.severity >= (dense ? 3 : 2) })
        func zoneLabels(active: Bool) {
            for z in region.zones where z.active == active {
                guard let (x, y) = cell(labelPlace(z.shape), bounds, area) else { continue }
                placer.place([[Span(clean(z.name), style: active ? t.restricted : t.dim)]], x: x, y: y, into: &buffer)
            }
        }
        zoneLabels(active: true)
        for l in region.landmarks {
            guard let (x, y) = cell(l.position, bounds, area) else { continue }
            placer.place([[Span(clean(l.name), style: t.dim)]], x: x, y: y, into: &buffer)
        }
        mark(marked.lazy.filter { $0.severity < (dense ? 3 : 2) })
        mark(region.cars.lazy.filter { $0.restricted && $0.severity == 0 })
        zoneLabels(active: false)
    }

    /// The mark of an alerting (its severity's glyph) or restricted car, nil for any other.
    func markCell(_ car: MapCar) -> Cell? {
        if let s = ViewStyle.severity(rank: car.severity) { return Cell(style.severityGlyph(s), style: style.severityStyle(s)) }
        if car.restricted { return Cell(style.glyphs.restricted, style: style.theme.restricted) }
        return nil
    }

    /// The cell of a place in `bounds` drawn in `area` (the canvas's own projection), if inside.
    func cell(_ p: GeoPoint, _ bounds: GeoBox, _ area: Rect) -> (Int, Int)? {
        let fx = (p.longitude - bounds.west) / (bounds.east - bounds.west), fy = (bounds.north - p.latitude) / (bounds.north - bounds.south)
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

    func legendSpans(dense: Bool) -> [Span] {
        let t = style.theme, g = style.glyphs
        let dot = g.brailleCanvas ? "\u{28FF}" : String(g.canvasPoint)
        let line = g.brailleCanvas ? "\u{2812}\u{2812}" : String(repeating: g.canvasDot, count: 2)
        var spans: [Span] = filter.map { [Span($0 + "  ", style: t.key)] } ?? []
        if dense {
            let ramp = String(g.density)
            let steps = Self.densitySteps.map { "\($0)" }.joined(separator: " ")
            spans += [
                Span(ramp, style: t.trafficDown), Span(" driving ", style: t.dim),
                Span(ramp, style: t.dim), Span(" parked: " + steps + "+ cars a cell  ", style: t.dim),
            ]
        } else {
            spans += [
                Span(dot, style: t.trafficDown), Span(" driving  ", style: t.dim),
                Span(dot, style: t.dim), Span(" parked  ", style: t.dim),
            ]
        }
        for s in Severity.allCases.reversed() {
            spans += [Span(String(style.severityGlyph(s)), style: style.severityStyle(s)), Span(" " + s.rawValue + "  ", style: t.dim)]
        }
        spans += [
            Span(String(g.restricted), style: t.restricted), Span(" restricted  ", style: t.dim),
            Span(String(g.canvasDot) + "zone", style: t.restricted), Span(" in force  ", style: t.dim),
            Span(String(g.canvasDot) + "zone", style: t.dim), Span(" out of season  ", style: t.dim),
            Span(String(g.arrowLeft) + " driver VIN", style: t.key), Span(" selected  ", style: t.dim),
            Span(t.water.background != .default ? "  " : String(repeating: g.water, count: 2), style: t.water), Span(" water  ", style: t.dim),
            Span(line, style: t.coast), Span(" coast  ", style: t.dim),
            Span(line, style: t.river), Span(" river  ", style: t.dim),
            Span(line, style: t.motorway), Span(" motorway  ", style: t.dim),
            Span(line, style: t.road), Span(" road", style: t.dim),
        ]
        return spans
    }
}

/// Which cells of a map's area hold a mark or a label's letter already, and the placing of
/// labels where none does: right of the place, else left of it, each whole, else shortened with
/// the ellipsis (to no fewer than four columns), else not at all. Never past the area's edge.
struct LabelPlacer {
    let area: Rect
    let ellipsis: Character
    private var taken: [Bool]

    init(area: Rect, ellipsis: Character) {
        self.area = area
        self.ellipsis = ellipsis
        taken = Array(repeating: false, count: max(0, area.width * area.height))
    }

    func isFree(x: Int, y: Int) -> Bool {
        area.contains(x: x, y: y) && !taken[(y - area.y) * area.width + (x - area.x)]
    }

    /// Takes one cell for a mark: false when it is outside or taken.
    mutating func take(x: Int, y: Int) -> Bool {
        guard isFree(x: x, y: y) else { return false }
        taken[(y - area.y) * area.width + (x - area.x)] = true
        return true
    }

    /// Takes one cell for a car's mark; `spaced`: only where none of the eight cells round it
    /// holds a mark already (a dense map keeps room for its density between the marks).
    mutating func takeMark(x: Int, y: Int, spaced: Bool) -> Bool {
        if spaced {
            for dy in -1...1 {
                for dx in -1...1 where marks.contains(Self.key(x + dx, y + dy)) { return false }
            }
        }
        guard take(x: x, y: y) else { return false }
        marks.insert(Self.key(x, y))
        return true
    }

    private var marks: Set<Int> = []
    static func key(_ x: Int, _ y: Int) -> Int { y &* 65_536 &+ x }

    /// Free cells from `x` on row `y` going right (`step` 1) or left (-1), up to `limit`.
    func run(x: Int, y: Int, step: Int, limit: Int) -> Int {
        var n = 0, cx = x
        while n < limit && isFree(x: cx, y: y) { n += 1; cx += step }
        return n
    }

    /// Places the first of `variants` (longest first) that fits right or left of the place at
    /// (`x`, `y`), with `right` before it when on the right, `left` after it when on the left
    /// (arrows pointing at the place); when none fits whole and `shortens`, the last one cut with
    /// the ellipsis to the room there is (four columns at least). Returns whether placed.
    @discardableResult
    mutating func place(
        _ variants: [[Span]], x: Int, y: Int, into buffer: inout Buffer, right: Span? = nil, left: Span? = nil, shortens: Bool = true
    ) -> Bool {
        let rightSpans = right.map { [$0] } ?? [], leftSpans = left.map { [$0] } ?? []
        // Every variant whole, on either side, before the last one shortened.
        let tries = variants.map { ($0, false) } + (shortens ? variants.suffix(1).map { ($0, true) } : [])
        for (v, last) in tries {
            for onRight in [true, false] {
                let spans = onRight ? rightSpans + v : v + leftSpans
                let need = Line(spans).width
                let free = onRight ? run(x: x + 1, y: y, step: 1, limit: need) : run(x: x - 1, y: y, step: -1, limit: need)
                var drawn = spans
                if free < need {
                    let arrow = Line(onRight ? rightSpans : leftSpans).width
                    guard last, free >= 4 + arrow else { continue }
                    // Shorten the name, keep the arrow that points at the place.
                    let text = v.map(\.text).joined()
                    let body = [Span(DisplayWidth.truncate(text, toWidth: free - Line(onRight ? rightSpans : leftSpans).width, ellipsis: String(ellipsis)), style: v.first?.style ?? .plain)]
                    drawn = onRight ? rightSpans + body : body + leftSpans
                }
                let width = Line(drawn).width
                let x0 = onRight ? x + 1 : x - width
                var cx = x0
                for s in drawn { cx += buffer.put(s.text, x: cx, y: y, style: s.style, clip: area) }
                for i in 0..<width { taken[(y - area.y) * area.width + (x0 + i - area.x)] = true }
                return true
            }
        }
        return false
    }
}
