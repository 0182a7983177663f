import Geography
import Simulation

/// Everything a policy rule may look at about one flow, resolved by the caller from the world
/// (the car's driver, the zone the car is in, the destination service's country...).
///
/// Rules see facts, not the world: the engine stays a pure function of this value, and a test
/// can state a flow in one literal. Ids are the world's own strings (shared, not copied) and the
/// VIN is stored inline, so building a `FlowFacts` for a flow costs no allocation.
public struct FlowFacts: Hashable, Sendable {
    public var time: SimTime
    /// Index of the car in the fleet.
    public var vehicle: UInt32
    /// Nil when unknown (a test's flow); the explanation then says "car #N".
    public var vin: VIN?
    /// The car's driver at the time of the flow. The monitor evaluates rules with the class
    /// only and fills in the names when a flow raises an alert (names cost an allocation).
    public var driver: Driver
    public var market: Market
    public var region: RegionID
    /// The sensitive zone the car was in when the flow started, if any.
    public var zone: ZoneID?
    /// The kind of `zone`; nil exactly when `zone` is nil.
    public var zoneKind: ZoneKind?
    public var category: DataCategory
    public var direction: Direction
    public var service: ServiceID
    /// The service's display name ("Tesla US cloud"); empty means show the id.
    public var serviceName: String
    public var destinationCountry: Country
    public var bytes: UInt64
    public var packets: UInt32
    public var position: GeoPoint
    public var modelYear: Int
    /// The car runs connectivity software from a supplier linked to the PRC (US-3).
    public var prcLinkedConnectivity: Bool
    /// Faces and number plates were blurred in the car before upload (CN-1).
    public var anonymised: Bool
    /// The car's address (`FleetWorld.address(of:)`): what the flow log writes on the car's
    /// side. Nil when unknown (a test's flow): the simulated fleet's address of `vehicle`.
    public var carAddress: IPv4Address?

    public init(
        time: SimTime = .zero, vehicle: UInt32 = 0, vin: VIN? = nil,
        driver: Driver = Driver(name: "", userClass: .privateOwner), market: Market, region: RegionID = "",
        zone: ZoneID? = nil, zoneKind: ZoneKind? = nil, category: DataCategory, direction: Direction = .up,
        service: ServiceID, serviceName: String = "", destinationCountry: Country, bytes: UInt64 = 0,
        packets: UInt32 = 1, position: GeoPoint = GeoPoint(latitude: 0, longitude: 0), modelYear: Int = 2024,
        prcLinkedConnectivity: Bool = false, anonymised: Bool = false, carAddress: IPv4Address? = nil
    ) {
        self.time = time
        self.vehicle = vehicle
        self.vin = vin
        self.driver = driver
        self.market = market
        self.region = region
        self.zone = zone
        self.zoneKind = zoneKind
        self.category = category
        self.direction = direction
        self.service = service
        self.serviceName = serviceName
        self.destinationCountry = destinationCountry
        self.bytes = bytes
        self.packets = packets
        self.position = position
        self.modelYear = modelYear
        self.prcLinkedConnectivity = prcLinkedConnectivity
        self.anonymised = anonymised
        self.carAddress = carAddress
    }

    /// The driver's user class (what the rules look at).
    @inlinable public var userClass: UserClassID {
        get { driver.userClass }
        set { driver.userClass = newValue }
    }

    /// The destination is outside the country whose rules govern the car's market
    /// (`Market.isAbroad`: never where either is unknown).
    @inlinable public var isCrossBorder: Bool { market.isAbroad(destinationCountry) }
}
