import Export
import Fleet
import Foundation
import Scenario
import Simulation
import Testing
@testable import fleetwatch

/// The NDJSON flow log sorted by flow start (issue 16): the file `snapshot --format ndjson`
/// writes holds exactly the lines of the flows as the monitor judged them, in the stated order
/// (start, then vehicle, then flowId), and flowId numbers them by end, then vehicle, then the
/// order judged.
@Suite struct FlowLogSortTests {
    /// The lines as judged, numbered as docs/flow-log.md defines flowId: what the log held
    /// before it was sorted.
    struct Judged: FlowSink {
        let format: FlowLogNDJSON
        var flows: [(end: Int64, vehicle: UInt32, body: String)] = []
        mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {
            flows.append((facts.time.nanoseconds, record.vehicle, format.body(record, facts: facts, verdicts: verdicts)))
        }
        var lines: [String] {
            let order = flows.indices.sorted { (flows[$0].end, flows[$0].vehicle, $0) < (flows[$1].end, flows[$1].vehicle, $1) }
            return order.enumerated().map { FlowLogNDJSON.line(id: UInt64($0.offset + 1), body: flows[$0.element].body) }
        }
    }

    @Test(arguments: [("default", 240), ("small", 420)] as [(String, Int64)])
    func theLogIsTheJudgedFlowsInStartOrder(_ name: String, _ seconds: Int64) throws {
        let scenario = name == "default" ? Scenario.builtIn : try DemoFixtures.scenario()
        let end = SimTime.zero + .seconds(seconds)
        var judgedMonitor = try scenario.makeMonitor()
        var judged = Judged(format: FlowLogNDJSON(services: judgedMonitor.world.config.services, policies: judgedMonitor.policies))
        judgedMonitor.run(until: end, sink: &judged)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-flows-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("flows.ndjson").path
        var monitor = try scenario.makeMonitor()
        var sink = try FlowLogSink(path: path, world: monitor.world, policies: monitor.policies, scratchDirectory: directory.path)
        monitor.run(until: end, sink: &sink)
        try sink.finish()

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == judged.lines.count && lines.count > 100)
        #expect(lines.sorted() == judged.lines.sorted(), "the same lines, none lost or doubled")
        let keys = try lines.map { line -> (Int, Int, Int) in
            let f = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return (f["flowStartNanoseconds"] as? Int ?? -1, f["vehicle"] as? Int ?? -1, f["flowId"] as? Int ?? -1)
        }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 }, "strictly ordered by (start, vehicle, flowId)")
        #expect(keys.map(\.2).sorted() == Array(1...lines.count))
        #expect(lines != judged.lines, "the judged order is not the start order (else this tests nothing)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["flows.ndjson"], "the scratch copy is gone")
    }
}
