/// Receives every flow the monitor judges, with its facts and verdicts, in simulated-time order.
///
/// Generic (`FleetMonitor.run(until:sink:)` is specialised per sink): no closure or existential
/// per flow. The NDJSON export streams the whole flow log through one without keeping it.
public protocol FlowSink {
    /// - Parameters:
    ///   - record: the flow as the world produced it (indexes into the world's tables).
    ///   - facts: what the rules saw; the driver's names are empty (filled only for alerts).
    ///   - verdicts: the rules that matched, in rule order; a buffer reused between flows, so
    ///     copy what you keep.
    mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict])
    /// The policies in force changed (a timeline's `set-policies`): verdicts from now on index
    /// `policies.rules`. Sinks that name rules or restrictions take the new set.
    mutating func policiesChanged(_ policies: PolicySet)
}

extension FlowSink {
    public mutating func policiesChanged(_ policies: PolicySet) {}
}

/// Drops every flow (the monitor still meters, judges and logs them).
public struct IgnoreSink: FlowSink {
    public init() {}
    @inlinable public mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {}
}

/// Keeps every flow with its verdicts (tests and short runs only: it grows without bound).
public struct CollectSink: FlowSink {
    public var flows: [LoggedFlow] = []
    public var facts: [FlowFacts] = []
    public init() {}
    public mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {
        flows.append(LoggedFlow(record: record, verdicts: verdicts))
        self.facts.append(facts)
    }
}
