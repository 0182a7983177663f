/// Keeps control characters and escape sequences from any data out of the cell buffer.
///
/// Every C0 and C1 control character, DEL, and the bidirectional overrides that can reorder a
/// line are replaced by a visible placeholder: the Unicode control pictures (␛ for ESC, ␀ for
/// NUL…) for C0 and DEL, and `�` for the rest. An escape sequence is therefore shown inert, as
/// `␛[31m`, never interpreted by a terminal.
public enum Sanitizer {
    /// The character itself when it is safe to show, otherwise its placeholder.
    public static func visible(_ character: Character) -> Character {
        for scalar in character.unicodeScalars where isUnsafe(scalar) {
            return placeholder(for: scalar)
        }
        return character
    }

    /// `text` with every unsafe character replaced by its placeholder.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) {
                out.append(contentsOf: placeholder(for: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)  // bidi embeddings, isolates
            || v == 0x2028 || v == 0x2029  // line and paragraph separators
    }

    static func placeholder(for s: Unicode.Scalar) -> Character {
        let v = s.value
        if v < 0x20 { return Character(Unicode.Scalar(0x2400 + v)!) }  // ␀…␟
        if v == 0x7F { return "\u{2421}" }  // ␡
        return "\u{FFFD}"
    }
}
