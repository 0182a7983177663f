import Simulation

/// How alerts are aggregated and cleared (the scenario file's `alerts` section).
public struct AlertParameters: Hashable, Sendable {
    /// The least time between two raises for the same rule and car: a match within it after the
    /// previous alert cleared is counted as suppressed instead of opening a new alert.
    public var minInterval: SimDuration
    /// An open alert with no matching flow for this long clears.
    public var quietPeriod: SimDuration
    /// How many closed alerts the log keeps (the newest).
    public var logCapacity: Int

    public init(
        minInterval: SimDuration = .minutes(10), quietPeriod: SimDuration = .minutes(2), logCapacity: Int = 1000
    ) {
        self.minInterval = minInterval
        self.quietPeriod = quietPeriod
        self.logCapacity = logCapacity
    }

    /// 10 minutes between raises, 2 minutes of quiet to clear, 1000 closed alerts kept.
    public static let `default` = AlertParameters()
}

/// One alert: a rule matching one car's flows, from the first match until it clears.
public struct Alert: Hashable, Sendable, Identifiable {
    /// Raise order, from 1; unique within an `AlertBook`. Alerts raised at the same instant are
    /// numbered in fleet order (`vehicle`), then in the order the car's flows raised them
    /// (`AlertBook.record`), so the numbering does not depend on how the cars' events at one
    /// instant were interleaved: a partition of the fleet numbers its alerts in the same order.
    public internal(set) var id: UInt64
    /// Index of the rule in the policy set.
    public let rule: Int
    public let ruleID: String
    public let title: String
    public let source: String
    public let vehicle: UInt32
    /// The highest severity seen so far.
    public internal(set) var severity: Severity
    /// The flow that raised the alert, or the one that raised its severity since.
    public internal(set) var facts: FlowFacts
    /// The first and the last matching flow.
    public let start: SimTime
    public internal(set) var lastSeen: SimTime
    /// When the alert cleared (its last flow plus the quiet period); nil while open.
    public internal(set) var closedAt: SimTime?
    /// Matching flows and their bytes.
    public internal(set) var count: UInt64
    public internal(set) var bytes: UInt64
    /// The matching flows by category and by destination; sums to `bytes` and `count`.
    public internal(set) var breakdown: AlertBreakdown
    /// Index of the rule's severity case that gave `severity` (for `facts`).
    public internal(set) var severityCase: Int
    /// That case's short label: what the alert means when the title does not fit.
    public internal(set) var shortLabel: String
    public internal(set) var acknowledged: Bool
    let template: ExplanationTemplate

    init(id: UInt64, rule: Int, policy: PolicyRule, severity: Severity, facts: FlowFacts, severityCase: Int = 0) {
        self.id = id
        self.rule = rule
        ruleID = policy.id
        title = policy.title
        source = policy.source
        vehicle = facts.vehicle
        self.severity = severity
        self.facts = facts
        start = facts.time
        lastSeen = facts.time
        closedAt = nil
        count = 1
        bytes = facts.bytes
        var breakdown = AlertBreakdown()
        breakdown.add(facts)
        self.breakdown = breakdown
        self.severityCase = severityCase
        shortLabel = policy.shortLabel(case: severityCase)
        acknowledged = false
        template = ExplanationTemplate(policy.explanation)
    }

    public var isOpen: Bool { closedAt == nil }
    /// From the first to the last matching flow.
    public var duration: SimDuration { lastSeen - start }

    /// The rule's sentence for this alert's flows (their total, categories and destinations,
    /// with the breakdown when there is more than one), then the rule id and its source in
    /// brackets: what a compliance officer reads and can check.
    public var explanation: String { explanation(romanised: false) }

    /// The explanation with the driver named in Latin letters only ("Wang Wei (military)"),
    /// for outputs that cannot draw Chinese characters (`--ascii`, the Linux console).
    public func explanation(romanised: Bool) -> String {
        var f = facts
        if romanised, !f.driver.romanized.isEmpty { f.driver.name = f.driver.romanized }
        return template.render(f, breakdown: breakdown) + " [\(ruleID), \(source)]"
    }
}
