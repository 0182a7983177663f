import Fleet
import Simulation

/// The order of the alert lists (`DashboardState.alertSort`): the alert panel (open alerts
/// first, then the newest closed ones, each group in this order) and the history.
public struct AlertOrder: Hashable, Sendable {
    public var sort: AlertSort
    public var descending: Bool

    public init(sort: AlertSort = .time, descending: Bool = true) {
        self.sort = sort
        self.descending = descending
    }

    /// An alert's time for sorting: when it opened, or, once closed, when it closed. So the
    /// default order (newest first) is the open alerts by start and the closed ones by end, as
    /// the exports list them (docs/snapshot.schema.json).
    static func time(_ a: AlertRow) -> SimTime { a.end ?? a.start }

    /// Whether `a` comes before `b`: by the sort key in the chosen direction, ties by time and
    /// id, newest first whatever the direction (so equal keys keep a stable, readable order).
    public func precedes(_ a: AlertRow, _ b: AlertRow) -> Bool {
        switch sort {
        case .time:
            let ka = (Self.time(a), a.id), kb = (Self.time(b), b.id)
            return descending ? ka > kb : ka < kb
        case .severity where a.severity != b.severity:
            return descending ? a.severity > b.severity : a.severity < b.severity
        case .rule where a.ruleID != b.ruleID:
            return descending ? a.ruleID > b.ruleID : a.ruleID < b.ruleID
        case .bytes where a.bytes != b.bytes:
            return descending ? a.bytes > b.bytes : a.bytes < b.bytes
        default:
            return (Self.time(a), a.id) > (Self.time(b), b.id)
        }
    }

    /// `rows` in this order.
    /// - Complexity: O(n log n).
    public func sorted(_ rows: [AlertRow]) -> [AlertRow] { rows.sorted(by: precedes) }
}
