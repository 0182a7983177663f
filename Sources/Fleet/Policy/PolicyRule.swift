/// One compliance rule: which flows it concerns, how serious each one is, and how to explain it.
public struct PolicyRule: Hashable, Sendable, Identifiable {
    /// One entry of a rule's severity list: flows that also match `when` get `severity`.
    public struct SeverityCase: Hashable, Sendable {
        public var when: RuleMatch
        public var severity: Severity
        /// A few words that say what this case means ("clip not anonymised, stays in CN"), shown
        /// instead of the rule's title where the title does not fit; nil derives one from
        /// `when` (see `PolicyRule.shortLabel(case:)`).
        public var label: String?
        public init(when: RuleMatch = .any, _ severity: Severity, label: String? = nil) {
            self.when = when
            self.severity = severity
            self.label = label
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
        caseIndex(of: facts, restricted: restricted).map { severities[$0].severity }
    }

    /// The index of the severity case `facts` fall under, or nil when the rule does not apply.
    public func caseIndex(of facts: FlowFacts, restricted: Bool) -> Int? {
        guard match.matches(facts, restricted: restricted) else { return nil }
        return severities.firstIndex { $0.when.matches(facts, restricted: restricted) }
    }

    /// The short label of severity case `index`: its own `label`, else one derived from its
    /// `when` ("cross-border", "not anonymised, camera clip"); a case without conditions is
    /// "other flows" after other cases and the rule's title when it is the only case.
    public func shortLabel(case index: Int) -> String {
        guard severities.indices.contains(index) else { return title }
        let c = severities[index]
        if let label = c.label, !label.isEmpty { return label }
        let phrase = c.when.phrase
        if !phrase.isEmpty { return phrase }
        return index > 0 ? "other flows" : title
    }
}

/// The rules in force and which user classes they treat as restricted, per market: who is
/// restricted is a matter of each country's rules (China restricts military staff and key SOE
/// employees; the US rules watch data linked to US military members, 28 CFR §202.222).
/// A change to the policies in force, from a time on (the timeline's `set-policies`, a
/// what-if's `policies`): restricted classes for the markets named, and rules by id.
public struct PolicyChange: Hashable, Sendable {
    /// Per market named: the classes restricted from now on (a market left out keeps its own).
    public var restrictedClasses: [Market: Set<UserClassID>]
    /// Each replaces the rule with its id, or is added after the others.
    public var rules: [PolicyRule]

    public init(restrictedClasses: [Market: Set<UserClassID>] = [:], rules: [PolicyRule] = []) {
        self.restrictedClasses = restrictedClasses
        self.rules = rules
    }

    public var isEmpty: Bool { restrictedClasses.isEmpty && rules.isEmpty }
}

public struct PolicySet: Hashable, Sendable {
    /// Per market (`Market.allCases` order): classes whose drivers the `restricted` condition
    /// picks out in that market's cars.
    public var restrictedByMarket: [Set<UserClassID>]
    /// Rules in evaluation order; a verdict names its rule by index into this array.
    public var rules: [PolicyRule]

    public init(restrictedClasses: [Market: Set<UserClassID>], rules: [PolicyRule]) {
        restrictedByMarket = Market.allCases.map { restrictedClasses[$0] ?? [] }
        self.rules = rules
    }

    /// The same restricted classes in every market.
    public init(restrictedClasses: Set<UserClassID>, rules: [PolicyRule]) {
        restrictedByMarket = Market.allCases.map { _ in restrictedClasses }
        self.rules = rules
    }

    /// No rules: nothing is ever flagged.
    public static let empty = PolicySet(restrictedClasses: [], rules: [])

    /// The classes restricted in any market; setting it restricts the same classes everywhere.
    public var restrictedClasses: Set<UserClassID> {
        get { restrictedByMarket.reduce([]) { $0.union($1) } }
        set { restrictedByMarket = Market.allCases.map { _ in newValue } }
    }

    /// The classes restricted in `market`'s cars.
    public func restrictedClasses(in market: Market) -> Set<UserClassID> { restrictedByMarket[market.index] }

    /// This set with `change` applied: the markets it names get its restricted classes, a rule
    /// with the id of one of its rules is replaced in place (so verdicts and open alerts keep
    /// their rule's index), and a rule with a new id is added at the end.
    public func applying(_ change: PolicyChange) -> PolicySet {
        var set = self
        for market in Market.allCases {
            if let classes = change.restrictedClasses[market] { set.restrictedByMarket[market.index] = classes }
        }
        for rule in change.rules {
            if let i = set.rules.firstIndex(where: { $0.id == rule.id }) { set.rules[i] = rule } else { set.rules.append(rule) }
        }
        return set
    }

    public func isRestricted(_ userClass: UserClassID, in market: Market) -> Bool {
        restrictedByMarket[market.index].contains(userClass)
    }

    /// The index of the rule with this id.
    public func ruleIndex(id: String) -> Int? { rules.firstIndex { $0.id == id } }
}

extension Market {
    /// The market at position `index` of `Market.allCases` (without building that array).
    @inlinable public init(index: Int) { self = index == 0 ? .cn : index == 1 ? .us : .unknown }

    /// Position in `Market.allCases`.
    @inlinable public var index: Int {
        switch self {
        case .cn: 0
        case .us: 1
        case .unknown: 2
        }
    }
}
