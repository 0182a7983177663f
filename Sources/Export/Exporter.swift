import Screen

/// Turns a finished screen into a file's contents. Same buffer and settings, same bytes:
/// no clock, no environment, no randomness, and stable ordering everywhere.
public protocol BufferExporter {
    func render(_ buffer: Buffer) -> String
}

/// The snapshot formats of a screen.
public enum ExportFormat: String, CaseIterable, Hashable, Sendable {
    case txt, ansi, svg, html

    /// The usual file name extension.
    public var fileExtension: String {
        switch self {
        case .txt: "txt"
        case .ansi: "ans"
        case .svg: "svg"
        case .html: "html"
        }
    }

    /// `buffer` in this format. `depth` is ignored by txt; `title` and `palette` (the terminal
    /// colours the picture imitates: the default foreground and background, the 16 ANSI
    /// colours) are used by svg and html.
    public func render(_ buffer: Buffer, depth: ColorDepth, title: String, palette: Palette = .xterm) -> String {
        switch self {
        case .txt: TextExporter().render(buffer)
        case .ansi: ANSIExporter(depth: depth).render(buffer)
        case .svg: SVGExporter(depth: depth, title: title, palette: palette).render(buffer)
        case .html: HTMLExporter(depth: depth, title: title, palette: palette).render(buffer)
        }
    }

    /// The UTF-8 bytes of `render(_:depth:title:)`, ready to write to a file.
    public func bytes(_ buffer: Buffer, depth: ColorDepth, title: String, palette: Palette = .xterm) -> [UInt8] {
        Array(render(buffer, depth: depth, title: title, palette: palette).utf8)
    }
}

/// The screen's text, one line per row, trailing blanks trimmed, ending with a newline.
public struct TextExporter: BufferExporter, Sendable {
    public init() {}

    public func render(_ buffer: Buffer) -> String {
        var out = ""
        for y in 0..<buffer.height {
            var line = Substring(buffer.line(y))
            while line.last == " " { line.removeLast() }
            out += Sanitizer.clean(String(line))
            out += "\n"
        }
        return out
    }
}

extension Buffer {
    /// The columns of row `y` worth exporting: up to the last cell that is not a blank
    /// showing nothing at `depth` (a space in the default background, not underlined or
    /// reversed).
    func usedColumns(inRow y: Int, depth: ColorDepth) -> Int {
        var end = width
        while end > 0 {
            let c = self[end - 1, y]
            let invisible = (c.text == " " || c.isContinuation) && c.style.background.reduced(to: depth) == .default
                && c.style.attributes.isDisjoint(with: [.underline, .reverse])
            if !invisible { break }
            end -= 1
        }
        // Never cut a wide grapheme in half.
        if end > 0, end < width, self[end, y].isContinuation { end += 1 }
        return end
    }
}
