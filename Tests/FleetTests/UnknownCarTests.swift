import Geography
import Simulation
import Testing
@testable import Fleet

/// What no inventory names, shown as unknown (docs/source.md, "Unmapped records"): the unknown
/// cars a recorded world makes on first sight, up to a bound, the unknown service and country,
/// flows the rules do not judge, and the accounting's laws with all of them in.
@Suite struct UnknownCarTests {
    static let config = WorldConfig.default

    /// A recorded monitor of `count` inventory cars, alternately in each region, of `userClass`.
    static func monitor(cars count: Int, userClass: UserClassID = .privateOwner) -> FleetMonitor {
        let cars = (0..<count).map { i in
            RecordedCar(
                vin: VIN("LRWYG1EB0RC\(100_000 + i)")!, address: IPv4Address(100, 64, 1, UInt8(i + 1)),
                model: .modelY, modelYear: 2024, region: i % config.regions.count,
                driver: Driver(name: "D\(i)", userClass: userClass), position: GeoPoint(latitude: 31.2, longitude: 121.5))
        }
        return try! FleetMonitor(config: config, recorded: cars)
    }

    static func flow(car: Int = 0, unknown: IPv4Address? = nil, service: Int, category: DataCategory = .telemetry,
                     direction: Direction = .up, bytes: UInt64, start: Int64, end: Int64) -> RecordedFlow {
        RecordedFlow(record: FlowRecord(
            start: SimTime(nanoseconds: start), end: SimTime(nanoseconds: end), vehicle: UInt32(car), category: category,
            direction: direction, bytes: bytes, packets: 1, service: UInt16(service),
            position: GeoPoint(latitude: .nan, longitude: .nan)), unknownCar: unknown)
    }

    @Test func aRecordedWorldHasTheUnknownRegionAndServiceLastAndASimulatedOneHasNone() throws {
        let m = Self.monitor(cars: 2)
        let config = m.world.config
        #expect(config.unknownRegionIndex == Self.config.regions.count && config.unknownServiceIndex == Self.config.services.count)
        #expect(config.regions.last?.market == .unknown && config.services.last?.country == .unknown)
        #expect(m.world.countries.last == .unknown, "after the scenario's countries, whose indexes stay")
        #expect(m.world.unknownCarCount == 0)
        let simulated = try FleetMonitor(config: Self.config)
        #expect(simulated.world.config.unknownRegionIndex == nil && !simulated.world.countries.contains(.unknown))
        // No scenario may name them.
        var bad = Self.config
        bad.services[0].country = .unknown
        #expect(throws: ConfigError.self) { try bad.validate() }
        bad = Self.config
        bad.regions.append(.unknown)
        #expect(throws: ConfigError.self) { try bad.validate() }
    }

    @Test func unknownCarsAreMadeOnFirstSightOnePerAddressUpToTheLimit() {
        var m = Self.monitor(cars: 3)
        let service = 0, limit = FleetWorld.unknownCarLimit
        var flows: [RecordedFlow] = []
        var t: Int64 = 1_000_000_000
        // The limit's addresses, then five more, then the first again, then a record without one.
        var addresses = (0..<(limit + 5)).map { IPv4Address(rawValue: IPv4Address(10, 0, 0, 0).rawValue + UInt32($0) + 1) }
        addresses += [addresses[0], IPv4Address(rawValue: 0)]
        for a in addresses {
            flows.append(Self.flow(unknown: a, service: service, bytes: 10, start: t - 1_000_000_000, end: t))
            t += 1_000_000
        }
        var ignore = IgnoreSink()
        m.ingest(flows, sink: &ignore)
        let w = m.world
        #expect(w.carCount == 3 + limit + 1)
        #expect(w.unknownCarCount == limit + 1)
        let other = try! #require(w.otherUnknownCar)
        #expect(other == 3 + limit, "made when the first address past the limit came")
        #expect(w.foldedUnknownFlows == 6, "five addresses past the limit, and the record without one")
        #expect(w.address(of: other) == IPv4Address(rawValue: 0))
        #expect(w.meters.total(car: other, direction: .up) == 60)
        #expect(w.address(of: 3).description == "10.0.0.1" && w.meters.total(car: 3, direction: .up) == 20, "the first address twice")
        for car in [3, other] {
            #expect(w.isUnknown(car) && w.market(of: car) == .unknown && w.userClass(of: car) == .unknown)
            #expect(w.regionIndex(of: car) == w.config.unknownRegionIndex)
            #expect(w.zone(of: car) == nil && w.position(of: car).latitude.isNaN)
        }
        #expect(!w.isUnknown(0) && !w.isUnknown(2))
        #expect(w.aggregates.byRegion[w.config.unknownRegionIndex!].bytes == UInt64(addresses.count) * 10)
        AccountingLawTests.expectLaws(w, "unknown cars to the limit")
    }

    /// The rules judge nothing unknown: a restricted driver's camera clip to a server abroad is
    /// critical; the same to the unknown server, or an unknown car's to the server abroad,
    /// raises nothing and counts toward no threshold.
    @Test func unknownTrafficIsMeteredAndNotJudged() throws {
        let config = Self.config
        let abroad = try #require(config.services.firstIndex { $0.country == .unitedStates })
        var known = Self.monitor(cars: 1, userClass: .military)
        var ignore = IgnoreSink()
        known.ingest([Self.flow(service: abroad, category: .cameraClip, bytes: 5_000_000, start: 0, end: 2_000_000_000)], sink: &ignore)
        #expect(known.alerts.openAlerts.count > 0, "the flow to a known server abroad is judged")

        var m = Self.monitor(cars: 1, userClass: .military)
        let unknownService = try #require(m.world.config.unknownServiceIndex)
        var sink = CollectSink()
        m.ingest([
            Self.flow(service: unknownService, category: .cameraClip, bytes: 5_000_000, start: 0, end: 2_000_000_000),
            Self.flow(unknown: IPv4Address(10, 1, 1, 1), service: abroad, category: .cameraClip, bytes: 7_000_000, start: 0, end: 2_000_000_000),
        ], sink: &sink)
        m.run(until: SimTime(nanoseconds: 60_000_000_000))
        #expect(m.alerts.openAlerts.isEmpty && m.alerts.raisedCount == 0)
        #expect(m.flowsSeen == 2 && m.flowsFlagged == 0)
        #expect(sink.flows.allSatisfy { $0.verdicts.isEmpty })
        #expect(!m.compliance.standings.isEmpty && m.compliance.standings.allSatisfy { $0.toDate == 0 })
        // Metered all the same, where they belong; neither is cross-border.
        #expect(m.world.meters.total(car: 0, direction: .up) == 5_000_000 && m.world.meters.total(car: 1, direction: .up) == 7_000_000)
        #expect(sink.facts.allSatisfy { !$0.isCrossBorder })
        #expect(sink.facts[0].destinationCountry == .unknown && sink.facts[1].market == .unknown && sink.facts[1].vin == nil)
        #expect(sink.facts[1].carAddress == IPv4Address(10, 1, 1, 1))
        let country = try #require(m.world.countries.firstIndex(of: .unknown))
        #expect(m.world.aggregates.byCountry[country].bytes == 5_000_000)
        #expect(m.world.aggregates.byService[unknownService].bytes == 5_000_000)
    }

    /// The laws of the accounting with unknown traffic in: seeded runs of random flows from
    /// inventory cars and unknown addresses, to known servers and the unknown one, every
    /// window, at random stops.
    @Test(arguments: 0..<12)
    func lawsHoldWithUnknownTraffic(index: Int) {
        let seed = 0x0DD_0000 + UInt64(index) &* 104_729
        var rng = SeededGenerator(seed: seed)
        var m = Self.monitor(cars: Int.random(in: 1...30, using: &rng))
        let services = m.world.config.services.count, inventory = m.world.carCount
        var end: Int64 = 0
        var ignore = IgnoreSink()
        for _ in 0..<6 {
            var batch: [RecordedFlow] = []
            for _ in 0..<Int.random(in: 0...400, using: &rng) {
                end += Int64.random(in: 0...3_000_000_000, using: &rng)
                let start = max(0, end - Int64.random(in: 0...90_000_000_000, using: &rng))
                let unknown = Int.random(in: 0..<3, using: &rng) == 0
                    ? IPv4Address(rawValue: IPv4Address(10, 0, 0, 0).rawValue + UInt32.random(in: 0...40, using: &rng)) : nil
                batch.append(Self.flow(
                    car: Int.random(in: 0..<inventory, using: &rng), unknown: unknown,
                    service: Int.random(in: 0..<(services + 3), using: &rng) % services,  // the unknown service often
                    category: DataCategory.allCases.randomElement(using: &rng)!, direction: Bool.random(using: &rng) ? .up : .down,
                    bytes: UInt64.random(in: 0...50_000_000, using: &rng), start: start, end: end))
            }
            m.ingest(batch, sink: &ignore)
            end += Int64.random(in: 0...20_000_000_000, using: &rng)
            m.run(until: SimTime(nanoseconds: end))
            AccountingLawTests.expectLaws(m.world, "seed \(seed), \(m.world.unknownCarCount) unknown cars, t \(end) ns")
        }
        #expect(m.alerts.raisedCount > 0 || m.world.unknownCarCount > 0)
    }
}
