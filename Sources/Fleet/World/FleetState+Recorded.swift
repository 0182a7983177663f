import Geography
import Simulation

/// A car known from an inventory rather than built by the simulation (`--source`): what flow
/// records cannot say about the car that sent them.
public struct RecordedCar: Hashable, Sendable {
    public var vin: VIN
    public var address: IPv4Address
    public var model: CarModel
    public var modelYear: Int
    /// Index of the car's region in `WorldConfig.regions`; the market is the region's.
    public var region: Int
    /// The id of the car's area in that region (its clock and basemap roads); the region's
    /// first area when nil or not found.
    public var area: String?
    public var driver: Driver
    public var prcLinkedConnectivity: Bool
    /// Where the car is until a record says otherwise (its last known position).
    public var position: GeoPoint
    /// State of charge, 0...1, as the inventory gives it (flow records do not carry it).
    public var battery: Double

    public init(
        vin: VIN, address: IPv4Address, model: CarModel, modelYear: Int, region: Int, area: String? = nil, driver: Driver,
        prcLinkedConnectivity: Bool = false, position: GeoPoint, battery: Double = 0
    ) {
        self.vin = vin
        self.address = address
        self.model = model
        self.modelYear = modelYear
        self.region = region
        self.area = area
        self.driver = driver
        self.prcLinkedConnectivity = prcLinkedConnectivity
        self.position = position
        self.battery = battery
    }
}

extension FleetState {
    /// Adds the inventory's cars, in its order, with no life of their own: no trips, no ticks,
    /// no random draws. A car is asleep until its first record and parked (awake) after it:
    /// flow records say that a car sends, not whether it drives.
    mutating func addRecordedCars(_ cars: [RecordedCar]) {
        reserve(cars.count)
        addresses.reserveCapacity(cars.count)
        for c in cars {
            let region = config.regions[c.region]
            let a = areas.firstIndex { $0.region == c.region && $0.config.id == c.area }
                ?? areas.firstIndex { $0.region == c.region } ?? 0
            customDrivers.append(c.driver)
            appendCar(
                vin: c.vin, model: c.model, modelYear: UInt16(clamping: c.modelYear), prcLinked: c.prcLinkedConnectivity,
                appService: Self.noApp, area: a, market: UInt8(marketIndex(region.market)), home: c.position, work: c.position,
                batteryKWh: Float(region.models.first { $0.model == c.model }?.batteryKWh ?? 75),
                driverName: 1 << 31 | UInt32(customDrivers.count - 1), driverClass: UInt16(classIndex(c.driver.userClass)),
                state: .asleep, battery: min(max(c.battery, 0), 1), at: 0)
            addresses.append(c.address)
        }
    }

    /// Counts one recorded flow as the simulation counts its own (`tally`): meters, aggregates,
    /// the recent ring, then the observer. The record names its car, service and zone by index;
    /// `userClass`, when given, is the driver's class the record states (it becomes the car's).
    /// A record without a position (latitude NaN: formats that carry none) is placed where the
    /// car was last known to be, in that place's zone.
    mutating func ingest<O: FlowObserver>(_ record: FlowRecord, userClass: UserClassID?, observer: inout O) {
        var record = record
        let car = Int(record.vehicle)
        if let userClass { driverClass[car] = UInt16(classIndex(userClass)) }
        if state[car] == .asleep { state[car] = .parked }
        if record.position.latitude.isNaN || record.position.longitude.isNaN {
            record.position = position[car]
            if record.zone == nil, zone[car] != Self.noZone { record.zone = zone[car] }
        } else {
            position[car] = record.position
            zone[car] = record.zone ?? Self.noZone
        }
        lastTick[car] = record.end.nanoseconds
        lastActivity[car] = record.end.nanoseconds
        tally(record, car: car, service: Int(record.service), observer: &observer)
    }
}
