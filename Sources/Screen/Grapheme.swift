/// What FleetWatch draws for one grapheme cluster of text: the one policy, applied where text
/// becomes cells (`Cell`, `Buffer.put`) and where it is measured (`DisplayWidth.of`), so the
/// columns laid out are the columns drawn, on every terminal and in every picture export.
///
/// Terminals disagree on emoji sequences: tmux 3.3 draws a ZWJ family as one 2-column emoji but
/// swallows the character after a dangling ZWJ, xterm draws each member (6 columns), a skin-tone
/// modifier adds 2 columns in tmux and xterm, a variation selector 16 does not widen a
/// text-default symbol there, and a lone regional indicator is 1 column in tmux and 2 in
/// wcwidth. So a cell holds what every one of them draws alike, what curses's `setcchar` takes
/// (one spacing character and its non-spacing marks):
/// - the cluster's first scalar and the zero-width marks that follow it (combining accents,
///   the keycap's enclosing mark), after `Sanitizer` (a control character is its placeholder);
/// - nothing from the first zero-width joiner on: a ZWJ sequence is its first emoji
///   (👨‍👩‍👧 → 👨);
/// - no variation selectors, emoji modifiers (skin tones), tag characters, or further spacing
///   scalars: 👍🏽 → 👍, ❤️ → ❤ (1 column), 🏴󠁧󠁢󠁥󠁮󠁧󠁿 → 🏴;
/// - regional indicators as their capital letters: the flag 🇨🇳 is `CN`, 2 columns as a flag glyph;
/// - a cluster that starts with a zero-width mark is drawn on a space (1 column); one with
///   nothing visible left (a lone ZWJ or variation selector) is not drawn (0 columns).
///
/// Exports of data (JSON, CSV, NDJSON) keep the original text; only the screen is reduced.
public enum Grapheme {
    /// The graphemes drawn for `character`, each one cell of 1 or 2 columns, or nil when it is
    /// drawn as it is (the common case: no allocation).
    public static func drawn(_ character: Character) -> String? {
        let scalars = character.unicodeScalars
        guard let base = scalars.first else { return "" }
        if scalars.count == 1 {
            let v = base.value
            if v >= 0x20 && v < 0x7F { return nil }  // ASCII: the fast path
            if Sanitizer.isUnsafe(base) { return String(Sanitizer.placeholder(for: base)) }
            if isRegionalIndicator(v) { return String(letter(of: v)) }
            if isInvisible(v) { return "" }
            return v >= 0x300 && DisplayWidth.isZeroWidth(v) ? " " + String(base) : nil  // below U+0300 only controls are
        }
        if scalars.contains(where: { isRegionalIndicator($0.value) }) {
            return String(String.UnicodeScalarView(scalars.lazy.filter { isRegionalIndicator($0.value) }.map { letter(of: $0.value) }))
        }
        var kept = String.UnicodeScalarView()
        var changed = false
        for (i, scalar) in scalars.enumerated() {
            let v = scalar.value
            if v == 0x200D { changed = true; break }  // a ZWJ sequence is its first emoji
            if Sanitizer.isUnsafe(scalar) {
                kept.append(contentsOf: String(Sanitizer.placeholder(for: scalar)).unicodeScalars)
                changed = true
                continue
            }
            if isInvisible(v) || (0x1F3FB...0x1F3FF).contains(v) && i > 0 { changed = true; continue }
            if i > 0, !kept.isEmpty, DisplayWidth.of(scalar) != 0 { changed = true; continue }  // one spacing character
            kept.append(scalar)
        }
        if let first = kept.first, DisplayWidth.of(first) == 0 {
            kept.insert(" ", at: kept.startIndex)
            changed = true
        }
        return changed ? String(kept) : nil
    }

    /// Printable ASCII: drawn as it is, one column (every reader's fast path).
    @inline(__always)
    public static func isPrintableASCII(_ character: Character) -> Bool {
        guard let a = character.asciiValue else { return false }
        return a >= 0x20 && a < 0x7F
    }

    /// Variation selectors, tag characters and other format scalars that show nothing alone.
    static func isInvisible(_ v: UInt32) -> Bool {
        (0xFE00...0xFE0F).contains(v) || (0xE0000...0xE007F).contains(v) || (0xE0100...0xE01EF).contains(v)
            || v == 0x200D || v == 0x200C || v == 0x2060 || v == 0xFEFF || v == 0x200B
    }

    static func isRegionalIndicator(_ v: UInt32) -> Bool { (0x1F1E6...0x1F1FF).contains(v) }

    static func letter(of v: UInt32) -> Unicode.Scalar { Unicode.Scalar(UInt8(v - 0x1F1E6) + 0x41) }
}
