/// One bar split into coloured segments by value (the share of traffic per country, say).
///
/// Columns go to segments by largest remainder, so they add up exactly to the filled width
/// and a segment's share is off by less than one column. Segments take the fill patterns of
/// `GlyphSet.stackFills` in turn (or their own `symbol`), so they stay apart without colour.
public struct StackedBar: Widget, Hashable, Sendable {
    public struct Segment: Hashable, Sendable {
        public var value: Double
        public var style: Style
        public var symbol: Character?

        public init(_ value: Double, style: Style = .plain, symbol: Character? = nil) {
            self.value = value
            self.style = style
            self.symbol = symbol
        }
    }

    public var segments: [Segment]
    /// The value of the full width; nil means the sum of the segments (a bar always full).
    public var total: Double?
    public var trackStyle: Style
    public var glyphs: GlyphSet

    public init(_ segments: [Segment], total: Double? = nil, trackStyle: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.segments = segments
        self.total = total
        self.trackStyle = trackStyle
        self.glyphs = glyphs
    }

    /// Columns per segment for a bar `width` columns wide.
    public func columns(width: Int) -> [Int] {
        let values = segments.map { $0.value.isFinite && $0.value > 0 ? $0.value : 0 }
        let sum = values.reduce(0, +)
        let whole = Swift.max(total ?? sum, sum)
        guard whole > 0, width > 0 else { return segments.map { _ in 0 } }
        let filled = Int((sum / whole * Double(width)).rounded())
        // Integer weights at a fine grain keep the split deterministic and exact.
        let weights = values.map { Int(($0 / sum * 1_000_000).rounded()) }
        return Layout.distribute(filled, weights: weights)
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        var x = a.x
        for (i, n) in columns(width: a.width).enumerated() {
            let seg = segments[i]
            let cell = Cell(seg.symbol ?? glyphs.stackFills[i % glyphs.stackFills.count], style: seg.style)
            for _ in 0..<n {
                for y in a.y..<a.maxY { buffer.set(x: x, y: y, cell) }
                x += 1
            }
        }
        while x < a.maxX {
            for y in a.y..<a.maxY { buffer.set(x: x, y: y, Cell(glyphs.barTrack, style: trackStyle)) }
            x += 1
        }
    }
}
