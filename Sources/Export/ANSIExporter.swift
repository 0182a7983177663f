import Screen

/// The screen as text with SGR escape sequences, for `cat` in a terminal or `less -R`.
///
/// Styles are reduced to `depth` first; only changes are written; every styled line ends
/// with a reset, so a cut file or a `head` never leaves the terminal coloured. The only
/// escape sequences in the output are SGR ones written here: cell text is sanitized when a
/// cell is made, and checked again here.
public struct ANSIExporter: BufferExporter, Sendable {
    public var depth: ColorDepth

    public init(depth: ColorDepth) { self.depth = depth }

    static let reset = "\u{1B}[0m"

    public func render(_ buffer: Buffer) -> String {
        var out = ""
        for y in 0..<buffer.height {
            var current = Style.plain
            for x in 0..<buffer.usedColumns(inRow: y, depth: depth) {
                let cell = buffer[x, y]
                if cell.isContinuation { continue }
                let style = cell.style.reduced(to: depth)
                if style != current {
                    out += ANSIExporter.transition(from: current, to: style)
                    current = style
                }
                assert(!cell.text.unicodeScalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) }, "unsanitized cell text")
                out += Sanitizer.clean(cell.text)
            }
            if current != .plain { out += ANSIExporter.reset }
            out += "\n"
        }
        return out
    }

    /// The shortest SGR sequence that turns style `a` into `b` (empty when equal).
    public static func transition(from a: Style, to b: Style) -> String {
        if a == b { return "" }
        if b == .plain { return reset }
        var codes: [String] = []
        let removed = a.attributes.subtracting(b.attributes)
        var add = b.attributes.subtracting(a.attributes)
        if !removed.isDisjoint(with: [.bold, .dim]) {
            codes.append("22")  // clears both bold and dim: put back the one that stays
            add.formUnion(b.attributes.intersection([.bold, .dim]))
        }
        if removed.contains(.italic) { codes.append("23") }
        if removed.contains(.underline) { codes.append("24") }
        if removed.contains(.reverse) { codes.append("27") }
        let on: [(Attributes, String)] = [(.bold, "1"), (.dim, "2"), (.italic, "3"), (.underline, "4"), (.reverse, "7")]
        for (attribute, code) in on where add.contains(attribute) { codes.append(code) }
        if a.foreground != b.foreground { codes.append(sgr(b.foreground, background: false)) }
        if a.background != b.background { codes.append(sgr(b.background, background: true)) }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }

    /// The SGR parameter of a colour (already reduced).
    static func sgr(_ color: Color, background: Bool) -> String {
        switch color {
        case .default: return background ? "49" : "39"
        case .ansi(let i):
            let n = Int(i & 15)
            return n < 8 ? "\((background ? 40 : 30) + n)" : "\((background ? 100 : 90) + n - 8)"
        case .indexed(let i): return (background ? "48;5;" : "38;5;") + "\(i)"
        case .rgb(let r, let g, let b): return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        }
    }
}
