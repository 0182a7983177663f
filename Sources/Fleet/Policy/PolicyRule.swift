/// One compliance rule: which flows it concerns, how serious each one is, and how to explain it.
public struct PolicyRule: Hashable, Sendable, Identifiable {
    /// One entry of a rule's severity list: flows that also match `when` get `severity`.
    public struct SeverityCase: Hashable, Sendable {
        public var when: RuleMatch
        public var severity: Severity
        public init(when: RuleMatch = .any, _ severity: Severity) {
            self.when = when
            self.severity = severity
        }
    }

    /// Unique within the set, such as `CN-3a`; shown in brackets after every explanation.
    public var id: String
    /// A short line for tables: "Restricted driver sends data out".
    public var title: String
    /// The regulation or report the rule comes from, as a compliance officer would cite it.
    public var source: String
    /// A sentence with `{placeholders}` (see `ExplanationTemplate.placeholders`).
    public var explanation: String
    /// The flows the rule concerns.
    public var match: RuleMatch
    /// Checked in order; the first case whose `when` matches gives the severity. A flow that
    /// matches `match` but no case raises nothing (so a case list can also narrow the rule).
    public var severities: [SeverityCase]

    public init(
        id: String, title: String, source: String, explanation: String, match: RuleMatch,
        severities: [SeverityCase]
    ) {
        self.id = id
        self.title = title
        self.source = source
        self.explanation = explanation
        self.match = match
        self.severities = severities
    }

    /// A rule with one severity whatever the destination.
    public init(id: String, title: String, source: String, explanation: String, match: RuleMatch, severity: Severity) {
        self.init(
            id: id, title: title, source: source, explanation: explanation, match: match,
            severities: [SeverityCase(severity)])
    }

    /// The severity of `facts` under this rule, or nil when it does not apply (reference logic;
    /// `PolicyEngine` is the fast path).
    public func severity(of facts: FlowFacts, restricted: Bool) -> Severity? {
        guard match.matches(facts, restricted: restricted) else { return nil }
        for c in severities where c.when.matches(facts, restricted: restricted) { return c.severity }
        return nil
    }
}

/// The rules in force and which user classes they treat as restricted.
public struct PolicySet: Hashable, Sendable {
    /// Classes whose drivers the `restricted` condition picks out (military and key-soe by default).
    public var restrictedClasses: Set<UserClassID>
    /// Rules in evaluation order; a verdict names its rule by index into this array.
    public var rules: [PolicyRule]

    public init(restrictedClasses: Set<UserClassID>, rules: [PolicyRule]) {
        self.restrictedClasses = restrictedClasses
        self.rules = rules
    }

    /// No rules: nothing is ever flagged.
    public static let empty = PolicySet(restrictedClasses: [], rules: [])

    public func isRestricted(_ userClass: UserClassID) -> Bool { restrictedClasses.contains(userClass) }

    /// The index of the rule with this id.
    public func ruleIndex(id: String) -> Int? { rules.firstIndex { $0.id == id } }
}
