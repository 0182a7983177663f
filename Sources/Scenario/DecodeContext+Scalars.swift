import Fleet
import Simulation

extension DecodeContext {
    /// A scalar's text; numbers and booleans are accepted as their text. Null and, unless
    /// `allowEmpty`, the empty string are refused.
    public mutating func string(_ node: YAMLNode, _ what: String, allowEmpty: Bool = false) -> String? {
        guard case .scalar(let text, _) = node.kind, !node.isNull || (allowEmpty && text.isEmpty) else {
            error("\(what) must be a string, found \(node.kindDescription)", at: node)
            return nil
        }
        guard allowEmpty || !text.isEmpty else {
            error("\(what) must not be empty", at: node)
            return nil
        }
        return text
    }

    /// `true` or `false` (unquoted).
    public mutating func bool(_ node: YAMLNode, _ what: String) -> Bool? {
        if case .scalar(let text, true) = node.kind {
            switch text {
            case "true", "True", "TRUE": return true
            case "false", "False", "FALSE": return false
            default: break
            }
        }
        error("\(what) must be true or false, found \(node.kindDescription)", at: node)
        return nil
    }

    /// A whole number (underscores allowed: `1_000_000`) in `range`.
    public mutating func int(_ node: YAMLNode, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let text, true) = node.kind, let value = Int(text.replacingUnderscores) else {
            error("\(what) must be a whole number, found \(node.kindDescription)", at: node)
            return nil
        }
        guard range.contains(value) else {
            error("\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)", at: node)
            return nil
        }
        return value
    }

    /// A finite number in `range`.
    public mutating func double(_ node: YAMLNode, _ what: String, in range: ClosedRange<Double>) -> Double? {
        guard case .scalar(let text, true) = node.kind, let value = Double(text.replacingUnderscores), value.isFinite
        else {
            error("\(what) must be a number, found \(node.kindDescription)", at: node)
            return nil
        }
        guard range.contains(value) else {
            error("\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(text)", at: node)
            return nil
        }
        return value
    }

    /// A duration such as `90s`, `15m`, `1h30m` (see `SimDuration(parsing:)`), at most `max`.
    public mutating func duration(_ node: YAMLNode, _ what: String, max: SimDuration? = nil) -> SimDuration? {
        guard case .scalar(let text, _) = node.kind, !node.isNull else {
            error("\(what) must be a duration such as 90s, 15m or 1h30m, found \(node.kindDescription)", at: node)
            return nil
        }
        let value: SimDuration
        do {
            value = try SimDuration(parsing: text)
        } catch {
            self.error("\(what): \(error)", at: node)
            return nil
        }
        if let max, value > max {
            error("\(what) must be at most \(max), found \(text)", at: node)
            return nil
        }
        return value
    }

    /// A byte count: a whole number, or a number with a unit (B, kB, MB, GB, TB and KiB, MiB,
    /// GiB, TiB): `12.4 MB`, `1GiB`.
    public mutating func byteCount(_ node: YAMLNode, _ what: String) -> UInt64? {
        let problem = "\(what) must be a size such as 4096, 500 kB, 12.4 MB or 1 GiB"
        guard case .scalar(let raw, _) = node.kind, !node.isNull else {
            error("\(problem), found \(node.kindDescription)", at: node)
            return nil
        }
        let text = raw.replacingUnderscores.filter { $0 != " " }
        let digits = text.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        let units: [String: Double] = [
            "": 1, "B": 1, "kB": 1e3, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12,
            "KiB": 1024, "MiB": 1_048_576, "GiB": 1_073_741_824, "TiB": 1_099_511_627_776,
        ]
        let unit = String(text.dropFirst(digits.count))
        guard let number = Double(digits), let scale = units[unit] else {
            error("\(problem), found '\(raw)'", at: node)
            return nil
        }
        let bytes = (number * scale).rounded()
        guard bytes < 1e18 else {
            error("\(what) must be less than 1 EB, found '\(raw)'", at: node)
            return nil
        }
        return UInt64(bytes)
    }

    /// One of an enumeration's raw names, with a suggestion when misspelt.
    public mutating func choice<E: RawRepresentable & CaseIterable>(
        _ node: YAMLNode, _ what: String, as type: E.Type = E.self
    ) -> E? where E.RawValue == String {
        guard let text = string(node, what) else { return nil }
        guard let value = E(rawValue: text) else {
            error("unknown \(what) '\(text)'" + Suggestion.hint(for: text, among: E.allCases.map(\.rawValue)), at: node)
            return nil
        }
        return value
    }

    /// A market a file may name: `CN` or `US` (not `??`, FleetWatch's market of cars no
    /// inventory names).
    public mutating func market(_ node: YAMLNode, _ what: String = "market") -> Market? {
        guard let text = string(node, what) else { return nil }
        guard let value = Market(rawValue: text), value != .unknown else {
            error("unknown \(what) '\(text)'" + Suggestion.hint(for: text, among: Market.known.map(\.rawValue)), at: node)
            return nil
        }
        return value
    }
}
