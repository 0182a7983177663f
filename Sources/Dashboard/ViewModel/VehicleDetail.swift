import Fleet
import Geography
import Simulation

/// One car in depth: the detail view.
public struct VehicleDetail: Hashable, Sendable {
    public var row: VehicleRow
    public var modelYear: Int
    public var position: GeoPoint
    /// Battery state of charge, 0...1.
    public var battery: Double
    /// The car's address behind the carrier's NAT.
    public var address: String
    /// e.g. "to work (Lujiazui), 42 % done, arrives 08:41" (the car's local time).
    public var trip: String?
    /// The time now where the car lives, and its zone's name.
    public var localTime: LocalTime?
    public var timeZone: String?
    public var zone: ZoneID?
    public var zoneName: String?
    /// Destinations (service names with their country) that received bytes, the columns of the matrix.
    public var destinations: [Destination]
    /// Bytes by category (row, `DataCategory.index`) and destination (column).
    public var matrix: [[UInt64]]
    /// Up and down rates at the meter windows (`windowSeconds`), bytes per second.
    public var upRates: [Double]
    public var downRates: [Double]
    /// The meter windows, in seconds (iftop's 2, 10 and 40).
    public var windowSeconds: [Int]
    public var peakRate: Double
    public var upBytes: UInt64
    public var downBytes: UInt64
    /// The car's alerts, open first.
    public var alerts: [AlertRow]

    public struct Destination: Hashable, Sendable {
        public var service: ServiceID
        public var name: String
        public var server: String
        public var address: String
        public var country: Country
        public init(service: ServiceID, name: String, server: String, address: String, country: Country) {
            self.service = service
            self.name = name
            self.server = server
            self.address = address
            self.country = country
        }
    }

    public init(
        row: VehicleRow, modelYear: Int, position: GeoPoint, battery: Double, address: String, trip: String? = nil,
        zone: ZoneID? = nil, zoneName: String? = nil, destinations: [Destination] = [], matrix: [[UInt64]] = [],
        upRates: [Double] = [0, 0, 0], downRates: [Double] = [0, 0, 0], windowSeconds: [Int] = [2, 10, 40],
        peakRate: Double = 0, upBytes: UInt64 = 0,
        downBytes: UInt64 = 0, alerts: [AlertRow] = [], localTime: LocalTime? = nil, timeZone: String? = nil
    ) {
        self.localTime = localTime
        self.timeZone = timeZone
        self.row = row
        self.modelYear = modelYear
        self.position = position
        self.battery = battery
        self.address = address
        self.trip = trip
        self.zone = zone
        self.zoneName = zoneName
        self.destinations = destinations
        self.matrix = matrix
        self.upRates = upRates
        self.downRates = downRates
        self.windowSeconds = windowSeconds
        self.peakRate = peakRate
        self.upBytes = upBytes
        self.downBytes = downBytes
        self.alerts = alerts
    }
}

/// The map view: each region's box with its zones and cars.
public struct MapModel: Hashable, Sendable {
    public var regions: [MapRegion]
    public init(regions: [MapRegion]) { self.regions = regions }
}

public struct MapRegion: Hashable, Sendable {
    public var id: RegionID
    public var name: String
    /// The box drawn: south, north, west, east in degrees.
    public var south: Double, north: Double, west: Double, east: Double
    public var zones: [MapZone]
    /// Named places (factories, airports, districts) as labels.
    public var landmarks: [MapLandmark]
    public var cars: [MapCar]
    /// The coasts, shores, rivers and main roads that reach into the box, water first
    /// (`Basemap.lines(touching:)`), and the land masks over it: what the map draws under the cars.
    public var lines: [Basemap.Line] = []
    public var masks: [Basemap.LandMask] = []

    public init(
        id: RegionID, name: String, south: Double, north: Double, west: Double, east: Double, zones: [MapZone] = [],
        landmarks: [MapLandmark] = [], cars: [MapCar] = []
    ) {
        self.id = id
        self.name = name
        self.south = south
        self.north = north
        self.west = west
        self.east = east
        self.zones = zones
        self.landmarks = landmarks
        self.cars = cars
    }
}

public struct MapZone: Hashable, Sendable {
    public enum Shape: Hashable, Sendable {
        case circle(center: GeoPoint, radiusKm: Double)
        case polygon([GeoPoint])
    }
    public var id: ZoneID
    public var name: String
    public var shape: Shape
    /// Whether the zone is in force now (seasonal zones are not, outside their season).
    public var active: Bool
    public init(id: ZoneID, name: String, shape: Shape, active: Bool = true) {
        self.id = id
        self.name = name
        self.shape = shape
        self.active = active
    }
}

public struct MapLandmark: Hashable, Sendable {
    public var name: String
    public var position: GeoPoint
    public init(name: String, position: GeoPoint) {
        self.name = name
        self.position = position
    }
}

public struct MapCar: Hashable, Sendable {
    public var vehicle: Int
    public var position: GeoPoint
    public var restricted: Bool
    /// Highest open alert severity rank (0 none, 1 watch, 2 high, 3 critical).
    public var severity: Int
    public var driving: Bool
    public init(vehicle: Int, position: GeoPoint, restricted: Bool, severity: Int, driving: Bool) {
        self.vehicle = vehicle
        self.position = position
        self.restricted = restricted
        self.severity = severity
        self.driving = driving
    }
}
