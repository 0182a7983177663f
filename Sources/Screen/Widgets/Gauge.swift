/// A horizontal bar filled to a ratio, in eighths of a cell, with an optional label at its
/// right end ("████▌     42%").
public struct Gauge: Widget, Hashable, Sendable {
    /// Filled part, clamped to 0...1 (NaN counts as 0).
    public var ratio: Double
    public var label: String?
    public var filledStyle: Style
    public var trackStyle: Style
    public var labelStyle: Style
    public var glyphs: GlyphSet

    public init(ratio: Double, label: String? = nil, filledStyle: Style = .plain, trackStyle: Style = .plain, labelStyle: Style = .plain, glyphs: GlyphSet = .unicode) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = filledStyle
        self.trackStyle = trackStyle
        self.labelStyle = labelStyle
        self.glyphs = glyphs
    }

    /// The eighths of `columns` cells that `ratio` fills.
    public static func eighths(_ ratio: Double, columns: Int) -> Int {
        guard ratio.isFinite, ratio > 0 else { return 0 }
        return Int((Swift.min(1, ratio) * Double(columns * 8)).rounded())
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        var barWidth = a.width
        if let label {
            let w = DisplayWidth.of(label)
            if w + 1 < a.width {
                barWidth = a.width - w - 1
                let y = a.y + a.height / 2
                buffer.put(label, x: a.maxX - w, y: y, style: labelStyle, clip: a)
                buffer.set(x: a.x + barWidth, y: y, Cell(" ", style: labelStyle), clip: a)
            }
        }
        var filled = Gauge.eighths(ratio, columns: barWidth)
        for x in a.x..<(a.x + barWidth) {
            let part = Swift.min(8, filled)
            filled -= part
            // An ASCII cell less than half full has no glyph of its own: it shows the track.
            let empty = part == 0 || glyphs.barEighths[part] == " "
            let cell = empty ? Cell(glyphs.barTrack, style: trackStyle) : Cell(glyphs.barEighths[part], style: filledStyle)
            for y in a.y..<a.maxY { buffer.set(x: x, y: y, cell) }
        }
    }
}
