import Screen

/// What SVG and HTML share: escaping, and a cell style resolved to the colours that show.
enum Markup {
    /// `text` safe inside XML or HTML text and attribute values: control characters and the
    /// noncharacters U+FFFE/U+FFFF (which XML 1.0 forbids) become the `Sanitizer`'s
    /// placeholders, one per character, so a cell is never dropped and columns stay aligned;
    /// & < > " ' are escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in Sanitizer.clean(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A number of tenths of a pixel as SVG wants it: "25.2", "17".
    static func px(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let t = abs(tenths)
        return t % 10 == 0 ? "\(sign)\(t / 10)" : "\(sign)\(t / 10).\(t % 10)"
    }
}

/// A cell style as it looks: colours reduced to the depth, defaults and reverse resolved
/// against the palette, dim shown as a colour halfway to the background.
struct ResolvedStyle: Hashable {
    var foreground: RGB
    /// nil: the page's own background shows.
    var background: RGB?
    var bold: Bool
    var italic: Bool
    var underline: Bool

    init(_ style: Style, depth: ColorDepth, palette: Palette) {
        let s = style.reduced(to: depth)
        var fg = palette.rgb(s.foreground) ?? palette.foreground
        var bg = palette.rgb(s.background)
        if s.attributes.contains(.reverse) {
            (fg, bg) = (bg ?? palette.background, fg)
        }
        if s.attributes.contains(.dim) { fg = fg.blended(with: bg ?? palette.background, amount: 0.4) }
        foreground = fg
        background = bg
        bold = s.attributes.contains(.bold)
        italic = s.attributes.contains(.italic)
        underline = s.attributes.contains(.underline)
    }

    /// Whether a blank cell in this style shows anything.
    var showsOnBlank: Bool { background != nil || underline }
}
