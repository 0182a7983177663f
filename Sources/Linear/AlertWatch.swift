import Dashboard
import Fleet
import Simulation

/// Something that happened to an alert, said once as it happens.
public enum AlertEvent: Hashable, Sendable {
    case raised(AlertRow)
    case escalated(AlertRow, from: Severity)
    case closed(AlertRow)

    public var alert: AlertRow {
        switch self {
        case .raised(let a), .escalated(let a, _), .closed(let a): a
        }
    }

    /// When it happened: the first flow, the flow that raised the severity (the last seen, to
    /// the tick), the clearing.
    public var time: SimTime {
        switch self {
        case .raised(let a): a.start
        case .escalated(let a, _): a.lastSeen
        case .closed(let a): a.end ?? a.lastSeen
        }
    }

    var rank: Int {
        switch self {
        case .raised: 0
        case .escalated: 1
        case .closed: 2
        }
    }
}

/// Turns the alert book, read after each step of the simulation, into the events since the
/// last read: each alert raised once, each rise of its severity once, its closing once, in time
/// order, also for an alert that opened and closed between two reads (a fast run).
///
/// - Complexity: O(open alerts + alerts closed since the last read) per read.
public struct AlertWatch: Hashable, Sendable {
    /// The open alerts known, and their severity when last said.
    public private(set) var known: [UInt64: Severity] = [:]
    /// Closures read so far (the book's log and what it dropped).
    public private(set) var closedSeen = 0
    /// Counts of what was said, since the start.
    public private(set) var raised = 0
    public private(set) var escalated = 0
    public private(set) var closed = 0

    public init() {}

    /// Takes the book as it is now as read, without events: after a demo's jump replays the
    /// world from the start, the alerts of the new run's past are not news.
    public mutating func rebase(open: [AlertRow], closedTotal: Int) {
        known = Dictionary(open.map { ($0.id, $0.severity) }, uniquingKeysWith: { a, _ in a })
        closedSeen = closedTotal
    }

    /// The events between the last read and this one. `open`: the open alerts now; `closedNow`:
    /// the alerts closed since the last read (`ModelBuilder.closedAlertRows(after: closedSeen)`),
    /// `dropped` of them no longer in the log.
    public mutating func update(open: [AlertRow], closedNow: [AlertRow], dropped: Int = 0) -> [AlertEvent] {
        var events: [AlertEvent] = []
        for a in closedNow {
            if let was = known.removeValue(forKey: a.id) {
                if a.severity.rank > was.rank { events.append(.escalated(a, from: was)) }
            } else {
                events.append(.raised(a))
            }
            events.append(.closed(a))
        }
        closedSeen += closedNow.count + dropped
        for a in open {
            if let was = known[a.id] {
                if a.severity.rank > was.rank { events.append(.escalated(a, from: was)) }
            } else {
                events.append(.raised(a))
            }
            known[a.id] = a.severity
        }
        // An alert dropped from the log before it was read is gone from `open` as well.
        if dropped > 0 {
            let openIDs = Set(open.map(\.id))
            for id in known.keys where !openIDs.contains(id) { known[id] = nil }
        }
        events.sort { ($0.time, $0.alert.id, $0.rank) < ($1.time, $1.alert.id, $1.rank) }
        for e in events {
            switch e {
            case .raised: raised += 1
            case .escalated: escalated += 1
            case .closed: closed += 1
            }
        }
        return events
    }
}
