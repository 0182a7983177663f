import Fleet
import Geography
import Simulation
import Testing
@testable import Dashboard

/// The unknown rows of a source run in the model (docs/source.md, "Unmapped records"): an
/// unknown region, country and service once they hold traffic (none before: a flow log read
/// back keeps the simulated snapshot's rows), unknown cars named by their address, found by the
/// filter, and the model's wholes equal to its rows summed.
@Suite struct UnknownRowsTests {
    static let config = WorldConfig.default

    static func monitor() -> FleetMonitor {
        let cars = (0..<4).map { i in
            RecordedCar(
                vin: VIN("LRWYG1EB0RC\(100_000 + i)")!, address: IPv4Address(100, 64, 1, UInt8(i + 1)), model: .modelY,
                modelYear: 2024, region: i % 2, driver: Driver(name: "D\(i)", userClass: .military),
                position: GeoPoint(latitude: 31.2, longitude: 121.5))
        }
        return try! FleetMonitor(config: config, recorded: cars)
    }

    static func flow(car: Int = 0, unknown: IPv4Address? = nil, service: Int, bytes: UInt64, end seconds: Int64) -> RecordedFlow {
        RecordedFlow(record: FlowRecord(
            start: SimTime(nanoseconds: (seconds - 5) * 1_000_000_000), end: SimTime(nanoseconds: seconds * 1_000_000_000),
            vehicle: UInt32(car), category: .media, direction: .up, bytes: bytes, packets: 1, service: UInt16(service),
            position: GeoPoint(latitude: .nan, longitude: .nan)), unknownCar: unknown)
    }

    static func model(_ m: FleetMonitor) -> DashboardModel {
        ModelBuilder(scenarioName: "t").build(monitor: m, state: DashboardState(), rows: .all)
    }

    @Test func noUnknownRowsBeforeUnknownTraffic() {
        var m = Self.monitor()
        var ignore = IgnoreSink()
        m.ingest([Self.flow(service: 0, bytes: 100, end: 10)], sink: &ignore)
        m.run(until: SimTime(nanoseconds: 12_000_000_000))
        let model = Self.model(m)
        #expect(model.regions.map(\.id) == Self.config.regions.map(\.id))
        #expect(!model.countries.contains { $0.country == .unknown })
        #expect(model.services.map(\.service) == Self.config.services.map(\.id))
    }

    @Test func unknownCarsAndTheUnknownServerAreRowsThatAddUp() throws {
        var m = Self.monitor()
        let unknown = try #require(m.world.config.unknownServiceIndex)
        var ignore = IgnoreSink()
        m.ingest([
            Self.flow(car: 1, service: unknown, bytes: 700, end: 10),                                 // a known car, a server nobody names
            Self.flow(unknown: IPv4Address(10, 9, 9, 9), service: 0, bytes: 3_000, end: 11),         // an unknown car, a known server
            Self.flow(unknown: IPv4Address(10, 9, 9, 10), service: unknown, bytes: 50, end: 12),     // both unknown
        ], sink: &ignore)
        m.run(until: SimTime(nanoseconds: 14_000_000_000))
        let model = Self.model(m)
        let region = try #require(model.regions.first { $0.id == .unknown })
        #expect(region.market == .unknown && region.cars == 2 && region.bytes == 3_050 && region.crossBorderBytes == 0)
        #expect(region.localTimes.isEmpty, "unknown cars have no clock")
        let country = try #require(model.countries.first { $0.country == .unknown })
        #expect(country.bytes == 750 && country.name == "unknown")
        let service = try #require(model.services.first { $0.service == .unknown })
        #expect(service.traffic.bytes == 750 && service.country == .unknown)
        // Wholes = sums of rows, unknown rows in.
        let fleet = model.fleet.upBytes + model.fleet.downBytes
        #expect(fleet == 3_750)
        #expect(model.regions.reduce(0) { $0 + $1.bytes } == fleet)
        #expect(model.countries.reduce(0) { $0 + $1.bytes } == fleet)
        #expect(model.services.reduce(0) { $0 + $1.traffic.bytes } == fleet)
        #expect(model.vehicles.reduce(0) { $0 + $1.totalBytes } == fleet)
        #expect(model.fleet.cars == 6 && model.regions.reduce(0) { $0 + $1.cars } == 6)
        // The unknown cars: named by their address, of the unknown market and class, never
        // restricted, never cross-border.
        let rows = model.vehicles.filter(\.isUnknown)
        #expect(rows.map(\.vin) == ["10.9.9.9", "10.9.9.10"] && rows.map(\.address) == ["10.9.9.9", "10.9.9.10"])
        #expect(rows.allSatisfy { $0.userClass == .unknown && !$0.restricted && !$0.crossBorder && $0.model == "unknown" && $0.region == .unknown })
        let known = try #require(model.vehicles.first { $0.index == 1 })
        #expect(known.countries == [.unknown] && !known.crossBorder && known.topCountry == .unknown)
        // The filter finds them.
        func matching(_ text: String) throws -> [String] {
            let q = try Query(parsing: text)
            return model.vehicles.filter { q.matches($0) }.map(\.vin)
        }
        #expect(try matching("market:??") == ["10.9.9.9", "10.9.9.10"])
        #expect(try matching("region:unknown") == ["10.9.9.9", "10.9.9.10"])
        #expect(try matching("class:unknown") == ["10.9.9.9", "10.9.9.10"])
        #expect(try matching("vin:10.9.9.1") == ["10.9.9.10"])
        #expect(try matching("country:??") == [known.vin, "10.9.9.10"])
        #expect(try matching("dest:unknown") == [known.vin, "10.9.9.10"])
        #expect(try matching("restricted").count == 4, "the inventory's military drivers, no unknown car")
        // The screen's scan reads the same cars as the rows.
        var state = DashboardState()
        state.query = try Query(parsing: "market:??")
        let screen = ModelBuilder(scenarioName: "t").build(monitor: m, state: state, rows: .screen)
        #expect(screen.table?.order.count == 2)
        // Their detail: no local time, no trip, the unknown server without an address.
        let detail = ModelBuilder(scenarioName: "t").vehicleDetail(world: m.world, row: rows[1], alerts: [])
        #expect(detail.localTime == nil && detail.timeZone == nil && detail.trip == nil)
        #expect(detail.destinations.map(\.service) == [.unknown] && detail.destinations[0].address.isEmpty)
    }
}
