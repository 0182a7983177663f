/// How serious a policy verdict is, in the order a compliance officer triages: `watch` (note it),
/// `high` (look today), `critical` (act now). The raw value is the name used in scenario files.
public enum Severity: String, CaseIterable, Hashable, Comparable, Sendable, Codable {
    case watch
    case high
    case critical

    /// 0, 1, 2: for per-severity arrays and ordering.
    @inlinable public var rank: Int {
        switch self {
        case .watch: 0
        case .high: 1
        case .critical: 2
        }
    }

    @inlinable public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// One rule's judgement of one flow: the index of the rule in its `PolicySet` and the severity
/// chosen for this flow. Two small integers, so a flow's verdicts cost no allocation to pass on.
public struct PolicyVerdict: Hashable, Sendable {
    /// Index into `PolicySet.rules`.
    public var rule: Int
    public var severity: Severity

    @inlinable public init(rule: Int, severity: Severity) {
        self.rule = rule
        self.severity = severity
    }
}
