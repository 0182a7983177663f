import Screen

/// The size of a terminal cell in an SVG or HTML snapshot.
public struct CellMetrics: Hashable, Sendable {
    /// Stored in tenths of a pixel, so every coordinate is written exactly ("25.2", never
    /// "25.200000000000003") and the output is the same on every machine.
    let widthTenths: Int
    let heightTenths: Int
    let fontTenths: Int
    let paddingTenths: Int

    /// Sizes in pixels, kept to one decimal.
    public init(cellWidth: Double, cellHeight: Double, fontSize: Double, padding: Double) {
        widthTenths = Int((cellWidth * 10).rounded())
        heightTenths = Int((cellHeight * 10).rounded())
        fontTenths = Int((fontSize * 10).rounded())
        paddingTenths = Int((padding * 10).rounded())
    }

    /// 14 px text: DejaVu Sans Mono advances 0.6 em (8.4 px); 17 px rows.
    public static let standard = CellMetrics(cellWidth: 8.4, cellHeight: 17, fontSize: 14, padding: 8)

    public var cellWidth: Double { Double(widthTenths) / 10 }
    public var cellHeight: Double { Double(heightTenths) / 10 }
    public var fontSize: Double { Double(fontTenths) / 10 }
}

/// The screen as an SVG picture of the terminal: a monospace grid on a dark background.
///
/// Alignment does not trust the font: every narrow character gets its own x position (one
/// `x` list per text run) and every wide or composed grapheme is a text of its own centred
/// on its cells, so CJK, emoji and fallback glyphs sit exactly where the terminal puts them
/// whatever their advance in the font that draws them. Background colours are one rect per
/// run of equal colour.
public struct SVGExporter: BufferExporter, Sendable {
    public var depth: ColorDepth
    public var title: String
    public var metrics: CellMetrics
    public var palette: Palette

    public init(depth: ColorDepth, title: String, metrics: CellMetrics = .standard, palette: Palette = .xterm) {
        self.depth = depth
        self.title = title
        self.metrics = metrics
        self.palette = palette
    }

    /// A monospace font with box drawing, block elements and braille first, then CJK, then
    /// symbols (the control pictures ␛ ␇ that stand for sanitized characters) and emoji.
    public static let fontFamily = "'DejaVu Sans Mono', 'Noto Sans Mono CJK SC', 'Noto Sans CJK SC', 'WenQuanYi Zen Hei Mono', 'Noto Sans Symbols 2', 'Noto Color Emoji', monospace"

    public func render(_ buffer: Buffer) -> String {
        let m = metrics
        let w = 2 * m.paddingTenths + buffer.width * m.widthTenths
        let h = 2 * m.paddingTenths + buffer.height * m.heightTenths
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Markup.px(w))" height="\(Markup.px(h))" \
            viewBox="0 0 \(Markup.px(w)) \(Markup.px(h))" font-family="\(SVGExporter.fontFamily)" \
            font-size="\(Markup.px(m.fontTenths))" xml:space="preserve">
            <title>\(Markup.escape(title))</title>
            <rect width="100%" height="100%" fill="\(palette.background.hex)"/>

            """
        var backgrounds = ""
        var texts = ""
        for y in 0..<buffer.height {
            let top = m.paddingTenths + y * m.heightTenths
            // Baseline at 80% of the row: the usual ascent of a monospace font.
            let baseline = top + m.heightTenths * 8 / 10
            let runs = buffer.runs(inRow: y).map { ($0, ResolvedStyle($0.style, depth: depth, palette: palette)) }
            backgrounds += backgroundRects(runs, top: top)
            for (run, style) in runs {
                texts += self.texts(run, style, buffer: buffer, baseline: baseline)
            }
        }
        out += "<g shape-rendering=\"crispEdges\">\n" + backgrounds + "</g>\n"
        out += "<g>\n" + texts + "</g>\n</svg>\n"
        return out
    }

    func x(_ column: Int) -> Int { metrics.paddingTenths + column * metrics.widthTenths }

    func backgroundRects(_ runs: [(StyleRun, ResolvedStyle)], top: Int) -> String {
        var out = ""
        var pending: (x: Int, end: Int, color: RGB)?
        func flush() {
            guard let p = pending else { return }
            out += "<rect x=\"\(Markup.px(x(p.x)))\" y=\"\(Markup.px(top))\" width=\"\(Markup.px(x(p.end) - x(p.x)))\" height=\"\(Markup.px(metrics.heightTenths))\" fill=\"\(p.color.hex)\"/>\n"
            pending = nil
        }
        for (run, style) in runs {
            guard let bg = style.background else { flush(); continue }
            if let p = pending, p.color == bg, p.end == run.x {
                pending = (p.x, run.maxX, bg)
            } else {
                flush()
                pending = (run.x, run.maxX, bg)
            }
        }
        flush()
        return out
    }

    func attributes(_ s: ResolvedStyle) -> String {
        var a = " fill=\"\(s.foreground.hex)\""
        if s.bold { a += " font-weight=\"bold\"" }
        if s.italic { a += " font-style=\"italic\"" }
        if s.underline { a += " text-decoration=\"underline\"" }
        return a
    }

    /// The texts of one run: narrow single-scalar characters together with one x each,
    /// anything wide or composed on its own, centred on its cells.
    func texts(_ run: StyleRun, _ style: ResolvedStyle, buffer: Buffer, baseline: Int) -> String {
        let attrs = attributes(style)
        let y = Markup.px(baseline)
        var out = ""
        var chars = ""
        var xs: [String] = []
        var trailingBlanks = 0
        func flush() {
            if trailingBlanks > 0 && !style.underline {  // blanks at a segment's end draw nothing
                chars.unicodeScalars.removeLast(trailingBlanks)
                xs.removeLast(trailingBlanks)
            }
            if !xs.isEmpty {
                out += "<text x=\"\(xs.joined(separator: " "))\" y=\"\(y)\"\(attrs)>\(Markup.escape(chars))</text>\n"
            }
            chars = ""
            xs = []
            trailingBlanks = 0
        }
        for col in run.x..<run.maxX {
            let cell = buffer[col, run.y]
            if cell.isContinuation { continue }
            let scalars = cell.text.unicodeScalars
            if cell.width == 1, scalars.count == 1, let s = scalars.first, s.value < 0x10000 {
                if s == " " && xs.isEmpty && !style.underline { continue }  // leading blanks too
                chars.unicodeScalars.append(s)
                xs.append(Markup.px(x(col)))
                trailingBlanks = s == " " ? trailingBlanks + 1 : 0
            } else {
                flush()
                let center = x(col) + Int(cell.width) * metrics.widthTenths / 2
                out += "<text x=\"\(Markup.px(center))\" y=\"\(y)\" text-anchor=\"middle\"\(attrs)>\(Markup.escape(cell.text))</text>\n"
            }
        }
        flush()
        return out
    }
}
