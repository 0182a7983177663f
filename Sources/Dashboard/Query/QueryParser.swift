/// Why a filter could not be parsed: the message, and the column (0-based, in characters) where
/// the problem starts, so the filter bar can point at it.
public struct QueryError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public var description: String { "column \(column + 1): \(message)" }
}

extension Query {
    /// The longest filter accepted, in characters.
    public static let maxLength = 1000

    /// Parses a filter; see `Query` for the language.
    public init(parsing text: String) throws(QueryError) {
        let chars = Array(text)
        guard chars.count <= Self.maxLength else {
            throw QueryError(message: "the filter is longer than \(Self.maxLength) characters", column: Self.maxLength)
        }
        var terms: [Term] = []
        var i = 0
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let start = i
            var word = ""
            var inQuotes = false
            while i < chars.count, inQuotes || !chars[i].isWhitespace {
                // A comma in quotes is part of the value ("Netflix, Spotify"), not a separator.
                if chars[i] == "\"" { inQuotes.toggle() } else { word.append(inQuotes && chars[i] == "," ? Self.quotedComma : chars[i]) }
                i += 1
            }
            if inQuotes { throw QueryError(message: "a quote is not closed", column: start) }
            terms.append(try Self.term(word, column: start))
        }
        self.init(terms: terms, source: text)
    }

    static func term(_ raw: String, column: Int) throws(QueryError) -> Term {
        var word = Substring(raw)
        var negated = false
        var col = column
        while word.first == "!" {
            negated.toggle()
            word = word.dropFirst()
            col += 1
        }
        guard !word.isEmpty else { throw QueryError(message: "'!' must be followed by a term", column: column) }

        // Comparisons: the first operator character splits the term.
        if let opIndex = word.firstIndex(where: { $0 == ">" || $0 == "<" || $0 == "=" }) {
            let name = word[..<opIndex].lowercased()
            let afterName = word[opIndex...]
            guard let op = Comparison.allCases.first(where: { afterName.hasPrefix($0.rawValue) }) else {
                throw QueryError(message: "unknown comparison", column: col + name.count)
            }
            guard let field = NumericField(rawValue: name) else {
                throw QueryError(
                    message: "'\(name)' cannot be compared; numeric fields are "
                        + NumericField.allCases.map(\.rawValue).joined(separator: ", ") + suggestion(name, NumericField.allCases.map(\.rawValue)),
                    column: col)
            }
            let valueText = String(afterName.dropFirst(op.rawValue.count))
            let valueColumn = col + name.count + op.rawValue.count
            guard let value = field.takesSize ? parseSize(valueText) : Double(valueText), value.isFinite else {
                let example = field.takesSize ? "a size such as 500kB, 1.5MB or 2GB" : "a number"
                throw QueryError(message: "'\(valueText)' is not \(example)", column: valueColumn)
            }
            return Term(negated: negated, test: .number(field, op, value))
        }

        if let colon = word.firstIndex(of: ":") {
            let name = word[..<colon].lowercased()
            let value = word[word.index(after: colon)...].lowercased()
            let known = Field.allCases.map(\.rawValue) + ["category", "country", "class", "destination"]
            let field: Field? = switch name {
            case "category": .cat
            case "country", "destination": .dest
            default: Field(rawValue: name)
            }
            guard let field else {
                if let flag = Flag(rawValue: name), ["yes", "true", "1"].contains(value) {
                    return Term(negated: negated, test: .flag(flag))
                }
                throw QueryError(
                    message: "unknown field '\(name)'" + suggestion(name, known)
                        + "; fields: " + Field.allCases.map(\.rawValue).joined(separator: " "),
                    column: col)
            }
            let values = value.split(separator: ",").map { String($0.map { $0 == Self.quotedComma ? "," : $0 }) }
            guard !values.isEmpty else {
                throw QueryError(message: "'\(name):' needs a value", column: col + name.count + 1)
            }
            return Term(negated: negated, test: .field(field, anyOf: values))
        }

        let lower = String(word.lowercased().map { $0 == Self.quotedComma ? "," : $0 })
        if let flag = Flag(rawValue: lower) ?? (lower == "alerts" ? .alert : nil) {
            return Term(negated: negated, test: .flag(flag))
        }
        return Term(negated: negated, test: .text(lower))
    }

    /// Stands for a comma inside quotes while a term is split into values: a private-use
    /// character (one typed outside quotes would read as a comma in a value, harmlessly).
    static let quotedComma: Character = "\u{F8FF}"

    /// Bytes (per second for rates) from `1500`, `500kB`, `1.5MB`, `2GB`, `3k`, `1M` (SI).
    static func parseSize(_ text: String) -> Double? {
        let lower = text.lowercased()
        let units: [(String, Double)] = [
            ("gb/s", 1e9), ("mb/s", 1e6), ("kb/s", 1e3), ("b/s", 1),
            ("gb", 1e9), ("mb", 1e6), ("kb", 1e3), ("g", 1e9), ("m", 1e6), ("k", 1e3), ("b", 1),
        ]
        for (suffix, scale) in units where lower.hasSuffix(suffix) {
            return Double(lower.dropLast(suffix.count)).map { $0 * scale }
        }
        return Double(lower)
    }

    /// ` (did you mean 'x'?)` for the closest known word within two edits, or nothing.
    static func suggestion(_ word: String, _ known: [String]) -> String {
        let best = known.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (candidate, distance) = best, distance <= 2, distance < word.count else { return "" }
        return " (did you mean '\(candidate)'?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
