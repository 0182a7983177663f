import Geography
import Simulation

extension FleetState {
    /// Unknown cars a recorded world makes, one per address, before the rest share one car.
    static let unknownCarLimit = 1000

    /// The unknown car of `address` (a recorded world's: it has the unknown region), made on
    /// first sight: the unknown region's, of the unknown market and class, with no VIN (its
    /// address is its name), no model year, no position. Past `unknownCarLimit` addresses, the
    /// one car "other unknown cars" (address 0.0.0.0, made then) takes the flows of every new
    /// one, and `foldedUnknownFlows` counts them; the address `0.0.0.0` (a record without one)
    /// goes to it too.
    /// - Complexity: O(1) amortised, one dictionary lookup.
    mutating func unknownCar(address: IPv4Address) -> Int {
        if address.rawValue != 0, let car = unknownCars[address.rawValue] { return Int(car) }
        if address.rawValue != 0, unknownCars.count < Self.unknownCarLimit {
            let car = addUnknownCar(address)
            unknownCars[address.rawValue] = UInt32(car)
            return car
        }
        foldedUnknownFlows &+= 1
        if let car = otherUnknownCar { return Int(car) }
        let car = addUnknownCar(IPv4Address(rawValue: 0))
        otherUnknownCar = UInt32(car)
        return car
    }

    private mutating func addUnknownCar(_ address: IPv4Address) -> Int {
        guard let r = config.unknownRegionIndex, let a = areas.firstIndex(where: { $0.region == r }) else {
            preconditionFailure("an unknown car in a world without the unknown region (FleetWorld(config:recorded:) adds it)")
        }
        let nowhere = GeoPoint(latitude: .nan, longitude: .nan)
        customDrivers.append(Driver(name: "", romanized: "", userClass: .unknown))
        appendCar(
            vin: VIN.unknown, model: .modelY, modelYear: 0, prcLinked: false, appService: Self.noApp, area: a,
            market: UInt8(Market.unknown.index), home: nowhere, work: nowhere, batteryKWh: 0,
            driverName: 1 << 31 | UInt32(customDrivers.count - 1), driverClass: UInt16(classIndex(.unknown)),
            state: .asleep, battery: 0, at: 0)
        // Cars a timeline added since (`add-cars`) have the simulated fleet's addresses.
        while addresses.count < count - 1 { addresses.append(IPv4Address.car(addresses.count, recorded: [])) }
        addresses.append(address)
        return count - 1
    }
}

extension VIN {
    /// What an unknown car holds where a car has its VIN: 17 question marks, which no VIN is
    /// (`VIN(_:)` takes letters and digits only), so no record's VIN finds it.
    static let unknown = VIN(bytes: Array(repeating: UInt8(ascii: "?"), count: 17))
}

extension FleetWorld {
    /// The unknown car of `address`, made on first sight (`FleetState.unknownCar(address:)`).
    mutating func unknownCar(address: IPv4Address) -> Int { fleet.unknownCar(address: address) }

    /// Whether the car is one of the unknown cars of a recorded world (no inventory names its
    /// address): of the unknown market, region and class, without a VIN.
    public func isUnknown(_ car: Int) -> Bool { fleet.market[car] == UInt8(Market.unknown.index) }

    /// Unknown cars made so far, the "other unknown cars" car included.
    public var unknownCarCount: Int { fleet.unknownCars.count + (fleet.otherUnknownCar == nil ? 0 : 1) }
    /// The car that takes the flows of unknown addresses past the limit, once there is one.
    public var otherUnknownCar: Int? { fleet.otherUnknownCar.map(Int.init) }
    /// Flows counted into `otherUnknownCar`.
    public var foldedUnknownFlows: UInt64 { fleet.foldedUnknownFlows }
    /// At most this many unknown cars have an address of their own.
    public static var unknownCarLimit: Int { FleetState.unknownCarLimit }
}
