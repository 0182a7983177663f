import Dashboard
import Screen

/// Sizes, rates, shares and counts in words a speech synthesiser reads well: the one place
/// that says "2.4 megabytes per second" where the screen says "2.4 MB/s". The numbers are
/// `Format`'s (the same rounding, the same two significant digits), only the units are
/// spelled out, so the spoken line and the screen never disagree.
public enum Spoken {
    /// `Format.bytes`'s units, as words.
    static let unitWords: [String: String] = [
        "B": "bytes", "kB": "kilobytes", "MB": "megabytes", "GB": "gigabytes", "TB": "terabytes",
        "PB": "petabytes", "EB": "exabytes",
    ]

    /// "0 bytes", "1 byte", "999 bytes", "1.0 kilobytes", "340 kilobytes", "1.2 megabytes".
    public static func bytes(_ value: Double) -> String {
        let (number, unit) = split(Format.bytes(value))
        guard let unit else { return number }
        if unit == "B", number == "1" { return "1 byte" }
        return number + " " + (unitWords[unit] ?? unit)
    }

    public static func bytes(_ value: UInt64) -> String { bytes(Double(value)) }

    /// "2.4 megabytes per second".
    public static func rate(_ bytesPerSecond: Double) -> String { bytes(bytesPerSecond) + " per second" }

    /// A total rate with its two directions: "rate 36 kilobytes per second, up 9.6, down 27".
    /// A direction in the total's unit is said as a bare number; in another unit, with its unit.
    public static func rates(total: Double, up: Double, down: Double) -> String {
        let unit = split(Format.bytes(total)).unit
        func part(_ value: Double) -> String {
            let (number, u) = split(Format.bytes(value))
            return u == unit || number == "0" ? number : rate(value)
        }
        return "rate \(rate(total)), up \(part(up)), down \(part(down))"
    }

    /// "46 percent", "4.6 percent".
    public static func percent(_ ratio: Double, decimals: Int = 0) -> String {
        let text = Format.percent(ratio, decimals: decimals)
        return text.hasSuffix("%") ? String(text.dropLast()) + " percent" : text
    }

    /// "1 car", "3 cars", "no cars".
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        if n == 0 { return "no " + (plural ?? singular + "s") }
        return "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// "a", "a and b", "a, b and c".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// "45 seconds", "12 minutes", "3 hours 7 minutes", "2 days 4 hours": the two largest units,
    /// rounded down, as `Format.duration` cuts them.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "an unknown time" }
        let s = Int(max(0, seconds).rounded(.down))
        if s < 60 { return count(s, "second") }
        if s < 3600 { return join(count(s / 60, "minute"), s % 60, "second") }
        if s < 86_400 { return join(count(s / 3600, "hour"), s % 3600 / 60, "minute") }
        return join(count(s / 86_400, "day"), s % 86_400 / 3600, "hour")
    }

    /// A speed factor: "real time", "10 times real time".
    public static func speed(_ factor: Double) -> String {
        factor == 1 ? "real time" : Format.decimal(factor, decimals: factor < 10 && factor != factor.rounded() ? 1 : 0) + " times real time"
    }

    /// A VIN as people compare them: the maker prefix and the serial's end, "LRW…407"; the one
    /// `shortVIN` the screen's narrow columns use.
    public static func vin(_ vin: String) -> String { shortVIN(vin, width: 7, ellipsis: "…") }

    /// Text from data (names, zones, captions) on its way into a line: the one sanitizer, so a
    /// control character or an escape sequence in a scenario file shows as ␛ and is never sent.
    public static func clean(_ text: String) -> String { Sanitizer.clean(text) }

    /// The dashboard's own marks (`GlyphSet.unicode`, the screen's glyphs), as the words the
    /// screen's legend gives them: a caption written for the screen ("⊘ marks restricted
    /// drivers", "⇄ is the share…") names them.
    static let markWords: [(Character, String)] = {
        let g = GlyphSet.unicode
        return [
            (g.crossBorder, "the cross-border share"), (g.restricted, "the restricted mark"),
            (g.severityCritical, "the critical mark"), (g.severityHigh, "the high mark"),
            (g.severityWatch, "the watch mark"), (g.arrowRight, "to"), (g.arrowLeft, "from"), ("×", "times"),
        ]
    }()

    /// Text a presenter wrote for the screen (a caption, a chapter title), to be read aloud:
    /// `clean`ed, the dashboard's marks in words, and sizes and rates with their units spelled
    /// out ("60 MB at 1.5 MB/s" → "60 megabytes at 1.5 megabytes per second").
    public static func prose(_ text: String) -> String {
        var out = ""
        for ch in clean(text) {
            if let word = markWords.first(where: { $0.0 == ch })?.1 { out += word } else { out.append(ch) }
        }
        // Units after a number: "1.5 MB/s", "60 MB", "1-5 MB".
        let words = out.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var result: [String] = []
        for (i, word) in words.enumerated() {
            let previous = i > 0 ? words[i - 1] : ""
            let afterNumber = previous.last?.isNumber == true
            var core = Substring(word), tail = ""
            while let last = core.last, ".,;:)".contains(last) { tail = String(last) + tail; core = core.dropLast() }
            let perSecond = core.hasSuffix("/s")
            let unit = perSecond ? String(core.dropLast(2)) : String(core)
            if afterNumber, let spoken = unitWords[unit] {
                result.append(spoken + (perSecond ? " per second" : "") + tail)
            } else {
                result.append(word)
            }
        }
        return result.joined(separator: " ")
    }

    static func join(_ head: String, _ n: Int, _ unit: String) -> String { n == 0 ? head : head + " " + count(n, unit) }

    /// "1.2 MB" → ("1.2", "MB"); "-" → ("-", nil).
    static func split(_ text: String) -> (number: String, unit: String?) {
        guard let space = text.firstIndex(of: " ") else { return (text, nil) }
        return (String(text[..<space]), String(text[text.index(after: space)...]))
    }
}
