import Fleet
import Simulation

/// What an export needs to say about the alerts it does not list: how many were raised,
/// suppressed and closed, how many closed ones the log dropped and the model left out, and the
/// settings that decided it (the scenario's `alerts` section). With these, an auditor who
/// replays the flow log knows which alerts to expect in `DashboardModel.alerts`.
public struct AlertLogSummary: Hashable, Sendable {
    /// Alerts raised since the start (the highest id).
    public var raised: UInt64 = 0
    /// Matches that raised nothing because they came within `minInterval` of the previous
    /// raise for the same rule and car (`AlertBook.suppressed`).
    public var suppressed: UInt64 = 0
    /// Open alerts; all of them are listed.
    public var open: Int = 0
    /// Open alerts acknowledged; `open - acknowledged` still need the officer's eyes.
    public var acknowledged: Int = 0
    /// Closed alerts: those in the log plus those it dropped.
    public var closed: Int = 0
    /// Closed alerts dropped from the front of a full log (`AlertBook.droppedFromLog`).
    public var droppedFromLog: Int = 0
    /// The log's capacity (`alerts.log-size`).
    public var logCapacity: Int = 0
    /// The newest closed alerts the model lists (`ModelBuilder.recentAlertLimit`).
    public var recentLimit: Int = 0
    public var minInterval: SimDuration = .zero
    public var quietPeriod: SimDuration = .zero
    /// Per rule of the policies in force, in their order: alerts raised since the start, and open now.
    public var byRule: [RuleTally] = []

    /// One rule's alerts.
    public struct RuleTally: Hashable, Sendable {
        public var ruleID: String
        public var title: String
        public var raised: UInt64
        public var open: Int
    }

    public init() {}

    /// The summary of `book`, listing at most `recentLimit` closed alerts.
    public init(book: AlertBook, recentLimit: Int) {
        raised = book.raisedCount
        suppressed = book.suppressed
        open = book.openCount
        acknowledged = book.acknowledgedCount
        closed = book.log.count + book.droppedFromLog
        droppedFromLog = book.droppedFromLog
        logCapacity = book.parameters.logCapacity
        self.recentLimit = recentLimit
        minInterval = book.parameters.minInterval
        quietPeriod = book.parameters.quietPeriod
        var open = [Int](repeating: 0, count: book.policies.rules.count)
        for a in book.openAlerts where a.rule < open.count { open[a.rule] += 1 }
        byRule = book.policies.rules.enumerated().map { i, rule in
            RuleTally(ruleID: rule.id, title: rule.title, raised: i < book.raisedByRule.count ? book.raisedByRule[i] : 0, open: open[i])
        }
    }

    /// Open alerts not yet acknowledged.
    public var unacknowledged: Int { open - acknowledged }

    /// Closed alerts listed: the newest `recentLimit` of the log.
    public var listedClosed: Int { max(0, min(recentLimit, closed - droppedFromLog)) }
}
