import Simulation
import Testing
@testable import Fleet

@Suite struct ActionTests {
    func world(cars: Int = 60) throws -> FleetWorld {
        var config = WorldConfig.default
        config.fleetSize = cars
        config.seed = 99
        return try FleetWorld(config: config)
    }

    @Test func assignClassChangesTheFlowsContext() throws {
        var w = try world()
        let car = try #require((0..<w.carCount).first { w.state(of: $0) == .parked })
        try w.schedule(.assignClass(car: car, .military), at: .seconds(100))
        var flows = CollectFlows()
        w.run(until: .seconds(300), observer: &flows)
        #expect(w.userClass(of: car) == .military)
        let mine = zip(flows.flows, flows.contexts).filter { $0.0.vehicle == UInt32(car) }
        #expect(mine.contains { $0.0.end > .seconds(100) })
        // A flow carries the class at its emission: those begun after the change are military,
        // those over before it are not (one that ends at 100 s may be emitted just after it, and
        // an upload emitted before may drain past it).
        #expect(mine.allSatisfy { $0.0.start >= .seconds(100) ? $0.1.userClass == .military : true })
        #expect(mine.allSatisfy { $0.0.end < .seconds(100) ? $0.1.userClass != .military : true })
        // A class the scenario invents is added to the table.
        try w.apply(.assignClass(car: car, "diplomat"))
        #expect(w.userClasses.contains("diplomat") && w.userClass(of: car) == "diplomat")
    }

    @Test func assignDriverReplacesNameAndClass() throws {
        var w = try world()
        let driver = Driver(name: "李军", romanized: "Li Jun", userClass: .keySOE)
        try w.schedule(.assignDriver(car: 1, driver), at: .seconds(10))
        #expect(w.driver(of: 1) != driver)
        w.run(until: .seconds(11))
        #expect(w.driver(of: 1) == driver)
        #expect(w.car(1).driver.romanized == "Li Jun")
    }

    @Test func sendCarDrivesToAPlace() throws {
        var w = try world()
        try w.schedule(.sendCar(car: 2, to: .place("lujiazui")), at: .seconds(30))
        w.run(until: .seconds(31))
        let trip = try #require(w.car(2).trip)
        #expect(w.state(of: 2) == .driving)
        let lujiazui = try #require(w.config.regions[0].areas[0].places.first { $0.id == "lujiazui" })
        #expect(trip.destination == lujiazui.bounds.center)
        w.run(until: trip.arrival + .seconds(Int64(1)))
        #expect(w.position(of: 2) == lujiazui.bounds.center)
        #expect(w.state(of: 2) == .parked)
        // Unknown place: refused when its time comes, and logged.
        try w.schedule(.sendCar(car: 2, to: .place("atlantis")), at: w.now)
        w.run(until: w.now + .seconds(Int64(1)))
        #expect(w.actionFailures.count == 1)
        #expect(w.actionFailures.first?.error.reason.contains("atlantis") == true)
    }

    @Test func injectedFlowReachesObserverMetersAndAggregates() throws {
        var w = try world()
        let ai = try #require(w.config.serviceIndex("tesla-ai"))
        try w.schedule(.injectFlow(car: 4, category: .cameraClip, direction: .up, bytes: 80_000_000, service: "tesla-ai", seconds: 20),
                       at: .seconds(500))
        var flows = CollectFlows()
        w.run(until: .seconds(501), observer: &flows)
        let injected = try #require(zip(flows.flows, flows.contexts).first { $0.0.category == .cameraClip && $0.0.vehicle == 4 })
        #expect(injected.0.bytes == 80_000_000 && injected.0.service == UInt16(ai))
        #expect(injected.0.start == .seconds(480) && injected.0.end == .seconds(500))
        #expect(injected.1.market == .cn && injected.1.destinationCountry == .unitedStates)
        #expect(w.meters.rate(car: 4, direction: .up, seconds: 10, at: .seconds(500)) >= 4_000_000)
        let reading = w.car(4).meter
        #expect(reading.byCategoryAndService.contains { $0.category == .cameraClip && $0.service == UInt16(ai) && $0.bytes == 80_000_000 })
        #expect((w.totalsByCountry[.unitedStates]?.bytesUp ?? 0) >= 80_000_000)
        #expect(throws: FleetActionError.self) {
            try w.schedule(.injectFlow(car: 4, category: .voice, direction: .up, bytes: 1, service: "nowhere"), at: .seconds(600))
        }
    }

    /// A scripted upload takes the time its throughput needs (camera clips 1.5 MB/s by default):
    /// 30 MB started at 500 s arrives as two 10-s flows ending at 510 s and 520 s, never ahead of
    /// time; a zero duration is one instantaneous flow.
    @Test func anUploadRespectsTheThroughput() throws {
        var w = try world()
        try w.schedule(.upload(car: 4, category: .cameraClip, direction: .up, bytes: 30_000_000, service: "tesla-ai", seconds: nil),
                       at: .seconds(500))
        try w.schedule(.upload(car: 5, category: .cameraClip, direction: .up, bytes: 7_000_000, service: "tesla-ai", seconds: 0),
                       at: .seconds(500))
        var flows = CollectFlows()
        w.run(until: .seconds(509), observer: &flows)
        let ai = try #require(w.config.serviceIndex("tesla-ai"))
        func uploads(_ car: UInt32) -> [FlowRecord] { flows.flows.filter { $0.vehicle == car && $0.service == UInt16(ai) } }
        #expect(uploads(4).isEmpty, "nothing arrives before its time")
        #expect(uploads(5).map(\.bytes) == [7_000_000] && uploads(5).first?.start == uploads(5).first?.end)
        w.run(until: .seconds(530), observer: &flows)
        #expect(uploads(4).map(\.bytes) == [15_000_000, 15_000_000])
        #expect(uploads(4).map(\.end) == [.seconds(510), .seconds(520)] && uploads(4).first?.start == .seconds(500))
        #expect(w.meters.rate(car: 4, direction: .up, seconds: 10, at: .seconds(520)) >= 1_500_000)
        #expect(w.actionFailures.isEmpty)
    }

    @Test func addAndRemoveCars() throws {
        var w = try world()
        try w.schedule(.addCars(region: "us", count: 10), at: .seconds(60))
        try w.schedule(.removeCar(car: 5), at: .seconds(60))
        #expect(throws: FleetActionError.self) { try w.schedule(.addCars(region: "mars", count: 1), at: .seconds(60)) }
        var flows = CollectFlows()
        w.run(until: .seconds(3600), observer: &flows)
        #expect(w.carCount == 70)
        for i in 60..<70 {
            #expect(w.car(i).region == "us" && w.car(i).vin.hasValidCheckDigit)
            #expect(["5YJ", "7SA"].contains(w.car(i).vin.wmi))
        }
        #expect(flows.flows.contains { $0.vehicle >= 60 })
        #expect(!w.isActive(5))
        #expect(!flows.flows.contains { $0.vehicle == 5 && $0.end > .seconds(60) })
        #expect(w.meters.storageBytes == 70 * MeterBank.bytesPerCar(historyLength: w.config.meters.historyLength))
        try w.schedule(.sendCar(car: 5, to: .home), at: w.now)
        w.run(until: w.now + .seconds(Int64(1)))
        #expect(w.actionFailures.last?.error.reason == "car 5 was removed")
    }

    @Test func actionsCannotGoBackInTime() throws {
        var w = try world()
        w.run(until: .seconds(100))
        #expect(throws: FleetActionError.self) { try w.schedule(.removeCar(car: 1), at: .seconds(50)) }
    }
}
