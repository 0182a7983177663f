import Fleet
import Simulation

/// The toolkit every scenario section decoder uses: typed reads of located nodes that record a
/// `Diagnostic` for each problem and carry on, so one run reports every mistake in the file.
///
/// Each read returns nil after recording why; callers skip what they cannot build and go on.
/// `what` names the value the way the user wrote it (`alerts.min-interval`, `rule 'CN-1' match`).
public struct DecodeContext: Sendable {
    public let file: String
    public let limits: ScenarioLimits
    public private(set) var diagnostics: [Diagnostic] = []

    public init(file: String, limits: ScenarioLimits = .default) {
        self.file = file
        self.limits = limits
    }

    public var hasErrors: Bool { !diagnostics.isEmpty }

    public mutating func error(_ message: String, at node: YAMLNode) { error(message, at: node.location) }
    /// Records a problem; the same message at the same place is reported once, however many
    /// passes over the file find it.
    public mutating func error(_ message: String, at location: SourceLocation) {
        let diagnostic = Diagnostic(location, message)
        guard !diagnostics.contains(diagnostic) else { return }
        diagnostics.append(diagnostic)
    }

    /// Throws every diagnostic recorded so far, if any.
    public func check() throws(ScenarioError) {
        if hasErrors { throw ScenarioError(diagnostics) }
    }

    // MARK: Structure

    /// The keys of a mapping, after reporting keys that are not scalars, keys not in `allowed`
    /// (with a "did you mean") and `required` keys that are missing. Nil if `node` is not a mapping.
    public mutating func mapping(
        _ node: YAMLNode, _ what: String, allowed: [String], required: [String] = []
    ) -> Fields? {
        guard case .mapping(let entries) = node.kind else {
            error("\(what) must be a mapping (key: value lines), found \(node.kindDescription)", at: node)
            return nil
        }
        var values: [String: YAMLNode] = [:]
        var keyNodes: [String: YAMLNode] = [:]
        for entry in entries {
            guard case .scalar(let key, _) = entry.key.kind else {
                error("a key in \(what) must be a name, found \(entry.key.kindDescription)", at: entry.key)
                continue
            }
            guard allowed.contains(key) else {
                error("unknown key '\(key)' in \(what)" + Suggestion.hint(for: key, among: allowed), at: entry.key)
                continue
            }
            values[key] = entry.value
            keyNodes[key] = entry.key
        }
        for key in required where values[key] == nil {
            error("missing key '\(key)' in \(what)", at: node)
        }
        return Fields(node: node, values: values, keyNodes: keyNodes)
    }

    /// The items of a list of at most `maxCount` (default `limits.maxListLength`) items.
    public mutating func list(_ node: YAMLNode, _ what: String, maxCount: Int? = nil) -> [YAMLNode]? {
        guard case .sequence(let items) = node.kind else {
            error("\(what) must be a list, found \(node.kindDescription)", at: node)
            return nil
        }
        let limit = maxCount ?? limits.maxListLength
        guard items.count <= limit else {
            error("\(what) has \(items.count) items, more than the limit of \(limit)", at: node)
            return nil
        }
        return items
    }

    /// A list, or a single scalar standing for a list of one (`market: CN` = `market: [CN]`).
    public mutating func oneOrMany(_ node: YAMLNode, _ what: String) -> [YAMLNode]? {
        if case .scalar = node.kind, !node.isNull { return [node] }
        return list(node, what)
    }

    /// Reports every id seen twice, at the second place, naming the first.
    public mutating func checkUnique(_ ids: [(id: String, node: YAMLNode)], _ what: String) {
        var first: [String: SourceLocation] = [:]
        for (id, node) in ids {
            if let previous = first[id] {
                error("duplicate \(what) '\(id)' (first defined at \(previous.line):\(previous.column))", at: node)
            } else {
                first[id] = node.location
            }
        }
    }

    /// A name that must be one of `known`, or an "undefined" diagnostic with a suggestion.
    public mutating func reference(_ node: YAMLNode, _ what: String, among known: Set<String>) -> String? {
        guard let name = string(node, what) else { return nil }
        guard known.contains(name) else {
            error("undefined \(what) '\(name)'" + Suggestion.hint(for: name, among: known), at: node)
            return nil
        }
        return name
    }
}

/// A mapping's values by key, with the mapping node for "missing key" locations.
public struct Fields: Sendable {
    public let node: YAMLNode
    let values: [String: YAMLNode]
    let keyNodes: [String: YAMLNode]

    public subscript(key: String) -> YAMLNode? { values[key] }
    /// The node of the key itself (to point at `key:` rather than at its value).
    public func keyNode(_ key: String) -> YAMLNode? { keyNodes[key] }
    public var keys: Set<String> { Set(values.keys) }
}
