/// Comma-separated values per RFC 4180: CRLF line ends, fields quoted when they hold a comma,
/// a quote, a line break or leading/trailing spaces, quotes doubled. Control characters in a
/// field are replaced by their visible placeholders first, so a spreadsheet or a terminal never
/// receives an escape sequence from data. A field that starts with `=`, `+`, `-` or `@` and is
/// not a number is prefixed with `'` so spreadsheets do not evaluate it as a formula.
public struct CSVWriter: Sendable {
    public private(set) var text = ""

    public init(header: [String]) { append(header) }

    public mutating func append(_ fields: [String]) {
        text += fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    static func field(_ raw: String) -> String {
        var value = Sanitized.text(raw)
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
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
