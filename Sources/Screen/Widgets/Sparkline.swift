/// A run of values as bar heights, one column per value, the newest at the right edge.
///
/// Each row holds eight levels; a value is scaled against `max` (or the largest value shown)
/// to `height × 8` levels and rounded, and any positive value shows at least the lowest
/// level, so a trickle of traffic is never drawn as silence.
public struct Sparkline: Widget, Hashable, Sendable {
    public var values: [Double]
    /// The value drawn as a full column; nil scales to the largest value shown.
    public var max: Double?
    public var style: Style
    public var glyphs: GlyphSet

    public init(_ values: [Double], max: Double? = nil, style: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.values = values
        self.max = max
        self.style = style
        self.glyphs = glyphs
    }

    /// The level (0 to `rows × 8`) of `value` against `top`.
    public static func level(_ value: Double, top: Double, rows: Int) -> Int {
        let steps = rows * 8
        guard value.isFinite, value > 0, top.isFinite, top > 0 else { return 0 }
        let scaled = Int((Swift.min(value, top) / top * Double(steps)).rounded())
        return Swift.max(1, Swift.min(steps, scaled))
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        let shown = values.suffix(a.width)
        var top = max ?? 0
        if max == nil { for v in shown where v.isFinite { top = Swift.max(top, v) } }
        var x = a.maxX - shown.count
        for v in shown {
            var level = Sparkline.level(v, top: top, rows: a.height)
            for y in stride(from: a.maxY - 1, through: a.y, by: -1) {
                let part = Swift.min(8, level)
                buffer.set(x: x, y: y, Cell(glyphs.sparkLevels[part], style: style))
                level -= part
            }
            x += 1
        }
    }
}
