import Screen

/// The screen as one self-contained HTML page: a `<pre>` on a dark background, a span per
/// style run, styles as classes in an inline stylesheet, no external resources.
///
/// Wide graphemes sit in an inline block exactly two character cells wide (`2ch`), and
/// composed ones in a block one cell wide, so columns stay aligned even when a fallback
/// font draws them at another width.
public struct HTMLExporter: BufferExporter, Sendable {
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

    public func render(_ buffer: Buffer) -> String {
        var classes: [ResolvedStyle: Int] = [:]
        var order: [ResolvedStyle] = []
        let plain = ResolvedStyle(.plain, depth: depth, palette: palette)
        var body = ""
        for y in 0..<buffer.height {
            let used = buffer.usedColumns(inRow: y, depth: depth)
            // Runs whose styles look the same at this depth (they differ only in colours
            // the depth cannot show) share one span.
            var groups: [(style: ResolvedStyle, from: Int, to: Int)] = []
            for run in buffer.runs(inRow: y) where run.x < used {
                let style = ResolvedStyle(run.style, depth: depth, palette: palette)
                let to = Swift.min(run.maxX, used)
                if let last = groups.last, last.style == style {
                    groups[groups.count - 1].to = to
                } else {
                    groups.append((style, run.x, to))
                }
            }
            for g in groups {
                let content = cells(buffer, y: y, from: g.from, to: g.to)
                if g.style == plain {
                    body += content
                    continue
                }
                let id: Int
                if let known = classes[g.style] {
                    id = known
                } else {
                    order.append(g.style)
                    id = order.count
                    classes[g.style] = id
                }
                body += "<span class=\"s\(id)\">" + content + "</span>"
            }
            body += "\n"
        }
        var css = """
            body{margin:0;background:\(palette.background.hex)}
            pre{margin:0;padding:\(Markup.px(metrics.paddingTenths))px;\
            font-family:\(SVGExporter.fontFamily);font-size:\(Markup.px(metrics.fontTenths))px;\
            line-height:\(Markup.px(metrics.heightTenths))px;color:\(palette.foreground.hex);background:\(palette.background.hex)}
            .w,.n{display:inline-block;text-align:center;overflow:hidden;vertical-align:top}
            .w{width:2ch}.n{width:1ch}

            """
        for (i, s) in order.enumerated() {
            var rule = ".s\(i + 1){color:\(s.foreground.hex)"
            if let bg = s.background { rule += ";background:\(bg.hex)" }
            if s.bold { rule += ";font-weight:bold" }
            if s.italic { rule += ";font-style:italic" }
            if s.underline { rule += ";text-decoration:underline" }
            css += rule + "}\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(Markup.escape(title))</title>
            <style>
            \(css)</style>
            </head>
            <body>
            <pre>
            \(body)</pre>
            </body>
            </html>

            """
    }

    /// Escaped text of the cells `from..<to` of row `y`.
    func cells(_ buffer: Buffer, y: Int, from: Int, to: Int) -> String {
        var out = ""
        for x in from..<to {
            let cell = buffer[x, y]
            if cell.isContinuation { continue }
            let scalars = cell.text.unicodeScalars
            if cell.width == 2 {
                out += "<span class=\"w\">" + Markup.escape(cell.text) + "</span>"
            } else if scalars.count > 1 || (scalars.first?.value ?? 0) >= 0x10000 {
                out += "<span class=\"n\">" + Markup.escape(cell.text) + "</span>"
            } else {
                out += Markup.escape(cell.text)
            }
        }
        return out
    }
}
