import Simulation
import Testing
@testable import Fleet

@Suite struct WorldTests {
    func smallConfig(seed: UInt64 = 7, cars: Int = 200) -> WorldConfig {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = cars
        return config
    }

    @Test func sameSeedSameStateDifferentSeedDiffers() throws {
        var a = try FleetWorld(config: smallConfig(seed: 11))
        var b = try FleetWorld(config: smallConfig(seed: 11))
        var c = try FleetWorld(config: smallConfig(seed: 12))
        for world in [0, 1, 2] {
            switch world {
            case 0: a.run(until: .seconds(3600))
            case 1: b.run(until: .seconds(3600))
            default: c.run(until: .seconds(3600))
            }
        }
        #expect(a.flowCount > 1000)
        #expect(a.digest == b.digest)
        #expect(a.recentFlows == b.recentFlows)
        #expect(a.digest != c.digest)
    }

    @Test func positionsStayInTheirArea() throws {
        var world = try FleetWorld(config: smallConfig(seed: 3, cars: 300))
        var driving = 0
        for minute in 1...180 {
            world.run(until: .seconds(Double(minute) * 60))
            for i in 0..<world.carCount {
                let p = world.position(of: i)
                #expect(world.area(of: i).bounds.contains(p), "car \(i) at \(p) left \(world.area(of: i).id)")
                if world.state(of: i) == .driving { driving += 1 }
            }
        }
        #expect(driving > 1000)
    }

    @Test func tripsEndWhereTheyWereGoing() throws {
        var config = smallConfig(seed: 5, cars: 300)
        // Short stays, so that many trips end within the 20 minutes watched.
        config.behaviour.dwellHours = DwellHours(home: 2, work: 2, poi: 1, charger: 0.2, zone: 1)
        var world = try FleetWorld(config: config)
        world.run(until: .seconds(3600))
        var trips: [(car: Int, trip: TripSnapshot)] = []
        for i in 0..<world.carCount {
            if let trip = world.car(i).trip, trip.arrival < .seconds(2 * 3600) { trips.append((i, trip)) }
        }
        #expect(trips.count > 10)
        // Each car looked at just after its arrival (stays are short, so by the end of the
        // window some cars have made a second trip).
        for (car, trip) in trips.sorted(by: { $0.trip.arrival < $1.trip.arrival }) {
            world.run(until: trip.arrival + .seconds(Int64(1)))
            let now = world.car(car)
            if let next = now.trip, next.departure >= trip.arrival { continue }  // already on its next trip
            #expect(now.position == trip.destination)
            #expect(now.state != .driving)
        }
    }

    @Test func aCarSentIntoAZoneIsReportedThere() throws {
        var world = try FleetWorld(config: smallConfig())
        let zone = try #require(world.config.zoneIndex("cn-gov-peoples-square"))
        let usZone = try #require(world.config.zoneIndex("us-moffett"))
        let cnCar = 3, usCar = try #require((0..<world.carCount).first { world.area(of: $0).id == "bay-area" })
        try world.schedule(.sendCar(car: cnCar, to: .zone("cn-gov-peoples-square")), at: .seconds(60))
        try world.schedule(.sendCar(car: usCar, to: .zone("us-moffett")), at: .seconds(60))
        world.run(until: .seconds(61))
        let arrival = try #require(world.car(cnCar).trip?.arrival)
        let usArrival = try #require(world.car(usCar).trip?.arrival)
        // Each car is looked at just after it arrives, the earlier arrival first: a car stays
        // in a zone for a while (an hour on average), then drives on.
        var flows = CollectFlows()
        let cnCheck = arrival + .seconds(Int64(120)), usCheck = usArrival + .seconds(Int64(30))
        func checkUS() {
            #expect(world.zone(of: usCar) == usZone, "\(world.car(usCar)) arrival \(usArrival) now \(world.now)")
        }
        if usCheck < cnCheck {
            world.run(until: usCheck, observer: &flows)
            checkUS()
        }
        world.run(until: cnCheck, observer: &flows)
        #expect(world.zone(of: cnCar) == zone)
        #expect(world.car(cnCar).zone == "cn-gov-peoples-square")
        #expect(world.car(cnCar).position == world.config.zones[zone].shape.interiorPoint)
        let inZone = flows.flows.filter { $0.vehicle == UInt32(cnCar) && $0.start >= arrival }
        #expect(!inZone.isEmpty)
        #expect(inZone.allSatisfy { $0.zone == UInt16(zone) })
        if usCheck >= cnCheck {
            world.run(until: usCheck)
            checkUS()
        }
    }

    @Test func aRoutingChangeSendsTheNextFlowsElsewhere() throws {
        var world = try FleetWorld(config: smallConfig())
        let cnDC = try #require(world.config.serviceIndex("tesla-cn-dc"))
        let usCloud = try #require(world.config.serviceIndex("tesla-us-cloud"))
        try world.schedule(.route(.telemetry, market: .cn, to: "tesla-us-cloud"), at: .seconds(900))
        var flows = CollectFlows()
        world.run(until: .seconds(1800), observer: &flows)
        let cnTelemetry = zip(flows.flows, flows.contexts).filter { $0.0.category == .telemetry && $0.1.market == .cn }
        let before = cnTelemetry.filter { $0.0.end < .seconds(900) }, after = cnTelemetry.filter { $0.0.end > .seconds(900) }
        #expect(before.count > 50 && after.count > 50)
        #expect(before.allSatisfy { $0.0.service == UInt16(cnDC) && $0.1.destinationCountry == .china })
        #expect(after.allSatisfy { $0.0.service == UInt16(usCloud) && $0.1.destinationCountry == .unitedStates })
        #expect(world.config.routing.service(for: .telemetry, market: .cn) == "tesla-us-cloud")
        // US cars were not affected.
        #expect(zip(flows.flows, flows.contexts).allSatisfy { $0.1.market == .cn || $0.0.service != UInt16(cnDC) })
    }

    @Test func metersStayBoundedOverALongRun() throws {
        var world = try FleetWorld(config: smallConfig(cars: 50))
        let bytes = world.meters.storageBytes
        #expect(bytes == 50 * MeterBank.bytesPerCar(historyLength: world.config.meters.historyLength))
        world.run(until: .seconds(6 * 3600))
        #expect(world.meters.storageBytes == bytes)
        #expect(world.recentFlows.count == world.config.meters.recentFlows)
        #expect(world.car(0).meter.history.count == world.config.meters.historyLength)
    }

    @Test func aggregatesAddUp() throws {
        var world = try FleetWorld(config: smallConfig())
        world.run(until: .seconds(1800))
        let all = world.aggregates.all
        #expect(all.flows == world.flowCount)
        for slices in [world.aggregates.byRegion, world.aggregates.byCountry, world.aggregates.byCategory, world.aggregates.byUserClass] {
            #expect(slices.reduce(0) { $0 + $1.bytes } == all.bytes)
        }
        var perCar: UInt64 = 0
        for i in 0..<world.carCount { perCar += world.meters.total(car: i, direction: .up) + world.meters.total(car: i, direction: .down) }
        #expect(perCar == all.bytes)
        #expect(world.totalsByCountry[.china]?.bytes ?? 0 > 0)
        #expect(world.totalsByUserClass[.privateOwner]?.flows ?? 0 > 0)
    }
}
