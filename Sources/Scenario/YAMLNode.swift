import Fleet
/// A YAML (or JSON) value with the place it was written: the tree every scenario decoder reads.
///
/// Converted from Yams' `Node` once, with the limits applied, so that decoders never see an
/// alias bomb and the tree is a plain `Sendable` value that can be kept for later decoding.
public struct YAMLNode: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The scalar's text; `plain` is false when it was quoted (or a block scalar), in which
        /// case it is always a string and never `null`, a number or a boolean.
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        /// Entries in file order (duplicate keys were refused while parsing).
        case mapping([Entry])
    }

    public struct Entry: Hashable, Sendable {
        public var key: YAMLNode
        public var value: YAMLNode
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }

    /// The text of a scalar, nil for a sequence or mapping.
    public var scalarText: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// A plain `~`, `null`, `Null`, `NULL` or empty scalar.
    public var isNull: Bool {
        guard case .scalar(let text, let plain) = kind, plain else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// What the node is, for "expected X, found Y" messages.
    public var kindDescription: String {
        switch kind {
        case .scalar(let text, let plain):
            if isNull { return "null" }
            if plain, ["true", "false", "True", "False", "TRUE", "FALSE"].contains(text) { return "a boolean" }
            if plain, Double(text.replacingUnderscores) != nil { return "a number" }
            return "a string"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The value of a mapping's scalar key.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = kind else { return nil }
        return entries.first { $0.key.scalarText == key }?.value
    }
}

extension String {
    /// YAML allows `1_000_000`.
    var replacingUnderscores: String { contains("_") ? String(filter { $0 != "_" }) : self }
}
