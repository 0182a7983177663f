/// Horizontal placement of text in the space it is given.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}

/// A piece of text in one style.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// Display columns of the text.
    public var width: Int { DisplayWidth.of(text) }
}

/// One line of styled spans, with its alignment.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
    public var spans: [Span]
    public var alignment: Alignment

    public init(_ spans: [Span], alignment: Alignment = .left) {
        self.spans = spans
        self.alignment = alignment
    }

    public init(_ text: String, style: Style = .plain, alignment: Alignment = .left) {
        self.init([Span(text, style: style)], alignment: alignment)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// Display columns of the whole line.
    public var width: Int {
        var w = 0
        for s in spans { w += s.width }
        return w
    }

    /// The text without styles.
    public var plainText: String { spans.map(\.text).joined() }

    /// This line with `style` laid under every span (span styles win; see `Style.patched`).
    public func styled(_ style: Style) -> Line {
        Line(spans.map { Span($0.text, style: style.patched(by: $0.style)) }, alignment: alignment)
    }
}

extension Buffer {
    /// Draws `line` in row `y` between `x` and `x + width`, aligned as the line asks; a line
    /// too long is cut at a grapheme boundary and ends with `ellipsis`. Returns the columns
    /// written.
    @discardableResult
    public mutating func put(_ line: Line, x: Int, y: Int, width: Int, ellipsis: Character = "…", clip: Rect? = nil) -> Int {
        guard width > 0 else { return 0 }
        let total = line.width
        var spans = line.spans
        if total > width {
            spans = Buffer.truncated(spans, toWidth: width, ellipsis: ellipsis)
        }
        let used = min(total, width)
        var col: Int
        switch line.alignment {
        case .left: col = x
        case .right: col = x + width - used
        case .center: col = x + (width - used) / 2
        }
        let limit = x + width
        for span in spans {
            col += put(span.text, x: col, y: y, style: span.style, maxWidth: limit - col, clip: clip)
        }
        return col - x
    }

    static func truncated(_ spans: [Span], toWidth width: Int, ellipsis: Character) -> [Span] {
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var out: [Span] = []
        var used = 0
        var lastStyle = spans.first?.style ?? .plain
        outer: for span in spans {
            var text = ""
            lastStyle = span.style
            for c in span.text {
                let w = DisplayWidth.of(c)
                if used + w > room {
                    if !text.isEmpty { out.append(Span(text, style: span.style)) }
                    break outer
                }
                text.append(c)
                used += w
            }
            out.append(Span(text, style: span.style))
        }
        if ellipsisWidth <= width { out.append(Span(String(ellipsis), style: lastStyle)) }
        return out
    }
}
