/// How many terminal columns text covers, after the rules terminals follow (wcwidth, Unicode
/// East Asian Width): combining marks and zero-width characters 0, East Asian wide and
/// fullwidth characters and emoji presentation 2, everything else 1 (East Asian Ambiguous
/// characters such as box drawing count 1, as in every Western locale).
///
/// The tables in `DisplayWidth+Tables.swift` are generated from python's `wcwidth` package, so
/// column arithmetic here agrees with what `wcwidth`-based terminals and libraries do. To
/// regenerate them, run this with python3 and `pip install wcwidth`, and replace the file:
///
///     import wcwidth
///     zero, wide = [], []
///     def add(lst, cp):
///         if lst and lst[-1][1] == cp - 1: lst[-1][1] = cp
///         else: lst.append([cp, cp])
///     for cp in range(0x300, 0x110000):
///         if 0xD800 <= cp <= 0xDFFF: continue
///         w = wcwidth.wcwidth(chr(cp))
///         if w == 0: add(zero, cp)
///         elif w == 2: add(wide, cp)
///     # then print both lists as Swift `0xAAAA...0xBBBB,` literals
public enum DisplayWidth {
    /// Columns of one grapheme cluster as FleetWatch draws it (`Grapheme.drawn`: a ZWJ sequence
    /// is its first emoji, a flag its two letters, no variation selectors or skin tones, a lone
    /// mark on a space): the width of each drawn grapheme's base scalar.
    public static func of(_ character: Character) -> Int {
        if Grapheme.isPrintableASCII(character) { return 1 }  // the fast path
        guard let drawn = Grapheme.drawn(character) else { return ofDrawn(character) }
        var total = 0
        for c in drawn { total += ofDrawn(c) }
        return total
    }

    /// Columns of a grapheme that is drawn as it is: its base scalar's.
    static func ofDrawn(_ character: Character) -> Int {
        guard let base = character.unicodeScalars.first else { return 0 }
        return of(base)
    }

    /// Columns of a string (the sum over its grapheme clusters).
    public static func of(_ text: String) -> Int {
        var total = 0
        for c in text { total += of(c) }
        return total
    }

    /// Columns of one scalar on its own; control characters count 0 (they never reach a cell:
    /// see `Sanitizer`).
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x300 { return v < 0x20 || (v >= 0x7F && v < 0xA0) ? 0 : 1 }
        if isZeroWidth(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    /// The longest prefix of `text` that fits in `width` columns, ending with `ellipsis` when
    /// something was cut. Never splits a grapheme; a wide grapheme that would straddle the
    /// limit is dropped whole. When even the ellipsis does not fit, the text is cut bare.
    ///
    /// - Complexity: O(n) in the length of `text`.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        let total = of(text)
        if total <= width { return text }
        let ellipsisWidth = of(ellipsis)
        let room = ellipsisWidth <= width ? width - ellipsisWidth : width
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > room { break }
            out.append(c)
            used += w
        }
        return ellipsisWidth <= width ? out + ellipsis : out
    }

    /// `text` padded with spaces (or cut with `ellipsis`) to exactly `width` columns.
    public static func pad(_ text: String, toWidth width: Int, alignment: Alignment = .left, ellipsis: String = "…") -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - of(cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    static func isZeroWidth(_ v: UInt32) -> Bool { inRanges(v, zeroWidthRanges) }

    static func isWide(_ v: UInt32) -> Bool { inRanges(v, wideRanges) }

    static func inRanges(_ v: UInt32, _ ranges: [ClosedRange<UInt32>]) -> Bool {
        var lo = 0, hi = ranges.count - 1
        while lo <= hi {
            let mid = (lo + hi) / 2
            if v < ranges[mid].lowerBound { hi = mid - 1 } else if v > ranges[mid].upperBound { lo = mid + 1 } else { return true }
        }
        return false
    }
}
