/// Comma-separated values per RFC 4180: CRLF line ends, fields quoted when they hold a comma,
/// a quote, a line break or leading/trailing spaces, quotes doubled. Control characters in a
/// field are replaced by their visible placeholders first, so a spreadsheet or a terminal never
/// receives an escape sequence from data.
///
/// Formulas (CSV injection, OWASP): a field whose first character, or first after leading
/// spaces, is one a spreadsheet may read as the start of a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return, or the full-width `＝ ＋ － ＠`) is prefixed with `'`, whatever follows:
/// `-inf`, `+nan` and `-0x1p3` are guarded like `=1+1`. The numbers FleetWatch writes itself
/// (rates, byte counts, counts) are never negative, so they never start with one of these and
/// stay plain numbers; `VehicleCSV`'s tests check that every numeric column reads back as one.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    /// The characters that make a spreadsheet evaluate a cell when they come first.
    static let formulaStarters: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether `value` (raw or sanitized) would be evaluated: decided by its first code point
    /// that is not a space (a scalar, not a `Character`: "-" with a combining mark is still a
    /// "-" to a spreadsheet), never by what the rest looks like.
    static func isFormula(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first(where: { $0 != " " }) else { return false }
        return formulaStarters.contains(first)
    }

    static func field(_ raw: String) -> String {
        // Decided on the raw text too: a leading tab or CR is a placeholder (␉, ␍) once
        // sanitized, harmless, but guarding it costs nothing and keeps the rule the OWASP one.
        var value = Sanitized.text(raw)
        if isFormula(raw) || isFormula(value) { value = "'" + value }
        let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.first == " " || value.last == " "
        return needsQuotes ? "\"" + value.replacingAll("\"", with: "\"\"") + "\"" : value
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
