import Fleet
import HeapModule
import Simulation

/// What a source has read so far, for the screen's line and the summary on stderr: nothing
/// read is dropped without being counted here.
public struct SourceReport: Hashable, Sendable {
    /// Records read (flows, server names and others), and flows counted into the model.
    public var records: UInt64 = 0
    public var flows: UInt64 = 0
    /// Bytes of the flows counted (after sampling).
    public var bytes: UInt64 = 0
    /// Records (and their bytes, after sampling) that matched no car, or no server, of the
    /// inventory: counted into the unknown cars and the unknown server (docs/source.md).
    public var unmappedCarRecords: UInt64 = 0
    public var unmappedCarBytes: UInt64 = 0
    public var unmappedServerRecords: UInt64 = 0
    public var unmappedServerBytes: UInt64 = 0
    /// Records refused, by reason, with the first place each reason was met.
    public var rejected: UInt64 = 0
    public var rejectedBy: [String: UInt64] = [:]
    public var firstRejected: [String: String] = [:]
    /// Records that are not flows and were skipped on purpose (alert events, Zeek ssl.log).
    public var skipped: UInt64 = 0
    /// Records counted whose category is the first of several the routing sends to their
    /// service: nothing said which (goflow2, nfdump and Zeek records name none; an inventory
    /// server's `category` does).
    public var guessedCategoryRecords: UInt64 = 0
    /// Flows read but not yet counted: after the time asked for, or waiting in the reorder buffer.
    public var pending: UInt64 = 0

    public init() {}

    public var unmappedRecords: UInt64 { unmappedCarRecords + unmappedServerRecords }
    public var unmappedBytes: UInt64 { unmappedCarBytes + unmappedServerBytes }

    /// At most this many distinct reasons are kept by name; the rest count as "other".
    static let maxReasons = 32

    mutating func reject(_ reason: String, at place: String) {
        rejected += 1
        let key = rejectedBy[reason] != nil || rejectedBy.count < Self.maxReasons ? reason : "other"
        rejectedBy[key, default: 0] += 1
        if firstRejected[key] == nil { firstRejected[key] = place }
    }
}

/// A record refused in `--strict` mode, or a source that cannot be read at all.
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var message: String
    public var description: String { "\(location): \(message)" }
}

/// Flow records from outside (`--source`): bytes in, the model's flows out, in the order the
/// monitor must judge them.
///
/// Bytes are cut into records (`RecordFramer`), each read in its format (`FlowParser`), matched
/// to the inventory (`SourceResolver`) and held in a reorder buffer until no record still to
/// come can end before it. The stated tolerance: a record may come after others that start
/// up to `tolerance` later than it does; one that comes later than that is refused ("out of
/// order"), counted, and named. Flows leave the buffer in the order of their end, then of
/// their `flowId` (FleetWatch's log), then of arrival: the monitor's own order.
///
/// Memory: the record being cut, and the flows in the buffer, at most `maxBuffered`; past it
/// the earliest leave early (and what then comes later than them is refused and counted).
public struct FlowSource: Sendable {
    public let file: String
    public private(set) var format: SourceFormat?
    public let tolerance: SimDuration
    public let strict: Bool
    public private(set) var report = SourceReport()
    /// The first flow's start, in the format's own time (epoch nanoseconds or from the start).
    public private(set) var firstStart: Int64?

    var framer = RecordFramer()
    var resolver: SourceResolver?
    /// Nanoseconds subtracted from the format's times to give simulated time.
    var offset: Int64 = 0
    /// Flows read before the resolver was attached (to learn the format and the first time).
    var early: [(RawFlow, String?, Int)] = []
    /// The reorder buffer: keys that came in order in `inOrder[inOrderHead...]` (a queue:
    /// each key after the one before it, the usual case, at no cost), the others in a heap;
    /// flows in `slots` (the keys move, not the flows), free slots in `freeSlots`.
    var buffer = Heap<Pending>()
    var inOrder: [Pending] = []
    var inOrderHead = 0
    var slots: [RecordedFlow] = []
    var freeSlots: [Int32] = []
    /// Settled flows, in order, not yet released: `ready[readyHead...]`.
    var ready: [(end: Int64, flow: RecordedFlow)] = []
    var readyHead = 0
    var arrivals: UInt64 = 0
    /// The latest start seen (simulated time) and the end of the last flow settled.
    var latestStart = Int64.min
    var settledEnd = Int64.min
    /// Zeek: server names by connection id, newest `maxNames` (`nameOrder` is their ring).
    var names: [String: String] = [:]
    var nameOrder: [String] = []
    var nameNext = 0
    var scratch: [RecordedFlow] = []
    /// The texts that repeat from record to record, made into Strings once.
    var texts = TextInterner()

    public static let maxBuffered = 4_000_000
    static let maxNames = 1 << 20
    /// A flow of more than this many bytes (before sampling), or longer than `maxDuration`, is absurd.
    public static let maxFlowBytes: UInt64 = 1 << 40
    public static let maxDuration = SimDuration.seconds(Int64(7 * 86_400))

    struct Pending: Comparable, Sendable {
        var end: Int64
        var id: UInt64
        var arrival: UInt64
        var slot: Int32
        static func < (a: Pending, b: Pending) -> Bool { (a.end, a.id, a.arrival) < (b.end, b.id, b.arrival) }
        static func == (a: Pending, b: Pending) -> Bool { (a.end, a.id, a.arrival) == (b.end, b.id, b.arrival) }
    }

    public init(file: String, format: SourceFormat?, tolerance: SimDuration, strict: Bool) {
        self.file = file
        self.format = format
        self.tolerance = tolerance
        self.strict = strict
    }

    /// Whether the format and the first flow's time are known (attach the resolver then).
    public var isPrimed: Bool { format != nil && firstStart != nil }

    /// Starts matching records: `offset` nanoseconds are subtracted from the format's times
    /// (the run's start as a Unix time for epoch formats; 0 for FleetWatch's log).
    public mutating func attach(_ resolver: SourceResolver, offset: Int64) throws(SourceError) {
        self.resolver = resolver
        self.offset = offset
        let waiting = early
        early = []
        for (raw, name, line) in waiting { try take(raw, serverName: name, line: line) }
    }

    /// Reads the records in `chunk` (`final`: the source has ended).
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, final: Bool = false) throws(SourceError) {
        if chunk.count > 0 { framer.append(chunk) }
        while let frame = framer.next(final: final) {
            switch frame {
            case let .tooLong(line):
                try refuse("a record longer than \(RecordFramer.maxRecordBytes >> 20) MiB", line: line, column: 1)
            case let .record(range, line):
                // The framer's bytes are not changed while a record is read (a reference, not a copy).
                let bytes = framer.bytes
                var failure: SourceError?
                bytes.withUnsafeBytes { all in
                    do throws(SourceError) { try record(UnsafeRawBufferPointer(rebasing: all[range]), line: line) } catch { failure = error }
                }
                if let failure { throw failure }
            }
        }
        if final, framer.strayBytes > 0 {
            try refuse("\(framer.strayBytes) bytes between records that are not JSON objects", line: framer.line, column: 1)
        }
    }

    mutating func record(_ bytes: UnsafeRawBufferPointer, line: Int) throws(SourceError) {
        report.records += 1
        if format == nil {
            guard let detected = FlowParser.detect(bytes) else {
                if isAlertEvent(bytes) { report.skipped += 1; return }
                try refuse("not a flow record of a known format (FleetWatch, goflow2, nfdump, Zeek): name one with --source-format",
                           line: line, column: 1)
                return
            }
            format = detected
        }
        let parsed: ParsedRecord
        do {
            parsed = try FlowParser.parse(bytes, as: format!, texts: &texts)
        } catch {
            let (l, c) = Self.place(of: error.offset, in: bytes, line: line)
            try refuse(error.message, line: l, column: c)
            return
        }
        switch parsed {
        case .other:
            report.skipped += 1
        case let .serverName(uid, name):
            report.skipped += 1
            if names[uid] == nil {
                if nameOrder.count < Self.maxNames {
                    nameOrder.append(uid)
                } else {
                    names[nameOrder[nameNext]] = nil
                    nameOrder[nameNext] = uid
                    nameNext = (nameNext + 1) % Self.maxNames
                }
            }
            names[uid] = name
        case let .flow(raw):
            if raw.end < raw.start { try refuse("the flow ends before it starts", line: line, column: 1); return }
            if raw.end - raw.start > Self.maxDuration.nanoseconds {
                try refuse("a flow longer than \(Self.maxDuration)", line: line, column: 1); return
            }
            if raw.bytes > Self.maxFlowBytes || raw.replyBytes > Self.maxFlowBytes {
                try refuse("a flow of more than \(Self.maxFlowBytes >> 30) GiB", line: line, column: 1); return
            }
            if firstStart == nil { firstStart = raw.start }
            let name = raw.uid.flatMap { names[$0] }
            if resolver == nil {
                early.append((raw, name, line))
            } else {
                try take(raw, serverName: name, line: line)
            }
        }
    }

    func isAlertEvent(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var s = JSONScanner(bytes)
        var first = true
        do {
            try s.begin()
            guard let k = try s.nextKey(first: &first) else { return false }
            return FlowParser.isAlertEvent(s, k)
        } catch { return false }
    }

    mutating func take(_ raw: RawFlow, serverName: String?, line: Int) throws(SourceError) {
        guard let resolver else { return }
        let start = raw.start - offset
        if start < 0 {
            try refuse("the flow starts before the run's start", line: line, column: 1)
            return
        }
        if raw.end - offset < settledEnd {
            try refuse("out of order by more than the tolerance (\(tolerance)): it ends before flows already put in order", line: line, column: 1)
            return
        }
        scratch.removeAll(keepingCapacity: true)
        var guessed = false
        // What is unmapped is counted here and shown as unknown (the unknown car of its
        // address, the unknown server): its flows go on with the others.
        if let unmapped = resolver.resolve(raw, offset: offset, serverName: serverName, into: &scratch, guessed: &guessed) {
            let bytes = scratch.reduce(UInt64(0)) { $0 &+ $1.record.bytes }
            switch unmapped {
            case .car:
                report.unmappedCarRecords += 1
                report.unmappedCarBytes &+= bytes
            case .server:
                report.unmappedServerRecords += 1
                report.unmappedServerBytes &+= bytes
            }
        }
        if guessed { report.guessedCategoryRecords += 1 }
        latestStart = max(latestStart, start)
        for flow in scratch {
            arrivals += 1
            let slot: Int32
            if let free = freeSlots.popLast() {
                slot = free
                slots[Int(free)] = flow
            } else {
                slot = Int32(slots.count)
                slots.append(flow)
            }
            let key = Pending(end: flow.record.end.nanoseconds, id: raw.flowID ?? 0, arrival: arrivals, slot: slot)
            if inOrderHead == inOrder.count || inOrder[inOrder.count - 1] < key {
                inOrder.append(key)
            } else {
                buffer.insert(key)
            }
        }
        settle(all: false)
    }

    /// Moves the flows that nothing still to come can precede out of the reorder buffer, in
    /// order: those that end more than the tolerance before the latest start read (a record
    /// within the tolerance starts, so ends, after them), or every one (`all`: the source has
    /// ended), or the earliest past `maxBuffered`. Done after every record, so which records are
    /// refused as out of order depends on the records alone, not on how reads cut them.
    mutating func settle(all: Bool) {
        let limit = latestStart &- tolerance.nanoseconds
        while true {
            // The earliest key of the two: the queue's head or the heap's top.
            let queued = inOrderHead < inOrder.count ? inOrder[inOrderHead] : nil
            let heaped = buffer.min
            guard let top = queued.map({ q in heaped.map { min(q, $0) } ?? q }) ?? heaped else { break }
            guard all || top.end < limit || bufferedCount > Self.maxBuffered else { break }
            if let queued, queued == top { inOrderHead += 1 } else { buffer.removeMin() }
            settledEnd = max(settledEnd, top.end)
            ready.append((top.end, slots[Int(top.slot)]))
            freeSlots.append(top.slot)
        }
        Self.dropTaken(&inOrder, head: &inOrderHead)
        report.pending = UInt64(bufferedCount + ready.count - readyHead)
    }

    /// Frees what a queue kept as `queue[head...]` has handed out: all of it when it is empty,
    /// else the taken part once it is most of the queue (each element moved once on average).
    static func dropTaken<T>(_ queue: inout [T], head: inout Int) {
        if head == queue.count {
            queue.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 65_536, head > queue.count / 2 {
            queue.removeSubrange(0..<head)
            head = 0
        }
    }

    /// Flows in the reorder buffer.
    var bufferedCount: Int { buffer.count + inOrder.count - inOrderHead }

    /// The time before which every flow has been read, as far as the tolerance promises: the
    /// latest start seen, less the tolerance (nil before the first flow).
    public var watermark: SimTime? {
        latestStart == Int64.min ? nil : SimTime(nanoseconds: latestStart - tolerance.nanoseconds)
    }

    /// The settled flows that end before `bound`, in order (`final`: the source has ended, so
    /// every flow is settled). Hands them to `body` in batches.
    public mutating func release(before bound: SimTime, final: Bool, _ body: (ArraySlice<RecordedFlow>) -> Void) {
        if final { settle(all: true) }
        var batch: [RecordedFlow] = []
        batch.reserveCapacity(min(ready.count - readyHead, 4096))
        while readyHead < ready.count, ready[readyHead].end < bound.nanoseconds {
            let p = ready[readyHead]
            readyHead += 1
            batch.append(p.flow)
            report.flows += 1
            report.bytes &+= p.flow.record.bytes
            if batch.count == 4096 {
                body(batch[...])
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { body(batch[...]) }
        Self.dropTaken(&ready, head: &readyHead)
        report.pending = UInt64(bufferedCount + ready.count - readyHead)
    }

    /// Whether nothing the source can still bring ends before `bound` (its flows start past it
    /// by more than the tolerance): a snapshot to `bound` may stop reading.
    public func isPast(_ bound: SimTime) -> Bool {
        latestStart != Int64.min && latestStart - tolerance.nanoseconds > bound.nanoseconds
    }

    mutating func refuse(_ message: String, line: Int, column: Int) throws(SourceError) {
        let location = SourceLocation(file: file, line: line, column: column)
        if strict { throw SourceError(location: location, message: message) }
        report.reject(message, at: "\(location)")
    }

    /// The line and column of byte `offset` of a record that starts at `line`.
    static func place(of offset: Int, in bytes: UnsafeRawBufferPointer, line: Int) -> (Int, Int) {
        var l = line, c = 1
        for k in 0..<min(offset, bytes.count) {
            if bytes[k] == 0x0A { l += 1; c = 1 } else if bytes[k] & 0xC0 != 0x80 { c += 1 }
        }
        return (l, c)
    }
}
