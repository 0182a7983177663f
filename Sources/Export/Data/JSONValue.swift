import Screen
/// A JSON document with its key order fixed, serialised the same way on every machine: object
/// keys in insertion order, integers exact, other numbers with at most six decimals and no
/// exponent, strings escaped per RFC 8259 (control characters, and whatever else the `Sanitizer`
/// would replace on screen, as `\uXXXX`).
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    /// A number written with at most `decimals` decimals (trailing zeros trimmed).
    case number(Double, decimals: Int)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    /// An array whose elements are made one at a time as it is written, the same bytes as
    /// `.array` of them: a snapshot's million cars are never all in memory as values at once.
    case generated(count: Int, element: @Sendable (Int) -> JSONValue)

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }

    public static func double(_ v: Double, _ decimals: Int = 3) -> JSONValue { .number(v, decimals: decimals) }
    public static func optional(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    /// Compact JSON on one line (`pretty == false`) or indented by two spaces.
    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: 0)
        return out
    }

    static func writeArray(count: Int, _ item: (Int) -> JSONValue, to out: inout String, pretty: Bool, indent: Int) {
        if count == 0 { out += "[]"; return }
        out += "["
        for i in 0..<count {
            if i > 0 { out += "," }
            if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
            item(i).write(to: &out, pretty: pretty, indent: indent + 2)
        }
        if pretty { out += "\n" + String(repeating: " ", count: indent) }
        out += "]"
    }

    func write(to out: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .number(let v, let decimals): out += Self.format(v, decimals: decimals)
        case .string(let s): Self.escape(s, into: &out)
        case .array(let items):
            Self.writeArray(count: items.count, { items[$0] }, to: &out, pretty: pretty, indent: indent)
        case .generated(let count, let element):
            Self.writeArray(count: count, element, to: &out, pretty: pretty, indent: indent)
        case .object(let fields):
            if fields.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                if pretty { out += "\n" + String(repeating: " ", count: indent + 2) }
                Self.escape(key, into: &out)
                out += pretty ? ": " : ":"
                value.write(to: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { out += "\n" + String(repeating: " ", count: indent) }
            out += "}"
        }
    }

    /// Fixed-point text with at most `decimals` decimals; non-finite values become `null`.
    static func format(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        let d = max(0, min(decimals, 9))
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(Int64(value.rounded())) }
        let units = UInt64(scaled)
        let p = UInt64(scale)
        let whole = units / p
        var fraction = d == 0 ? "" : String(units % p)
        while fraction.count < d { fraction = "0" + fraction }
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let sign = value < 0 && units != 0 ? "-" : ""
        return sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction)
    }

    static func escape(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                // Whatever the sanitizer replaces on screen (control characters, DEL, C1, bidi
                // controls, separators, noncharacters) as escapes: lossless for a JSON reader,
                // and inert when a JSON file or the flow log is printed to a terminal.
                if Sanitizer.isUnsafe(scalar) {
                    for unit in String(scalar).utf16 {
                        let hex = String(unit, radix: 16, uppercase: false)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
