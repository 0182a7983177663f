import Geography
import Simulation

/// A trip in progress.
public struct TripSnapshot: Hashable, Sendable {
    public var origin: GeoPoint
    public var destination: GeoPoint
    public var kind: DestinationKind
    public var departure: SimTime
    public var arrival: SimTime
    /// Fraction of the trip done, 0...1.
    public var progress: Double
}

/// Everything the dashboard shows about one car, built on request.
public struct CarSnapshot: Hashable, Sendable {
    public var index: Int
    public var vin: VIN
    public var model: CarModel
    public var modelYear: Int
    public var market: Market
    public var region: RegionID
    /// Id of the car's metropolitan area (`AreaConfig.id`).
    public var area: String
    public var driver: Driver
    public var state: CarState
    /// Whether the car is still in the fleet (`FleetAction.removeCar` clears it).
    public var active: Bool
    public var position: GeoPoint
    public var zone: ZoneID?
    /// State of charge, 0...1.
    public var battery: Double
    /// Where the car is parked, or where it is going while driving.
    public var place: DestinationKind
    public var trip: TripSnapshot?
    public var meter: CarMeterReading
    /// The car's address behind carrier-grade NAT (100.64.0.0/10).
    public var address: IPv4Address
}

extension FleetWorld {
    /// One car's full state at `now`.
    public func car(_ i: Int) -> CarSnapshot {
        let f = fleet
        let now = simulator.now
        let a = f.areas[Int(f.area[i])]
        let driving = f.state[i] == .driving
        var trip: TripSnapshot?
        if driving {
            let span = Double(f.tripEnd[i] - f.tripStart[i])
            trip = TripSnapshot(
                origin: f.tripOrigin[i], destination: f.tripDestination[i], kind: f.tripKind[i],
                departure: SimTime(nanoseconds: f.tripStart[i]), arrival: SimTime(nanoseconds: f.tripEnd[i]),
                progress: span > 0 ? min(max(Double(now.nanoseconds - f.tripStart[i]) / span, 0), 1) : 1)
        }
        return CarSnapshot(
            index: i, vin: f.vin[i], model: f.model[i], modelYear: Int(f.modelYear[i]),
            market: Market(index: Int(f.market[i])), region: f.config.regions[a.region].id, area: a.config.id,
            driver: driver(of: i), state: f.state[i], active: f.active[i], position: position(of: i),
            zone: zone(of: i).map { f.config.zones[$0].id }, battery: f.batteryLevel(car: i, at: now),
            place: driving ? f.tripKind[i] : f.at[i], trip: trip, meter: f.meters.reading(car: i, at: now),
            address: address(of: i))
    }

    /// The third-party app the car streams its telemetry to as well (`ThirdPartyTelemetry`), if any.
    public func app(of car: Int) -> ServiceID? {
        let s = fleet.appService[car]
        return s == FleetState.noApp ? nil : fleet.config.services[Int(s)].id
    }

    /// The car's current driver (names are built from the tables on request).
    public func driver(of car: Int) -> Driver {
        let packed = fleet.driverName[car]
        let userClass = fleet.userClasses[Int(fleet.driverClass[car])]
        if packed & (1 << 31) != 0 {
            var d = fleet.customDrivers[Int(packed & 0x7FFF_FFFF)]
            d.userClass = userClass
            return d
        }
        let text = NameTables.text(of: packed)
        return Driver(name: text.name, romanized: text.romanized, userClass: userClass)
    }

    public func state(of car: Int) -> CarState { fleet.state[car] }
    public func isActive(_ car: Int) -> Bool { fleet.active[car] }
    public func vin(of car: Int) -> VIN { fleet.vin[car] }
    public func market(of car: Int) -> Market { Market(index: Int(fleet.market[car])) }
    /// Index of the car's region in `config.regions`.
    public func regionIndex(of car: Int) -> Int { fleet.areas[Int(fleet.area[car])].region }
    public func modelYear(of car: Int) -> Int { Int(fleet.modelYear[car]) }
    /// Whether the car runs connectivity software from a PRC-linked supplier (US-3).
    public func hasPRCLinkedConnectivity(_ car: Int) -> Bool { fleet.prcLinked[car] }
    public func userClass(of car: Int) -> UserClassID { fleet.userClasses[Int(fleet.driverClass[car])] }
    /// The car's position now (interpolated along its route while driving).
    public func position(of car: Int) -> GeoPoint { fleet.positionOf(car: car, at: simulator.now) }
    /// Index of the zone the car was in at its last position fix (parked: where it stands;
    /// driving: at its last flow tick, at most `flows.tickSeconds` ago).
    public func zone(of car: Int) -> Int? {
        let z = fleet.zone[car]
        return z == FleetState.noZone ? nil : Int(z)
    }
    public func battery(of car: Int) -> Double { fleet.batteryLevel(car: car, at: simulator.now) }
    public func home(of car: Int) -> GeoPoint { fleet.home[car] }
    /// The metropolitan area the car lives in.
    public func area(of car: Int) -> AreaConfig { fleet.areas[Int(fleet.area[car])].config }
    /// Where the car is heading while driving.
    public func destination(of car: Int) -> GeoPoint? { fleet.state[car] == .driving ? fleet.tripDestination[car] : nil }
    public func address(of car: Int) -> IPv4Address {
        IPv4Address.car(car, recorded: fleet.addresses)
    }
    /// The inventory's car addresses of a recorded fleet, one per car; empty for a simulated one.
    public var recordedAddresses: [IPv4Address] { fleet.addresses }

    /// A 64-bit FNV-1a digest of the whole simulated state (cars, meters, aggregates, clock),
    /// for determinism checks.
    public var digest: UInt64 {
        var h = Digest()
        let f = fleet
        h.add(UInt64(bitPattern: simulator.now.nanoseconds))
        h.add(simulator.eventsProcessed)
        h.add(f.flowsEmitted)
        for i in 0..<f.count {
            h.add(UInt64(f.state[i].rawValue))
            h.add(f.position[i].latitude.bitPattern)
            h.add(f.position[i].longitude.bitPattern)
            h.add(f.battery[i].bitPattern)
            h.add(UInt64(f.zone[i]))
            h.add(UInt64(f.driverName[i]) << 16 | UInt64(f.driverClass[i]))
            h.add(f.meters.total(car: i, direction: .up))
            h.add(f.meters.total(car: i, direction: .down))
        }
        for b in f.backlog { h.add(b) }
        for t in f.aggregates.byCategory { h.add(t.bytesUp); h.add(t.bytesDown); h.add(t.flows) }
        return h.value
    }
}

struct Digest {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func add(_ x: UInt64) {
        var x = x
        for _ in 0..<8 {
            value = (value ^ (x & 0xFF)) &* 0x100_0000_01b3
            x >>= 8
        }
    }
}

extension FleetWorld {
    /// Aggregates keyed by name, for display and export.
    public var totalsByRegion: [RegionID: TrafficTotals] {
        Dictionary(uniqueKeysWithValues: zip(fleet.config.regions.map(\.id), fleet.aggregates.byRegion))
    }
    public var totalsByCountry: [Country: TrafficTotals] {
        Dictionary(uniqueKeysWithValues: zip(fleet.countries, fleet.aggregates.byCountry))
    }
    public var totalsByCategory: [DataCategory: TrafficTotals] {
        Dictionary(uniqueKeysWithValues: zip(DataCategory.allCases, fleet.aggregates.byCategory))
    }
    public var totalsByUserClass: [UserClassID: TrafficTotals] {
        Dictionary(uniqueKeysWithValues: zip(fleet.userClasses, fleet.aggregates.byUserClass))
    }
    /// Cars in each state now (active cars of this run's partition only).
    public var stateCounts: [CarState: Int] {
        var counts: [CarState: Int] = [:]
        for i in 0..<fleet.count where fleet.active[i] && fleet.partition.owns(i) { counts[fleet.state[i], default: 0] += 1 }
        return counts
    }
}
