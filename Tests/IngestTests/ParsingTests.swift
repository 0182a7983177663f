import Fleet
import Simulation
import Testing
@testable import Ingest

/// Reading records: the scanner, the framer, and each format's fields.
@Suite struct ParsingTests {
    func parse(_ text: String, _ format: SourceFormat) throws -> ParsedRecord {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBytes { try FlowParser.parse(UnsafeRawBufferPointer($0), as: format) }
    }

    func flow(_ text: String, _ format: SourceFormat) throws -> RawFlow {
        guard case let .flow(f) = try parse(text, format) else { Issue.record("not a flow: \(text)"); return RawFlow() }
        return f
    }

    func detect(_ text: String) -> SourceFormat? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { FlowParser.detect($0) }
    }

    @Test func fleetwatchLineReadsEveryField() throws {
        let line = #"{"flowId":3,"flowStartMilliseconds":0,"flowEndMilliseconds":10000,"flowStartNanoseconds":5,"flowEndNanoseconds":10000000007,"sourceIPv4Address":"100.64.0.22","destinationIPv4Address":"203.0.113.10","sourceTransportPort":49803,"destinationTransportPort":443,"protocolIdentifier":6,"octetDeltaCount":246,"packetDeltaCount":1,"vin":"LRW3E1EA7LC484884","vehicle":21,"market":"CN","category":"camera-clip","direction":"up","service":"tesla-cn-dc","serverName":"telemetry.tesla.cn","userClass":"private","zone":"cn-gov-x","zoneKind":null,"latitude":31.196012,"longitude":-121.5,"verdict":"pass","rules":["CN-1 high",{"nested":[1,2,{"x":null}]}]}"#
        #expect(detect(line) == .fleetwatch)
        let f = try flow(line, .fleetwatch)
        #expect(f.flowID == 3)
        #expect(f.start == 5 && f.end == 10_000_000_007)
        #expect(f.source == IPv4Address(100, 64, 0, 22) && f.destination == IPv4Address(203, 0, 113, 10))
        #expect(f.sourcePort == 49803 && f.destinationPort == 443)
        #expect(f.bytes == 246 && f.packets == 1)
        #expect(f.vin == VIN("LRW3E1EA7LC484884") && f.category == .cameraClip && f.direction == .up)
        #expect(f.service == "tesla-cn-dc" && f.serverName == "telemetry.tesla.cn" && f.userClass == "private")
        #expect(f.zone == "cn-gov-x" && f.latitude == 31.196012 && f.longitude == -121.5)
    }

    @Test func millisecondsStandInWhenNanosecondsAreAbsent() throws {
        let f = try flow(#"{"flowStartMilliseconds":1000,"flowEndMilliseconds":2500,"octetDeltaCount":9}"#, .fleetwatch)
        #expect(f.start == 1_000_000_000 && f.end == 2_500_000_000)
    }

    @Test func goflow2RecordWithSamplingAndEpochTimes() throws {
        let line = #"{"type":"IPFIX","time_received_ns":1764460805000000000,"sequence_num":7,"sampling_rate":100,"sampler_address":"192.0.2.1","time_flow_start_ns":1764460800000000000,"time_flow_end_ns":1764460804000000000,"bytes":1500,"packets":2,"src_addr":"100.64.0.5","dst_addr":"198.51.100.10","etype":"IPv4","proto":"TCP","src_port":50000,"dst_port":443,"src_as":0,"dst_as":0}"#
        #expect(detect(line) == .goflow2)
        let f = try flow(line, .goflow2)
        #expect(f.start == 1_764_460_800_000_000_000 && f.end == 1_764_460_804_000_000_000)
        #expect(f.samplingRate == 100 && f.bytes == 1500 && f.packets == 2)
        #expect(f.source == IPv4Address(100, 64, 0, 5) && f.destinationPort == 443)
    }

    @Test func goflow2WithoutFlowTimesUsesTheReceivedTime() throws {
        let f = try flow(#"{"time_received_ns":42,"time_flow_start_ns":0,"time_flow_end_ns":0,"bytes":1,"sampling_rate":0}"#, .goflow2)
        #expect(f.start == 42 && f.end == 42 && f.samplingRate == 1)
    }

    @Test func nfdumpRecordWithISOTimes() throws {
        let line = #"{"type":"FLOW","export_sysid":1,"first":"2026-11-30T00:00:01.250","last":"2026-11-30T00:00:03.500","received":"2026-11-30T00:00:04.000","in_packets":3,"in_bytes":4096,"proto":6,"src_port":51000,"dst_port":443,"src4_addr":"100.64.0.9","dst4_addr":"203.0.113.20"}"#
        #expect(detect(line) == .nfdump)
        let f = try flow(line, .nfdump)
        let midnight = Civil.days(year: 2026, month: 11, day: 30) * 86_400 * 1_000_000_000
        #expect(f.start == midnight + 1_250_000_000 && f.end == midnight + 3_500_000_000)
        #expect(f.bytes == 4096 && f.packets == 3 && f.destination == IPv4Address(203, 0, 113, 20))
        guard case .other = try parse(#"{"type":"STAT","in_bytes":1}"#, .nfdump) else { Issue.record("a non-flow nfdump record was read as a flow"); return }
    }

    @Test func isoTimesWithOffsets() {
        let base = ISOTime.nanoseconds("2026-11-30T08:00:00")!
        #expect(ISOTime.nanoseconds("2026-11-30T08:00:00Z") == base)
        #expect(ISOTime.nanoseconds("2026-11-30T16:00:00+08:00") == base)
        #expect(ISOTime.nanoseconds("2026-11-30T03:00:00-0500") == base)
        #expect(ISOTime.nanoseconds("2026-11-30 08:00:00.5") == base + 500_000_000)
        #expect(ISOTime.nanoseconds("2026-13-30T08:00:00") == nil)
        #expect(ISOTime.nanoseconds("2026-11-30T08:00:00junk") == nil)
    }

    @Test func zeekConnectionIsTwoDirectionsAndSSLNamesAreKept() throws {
        let ssl = #"{"ts":1764460800.5,"uid":"C1","id.orig_h":"100.64.0.3","id.orig_p":50001,"id.resp_h":"203.0.113.10","id.resp_p":443,"version":"TLSv13","server_name":"telemetry.tesla.cn"}"#
        guard case let .serverName(uid, name) = try parse(ssl, .zeek) else { Issue.record("ssl.log record not read as a server name"); return }
        #expect(uid == "C1" && name == "telemetry.tesla.cn")
        let conn = #"{"ts":1764460800.5,"uid":"C1","id.orig_h":"100.64.0.3","id.orig_p":50001,"id.resp_h":"203.0.113.10","id.resp_p":443,"proto":"tcp","service":"ssl","duration":2.25,"orig_bytes":1200,"resp_bytes":300,"conn_state":"SF","orig_pkts":4,"resp_pkts":3}"#
        #expect(detect(conn) == .zeek)
        let f = try flow(conn, .zeek)
        #expect(f.start == 1_764_460_800_500_000_000 && f.end == 1_764_460_802_750_000_000)
        #expect(f.bytes == 1200 && f.replyBytes == 300 && f.packets == 4 && f.replyPackets == 3 && f.uid == "C1")
    }

    @Test func alertEventsAreSkippedInEveryFormat() throws {
        for format in SourceFormat.allCases {
            guard case .other = try parse(#"{"alert_event":"raised","time_ns":1,"alert":{"id":1}}"#, format) else {
                Issue.record("\(format): an alert event was not skipped"); continue
            }
        }
    }

    @Test(arguments: [
        (#"[1,2]"#, "a flow record must be a JSON object"),
        (#"{"octetDeltaCount":-5,"flowEndNanoseconds":1}"#, "a negative number where a count or time is expected"),
        (#"{"octetDeltaCount":1.5,"flowEndNanoseconds":1}"#, "expected a whole number, found a fraction"),
        (#"{"octetDeltaCount":99999999999999999999,"flowEndNanoseconds":1}"#, "a number too large"),
        (#"{"octetDeltaCount":1}"#, "missing flowEndNanoseconds (or flowEndMilliseconds)"),
        (#"{"octetDeltaCount":1,"flowEndNanoseconds":1"#, "the record ends inside its object"),
        (#"{"octetDeltaCount":1,,"flowEndNanoseconds":1}"#, "expected a key in double quotes"),
        (#"{"octetDeltaCount":1,"flowEndNanoseconds":1} x"#, "text after the record's closing brace"),
        (#"{"sourceIPv4Address":"2001:db8::1","flowEndNanoseconds":1}"#, "sourceIPv4Address '2001:db8::1' is an IPv6 address (only IPv4 is read)"),
        (#"{"sourceTransportPort":70000,"flowEndNanoseconds":1}"#, "port 70000 is above 65535"),
        (#"{"category":"smells","flowEndNanoseconds":1}"#, "unknown category 'smells'"),
        (#"{"rules":[1,2,"flowEndNanoseconds":1}"#, "expected ',' between values"),
    ])
    func malformedRecordsSayWhat(text: String, message: String) {
        var bytes = Array(text.utf8)
        #expect(throws: RecordError.self) { try bytes.withUnsafeMutableBytes { _ = try FlowParser.parse(UnsafeRawBufferPointer($0), as: .fleetwatch) } }
        do {
            _ = try bytes.withUnsafeMutableBytes { try FlowParser.parse(UnsafeRawBufferPointer($0), as: .fleetwatch) }
        } catch let e as RecordError {
            #expect(e.message == message)
            #expect(e.offset >= 0 && e.offset <= text.utf8.count)
        } catch { Issue.record("\(error)") }
    }

    @Test func escapedStringsAreDecoded() throws {
        let f = try flow(#"{"flowEndNanoseconds":1,"serverName":"a\"b\\c\u00e9\ud83d\ude97\n"}"#, .fleetwatch)
        #expect(f.serverName == "a\"b\\cé🚗\n")
    }

    /// The reader expects the keys in the order FleetWatch writes them; in any other order, with
    /// spaces, escapes or keys missing, it must read the same fields.
    @Test func fleetwatchKeysInAnyOrderReadTheSame() throws {
        let written = #"{"flowId":3,"flowStartNanoseconds":5,"flowEndNanoseconds":10000000007,"sourceIPv4Address":"100.64.0.22","destinationIPv4Address":"203.0.113.10","sourceTransportPort":49803,"destinationTransportPort":443,"octetDeltaCount":246,"packetDeltaCount":1,"vin":"LRW3E1EA7LC484884","category":"camera-clip","direction":"up","service":"tesla-cn-dc","serverName":"telemetry.tesla.cn","userClass":"private","zone":"cn-gov-x","latitude":31.196012,"longitude":-121.5}"#
        let shuffled = #"{ "longitude" : -121.5, "vin":"LRW3E1EA7LC484884", "zone":"cn-gov-x","userClass":"private" ,"serverName":"telemetry.tesla.cn","service":"tesla-cn-dc","direction":"up","category":"camera-clip","packetDeltaCount":1,"octetDeltaCount":246,"destinationTransportPort":443,"sourceTransportPort":49803,"destinationIPv4Address":"203.0.113.10","sourceIPv4Address":"100.64.0.22","flowEndNanoseconds":10000000007,"flowStartNanoseconds":5,"flowId":3,"latitude":31.196012}"#
        let a = try flow(written, .fleetwatch), b = try flow(shuffled, .fleetwatch)
        for f in [a, b] {
            #expect(f.flowID == 3 && f.start == 5 && f.end == 10_000_000_007 && f.bytes == 246 && f.packets == 1)
            #expect(f.source == IPv4Address(parsing: "100.64.0.22") && f.destination == IPv4Address(parsing: "203.0.113.10"))
            #expect(f.sourcePort == 49803 && f.destinationPort == 443)
            #expect(f.vin == VIN("LRW3E1EA7LC484884") && f.category == .cameraClip && f.direction == .up)
            #expect(f.service == "tesla-cn-dc" && f.serverName == "telemetry.tesla.cn" && f.userClass == "private" && f.zone == "cn-gov-x")
            #expect(f.latitude == 31.196012 && f.longitude == -121.5)
        }
        // A key the order does not expect, then the expected ones again.
        let extra = written.replacingOccurrences(of: #""vin":"#, with: #""extra":{"a":[1]},"vin":"#)
        #expect(try flow(extra, .fleetwatch).vin == VIN("LRW3E1EA7LC484884"))
        // Malformed after an expected key is still refused.
        #expect(throws: RecordError.self) { try parse(#"{"flowId":3,"flowEndNanoseconds":}"#, .fleetwatch) }
        #expect(throws: RecordError.self) { try parse(#"{"flowId":3 "flowEndNanoseconds":1}"#, .fleetwatch) }
    }

    @Test func aVINThatIsNotSeventeenLettersAndDigitsIsNone() throws {
        func vin(_ text: String) throws -> VIN? {
            try flow(#"{"flowEndNanoseconds":1,"vin":"# + text + "}", .fleetwatch).vin
        }
        #expect(try vin(#""LRW3E1EA7LC484884""#) == VIN("LRW3E1EA7LC484884"))
        #expect(try vin(#""lrw3e1ea7lc484884""#) == nil)
        #expect(try vin(#""LRW3E1EA7LC48488""#) == nil)
        #expect(try vin(#""LRW3E1EA7LC4848845""#) == nil)
        #expect(try vin("null") == nil)
        #expect(try vin(#""LRW3E1EA7LC484884""#) == VIN("LRW3E1EA7LC484884"))
    }

    /// The interner gives the same String for the same bytes, and stays right past its capacity.
    @Test func repeatedTextsAreMadeOnceAndStayRightPastTheCapacity() {
        var texts = TextInterner()
        func text(_ s: String) -> String { Array(s.utf8).withUnsafeBytes { texts.text($0) } }
        let long = String(repeating: "telemetry.tesla.cn/", count: 3)
        #expect(text(long) == long && text("a") == "a" && text("") == "")
        #expect(texts.texts.count == 3)
        #expect(text(long) == long && texts.texts.count == 3)
        for k in 0..<(TextInterner.capacity + 50) { #expect(text("server-\(k)") == "server-\(k)") }
        #expect(texts.texts.count == TextInterner.capacity)
        #expect(text("server-\(TextInterner.capacity + 10)") == "server-\(TextInterner.capacity + 10)")
        let tooLong = String(repeating: "x", count: TextInterner.maxLength + 1)
        #expect(text(tooLong) == tooLong)
    }
}

/// The exact fast path for plain decimals gives the standard library's Double, bit for bit.
@Suite struct DecimalTests {
    @Test(arguments: [UInt64(1), 2, 3])
    func plainDecimalsMatchTheStandardLibrary(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var checked = 0
        for _ in 0..<20_000 {
            let digits = Int(rng.next() % 15) + 1
            var text = rng.next() % 2 == 0 ? "-" : ""
            let point = Int(rng.next() % UInt64(digits + 1))
            for k in 0..<digits {
                if k == point, k > 0 { text += "." }
                text += String(rng.next() % 10)
            }
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { JSONScanner.exactDecimal($0.baseAddress!, $0.count) }
            guard let fast else { continue }
            #expect(fast.bitPattern == Double(text)!.bitPattern, "\(text)")
            checked += 1
        }
        #expect(checked > 15_000)
        // What the fast path leaves to the standard library.
        for text in ["1e5", "1.", ".5", "1234567890123456", "--1", "1.2.3", ""] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { JSONScanner.exactDecimal($0.baseAddress ?? UnsafePointer(bitPattern: 1)!, $0.count) } == nil, "\(text)")
        }
    }
}

/// Cutting a byte stream into records, whatever the chunk boundaries.
@Suite struct FramerTests {
    func frames(_ text: String, chunk: Int) -> [String] {
        var framer = RecordFramer()
        let bytes = Array(text.utf8)
        var out: [String] = []
        var k = 0
        func drain(final: Bool) {
            while let f = framer.next(final: final) {
                switch f {
                case let .record(range, line): out.append("\(line):" + String(decoding: framer.bytes[range], as: UTF8.self))
                case let .tooLong(line): out.append("\(line):too long")
                }
            }
        }
        while k < bytes.count {
            let n = min(chunk, bytes.count - k)
            bytes[k..<(k + n)].withUnsafeBytes { framer.append($0) }
            drain(final: false)
            k += n
        }
        drain(final: true)
        return out
    }

    @Test(arguments: [1, 2, 3, 7, 64, 4096])
    func linesAtAnyChunkSize(chunk: Int) {
        let text = "{\"a\":1}\n\n  {\"b\":2}\r\n{\"c\":\"x\\ny\"}"
        #expect(frames(text, chunk: chunk) == ["1:{\"a\":1}", "3:  {\"b\":2}", "4:{\"c\":\"x\\ny\"}"])
    }

    @Test(arguments: [1, 5, 4096])
    func prettyArrayOfObjects(chunk: Int) {
        let text = "[\n\t{\n\t\t\"type\" : \"FLOW\",\n\t\t\"s\" : \"}{\"\n\t},\n\t{ \"n\": [1, {\"x\": 2}] }\n]\n"
        #expect(frames(text, chunk: chunk) == ["2:{\n\t\t\"type\" : \"FLOW\",\n\t\t\"s\" : \"}{\"\n\t}", "6:{ \"n\": [1, {\"x\": 2}] }"])
    }

    @Test func overlongObjectInAnArrayIsReportedAndSkippedToItsEnd() {
        let long = "{\"x\":\"" + String(repeating: "a", count: RecordFramer.maxRecordBytes + 10) + "\", \"y\": {\"z\": 1}}"
        let out = frames("[{\"a\":1},\n" + long + ",\n{\"b\":2}]\n", chunk: 1 << 16)
        #expect(out == ["1:{\"a\":1}", "2:too long", "3:{\"b\":2}"])
    }

    @Test func overlongLinesAreReportedAndSkipped() {
        let long = "{\"x\":\"" + String(repeating: "a", count: RecordFramer.maxRecordBytes + 10) + "\"}"
        let out = frames("{\"a\":1}\n" + long + "\n{\"b\":2}\n", chunk: 1 << 16)
        #expect(out == ["1:{\"a\":1}", "2:too long", "3:{\"b\":2}"])
    }
}
