import DequeModule
import Simulation

/// The open alerts and the log of closed ones, driven by verdicts and simulated time.
///
/// An alert is keyed by rule and car: the first matching flow opens it and the repeats add to
/// its count and bytes instead of flooding the screen. It clears after `quietPeriod` without a
/// match (`tick(now:)`), and the same rule and car raise a new alert only `minInterval` after
/// the previous raise. Closed alerts go to a log that keeps the newest `logCapacity`.
/// Everything is ordered by alert id, never by hash order, so runs repeat byte for byte.
public struct AlertBook: Sendable {
    struct Key: Hashable, Sendable {
        var rule: Int
        var vehicle: UInt32
    }

    /// What `record` did with a verdict.
    public enum Outcome: Hashable, Sendable {
        case raised(id: UInt64)
        case aggregated(id: UInt64)
        /// Within `minInterval` of the previous raise for the same rule and car.
        case suppressed
    }

    public var parameters: AlertParameters
    /// The policies in force: a timeline's `set-policies` changes them, keeping each rule's index.
    public internal(set) var policies: PolicySet
    var open: [Key: Alert] = [:]
    var lastRaised: [Key: SimTime] = [:]
    /// No open alert can clear before this (a lower bound, so most ticks do nothing).
    var nextExpiry = SimTime.distantFuture
    var openBySeverity = [0, 0, 0]
    var unacknowledgedBySeverity = [0, 0, 0]
    var nextID: UInt64 = 1
    /// The instant of the latest raise, and the alerts raised at it, in id order: a raise at
    /// the same instant by a car earlier in the fleet takes its place among them (`number`).
    var raiseInstant = SimTime(nanoseconds: .min)
    var raisedAtInstant: [Key] = []
    /// Open alerts whose facts were set (raised, escalated) and alerts closed into the log since
    /// the drivers' names were last filled in (`fillDrivers`).
    var unnamed: [Key] = []
    var unnamedLogged = 0

    /// Closed alerts, oldest first, at most `parameters.logCapacity`.
    public private(set) var log: Deque<Alert> = []
    /// Closed alerts dropped from the front of a full log.
    public private(set) var droppedFromLog = 0
    /// Matches that raised nothing because of `minInterval`.
    public private(set) var suppressed: UInt64 = 0
    /// Alerts raised since the start.
    public var raisedCount: UInt64 { nextID - 1 }
    /// Alerts raised since the start by each rule (index into `policies.rules`; shorter when
    /// the last rules raised none).
    public private(set) var raisedByRule: [UInt64] = []

    /// Distinct cars and people per compliance threshold, counted by the monitor beside the
    /// alerts (`ComplianceLedger`); nil in a book that stands alone. Kept in the book because the
    /// book is the monitor's memory of the flows it judged that the view model reads.
    var ledger: ComplianceLedger?

    public init(policies: PolicySet, parameters: AlertParameters = .default) {
        self.policies = policies
        self.parameters = parameters
    }

    /// Adds one verdict for a flow (`facts.time` is the flow's time).
    /// - Complexity: O(1) expected.
    @discardableResult
    public mutating func record(_ verdict: PolicyVerdict, facts: FlowFacts) -> Outcome {
        let key = Key(rule: verdict.rule, vehicle: facts.vehicle)
        let now = facts.time
        if let index = open.index(forKey: key) {
            if now < open.values[index].lastSeen + parameters.quietPeriod {
                // In place: copying the alert out and back would retain all its strings per flow.
                open.values[index].count += 1
                open.values[index].bytes &+= facts.bytes
                open.values[index].breakdown.add(facts)
                open.values[index].lastSeen = max(open.values[index].lastSeen, now)
                let id = open.values[index].id
                if verdict.severity > open.values[index].severity {
                    // An escalation needs the officer's eyes again, with the flow that caused it.
                    removeCounts(open.values[index])
                    let severityCase = caseIndex(verdict, facts)
                    open.values[index].severity = verdict.severity
                    open.values[index].facts = facts
                    unnamed.append(key)
                    open.values[index].severityCase = severityCase
                    open.values[index].shortLabel = policies.rules[verdict.rule].shortLabel(case: severityCase)
                    open.values[index].acknowledged = false
                    addCounts(open.values[index])
                }
                return .aggregated(id: id)
            }
            close(key)  // cleared before this flow, though no tick said so yet
        }
        if let previous = lastRaised[key], now < previous + parameters.minInterval {
            suppressed += 1
            return .suppressed
        }
        let alert = Alert(
            id: nextID, rule: verdict.rule, policy: policies.rules[verdict.rule], severity: verdict.severity,
            facts: facts, severityCase: caseIndex(verdict, facts))
        nextID += 1
        if verdict.rule >= raisedByRule.count { raisedByRule += repeatElement(0, count: verdict.rule + 1 - raisedByRule.count) }
        raisedByRule[verdict.rule] += 1
        open[key] = alert
        unnamed.append(key)
        lastRaised[key] = now
        addCounts(alert)
        nextExpiry = min(nextExpiry, now + parameters.quietPeriod)
        return .raised(id: number(key, at: now))
    }

    /// Gives the alert just raised for `key` at `now` its place among the alerts raised at the
    /// same instant: after those of cars earlier in the fleet or of the same car, before those
    /// of cars later in it, whose ids move up by one. Returns its id.
    ///
    /// An instant is judged within one `FleetMonitor.run` (events before its bound, timeline
    /// entries too), so nobody has read the ids of that instant's alerts yet.
    /// - Complexity: O(1) when cars raise in fleet order (the queue's usual order at a tie);
    ///   O(alerts raised at this instant) otherwise.
    mutating func number(_ key: Key, at now: SimTime) -> UInt64 {
        if now != raiseInstant {
            raiseInstant = now
            raisedAtInstant.removeAll(keepingCapacity: true)
        }
        var place = raisedAtInstant.count
        while place > 0, raisedAtInstant[place - 1].vehicle > key.vehicle { place -= 1 }
        raisedAtInstant.insert(key, at: place)
        guard place < raisedAtInstant.count - 1, let first = open[raisedAtInstant[place + 1]]?.id else { return open[key]!.id }
        for (k, other) in raisedAtInstant[place...].enumerated() { open[other]?.id = first + UInt64(k) }
        return first
    }

    /// The severity case of `verdict`'s rule that `facts` fall under (the reference logic, run
    /// only when an alert is raised or escalated); the first case of that severity if the
    /// reference disagrees, which the engine's tests rule out.
    func caseIndex(_ verdict: PolicyVerdict, _ facts: FlowFacts) -> Int {
        let rule = policies.rules[verdict.rule]
        if let i = rule.caseIndex(of: facts, restricted: policies.isRestricted(facts.userClass, in: facts.market)),
            rule.severities[i].severity == verdict.severity
        {
            return i
        }
        return rule.severities.firstIndex { $0.severity == verdict.severity } ?? 0
    }

    /// Records every verdict of one flow.
    public mutating func record(_ verdicts: [PolicyVerdict], facts: FlowFacts) {
        for verdict in verdicts { record(verdict, facts: facts) }
    }

    /// Clears the alerts quiet for `quietPeriod` at `now`, in the order they cleared (their
    /// `closedAt`), then in id order.
    ///
    /// So the log is in (`closedAt`, id) order whenever the book is ticked: a run ticked at every
    /// flow and one also ticked between flows (a run in slices, to show progress) log the same
    /// alerts in the same order, and the JSON's cut of the newest closed alerts is the same.
    public mutating func tick(now: SimTime) {
        expire(now, including: true)
    }

    /// Clears the alerts quiet for `quietPeriod` before `bound` (at the end of a run to
    /// `bound`: one that clears at `bound` itself clears in the next run, with the flows at
    /// `bound`).
    public mutating func tick(before bound: SimTime) {
        expire(bound, including: false)
    }

    mutating func expire(_ now: SimTime, including: Bool) {
        guard now > nextExpiry || including && now == nextExpiry else { return }
        var expired: [(SimTime, UInt64, Key)] = []
        var earliest = SimTime.distantFuture
        for (key, alert) in open {
            let expiry = alert.lastSeen + parameters.quietPeriod
            if expiry < now || including && expiry == now { expired.append((expiry, alert.id, key)) } else { earliest = min(earliest, expiry) }
        }
        nextExpiry = earliest
        expired.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        for (_, _, key) in expired { close(key) }
    }

    /// Marks an open alert as seen by the officer; false when no open alert has this id.
    @discardableResult
    public mutating func acknowledge(id: UInt64) -> Bool {
        guard let key = open.first(where: { $0.value.id == id })?.key, var alert = open[key] else { return false }
        if !alert.acknowledged {
            alert.acknowledged = true
            unacknowledgedBySeverity[alert.severity.rank] -= 1
            open[key] = alert
        }
        return true
    }

    /// Takes an acknowledgement back: the open alert needs the officer's eyes again. False when
    /// no open alert has this id (a closed alert keeps the state it closed with).
    @discardableResult
    public mutating func unacknowledge(id: UInt64) -> Bool {
        guard let key = open.first(where: { $0.value.id == id })?.key, var alert = open[key] else { return false }
        if alert.acknowledged {
            alert.acknowledged = false
            unacknowledgedBySeverity[alert.severity.rank] += 1
            open[key] = alert
        }
        return true
    }

    /// Acknowledges the open alerts among `ids` (the ones a filtered list shows); returns how
    /// many were not acknowledged before. Ids of closed or unknown alerts are ignored.
    /// - Complexity: O(open alerts + ids).
    @discardableResult
    public mutating func acknowledge(ids: some Sequence<UInt64>) -> Int {
        let wanted = Set(ids)
        var changed = 0
        for key in open.keys where wanted.contains(open[key]!.id) && !open[key]!.acknowledged {
            open[key]!.acknowledged = true
            unacknowledgedBySeverity[open[key]!.severity.rank] -= 1
            changed += 1
        }
        return changed
    }

    /// Acknowledges every open alert.
    public mutating func acknowledgeAll() {
        for key in open.keys { open[key]?.acknowledged = true }
        unacknowledgedBySeverity = [0, 0, 0]
    }

    /// Open alerts, most severe first, then in raise order.
    /// - Complexity: O(n log n), a sorted copy: for a count or a maximum, `forEachOpenAlert`.
    public var openAlerts: [Alert] {
        open.values.sorted { ($0.severity.rank, $1.id) > ($1.severity.rank, $0.id) }
    }

    /// Every open alert, in no particular order, without a copy: for what does not depend on
    /// the order (counts per car, the most severe, the timeline's marks), which a frame of a
    /// large fleet would otherwise pay a sort of every open alert for.
    public func forEachOpenAlert(_ body: (Alert) throws -> Void) rethrows {
        for alert in open.values { try body(alert) }
    }

    public var openCount: Int { open.count }
    /// Open alerts of one severity.
    public func openCount(_ severity: Severity) -> Int { openBySeverity[severity.rank] }
    /// Open alerts of one severity not yet acknowledged.
    public func unacknowledgedCount(_ severity: Severity) -> Int { unacknowledgedBySeverity[severity.rank] }
    /// Open alerts not yet acknowledged; `openCount` less `acknowledgedCount`.
    public var unacknowledgedCount: Int { unacknowledgedBySeverity.reduce(0, +) }
    /// Open alerts acknowledged (an escalation takes the acknowledgement back).
    public var acknowledgedCount: Int { open.count - unacknowledgedCount }

    /// The open or logged alert with this id.
    public func alert(id: UInt64) -> Alert? {
        open.values.first { $0.id == id } ?? log.last { $0.id == id }
    }

    /// Lets `fill` name the drivers of the facts set since the last call: the open alerts raised
    /// or escalated since then, and the alerts closed into the log since then (a flow's facts
    /// come without the driver's name, which the world fills in once per run: `FleetMonitor`).
    /// - Complexity: O(alerts set since the last call), not O(open alerts): a frame of a
    ///   million cars' dashboard runs ten times a second with thousands open.
    mutating func fillDrivers(_ fill: (inout FlowFacts) -> Void) {
        for key in unnamed {
            if let i = open.index(forKey: key) { fill(&open.values[i].facts) }
        }
        unnamed.removeAll(keepingCapacity: true)
        for i in (log.count - min(unnamedLogged, log.count))..<log.count { fill(&log[i].facts) }
        unnamedLogged = 0
    }

    mutating func close(_ key: Key) {
        guard var alert = open.removeValue(forKey: key) else { return }
        removeCounts(alert)
        alert.closedAt = alert.lastSeen + parameters.quietPeriod
        guard parameters.logCapacity > 0 else {
            droppedFromLog += 1
            return
        }
        log.append(alert)
        unnamedLogged += 1
        while log.count > parameters.logCapacity {
            log.removeFirst()
            droppedFromLog += 1
        }
    }

    mutating func addCounts(_ alert: Alert) {
        openBySeverity[alert.severity.rank] += 1
        if !alert.acknowledged { unacknowledgedBySeverity[alert.severity.rank] += 1 }
    }

    mutating func removeCounts(_ alert: Alert) {
        openBySeverity[alert.severity.rank] -= 1
        if !alert.acknowledged { unacknowledgedBySeverity[alert.severity.rank] -= 1 }
    }
}
