import Dashboard
import Fleet
import Simulation

/// One change of one alert, as `fleetwatch stream` writes it (docs/stream.md).
public struct AlertLifecycleEvent: Hashable, Sendable {
    public enum Kind: String, CaseIterable, Hashable, Sendable {
        case raised, escalated, updated, acknowledged, closed

        /// The order of two events of one alert at one time.
        var rank: Int {
            switch self {
            case .raised: 0
            case .escalated: 1
            case .updated: 2
            case .acknowledged: 3
            case .closed: 4
            }
        }
    }

    public var kind: Kind
    /// When it happened: the first flow (raised), the latest matching flow (escalated,
    /// updated), the time of the read that saw it (acknowledged), the clearing (closed).
    public var time: SimTime
    /// The alert as it stands at the read that found the change.
    public var alert: AlertRow

    public init(kind: Kind, time: SimTime, alert: AlertRow) {
        self.kind = kind
        self.time = time
        self.alert = alert
    }
}

/// Turns the alert book, read after each step of a run, into its lifecycle events since the
/// previous read: each alert raised once and closed once, each rise of its severity, each
/// step in which more matching flows joined it (updated), and its acknowledgement. The book is
/// the monitor's own state; nothing is inferred from the flows.
///
/// A read sees the book's state, not each flow: within one step an alert raised and escalated
/// is one `raised` event carrying the higher severity, and many matching flows are one
/// `updated`. The stream reads after every simulated second, so that is the resolution.
///
/// - Complexity: O(open alerts + alerts closed since the last read) per read.
public struct AlertLifecycle: Hashable, Sendable {
    struct Known: Hashable, Sendable {
        var severity: Severity
        var count: Int
        var bytes: UInt64
        var acknowledged: Bool
    }

    /// The open alerts as last read.
    var known: [UInt64: Known] = [:]
    /// Closures read so far (the book's log and what it dropped).
    public private(set) var closedSeen = 0
    /// Closed alerts the bounded log dropped before a read saw them: no event could be written.
    public private(set) var missed = 0
    /// Events written, by kind.
    public private(set) var counts: [Kind: Int] = [:]

    public typealias Kind = AlertLifecycleEvent.Kind

    public init() {}

    /// The events between the last read and this one, in time order (then alert id, then
    /// raised before escalated before updated before acknowledged before closed). `open`: the
    /// open alerts now; `closedNow`: those closed since the last read
    /// (`ModelBuilder.closedAlertRows(after: closedSeen)`), `dropped` of them no longer in the
    /// log; `now`: the time of this read.
    public mutating func update(open: [AlertRow], closedNow: [AlertRow], dropped: Int, now: SimTime) -> [AlertLifecycleEvent] {
        var events: [AlertLifecycleEvent] = []
        func changes(_ a: AlertRow, was: Known?) {
            guard let was else {
                events.append(AlertLifecycleEvent(kind: .raised, time: a.start, alert: a))
                if a.acknowledged { events.append(AlertLifecycleEvent(kind: .acknowledged, time: now, alert: a)) }
                return
            }
            if a.severity.rank > was.severity.rank {
                events.append(AlertLifecycleEvent(kind: .escalated, time: a.lastSeen, alert: a))
            } else if a.count != was.count || a.bytes != was.bytes {
                events.append(AlertLifecycleEvent(kind: .updated, time: a.lastSeen, alert: a))
            }
            if a.acknowledged, !was.acknowledged || a.severity.rank > was.severity.rank {
                events.append(AlertLifecycleEvent(kind: .acknowledged, time: now, alert: a))
            }
        }
        for a in closedNow {
            changes(a, was: known.removeValue(forKey: a.id))
            events.append(AlertLifecycleEvent(kind: .closed, time: a.end ?? a.lastSeen, alert: a))
        }
        closedSeen += closedNow.count + dropped
        missed += dropped
        var stillOpen: Set<UInt64> = []
        for a in open {
            changes(a, was: known[a.id])
            known[a.id] = Known(severity: a.severity, count: a.count, bytes: a.bytes, acknowledged: a.acknowledged)
            stillOpen.insert(a.id)
        }
        // An alert dropped from the log before it was read is gone from `open` as well.
        if dropped > 0 { for id in known.keys where !stillOpen.contains(id) { known[id] = nil } }
        events.sort { ($0.time, $0.alert.id, $0.kind.rank) < ($1.time, $1.alert.id, $1.kind.rank) }
        for e in events { counts[e.kind, default: 0] += 1 }
        return events
    }
}

/// The stream's line for an alert event: `alert_event` first (the source parser skips such
/// lines, so a stream can be read back with `--source`), then the time, then the alert as the
/// JSON snapshot writes it (`SnapshotJSON.alert`).
public enum AlertEventJSON {
    public static func line(_ event: AlertLifecycleEvent) -> String {
        JSONValue.object([
            ("alert_event", .string(event.kind.rawValue)),
            ("time_ns", .int(event.time.nanoseconds)),
            ("time_s", .double(event.time.seconds)),
            ("alert", SnapshotJSON.alert(event.alert)),
        ]).serialized()
    }
}
