import Fleet

/// The flow-record formats `--source` reads (docs/source.md).
public enum SourceFormat: String, CaseIterable, Sendable {
    /// FleetWatch's own flow log (`snapshot --format ndjson`, `stream`): IPFIX names, times
    /// in nanoseconds from the scenario's start, and our labels.
    case fleetwatch
    /// goflow2 v2 JSON (`-format json`): snake_case keys, epoch nanoseconds, `sampling_rate`.
    case goflow2
    /// nfdump `-o json` or `-o ndjson`: `first`/`last` as ISO times, `in_bytes`, `src4_addr`.
    case nfdump
    /// Zeek `conn.log` as JSON (`LogAscii::use_json`), with `ssl.log` records for server names.
    case zeek

    /// Whether the format's times are Unix epoch times (FleetWatch's count from the start).
    public var hasEpochTimes: Bool { self != .fleetwatch }
}

/// One record as read, before it is matched to the inventory.
public struct RawFlow: Sendable {
    /// Nanoseconds: from the scenario's start (`fleetwatch`) or since the Unix epoch (the others).
    public var start: Int64 = 0
    public var end: Int64 = 0
    public var source: IPv4Address?
    public var destination: IPv4Address?
    public var sourcePort: UInt16 = 0
    public var destinationPort: UInt16 = 0
    public var bytes: UInt64 = 0
    public var packets: UInt64 = 0
    /// Zeek's reply direction (`resp_bytes`, `resp_pkts`), a second flow.
    public var replyBytes: UInt64 = 0
    public var replyPackets: UInt64 = 0
    /// One sampled packet stands for this many (goflow2's `sampling_rate`; 0 or absent: 1).
    public var samplingRate: UInt64 = 1
    public var serverName: String?
    /// Zeek's connection id (joins `conn.log` to `ssl.log`).
    public var uid: String?
    // FleetWatch's labels.
    public var flowID: UInt64?
    /// Nil when the record names none, or names one that is not 17 letters and digits.
    public var vin: VIN?
    public var category: DataCategory?
    public var direction: Direction?
    public var service: String?
    public var userClass: String?
    public var zone: String?
    public var latitude: Double?
    public var longitude: Double?

    public init() {}
}

/// What one JSON record is.
public enum ParsedRecord: Sendable {
    case flow(RawFlow)
    /// A Zeek `ssl.log` record: the server name of a connection.
    case serverName(uid: String, name: String)
    /// A record that is not a flow and is skipped on purpose (an alert event of `stream`, a
    /// goflow2 record of another type), with why.
    case other(String)
}

/// A record that cannot be read: what is wrong and at which byte of the record.
public struct RecordError: Error, Hashable, Sendable {
    public var message: String
    public var offset: Int
}

/// Reads one record of a given format. No I/O.
public enum FlowParser {
    /// The format of a stream, from its first record's keys; nil if none fits.
    public static func detect(_ bytes: UnsafeRawBufferPointer) -> SourceFormat? {
        var s = JSONScanner(bytes)
        var first = true
        var found: SourceFormat? = nil
        do {
            try s.begin()
            while let k = try s.nextKey(first: &first) {
                if s.key(k, is: "flowEndNanoseconds") || s.key(k, is: "octetDeltaCount") || s.key(k, is: "flowEndMilliseconds") { found = .fleetwatch }
                else if s.key(k, is: "time_flow_end_ns") || s.key(k, is: "time_received_ns") || s.key(k, is: "sampler_address") { found = found ?? .goflow2 }
                else if s.key(k, is: "in_bytes") || s.key(k, is: "src4_addr") || s.key(k, is: "export_sysid") { found = found ?? .nfdump }
                else if s.key(k, is: "id.orig_h") || s.key(k, is: "uid") { found = found ?? .zeek }
                try s.skipValue()
            }
        } catch {
            return found
        }
        return found
    }

    /// Whether the record is one of `stream`'s alert events (skipped by any format).
    static func isAlertEvent(_ s: JSONScanner, _ k: Range<Int>) -> Bool { s.key(k, is: "alert_event") }

    public static func parse(_ bytes: UnsafeRawBufferPointer, as format: SourceFormat) throws(RecordError) -> ParsedRecord {
        var texts = TextInterner()
        return try parse(bytes, as: format, texts: &texts)
    }

    /// `parse`, with the texts that repeat between records made once, in `texts`: the form a
    /// stream of records is read in (`FlowSource`).
    public static func parse(_ bytes: UnsafeRawBufferPointer, as format: SourceFormat, texts: inout TextInterner) throws(RecordError) -> ParsedRecord {
        do {
            switch format {
            case .fleetwatch: return try fleetwatch(bytes, texts: &texts)
            case .goflow2: return try goflow2(bytes)
            case .nfdump: return try nfdump(bytes)
            case .zeek: return try zeek(bytes)
            }
        } catch {
            throw RecordError(message: error.message, offset: error.offset)
        }
    }

    static func address(_ s: inout JSONScanner, _ what: String) throws(JSONScanError) -> IPv4Address? {
        let at = s.i
        if try s.null() { return nil }
        guard s.byte(s.i) == UInt8(ascii: "\"") else { throw s.fail("expected a string") }
        let r = try s.rawString()
        if r.isEmpty { return nil }
        if let a = IPv4Address(utf8: UnsafeRawBufferPointer(start: s.base + r.lowerBound, count: r.count)) { return a }
        s.i = at
        let text = try s.string() ?? ""  // escapes decoded
        if let a = IPv4Address(parsing: text) { return a }
        if text.contains(":") { throw JSONScanError(message: "\(what) '\(text)' is an IPv6 address (only IPv4 is read)", offset: at) }
        throw JSONScanError(message: "\(what) '\(text)' is not an IPv4 address", offset: at)
    }

    static func port(_ s: inout JSONScanner) throws(JSONScanError) -> UInt16 {
        let at = s.i
        guard let v = try s.unsigned() else { return 0 }
        guard v <= 65_535 else { throw JSONScanError(message: "port \(v) is above 65535", offset: at) }
        return UInt16(v)
    }

    static func signed(_ v: UInt64?, _ s: JSONScanner, _ at: Int) throws(JSONScanError) -> Int64? {
        guard let v else { return nil }
        guard v <= UInt64(Int64.max) else { throw JSONScanError(message: "a time too large", offset: at) }
        return Int64(v)
    }

    /// The members of FleetWatch's log that the reader uses.
    enum FleetWatchField: UInt8 {
        case vin, zone, flowID, service, category, latitude, direction, longitude, userClass, serverName, alertEvent
        case bytes, packets, source, endNs, endMs, sourcePort, startNs, startMs, destination, destinationPort, other

        init(_ s: JSONScanner, _ k: Range<Int>) {
            switch k.count {
            case 3 where s.key(k, is: "vin"): self = .vin
            case 4 where s.key(k, is: "zone"): self = .zone
            case 6 where s.key(k, is: "flowId"): self = .flowID
            case 7 where s.key(k, is: "service"): self = .service
            case 8 where s.key(k, is: "category"): self = .category
            case 8 where s.key(k, is: "latitude"): self = .latitude
            case 9 where s.key(k, is: "direction"): self = .direction
            case 9 where s.key(k, is: "longitude"): self = .longitude
            case 9 where s.key(k, is: "userClass"): self = .userClass
            case 10 where s.key(k, is: "serverName"): self = .serverName
            case 11 where s.key(k, is: "alert_event"): self = .alertEvent
            case 15 where s.key(k, is: "octetDeltaCount"): self = .bytes
            case 16 where s.key(k, is: "packetDeltaCount"): self = .packets
            case 17 where s.key(k, is: "sourceIPv4Address"): self = .source
            case 18 where s.key(k, is: "flowEndNanoseconds"): self = .endNs
            case 19 where s.key(k, is: "flowEndMilliseconds"): self = .endMs
            case 19 where s.key(k, is: "sourceTransportPort"): self = .sourcePort
            case 20 where s.key(k, is: "flowStartNanoseconds"): self = .startNs
            case 21 where s.key(k, is: "flowStartMilliseconds"): self = .startMs
            case 22 where s.key(k, is: "destinationIPv4Address"): self = .destination
            case 24 where s.key(k, is: "destinationTransportPort"): self = .destinationPort
            default: self = .other
            }
        }
    }

    /// The keys of FleetWatch's log in the order it writes them (`FlowLogNDJSON`), each as
    /// `"key":` in one run of bytes (`keyStarts[n]..<keyStarts[n+1]`), with their fields.
    static let fleetwatchKeys: (bytes: [UInt8], starts: [Int], fields: [FleetWatchField]) = {
        let names = [
            "flowId", "flowStartMilliseconds", "flowEndMilliseconds", "flowStartNanoseconds", "flowEndNanoseconds",
            "sourceIPv4Address", "destinationIPv4Address", "sourceTransportPort", "destinationTransportPort",
            "protocolIdentifier", "octetDeltaCount", "packetDeltaCount", "vin", "vehicle", "market", "region", "modelYear",
            "prcLinkedConnectivity", "category", "direction", "anonymised", "service", "serverName", "country",
            "crossBorder", "userClass", "restricted", "zone", "zoneKind", "latitude", "longitude", "verdict", "rules",
        ]
        var bytes: [UInt8] = [], starts = [0], fields: [FleetWatchField] = []
        for name in names {
            let key = Array("\"\(name)\"".utf8)
            key.withUnsafeBytes { k in
                fields.append(FleetWatchField(JSONScanner(k), 1..<(k.count - 1)))
            }
            bytes += key + [UInt8(ascii: ":")]
            starts.append(bytes.count)
        }
        return (bytes, starts, fields)
    }()

    static func fleetwatch(_ bytes: UnsafeRawBufferPointer, texts: inout TextInterner) throws(JSONScanError) -> ParsedRecord {
        var s = JSONScanner(bytes)
        var f = RawFlow()
        var first = true
        var startNs: Int64?, endNs: Int64?, startMs: Int64?, endMs: Int64?
        try s.begin()
        let keys = fleetwatchKeys
        var expected = 0
        let isAlertEvent = try keys.bytes.withUnsafeBufferPointer { (keyBytes) throws(JSONScanError) -> Bool in
            while true {
                let field: FleetWatchField
                if expected < keys.fields.count,
                   s.expectKey(UnsafeBufferPointer(rebasing: keyBytes[keys.starts[expected]..<keys.starts[expected + 1]]), first: &first) {
                    field = keys.fields[expected]
                    expected += 1
                } else {
                    guard let k = try s.nextKey(first: &first) else { break }
                    field = FleetWatchField(s, k)
                }
                let at = s.i
                switch field {
                case .vin: f.vin = try s.vin()
                case .zone: f.zone = try s.string(&texts)
                case .flowID: f.flowID = try s.unsigned()
                case .service: f.service = try s.string(&texts)
                case .category: f.category = try s.named(DataCategory.self) { "unknown category '\($0)'" } ?? f.category
                case .latitude: f.latitude = try s.double()
                case .direction: f.direction = try s.named(Direction.self) { "direction must be up or down, found '\($0)'" } ?? f.direction
                case .longitude: f.longitude = try s.double()
                case .userClass: f.userClass = try s.string(&texts)
                case .serverName: f.serverName = try s.string(&texts)
                case .alertEvent: return true
                case .bytes: f.bytes = try s.unsigned() ?? 0
                case .packets: f.packets = try s.unsigned() ?? 0
                case .source: f.source = try address(&s, "sourceIPv4Address")
                case .endNs: endNs = try signed(s.unsigned(), s, at)
                case .endMs: endMs = try signed(s.unsigned(), s, at)
                case .sourcePort: f.sourcePort = try port(&s)
                case .startNs: startNs = try signed(s.unsigned(), s, at)
                case .startMs: startMs = try signed(s.unsigned(), s, at)
                case .destination: f.destination = try address(&s, "destinationIPv4Address")
                case .destinationPort: f.destinationPort = try port(&s)
                case .other: try s.skipValue()
                }
            }
            return false
        }
        if isAlertEvent { return .other("an alert event") }
        guard let end = endNs ?? endMs.map({ $0 * 1_000_000 }) else {
            throw JSONScanError(message: "missing flowEndNanoseconds (or flowEndMilliseconds)", offset: 0)
        }
        f.end = end
        f.start = startNs ?? startMs.map { $0 * 1_000_000 } ?? end
        return .flow(f)
    }

    static func goflow2(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> ParsedRecord {
        var s = JSONScanner(bytes)
        var f = RawFlow()
        var first = true
        var startNs: Int64?, endNs: Int64?, received: Int64?
        var hasBytes = false
        try s.begin()
        while let k = try s.nextKey(first: &first) {
            let at = s.i
            switch k.count {
            case 5 where s.key(k, is: "bytes"): f.bytes = try s.unsigned() ?? 0; hasBytes = true
            case 7 where s.key(k, is: "packets"): f.packets = try s.unsigned() ?? 0
            case 8 where s.key(k, is: "src_addr"): f.source = try address(&s, "src_addr")
            case 8 where s.key(k, is: "dst_addr"): f.destination = try address(&s, "dst_addr")
            case 8 where s.key(k, is: "src_port"): f.sourcePort = try port(&s)
            case 8 where s.key(k, is: "dst_port"): f.destinationPort = try port(&s)
            case 11 where s.key(k, is: "alert_event"): return .other("an alert event")
            case 13 where s.key(k, is: "sampling_rate"): f.samplingRate = max(1, try s.unsigned() ?? 1)
            case 16 where s.key(k, is: "time_received_ns"): received = try signed(s.unsigned(), s, at)
            case 16 where s.key(k, is: "time_flow_end_ns"): endNs = try signed(s.unsigned(), s, at)
            case 18 where s.key(k, is: "time_flow_start_ns"): startNs = try signed(s.unsigned(), s, at)
            default: try s.skipValue()
            }
        }
        guard hasBytes else { throw JSONScanError(message: "missing bytes", offset: 0) }
        guard let end = (endNs.flatMap { $0 > 0 ? $0 : nil }) ?? received else {
            throw JSONScanError(message: "missing time_flow_end_ns (or time_received_ns)", offset: 0)
        }
        f.end = end
        f.start = (startNs.flatMap { $0 > 0 ? $0 : nil }) ?? end
        return .flow(f)
    }

    static func nfdump(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> ParsedRecord {
        var s = JSONScanner(bytes)
        var f = RawFlow()
        var first = true
        var start: Int64?, end: Int64?
        var hasBytes = false
        try s.begin()
        while let k = try s.nextKey(first: &first) {
            let at = s.i
            switch k.count {
            case 4 where s.key(k, is: "type"):
                if let t = try s.string(), t != "FLOW" { return .other("an nfdump record of type \(t)") }
            case 4 where s.key(k, is: "last"): end = try isoTime(&s, at)
            case 5 where s.key(k, is: "first"): start = try isoTime(&s, at)
            case 8 where s.key(k, is: "in_bytes"): f.bytes = try s.unsigned() ?? 0; hasBytes = true
            case 8 where s.key(k, is: "src_port"): f.sourcePort = try port(&s)
            case 8 where s.key(k, is: "dst_port"): f.destinationPort = try port(&s)
            case 9 where s.key(k, is: "src4_addr"): f.source = try address(&s, "src4_addr")
            case 9 where s.key(k, is: "dst4_addr"): f.destination = try address(&s, "dst4_addr")
            case 10 where s.key(k, is: "in_packets"): f.packets = try s.unsigned() ?? 0
            case 11 where s.key(k, is: "alert_event"): return .other("an alert event")
            default: try s.skipValue()
            }
        }
        guard hasBytes else { throw JSONScanError(message: "missing in_bytes", offset: 0) }
        guard let last = end ?? start else { throw JSONScanError(message: "missing last (or first)", offset: 0) }
        f.end = last
        f.start = start ?? last
        return .flow(f)
    }

    static func zeek(_ bytes: UnsafeRawBufferPointer) throws(JSONScanError) -> ParsedRecord {
        var s = JSONScanner(bytes)
        var f = RawFlow()
        var first = true
        var ts: Double?, duration: Double = 0
        var isConnection = false
        try s.begin()
        while let k = try s.nextKey(first: &first) {
            let at = s.i
            switch k.count {
            case 2 where s.key(k, is: "ts"):
                guard let t = try s.double() else { break }
                guard t >= 0, t < 9.2e9 else { throw JSONScanError(message: "ts \(t) is not a Unix time in seconds", offset: at) }
                ts = t
            case 3 where s.key(k, is: "uid"): f.uid = try s.string()
            case 8 where s.key(k, is: "duration"):
                let d = try s.double() ?? 0
                guard d >= 0, d < 1e9 else { throw JSONScanError(message: "duration \(d) is negative or absurd", offset: at) }
                duration = d
            case 9 where s.key(k, is: "id.orig_h"): f.source = try address(&s, "id.orig_h"); isConnection = true
            case 9 where s.key(k, is: "id.orig_p"): f.sourcePort = try port(&s)
            case 9 where s.key(k, is: "id.resp_h"): f.destination = try address(&s, "id.resp_h")
            case 9 where s.key(k, is: "id.resp_p"): f.destinationPort = try port(&s)
            case 9 where s.key(k, is: "orig_pkts"): f.packets = try s.unsigned() ?? 0
            case 9 where s.key(k, is: "resp_pkts"): f.replyPackets = try s.unsigned() ?? 0
            case 10 where s.key(k, is: "orig_bytes"): f.bytes = try s.unsigned() ?? 0
            case 10 where s.key(k, is: "resp_bytes"): f.replyBytes = try s.unsigned() ?? 0
            case 11 where s.key(k, is: "server_name"): f.serverName = try s.string()
            case 11 where s.key(k, is: "alert_event"): return .other("an alert event")
            default: try s.skipValue()
            }
        }
        guard let ts else { throw JSONScanError(message: "missing ts", offset: 0) }
        let start = Int64((ts * 1e9).rounded())
        f.start = start
        f.end = start + Int64((duration * 1e9).rounded())
        if !isConnection || (f.bytes == 0 && f.replyBytes == 0 && f.serverName != nil) {
            if let uid = f.uid, let name = f.serverName { return .serverName(uid: uid, name: name) }
            if !isConnection { return .other("a Zeek record without id.orig_h (not conn.log or ssl.log)") }
        }
        return .flow(f)
    }

    /// `2023-04-09T10:12:35.532` (nfdump's; read as UTC) or with a `Z`/offset: nanoseconds since the epoch.
    static func isoTime(_ s: inout JSONScanner, _ at: Int) throws(JSONScanError) -> Int64? {
        guard let text = try s.string() else { return nil }
        guard let t = ISOTime.nanoseconds(text) else {
            throw JSONScanError(message: "'\(text)' is not a time like 2023-04-09T10:12:35.532", offset: at)
        }
        return t
    }
}

/// ISO 8601 times as nfdump writes them.
enum ISOTime {
    static func nanoseconds(_ text: String) -> Int64? {
        let u = Array(text.utf8)
        func digits(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= u.count else { return nil }
            var v = 0
            for k in from..<(from + n) {
                guard u[k] >= 0x30, u[k] <= 0x39 else { return nil }
                v = v * 10 + Int(u[k] - 0x30)
            }
            return v
        }
        guard u.count >= 19, let y = digits(0, 4), u[4] == 0x2D, let mo = digits(5, 2), u[7] == 0x2D, let d = digits(8, 2),
              u[10] == UInt8(ascii: "T") || u[10] == 0x20, let h = digits(11, 2), u[13] == 0x3A, let mi = digits(14, 2),
              u[16] == 0x3A, let sec = digits(17, 2),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, sec < 61 else { return nil }
        var k = 19
        var fraction: Int64 = 0
        if k < u.count, u[k] == UInt8(ascii: ".") {
            k += 1
            var scale: Int64 = 100_000_000
            while k < u.count, u[k] >= 0x30, u[k] <= 0x39 {
                fraction += Int64(u[k] - 0x30) * scale
                scale /= 10
                k += 1
            }
        }
        var offsetSeconds = 0
        if k < u.count {
            if u[k] == UInt8(ascii: "Z") { k += 1 }
            else if u[k] == UInt8(ascii: "+") || u[k] == UInt8(ascii: "-"), let oh = digits(k + 1, 2) {
                let sign = u[k] == UInt8(ascii: "+") ? 1 : -1
                var om = 0
                if k + 6 <= u.count, u[k + 3] == 0x3A, let m = digits(k + 4, 2) { om = m; k += 6 } else if let m = digits(k + 3, 2) { om = m; k += 5 } else { k += 3 }
                offsetSeconds = sign * (oh * 3600 + om * 60)
            }
            guard k == u.count else { return nil }
        }
        let seconds = Civil.days(year: y, month: mo, day: d) * 86_400 + Int64(h * 3600 + mi * 60 + sec - offsetSeconds)
        return seconds * 1_000_000_000 + fraction
    }
}
