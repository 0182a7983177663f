import Fleet
import Scenario
import Simulation
import Testing
@testable import Ingest

/// The source end to end, in memory: records matched to the inventory, reordered within the
/// tolerance, unmapped and bad records counted, the monitor fed.
@Suite struct SourceTests {
    static let config: WorldConfig = {
        var c = Scenario.builtIn.world
        c.fleetSize = 40
        return c
    }()

    /// A simulated world's flows (with their FleetWatch-style fields) and its inventory.
    static let simulated: (inventory: Inventory, flows: [(FlowRecord, FlowFacts)], monitor: FleetMonitor) = {
        var m = try! FleetMonitor(config: config, policies: Scenario.builtIn.policies)
        var sink = CollectSink()
        m.run(until: SimTime.zero + .seconds(Int64(1800)), sink: &sink)
        return (Inventory(world: m.world), Array(zip(sink.flows.map(\.record), sink.facts)), m)
    }()

    static func line(_ r: FlowRecord, _ facts: FlowFacts, id: Int, services: [ServiceConfig]) -> String {
        let up = r.direction == .up
        let car = "100.64.0.\(r.vehicle + 1)"
        let server = services[Int(r.service)].address.description
        return "{\"flowId\":\(id),\"flowStartNanoseconds\":\(r.start.nanoseconds),\"flowEndNanoseconds\":\(r.end.nanoseconds),"
            + "\"sourceIPv4Address\":\"\(up ? car : server)\",\"destinationIPv4Address\":\"\(up ? server : car)\","
            + "\"octetDeltaCount\":\(r.bytes),\"packetDeltaCount\":\(r.packets),\"vin\":\"\(facts.vin!)\",\"category\":\"\(r.category.rawValue)\","
            + "\"direction\":\"\(r.direction.rawValue)\",\"service\":\"\(facts.service.rawValue)\",\"userClass\":\"\(facts.userClass.rawValue)\","
            + "\"zone\":" + (facts.zone.map { "\"\($0.rawValue)\"" } ?? "null")
            + ",\"latitude\":\(r.position.latitude),\"longitude\":\(r.position.longitude)}"
    }

    func makeMonitor(_ inventory: Inventory) -> (FleetMonitor, SourceResolver) {
        let build = SourceResolver.cars(inventory, config: Self.config)
        #expect(build.problems.isEmpty)
        let m = try! FleetMonitor(config: Self.config, recorded: build.cars, policies: Scenario.builtIn.policies)
        return (m, SourceResolver(world: m.world, inventory: inventory))
    }

    func feed(_ lines: [String], into source: inout FlowSource, monitor: inout FleetMonitor, until end: SimTime, chunk: Int = 4096) throws {
        let bytes = Array((lines.joined(separator: "\n") + "\n").utf8)
        var k = 0
        var ignore = IgnoreSink()
        while k < bytes.count {
            let n = min(chunk, bytes.count - k)
            try bytes[k..<(k + n)].withUnsafeBytes { try source.feed($0) }
            source.release(before: end, final: false) { monitor.ingest($0, sink: &ignore) }
            k += n
        }
        try source.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
        source.release(before: end, final: true) { monitor.ingest($0, sink: &ignore) }
        monitor.run(until: end)
    }

    /// The source's monitor counts what the simulation counted: same bytes per car, same alerts.
    func expectSameAccounts(_ a: FleetMonitor, _ b: FleetMonitor) {
        #expect(a.flowsSeen == b.flowsSeen)
        #expect(a.alertDigest == b.alertDigest)
        for car in 0..<a.world.carCount {
            #expect(a.world.meters.total(car: car, direction: .up) == b.world.meters.total(car: car, direction: .up))
            #expect(a.world.meters.total(car: car, direction: .down) == b.world.meters.total(car: car, direction: .down))
        }
        #expect(a.world.aggregates.byCategory.map(\.bytesUp) == b.world.aggregates.byCategory.map(\.bytesUp))
    }

    @Test func inOrderRecordsGiveTheSimulatedAccounts() throws {
        let sim = Self.simulated
        let services = Self.config.services
        let lines = sim.flows.enumerated().map { Self.line($0.element.0, $0.element.1, id: $0.offset + 1, services: services) }
        var (monitor, resolver) = makeMonitor(sim.inventory)
        var source = FlowSource(file: "test", format: nil, tolerance: .seconds(Int64(60)), strict: true)
        try source.attach(resolver, offset: 0)
        _ = resolver
        try feed(lines, into: &source, monitor: &monitor, until: sim.monitor.now)
        #expect(source.format == .fleetwatch)
        #expect(source.report.flows == UInt64(lines.count) && source.report.rejected == 0)
        expectSameAccounts(sim.monitor, monitor)
    }

    /// Seeded property: records displaced by less than the tolerance (by start) give the same
    /// accounts and alerts as the records in order, at any chunk size.
    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func shuffledWithinTheToleranceGivesTheSameAccounts(seed: UInt64) throws {
        let sim = Self.simulated
        let services = Self.config.services
        var rng = SeededGenerator(seed: seed)
        let tolerance: Int64 = 60_000_000_000
        let keyed = sim.flows.enumerated().map { (i, f) -> (Int64, String) in
            (f.0.start.nanoseconds + Int64(rng.uniform() * Double(tolerance - 1)), Self.line(f.0, f.1, id: i + 1, services: services))
        }
        let lines = keyed.sorted { $0.0 < $1.0 }.map(\.1)
        #expect(lines != sim.flows.enumerated().map { Self.line($0.element.0, $0.element.1, id: $0.offset + 1, services: services) })
        var (monitor, resolver) = makeMonitor(sim.inventory)
        var source = FlowSource(file: "test", format: .fleetwatch, tolerance: SimDuration(nanoseconds: tolerance), strict: true)
        try source.attach(resolver, offset: 0)
        _ = resolver
        try feed(lines, into: &source, monitor: &monitor, until: sim.monitor.now, chunk: 1000 + Int(seed) * 777)
        #expect(source.report.rejected == 0)
        expectSameAccounts(sim.monitor, monitor)
    }

    @Test func aRecordLaterThanTheToleranceIsRefusedWithItsLine() throws {
        let inv = Self.simulated.inventory
        var (monitor, resolver) = makeMonitor(inv)
        let vin = inv.cars[0].vin
        func rec(_ s: Int64) -> String {
            "{\"flowStartNanoseconds\":\(s * 1_000_000_000),\"flowEndNanoseconds\":\(s * 1_000_000_000 + 10),\"octetDeltaCount\":5,\"vin\":\"\(vin)\",\"category\":\"telemetry\",\"direction\":\"up\",\"service\":\"tesla-cn-dc\"}"
        }
        var lenient = FlowSource(file: "f.ndjson", format: nil, tolerance: .seconds(Int64(10)), strict: false)
        try lenient.attach(resolver, offset: 0)
        try feed([rec(100), rec(200), rec(300), rec(150)], into: &lenient, monitor: &monitor, until: SimTime.zero + .seconds(Int64(400)), chunk: 1)
        #expect(lenient.report.flows == 3)
        #expect(lenient.report.rejected == 1)
        #expect(lenient.report.firstRejected.values.first == "f.ndjson:4:1")

        (monitor, resolver) = makeMonitor(inv)
        var strict = FlowSource(file: "f.ndjson", format: nil, tolerance: .seconds(Int64(10)), strict: true)
        try strict.attach(resolver, offset: 0)
        #expect(throws: SourceError(location: SourceLocation(file: "f.ndjson", line: 4, column: 1),
                                    message: "out of order by more than the tolerance (10s): it ends before flows already put in order")) {
            try feed([rec(100), rec(200), rec(300), rec(150)], into: &strict, monitor: &monitor, until: SimTime.zero + .seconds(Int64(400)), chunk: 1)
        }
    }

    @Test func strictNamesTheLineAndColumnOfABadValue() throws {
        let (_, resolver) = makeMonitor(Self.simulated.inventory)
        var source = FlowSource(file: "in.json", format: .fleetwatch, tolerance: .seconds(Int64(10)), strict: true)
        try source.attach(resolver, offset: 0)
        let text = "{\"flowEndNanoseconds\":1,\"octetDeltaCount\":1}\n{\"flowEndNanoseconds\":2,\"octetDeltaCount\":-3}\n"
        #expect(throws: SourceError(location: SourceLocation(file: "in.json", line: 2, column: 43),
                                    message: "a negative number where a count or time is expected")) {
            try Array(text.utf8).withUnsafeBytes { try source.feed($0, final: true) }
        }
    }

    /// Unmapped records are counted, and shown as unknown: the unknown car of their address,
    /// the unknown server; bad ones are refused and counted.
    @Test func unmappedAndBadRecordsAreCountedNotDropped() throws {
        let inv = Self.simulated.inventory
        var (monitor, resolver) = makeMonitor(inv)
        let car = inv.cars[3].address
        let lines = [
            // A known car to a known server (by address): counted, category from the routing.
            "{\"time_flow_start_ns\":1764460800000000000,\"time_flow_end_ns\":1764460801000000000,\"bytes\":100,\"packets\":1,\"sampling_rate\":10,\"src_addr\":\"\(car)\",\"dst_addr\":\"203.0.113.10\",\"dst_port\":443}",
            // An unknown car.
            "{\"time_flow_start_ns\":1764460802000000000,\"time_flow_end_ns\":1764460803000000000,\"bytes\":7,\"src_addr\":\"10.9.9.9\",\"dst_addr\":\"203.0.113.10\"}",
            // A known car to an unknown server.
            "{\"time_flow_start_ns\":1764460802000000000,\"time_flow_end_ns\":1764460803000000000,\"bytes\":11,\"src_addr\":\"\(car)\",\"dst_addr\":\"8.8.8.8\"}",
            // Not JSON; then a flow that ends before it starts.
            "this is not json",
            "{\"time_flow_start_ns\":1764460809000000000,\"time_flow_end_ns\":1764460808000000000,\"bytes\":1,\"src_addr\":\"\(car)\",\"dst_addr\":\"203.0.113.10\"}",
        ]
        var source = FlowSource(file: "g.json", format: .goflow2, tolerance: .seconds(Int64(60)), strict: false)
        let start: Int64 = 1_764_460_800_000_000_000
        try source.attach(resolver, offset: start)
        try feed(lines, into: &source, monitor: &monitor, until: SimTime.zero + .seconds(Int64(600)))
        let r = source.report
        #expect(r.records == 5)
        #expect(r.flows == 3 && r.bytes == 1018)
        #expect(r.unmappedCarRecords == 1 && r.unmappedCarBytes == 7)
        #expect(r.unmappedServerRecords == 1 && r.unmappedServerBytes == 11)
        #expect(r.rejected == 2)
        #expect(r.firstRejected["the flow ends before it starts"] == "g.json:5:1")
        // 203.0.113.10 is tesla-cn-dc, which takes three categories: the routing's first is a
        // guess, and counted (for the known car and the unknown one).
        #expect(r.guessedCategoryRecords == 2)
        // The known car's bytes: to the known server and to the unknown one.
        #expect(monitor.world.meters.total(car: 3, direction: .up) == 1011)
        #expect(monitor.world.state(of: 3) == .parked)
        #expect(monitor.world.state(of: 4) == .asleep)
        // 10.9.9.9 is a car now: the first unknown one, after the inventory's.
        let unknown = inv.cars.count
        #expect(monitor.world.carCount == unknown + 1 && monitor.world.isUnknown(unknown) && !monitor.world.isUnknown(3))
        #expect(monitor.world.address(of: unknown).description == "10.9.9.9" && monitor.world.market(of: unknown) == .unknown)
        #expect(monitor.world.meters.total(car: unknown, direction: .up) == 7)
        let service = try #require(monitor.world.config.unknownServiceIndex)
        #expect(monitor.world.aggregates.byService[service].bytes == 11)
        #expect(monitor.world.aggregates.all.bytes == 1018)
    }

    @Test func zeekConnectionsTakeTheirServerNameFromSSLLog() throws {
        let inv = Self.simulated.inventory
        var (monitor, resolver) = makeMonitor(inv)
        let car = inv.cars[0].address
        let lines = [
            "{\"ts\":100.0,\"uid\":\"Cx\",\"id.orig_h\":\"\(car)\",\"id.orig_p\":5,\"id.resp_h\":\"9.9.9.9\",\"id.resp_p\":443,\"server_name\":\"relay.tesla.cn\"}",
            "{\"ts\":100.0,\"uid\":\"Cx\",\"id.orig_h\":\"\(car)\",\"id.orig_p\":5,\"id.resp_h\":\"9.9.9.9\",\"id.resp_p\":443,\"duration\":1.5,\"orig_bytes\":500,\"resp_bytes\":20,\"orig_pkts\":2,\"resp_pkts\":1}",
        ]
        var source = FlowSource(file: "conn.log", format: nil, tolerance: .seconds(Int64(60)), strict: true)
        try source.attach(resolver, offset: 0)
        try feed(lines, into: &source, monitor: &monitor, until: SimTime.zero + .seconds(Int64(600)))
        #expect(source.format == .zeek)
        #expect(source.report.flows == 2 && source.report.skipped == 1)
        #expect(monitor.world.meters.total(car: 0, direction: .up) == 500)
        #expect(monitor.world.meters.total(car: 0, direction: .down) == 20)
    }

    /// A third-party app's server carries the car's telemetry: a record to it needs no category.
    @Test func anAppServerCarriesTelemetry() throws {
        let inv = Self.simulated.inventory
        var (monitor, resolver) = makeMonitor(inv)
        let config = Self.config
        let app = try #require(config.regions.flatMap(\.thirdPartyTelemetry).first)
        let server = try #require(config.services.first { $0.id == app.service })
        let car = try #require(inv.cars.firstIndex { config.regions[config.regionIndex($0.region)!].market == .cn })
        let line = "{\"time_flow_start_ns\":1764460800000000000,\"time_flow_end_ns\":1764460801000000000,\"bytes\":300,"
            + "\"src_addr\":\"\(inv.cars[car].address)\",\"dst_addr\":\"\(server.address)\"}"
        var source = FlowSource(file: "g.json", format: .goflow2, tolerance: .seconds(Int64(60)), strict: true)
        try source.attach(resolver, offset: 1_764_460_800_000_000_000)
        try feed([line], into: &source, monitor: &monitor, until: SimTime.zero + .seconds(Int64(60)))
        #expect(source.report.flows == 1 && source.report.unmappedRecords == 0 && source.report.guessedCategoryRecords == 0)
        #expect(monitor.world.aggregates.byCategory[DataCategory.telemetry.index].bytesUp == 300)
    }
}
