/// Why a duration text was refused; the message says what is allowed.
public struct DurationParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid duration '\(text)': \(advice)" }
    /// Why, and what to write instead (without the text, which a caller may quote itself).
    public var advice: String { "\(reason); write a number with a unit, such as 90s, 15m, 2h, 1d or 1h30m" }
}

extension SimDuration {
    /// The longest duration a user may ask for: 100 years, far inside `Int64` nanoseconds.
    public static let parseLimit = SimDuration.seconds(Int64(100 * 365 * 86_400))

    /// Parses `90s`, `15m`, `2h`, `1d`, `1h30m`, `1.5h`, `250ms`, or a bare number of seconds.
    /// Negative values, unknown units and values above 100 years are refused.
    public init(parsing text: String) throws(DurationParseError) {
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { throw DurationParseError(text: text, reason: "it is empty") }
        if trimmed.hasPrefix("-") {
            throw DurationParseError(text: text, reason: "it is negative; times count from the start of the run (0s)")
        }
        let units: [String: Double] = [
            "ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "sec": 1, "m": 60, "min": 60,
            "h": 3600, "d": 86_400, "w": 604_800,
        ]
        var total = 0.0
        var chars = Substring(trimmed)
        if Double(chars) != nil, let v = Double(chars), v.isFinite {
            total = v  // a bare number means seconds
            chars = ""
        }
        while !chars.isEmpty {
            let number = chars.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !number.isEmpty, let value = Double(number), value.isFinite else {
                throw DurationParseError(text: text, reason: "expected a number at '\(chars)'")
            }
            chars = chars.dropFirst(number.count)
            let unit = chars.prefix(while: { $0.isASCII && $0.isLetter })
            guard !unit.isEmpty else {
                throw DurationParseError(text: text, reason: "the number \(number) has no unit")
            }
            guard let scale = units[String(unit)] else {
                throw DurationParseError(text: text, reason: "unknown unit '\(unit)' (use ms, s, m, h, d or w)")
            }
            chars = chars.dropFirst(unit.count)
            total += value * scale
        }
        guard total <= Self.parseLimit.seconds else {
            throw DurationParseError(text: text, reason: "it is longer than 100 years")
        }
        self = .seconds(total)
    }
}

extension String {
    /// The text without the white space at its ends.
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
