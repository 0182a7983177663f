import DequeModule

/// A flow with the verdicts the policies gave it (empty when no rule applied).
public struct LoggedFlow: Hashable, Sendable {
    public var record: FlowRecord
    public var verdicts: [PolicyVerdict]

    public init(record: FlowRecord, verdicts: [PolicyVerdict]) {
        self.record = record
        self.verdicts = verdicts
    }

    /// The most severe verdict, the earliest rule on a tie.
    public var worst: PolicyVerdict? {
        verdicts.reduce(nil) { best, v in best.map { v.severity > $0.severity ? v : $0 } ?? v }
    }
}

/// The newest `capacity` flows with their verdicts, in two rings (records, verdicts), so
/// appending a flow allocates nothing once the rings are full.
///
/// Memory: at most `capacity` records (72 bytes each) and `4 · capacity` verdicts (16 bytes
/// each): 136 bytes per slot, about 560 kB at the default 4096. When a flow brings more
/// verdicts than fit, the oldest flows leave early; a single flow keeps at most
/// `4 · capacity` of its verdicts.
struct FlowLog: Sendable {
    struct Entry: Sendable {
        var record: FlowRecord
        var verdictCount: Int
    }

    let capacity: Int
    private(set) var entries: Deque<Entry> = []
    private(set) var verdicts: Deque<PolicyVerdict> = []

    init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    var verdictCapacity: Int { capacity * 4 }
    var count: Int { entries.count }

    /// - Complexity: amortised O(1 + verdicts.count).
    mutating func append(_ record: FlowRecord, _ new: [PolicyVerdict]) {
        guard capacity > 0 else { return }
        let kept = min(new.count, verdictCapacity)
        while let first = entries.first, entries.count >= capacity || verdicts.count + kept > verdictCapacity {
            entries.removeFirst()
            verdicts.removeFirst(first.verdictCount)
        }
        entries.append(Entry(record: record, verdictCount: kept))
        verdicts.append(contentsOf: new.prefix(kept))
    }

    /// The flows, oldest first.
    var flows: [LoggedFlow] {
        var out: [LoggedFlow] = []
        out.reserveCapacity(entries.count)
        var v = verdicts.startIndex
        for e in entries {
            out.append(LoggedFlow(record: e.record, verdicts: Array(verdicts[v..<(v + e.verdictCount)])))
            v += e.verdictCount
        }
        return out
    }
}
