import Fleet
import Simulation
import Testing
@testable import Dashboard

@Suite struct ModelBuilderTests {
    static func world(minutes: Int64 = 10) throws -> FleetWorld {
        var config = WorldConfig.default
        config.fleetSize = 120
        var w = try FleetWorld(config: config)
        w.run(until: SimTime.zero + .minutes(minutes))
        return w
    }

    @Test func modelAddsUpToTheWorld() throws {
        let w = try Self.world()
        let book = AlertBook(policies: .default)
        let model = ModelBuilder(scenarioName: "t").build(world: w, alerts: book, policies: .default, state: DashboardState(), rows: .all)
        #expect(model.vehicles.count == 120)
        #expect(model.fleet.cars == 120)
        #expect(model.regions.map(\.cars).reduce(0, +) == 120)
        #expect(model.fleet.states.values.reduce(0, +) == 120)
        let shares = model.countries.map(\.share).reduce(0, +)
        #expect(abs(shares - 1) < 1e-9)
        #expect(model.countries == model.countries.sorted { $0.bytes > $1.bytes } || model.countries.count < 2)
        #expect(model.fleet.upBytes + model.fleet.downBytes == model.vehicles.map(\.totalBytes).reduce(0, +))
        #expect(model.fleet.restrictedCars == model.vehicles.filter(\.restricted).count)
        #expect(model.fleet.restrictedCars > 0, "the default fleet has restricted drivers")
        #expect(model.vehicles.allSatisfy { $0.history.count == w.config.meters.historyLength })
        #expect(model.wallClockLabel == "2026-11-30 08:10")
        #expect(model.map.regions.count >= 2)
        #expect(model.map.regions.flatMap(\.cars).count == 120)
    }

    @Test func detailMatrixMatchesTheCarsTotals() throws {
        let w = try Self.world()
        var state = DashboardState()
        let busiest = (0..<w.carCount).max { w.meters.total(car: $0, direction: .up) < w.meters.total(car: $1, direction: .up) }!
        state.view = .detail(vehicle: busiest)
        let model = ModelBuilder(scenarioName: "t").build(world: w, alerts: AlertBook(policies: .default), policies: .default, state: state, rows: .all)
        let d = try #require(model.detail)
        #expect(d.row.index == busiest)
        #expect(d.matrix.count == DataCategory.count)
        let sum = d.matrix.flatMap { $0 }.reduce(0, +)
        #expect(sum > 0 && sum <= d.upBytes + d.downBytes)
        #expect(d.destinations.count == d.matrix[0].count)
        #expect(d.upRates.count == 3 && d.downRates.count == 3)
    }

    @Test func calendarLabelRollsOverDays() {
        let start = StartDate(year: 2026, month: 12, day: 31, hour: 23.5)
        #expect(ModelBuilder.calendarLabel(start: start, at: .seconds(3600.0)) == "2027-01-01 00:30")
    }
}
