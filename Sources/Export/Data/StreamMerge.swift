/// The order of `fleetwatch stream`'s lines, and the merge of the streams of a fleet's
/// partitions (`stream --partition I/N`) into the whole fleet's stream (`fleetwatch merge`,
/// docs/stream.md "Partitions").
///
/// A stream is written a simulated second at a time: the step to second `s + 1` holds what
/// happened in `[s, s + 1)` (a run judges an instant whole, `FleetMonitor.run`), its flow lines
/// first, in the flows' numbering (`FlowLogOrder.Numbering`: end, car, order judged), then its
/// alert events in time order, then by alert id (raise order, which at one instant is car
/// order: `AlertBook.number`), then raised before escalated … before closed. So each line has a
/// key, `Key`, and a stream is sorted by it, apart from lines of one car with equal keys, which
/// keep the car's own order. A car lives in one partition, so the partitions' streams merge by
/// `Key` into the whole run's lines; the flows are then numbered again from 1 and the alerts by
/// the order they were raised in, which makes the merge byte for byte the whole run's stream.
public enum StreamMerge {
    /// A line's place in a stream.
    public struct Key: Comparable, Hashable, Sendable {
        /// The simulated second `s` of the step `[s, s + 1)` that wrote it.
        public var second: Int64
        /// 0 for a flow, 1 for an alert event.
        public var phase: UInt8
        /// A flow's end; an event's time.
        public var time: Int64
        /// An event's alert's start (its raise); 0 for a flow.
        public var start: Int64
        public var vehicle: UInt32

        public static func < (a: Key, b: Key) -> Bool {
            (a.second, a.phase, a.time, a.start, a.vehicle) < (b.second, b.phase, b.time, b.start, b.vehicle)
        }
    }

    /// A stream line read: its key, and where its id's digits are (`flowId`, or the alert's `id`).
    public struct Line: Hashable, Sendable {
        public enum Kind: Hashable, Sendable {
            case flow
            /// An alert event; `closed` for the alert's last.
            case alert(closed: Bool)
        }

        public var kind: Kind
        public var key: Key
        public var id: UInt64
        public var idDigits: Range<Int>
    }

    /// Why a line is not one of a partition's stream.
    public enum LineError: Error, Hashable, Sendable, CustomStringConvertible {
        case notAStreamLine
        case missing(String)
        case acknowledged

        public var description: String {
            switch self {
            case .notAStreamLine:
                "not a line of `fleetwatch stream`: a flow line starts with {\"flowId\":, an alert event with {\"alert_event\":"
            case let .missing(key): "no integer \(key) where `fleetwatch stream` writes one"
            case .acknowledged:
                "an acknowledged event: a partition's stream has no officer, so it has none; merge the streams of `stream --partition` only"
            }
        }
    }

    static let flowHead = Array("{\"flowId\":".utf8)
    static let alertHead = Array("{\"alert_event\":\"".utf8)
    static let alertID = Array("\"alert\":{\"id\":".utf8)
    static let flowEnd = Array("\"flowEndNanoseconds\":".utf8)
    static let vehicleKey = Array("\"vehicle\":".utf8)
    static let timeKey = Array("\"time_ns\":".utf8)
    static let startKey = Array("\"start_ns\":".utf8)

    /// Reads one line (no newline) of a stream. Keys are found by their first occurrence: a
    /// JSON string cannot hold `"key":` with both quotes unescaped, and the keys come in the
    /// order the writers (`FlowLogNDJSON`, `AlertEventJSON`) put them.
    public static func parse(_ line: some RandomAccessCollection<UInt8>) throws(LineError) -> Line {
        let bytes = Array(line)
        if bytes.starts(with: flowHead) {
            let (id, digits) = try integer(bytes, after: flowHead, "flowId")
            let end = try integer(bytes, after: flowEnd, "flowEndNanoseconds").value
            let vehicle = try integer(bytes, after: vehicleKey, "vehicle").value
            return Line(kind: .flow, key: Key(second: second(end), phase: 0, time: end, start: 0, vehicle: UInt32(clamping: vehicle)),
                        id: UInt64(id), idDigits: digits)
        }
        guard bytes.starts(with: alertHead) else { throw .notAStreamLine }
        let kind = bytes[alertHead.count...].prefix { $0 != UInt8(ascii: "\"") }
        if kind.elementsEqual("acknowledged".utf8) { throw .acknowledged }
        let time = try integer(bytes, after: timeKey, "time_ns").value
        let (id, digits) = try integer(bytes, after: alertID, "alert.id")
        let vehicle = try integer(bytes, after: vehicleKey, "alert.vehicle").value
        let start = try integer(bytes, after: startKey, "alert.start_ns").value
        return Line(kind: .alert(closed: kind.elementsEqual("closed".utf8)),
                    key: Key(second: second(time), phase: 1, time: time, start: start, vehicle: UInt32(clamping: vehicle)),
                    id: UInt64(id), idDigits: digits)
    }

    /// The whole second of a time in nanoseconds (the step `[s, s + 1)` it falls in).
    static func second(_ ns: Int64) -> Int64 {
        ns >= 0 ? ns / 1_000_000_000 : (ns + 1) / 1_000_000_000 - 1
    }

    /// The non-negative integer after the first `key`, and where its digits are.
    static func integer(_ bytes: [UInt8], after key: [UInt8], _ name: String) throws(LineError) -> (value: Int64, digits: Range<Int>) {
        guard let at = find(key, in: bytes) else { throw .missing(name) }
        var i = at + key.count
        let first = i
        var value: Int64 = 0
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39, i - first < 18 {
            value = value * 10 + Int64(bytes[i] - 0x30)
            i += 1
        }
        guard i > first, i == bytes.count || !(0x30...0x39).contains(bytes[i]) else { throw .missing(name) }
        return (value, first..<i)
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let head = needle.first, bytes.count >= needle.count else { return nil }
        var i = 0
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == head, bytes[(i + 1)..<(i + needle.count)].elementsEqual(needle[1...]) { return i }
            i += 1
        }
        return nil
    }

    /// Renumbers the merged lines: flows 1, 2, 3… in the order written, each alert by the order
    /// its first line came (its raise), so that every input's alert keeps one id. Holds one entry
    /// per open alert of each input.
    public struct Renumbering: Sendable {
        var nextFlow: UInt64 = 1
        var nextAlert: UInt64 = 1
        var alerts: [InputAlert: UInt64] = [:]

        struct InputAlert: Hashable, Sendable {
            var input: Int
            var id: UInt64
        }

        public init() {}

        /// Alerts open in the merge now (an entry each).
        public var openAlerts: Int { alerts.count }

        /// `line` (the bytes `parsed` was read from) with its new id, appended to `out` with a newline.
        public mutating func write(_ line: some Collection<UInt8>, _ parsed: Line, input: Int, into out: inout [UInt8]) {
            let id: UInt64
            switch parsed.kind {
            case .flow:
                id = nextFlow
                nextFlow += 1
            case let .alert(closed):
                let key = InputAlert(input: input, id: parsed.id)
                if let known = alerts[key] {
                    id = known
                } else {
                    id = nextAlert
                    nextAlert += 1
                    alerts[key] = id
                }
                if closed { alerts[key] = nil }
            }
            let start = line.startIndex
            out.append(contentsOf: line[start..<line.index(start, offsetBy: parsed.idDigits.lowerBound)])
            out.append(contentsOf: String(id).utf8)
            out.append(contentsOf: line[line.index(start, offsetBy: parsed.idDigits.upperBound)...])
            out.append(0x0A)
        }
    }
}
