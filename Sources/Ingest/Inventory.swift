import Fleet
import Geography
import Scenario
import Simulation

/// What flow records cannot say (docs/inventory.md): which car has which address (its VIN,
/// model, market by region, driver and class), and which server address or TLS name (SNI) is
/// which service, carrying which category. Services themselves are the scenario's (a
/// scenario file adds more).
public struct Inventory: Hashable, Sendable {
    public struct Car: Hashable, Sendable {
        public var address: IPv4Address
        public var vin: VIN
        public var model: CarModel
        public var modelYear: Int
        public var region: RegionID
        public var area: String?
        public var driver: String
        public var romanised: String?
        public var userClass: UserClassID
        public var prcLinked: Bool
        public var position: GeoPoint?
        public var battery: Double?
        /// Where the car was written (file:line:col), for messages.
        public var location: SourceLocation

        public init(
            address: IPv4Address, vin: VIN, model: CarModel, modelYear: Int, region: RegionID, area: String? = nil,
            driver: String, romanised: String? = nil, userClass: UserClassID, prcLinked: Bool = false,
            position: GeoPoint? = nil, battery: Double? = nil, location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)
        ) {
            self.address = address; self.vin = vin; self.model = model; self.modelYear = modelYear; self.region = region
            self.area = area; self.driver = driver; self.romanised = romanised; self.userClass = userClass
            self.prcLinked = prcLinked; self.position = position; self.battery = battery; self.location = location
        }
    }

    /// A server: by address, by TLS name, or both; the category it carries, when one
    /// endpoint carries one kind of data (records of formats without FleetWatch's labels
    /// take it from here, else from the scenario's routing to the service).
    public struct Server: Hashable, Sendable {
        public var service: ServiceID
        public var address: IPv4Address?
        public var serverName: String?
        public var category: DataCategory?
        public var location: SourceLocation

        public init(service: ServiceID, address: IPv4Address?, serverName: String?, category: DataCategory? = nil,
                    location: SourceLocation = SourceLocation(file: "", line: 0, column: 0)) {
            self.service = service; self.address = address; self.serverName = serverName; self.category = category
            self.location = location
        }
    }

    public var cars: [Car]
    public var servers: [Server]

    public init(cars: [Car], servers: [Server] = []) {
        self.cars = cars
        self.servers = servers
    }

    /// At most this many cars: as many as a simulated fleet (`WorldConfig.maxFleetSize`).
    public static let maxCars = WorldConfig.maxFleetSize
    public static let maxServers = 100_000
    /// Inventory files larger than this are refused before they are read.
    public static let maxFileBytes = 1 << 30
}

extension Inventory {
    /// The inventory of a world: its cars now (address, identity, driver, position, battery)
    /// and every service's address and TLS name. What `snapshot --format inventory` writes.
    /// The unknown cars and the unknown service of a source run are what no inventory names:
    /// they are left out (naming them is the user's to do).
    public init(world: FleetWorld) {
        var cars: [Car] = []
        cars.reserveCapacity(world.carCount)
        for i in 0..<world.carCount where world.isActive(i) && !world.isUnknown(i) {
            let d = world.driver(of: i)
            cars.append(Car(
                address: world.address(of: i), vin: world.vin(of: i), model: world.model(of: i),
                modelYear: world.modelYear(of: i), region: world.config.regions[world.regionIndex(of: i)].id,
                area: world.area(of: i).id, driver: d.name, romanised: d.romanized == d.name ? nil : d.romanized,
                userClass: d.userClass, prcLinked: world.hasPRCLinkedConnectivity(i), position: world.position(of: i),
                battery: world.battery(of: i)))
        }
        servers = world.config.withoutUnknown.services.map { Server(service: $0.id, address: $0.address, serverName: $0.serverName) }
        self.cars = cars
    }
}
