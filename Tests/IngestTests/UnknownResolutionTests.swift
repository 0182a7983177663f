import Fleet
import Scenario
import Simulation
import Testing
@testable import Ingest

/// What the inventory does not name becomes unknown, not dropped (docs/source.md, "Unmapped
/// records"): which side of a record is the unknown car, which server, which category, and what
/// is counted as unmapped.
@Suite struct UnknownResolutionTests {
    static let config = SourceTests.config

    /// goflow2 records (Unix times from 2025-11-30 00:00 UTC) resolved against an inventory of
    /// the simulated fleet: the flows, and what was unmapped.
    static func resolve(_ records: [(src: String, dst: String, bytes: Int)]) throws -> (flows: [RecordedFlow], report: SourceReport, world: FleetWorld) {
        let inventory = SourceTests.simulated.inventory
        let build = SourceResolver.cars(inventory, config: config)
        let monitor = try FleetMonitor(config: config, recorded: build.cars, policies: Scenario.builtIn.policies)
        var source = FlowSource(file: "g.json", format: .goflow2, tolerance: .seconds(Int64(10)), strict: true)
        let start: Int64 = 1_764_460_800_000_000_000
        try source.attach(SourceResolver(world: monitor.world, inventory: inventory), offset: start)
        let text = records.enumerated().map { k, r in
            "{\"time_flow_start_ns\":\(start + Int64(k) * 1_000_000_000),\"time_flow_end_ns\":\(start + Int64(k + 1) * 1_000_000_000),"
                + "\"bytes\":\(r.bytes),\"packets\":1,\"src_addr\":\"\(r.src)\",\"dst_addr\":\"\(r.dst)\",\"src_port\":443,\"dst_port\":443}"
        }.joined(separator: "\n") + "\n"
        try Array(text.utf8).withUnsafeBytes { try source.feed($0, final: true) }
        var flows: [RecordedFlow] = []
        source.release(before: SimTime(nanoseconds: .max), final: true) { flows += $0 }
        return (flows, source.report, monitor.world)
    }

    @Test func theUnknownCarIsTheSideThatIsNotAKnownServer() throws {
        let car = SourceTests.simulated.inventory.cars[0].address.description
        let (flows, report, world) = try Self.resolve([
            ("10.9.9.9", "203.0.113.40", 100),  // an unknown car to Baidu Maps: up, the car is the source
            ("203.0.113.40", "10.9.9.8", 200),  // Baidu Maps to an unknown car: down, the car is the destination
            ("10.9.9.7", "192.0.2.200", 300),   // neither known: the source sent it, to the unknown server
            (car, "192.0.2.201", 400),          // a known car to a server nobody names
        ])
        let unknownService = try #require(world.config.unknownServiceIndex)
        let baidu = try #require(world.config.serviceIndex("baidu-maps"))
        try #require(flows.count == 4)
        #expect(flows[0].unknownCar?.description == "10.9.9.9" && flows[0].record.direction == .up && Int(flows[0].record.service) == baidu)
        #expect(flows[1].unknownCar?.description == "10.9.9.8" && flows[1].record.direction == .down && Int(flows[1].record.service) == baidu)
        // Baidu Maps takes one category, whatever the market: the unknown car's is that one.
        #expect(flows[0].record.category == .navigation && flows[1].record.category == .navigation)
        #expect(flows[2].unknownCar?.description == "10.9.9.7" && flows[2].record.direction == .up)
        #expect(Int(flows[2].record.service) == unknownService && flows[2].record.category == SourceResolver.unknownCategory)
        #expect(flows[3].unknownCar == nil && flows[3].record.vehicle == 0 && Int(flows[3].record.service) == unknownService)
        #expect(flows[3].record.category == .media, "the documented category of a server nobody names")
        // Counted once each, the car first: three records of no car, one of no server.
        #expect(report.unmappedCarRecords == 3 && report.unmappedCarBytes == 600)
        #expect(report.unmappedServerRecords == 1 && report.unmappedServerBytes == 400)
        #expect(report.flows == 4 && report.bytes == 1000, "every flow goes on to the model")
    }

    /// A source run's own flow log names the unknown server by its id: read back, it is the
    /// unknown server again, and unmapped again.
    @Test func theUnknownServiceByIdIsStillUnmapped() throws {
        let inventory = SourceTests.simulated.inventory
        let build = SourceResolver.cars(inventory, config: Self.config)
        let monitor = try FleetMonitor(config: Self.config, recorded: build.cars)
        let resolver = SourceResolver(world: monitor.world, inventory: inventory)
        var raw = RawFlow()
        raw.start = 0
        raw.end = 1_000_000_000
        raw.bytes = 9
        raw.vin = inventory.cars[1].vin
        raw.service = "unknown"
        var out: [RecordedFlow] = [], guessed = false
        let unmapped = resolver.resolve(raw, offset: 0, serverName: nil, into: &out, guessed: &guessed)
        #expect(unmapped == .server("unknown"))
        #expect(out.count == 1 && Int(out[0].record.service) == monitor.world.config.unknownServiceIndex && out[0].record.vehicle == 1)
        // No address finds the unknown service: 0.0.0.0 is nobody's server.
        raw.service = nil
        raw.vin = nil
        raw.source = inventory.cars[1].address
        raw.destination = IPv4Address(rawValue: 0)
        out = []
        #expect(resolver.resolve(raw, offset: 0, serverName: nil, into: &out, guessed: &guessed) == .server("0.0.0.0"))
    }
}
