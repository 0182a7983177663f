import Fleet
import Simulation
import Testing
@testable import Export

/// The stream's line keys and the merge's renumbering (`StreamMerge`), on lines the stream's
/// own writers make; the merge of real partitions is tested end to end (StreamPartitionTests).
@Suite struct StreamMergeTests {
    /// A flow line as `FlowLogNDJSON` writes it.
    static func flowLine(id: UInt64, vehicle: UInt32, end: Int64, driver: String = "") -> String {
        let record = FlowRecord(
            start: SimTime(nanoseconds: end - 5_000_000_000), end: SimTime(nanoseconds: end), vehicle: vehicle, category: .telemetry,
            direction: .up, bytes: 246, packets: 1, service: 0, position: .init(latitude: 31, longitude: 121), zone: nil)
        let facts = FlowFacts(
            time: record.end, vehicle: vehicle, vin: VIN("LRW3E7EK4NC000007"), driver: Driver(name: driver, userClass: .military),
            market: .cn, region: "shanghai", zone: nil, zoneKind: nil, category: .telemetry, direction: .up, service: "tesla-cn-dc",
            serviceName: "Tesla China DC", destinationCountry: .china, bytes: 246, packets: 1, position: record.position)
        return FlowLogNDJSON(services: [FlowLogNDJSONTests.service], policies: .default).line(record, facts: facts, verdicts: [], id: id)
    }

    static func alertLine(_ kind: AlertLifecycleEvent.Kind, id: UInt64, time: Double, start: Double = 10) -> String {
        var row = AlertLifecycleTests.row(id, start: start, lastSeen: time)
        // A driver's name that spells a key: keys are found outside strings only.
        row.driver = #"x","vehicle":99,"start_ns":1,"#
        return AlertEventJSON.line(AlertLifecycleEvent(kind: kind, time: .seconds(time), alert: row))
    }

    @Test func aFlowLinesKeyIsItsStepItsEndAndItsCar() throws {
        let line = try StreamMerge.parse(Array(Self.flowLine(id: 42, vehicle: 7, end: 12_500_000_000, driver: #""vehicle":3"#).utf8))
        #expect(line.kind == .flow && line.id == 42)
        #expect(line.key == StreamMerge.Key(second: 12, phase: 0, time: 12_500_000_000, start: 0, vehicle: 7))
    }

    @Test func anAlertEventsKeyIsItsStepItsTimeAndItsAlertsRaiseAndCar() throws {
        let raised = try StreamMerge.parse(Array(Self.alertLine(.raised, id: 5, time: 10).utf8))
        #expect(raised.kind == .alert(closed: false) && raised.id == 5)
        #expect(raised.key == StreamMerge.Key(second: 10, phase: 1, time: 10_000_000_000, start: 10_000_000_000, vehicle: 5))
        let closed = try StreamMerge.parse(Array(Self.alertLine(.closed, id: 5, time: 130.5).utf8))
        #expect(closed.kind == .alert(closed: true) && closed.key.second == 130)
        // A step's flows come before its alert events, and a later step after both.
        let flow = try StreamMerge.parse(Array(Self.flowLine(id: 1, vehicle: 900, end: 10_900_000_000).utf8))
        let next = try StreamMerge.parse(Array(Self.flowLine(id: 2, vehicle: 0, end: 11_000_000_000).utf8))
        #expect(flow.key < raised.key && raised.key < next.key)
    }

    @Test func linesThatAreNotAStreamsAreRefused() {
        #expect(throws: StreamMerge.LineError.notAStreamLine) { try StreamMerge.parse(Array(#"{"flow":1}"#.utf8)) }
        #expect(throws: StreamMerge.LineError.missing("vehicle")) { try StreamMerge.parse(Array(#"{"flowId":1,"flowEndNanoseconds":5}"#.utf8)) }
        #expect(throws: StreamMerge.LineError.missing("flowId")) { try StreamMerge.parse(Array(#"{"flowId":x}"#.utf8)) }
        #expect(throws: StreamMerge.LineError.acknowledged) {
            try StreamMerge.parse(Array(Self.alertLine(.acknowledged, id: 1, time: 12).utf8))
        }
    }

    /// Flows are numbered in the order written; an input's alert keeps one id from its raise to
    /// its close, alerts numbered in the order raised, whichever input they came from.
    @Test func theMergeNumbersFlowsInOrderAndEachAlertOnce() throws {
        var numbering = StreamMerge.Renumbering()
        var out: [UInt8] = []
        let lines: [(String, Int)] = [
            (Self.flowLine(id: 9, vehicle: 1, end: 10_000_000_000), 0),
            (Self.flowLine(id: 4, vehicle: 2, end: 10_000_000_000), 1),
            (Self.alertLine(.raised, id: 3, time: 10), 1),
            (Self.alertLine(.raised, id: 3, time: 10, start: 10), 0),
            (Self.alertLine(.updated, id: 3, time: 20), 1),
            (Self.alertLine(.closed, id: 3, time: 140), 1),
            (Self.alertLine(.closed, id: 3, time: 141), 0),
        ]
        for (text, input) in lines {
            let bytes = Array(text.utf8)
            numbering.write(bytes, try StreamMerge.parse(bytes), input: input, into: &out)
        }
        let written = String(decoding: out, as: UTF8.self).split(separator: "\n")
        #expect(written.count == lines.count)
        #expect(written[0].hasPrefix(#"{"flowId":1,"#) && written[1].hasPrefix(#"{"flowId":2,"#))
        let ids = written[2...].map { try? StreamMerge.parse(Array($0.utf8)).id }
        #expect(ids == [1, 2, 1, 1, 2], "input 1's alert 3 is 1, input 0's is 2: \(ids)")
        #expect(numbering.openAlerts == 0, "a closed alert leaves the table")
        // Apart from the id, each line is the line read.
        #expect(written[1].dropFirst(#"{"flowId":2"#.count) == Self.flowLine(id: 4, vehicle: 2, end: 10_000_000_000).dropFirst(#"{"flowId":4"#.count))
    }
}
