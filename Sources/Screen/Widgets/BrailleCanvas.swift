import Geography

/// A map: latitude/longitude shapes drawn as dots, 2×4 braille dots per cell with the
/// Unicode glyphs, one character per cell with ASCII. Cells with no dot are left as they
/// were, so a canvas can be drawn over a block or another canvas.
///
/// The projection is plain equirectangular (the bounds stretched to the area): at city scale
/// the distortion is invisible, and the caller picks bounds whose aspect suits the area.
public struct BrailleCanvas: Widget, Hashable, Sendable {
    public enum Shape: Hashable, Sendable {
        case point(GeoPoint, style: Style)
        case line(from: GeoPoint, to: GeoPoint, style: Style)
        /// A closed outline through the vertices.
        case polygon([GeoPoint], style: Style)
        /// An outline `radiusKm` around a centre (a geofence, a base's perimeter).
        case circle(center: GeoPoint, radiusKm: Double, style: Style)
        /// Text starting one cell right of the place, drawn over every dot.
        case label(GeoPoint, text: String, style: Style)
    }

    public var bounds: GeoBox
    public var shapes: [Shape]
    public var glyphs: GlyphSet

    public init(bounds: GeoBox, shapes: [Shape] = [], glyphs: GlyphSet = .unicode) {
        self.bounds = bounds
        self.shapes = shapes
        self.glyphs = glyphs
    }

    /// Dot grid of one render: the dot bits and the style of each cell, whether it holds a point.
    struct Grid {
        let cols: Int, rows: Int, dotsX: Int, dotsY: Int, braille: Bool
        var bits: [UInt8]
        var styles: [Style]
        var points: [Bool]

        init(width: Int, height: Int, braille: Bool) {
            cols = width
            rows = height
            self.braille = braille
            dotsX = width * (braille ? 2 : 1)
            dotsY = height * (braille ? 4 : 1)
            bits = Array(repeating: 0, count: width * height)
            styles = Array(repeating: .plain, count: width * height)
            points = Array(repeating: false, count: width * height)
        }

        static let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

        mutating func dot(_ x: Int, _ y: Int, _ style: Style, point: Bool = false) {
            guard x >= 0, x < dotsX, y >= 0, y < dotsY else { return }
            let cx = braille ? x / 2 : x, cy = braille ? y / 4 : y
            let i = cy * cols + cx
            bits[i] |= braille ? Grid.brailleBits[x % 2][y % 4] : 1
            styles[i] = style
            if point { points[i] = true }
        }

        mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ style: Style) {
            var x = x0, y = y0
            let dx = abs(x1 - x0), dy = -abs(y1 - y0)
            let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
            var err = dx + dy
            while true {
                dot(x, y, style)
                if x == x1 && y == y1 { return }
                let e2 = 2 * err
                if e2 >= dy { err += dy; x += sx }
                if e2 <= dx { err += dx; y += sy }
            }
        }
    }

    /// The dot (column, row) of a place; outside the bounds it is outside the grid, but kept
    /// near it so that lines to far-away places stay short to draw.
    func project(_ p: GeoPoint, _ g: Grid) -> (Int, Int) {
        let fx = (p.longitude - bounds.west) / (bounds.east - bounds.west)
        let fy = (bounds.north - p.latitude) / (bounds.north - bounds.south)
        func clamp(_ f: Double, _ n: Int) -> Int {
            guard f.isFinite else { return -1 }
            return Int((Swift.min(3, Swift.max(-2, f)) * Double(n)).rounded(.down))
        }
        return (fx == 1 ? g.dotsX - 1 : clamp(fx, g.dotsX), fy == 1 ? g.dotsY - 1 : clamp(fy, g.dotsY))
    }

    func outline(_ vertices: [GeoPoint], closed: Bool, _ style: Style, _ g: inout Grid) {
        guard var previous = vertices.first.map({ project($0, g) }) else { return }
        let first = previous
        for v in vertices.dropFirst() {
            let p = project(v, g)
            g.line(previous.0, previous.1, p.0, p.1, style)
            previous = p
        }
        if closed { g.line(previous.0, previous.1, first.0, first.1, style) }
        if vertices.count == 1 { g.dot(first.0, first.1, style) }
    }

    /// A circle as a 48-gon: enough to look round at terminal resolution. Computed with
    /// plain arithmetic (a fixed rotation, a Taylor cosine) rather than libm, whose last bits
    /// differ between platforms: the same map must give the same dots everywhere.
    static func circleVertices(_ c: GeoPoint, radiusKm: Double) -> [GeoPoint] {
        let (dLat, dLon) = Geo.degrees(meters: radiusKm * 1000, atLatitude: c.latitude)
        let stepCos = 0.9914448613738104, stepSin = 0.13052619222005157  // cos, sin of 2π/48
        var (x, y) = (1.0, 0.0)
        var vertices: [GeoPoint] = []
        vertices.reserveCapacity(48)
        for _ in 0..<48 {
            vertices.append(GeoPoint(latitude: c.latitude + dLat * y, longitude: c.longitude + dLon * x))
            (x, y) = (x * stepCos - y * stepSin, x * stepSin + y * stepCos)
        }
        return vertices
    }


    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty, bounds.north > bounds.south, bounds.east > bounds.west else { return }
        var g = Grid(width: a.width, height: a.height, braille: glyphs.brailleCanvas)
        for shape in shapes {
            switch shape {
            case .point(let p, let style):
                let (x, y) = project(p, g)
                g.dot(x, y, style, point: true)
            case .line(let from, let to, let style): outline([from, to], closed: false, style, &g)
            case .polygon(let vertices, let style): outline(vertices, closed: true, style, &g)
            case .circle(let c, let r, let style): outline(BrailleCanvas.circleVertices(c, radiusKm: r), closed: true, style, &g)
            case .label: break
            }
        }
        for cy in 0..<g.rows {
            for cx in 0..<g.cols {
                let i = cy * g.cols + cx
                guard g.bits[i] != 0 else { continue }
                let glyph: Character
                if g.braille {
                    glyph = Character(Unicode.Scalar(0x2800 + UInt32(g.bits[i])) ?? " ")
                } else {
                    glyph = g.points[i] ? glyphs.canvasPoint : glyphs.canvasDot
                }
                buffer.set(x: a.x + cx, y: a.y + cy, Cell(glyph, style: g.styles[i]), clip: a)
            }
        }
        for case .label(let p, let text, let style) in shapes {
            let (x, y) = project(p, g)
            guard x >= 0, x < g.dotsX, y >= 0, y < g.dotsY else { continue }
            let cx = g.braille ? x / 2 : x, cy = g.braille ? y / 4 : y
            buffer.put(text, x: a.x + cx + 1, y: a.y + cy, style: style, clip: a)
        }
    }
}
