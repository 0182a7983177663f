/// Keeps control characters and escape sequences from any data out of the cell buffer, and out
/// of every line FleetWatch writes to a terminal or to standard error: the one sanitizer.
///
/// Every C0 and C1 control character, DEL, the bidirectional controls that can reorder a line,
/// the line and paragraph separators, and the Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0…,
/// which XML forbids and terminals draw unpredictably) are replaced by a visible placeholder,
/// one per character: the Unicode control pictures (␛ for ESC, ␀ for NUL…) for C0 and DEL, and
/// `�` for the rest. An escape sequence is therefore shown inert, as `␛[31m`, never interpreted
/// by a terminal.
public enum Sanitizer {
    /// The character itself when it is safe to show, otherwise its placeholder.
    public static func visible(_ character: Character) -> Character {
        for scalar in character.unicodeScalars where isUnsafe(scalar) {
            return placeholder(for: scalar)
        }
        return character
    }

    /// `text` with every unsafe character replaced by its placeholder. With
    /// `keepingLineBreaks`, a line feed stays a line feed: for messages of several lines that
    /// FleetWatch itself composes (diagnostics, summaries) on their way to a terminal; text
    /// from data is cleaned before it is put in such a message, or the whole message is.
    public static func clean(_ text: String, keepingLineBreaks: Bool = false) -> String {
        let replaced = { (s: Unicode.Scalar) in isUnsafe(s) && !(keepingLineBreaks && s == "\n") }
        guard text.unicodeScalars.contains(where: replaced) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if replaced(scalar) {
                out.append(contentsOf: placeholder(for: scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether a terminal could interpret `s`, or draw it unpredictably: the one definition,
    /// also used by serializers that escape rather than replace (JSON's `\uXXXX`).
    public static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v < 0xA0)
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)  // bidi embeddings, isolates
            || v == 0x200E || v == 0x200F || v == 0x061C  // bidi marks (LRM, RLM, ALM)
            || v == 0x2028 || v == 0x2029  // line and paragraph separators
            || (0xFDD0...0xFDEF).contains(v) || v & 0xFFFE == 0xFFFE  // noncharacters
    }

    static func placeholder(for s: Unicode.Scalar) -> Character {
        let v = s.value
        if v < 0x20 { return Character(Unicode.Scalar(0x2400 + v)!) }  // ␀…␟
        if v == 0x7F { return "\u{2421}" }  // ␡
        return "\u{FFFD}"
    }
}
