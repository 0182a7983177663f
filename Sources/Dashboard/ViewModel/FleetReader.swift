import Fleet
import Simulation

/// The fleet state as the model builder reads it for one frame: the world, and the tables
/// derived from it and the alert book once per frame (a service's country, whether a user
/// class is restricted, each car's open alerts), so reading one car costs array lookups.
///
/// A class so that `CarFacts` can refer to it for the price of one reference.
final class FleetReader {
    let world: FleetWorld
    let meters: MeterBank
    let now: SimTime
    let services: [ServiceConfig]
    let countryOfService: [Country]
    let regions: [RegionConfig]
    let zones: [ZoneConfig]
    /// Per market (`Market.index`): whether each of `world.userClasses` is restricted.
    let restrictedClass: [[Bool]]
    /// Per car: open alerts, and the highest severity among them (`Severity.rank + 1`; 0 none).
    private(set) var openCount: [Int]
    private(set) var openSeverity: [Int]

    init(world: FleetWorld, alerts book: AlertBook, policies: PolicySet) {
        self.world = world
        meters = world.meters
        now = world.now
        let config = world.config
        services = config.services
        countryOfService = services.map(\.country)
        regions = config.regions
        zones = config.zones
        restrictedClass = Market.allCases.map { m in world.userClasses.map { policies.isRestricted($0, in: m) } }
        openCount = Array(repeating: 0, count: world.carCount)
        openSeverity = openCount
        let cars = world.carCount
        book.forEachOpenAlert { a in
            let v = Int(a.vehicle)
            guard v < cars else { return }
            openCount[v] += 1
            openSeverity[v] = max(openSeverity[v], a.severity.rank + 1)
        }
    }

    /// What filters found out about each distinct driver name this frame: names are built once
    /// per name, not once per car.
    private var driverNames: [UInt32: [String]] = [:]
    private var driverText: [TextKey: Bool] = [:]

    private var zoneText: [TextKey: Bool] = [:]

    private struct TextKey: Hashable {
        var needle: String
        /// A driver name id, or a zone index (`zones.count` for none).
        var id: UInt32
    }

    func isRestricted(_ car: Int) -> Bool { restrictedClass[world.market(of: car).index][world.userClassIndex(of: car)] }

    /// The car's `VehicleFacts.driverNamesLowercased`.
    func driverNamesLowercased(car: Int) -> [String] {
        let id = world.driverNameID(of: car)
        if let names = driverNames[id] { return names }
        let d = world.driver(of: car)
        let names = [d.name.lowercased(), (Self.romanised(d) ?? "").lowercased()]
        driverNames[id] = names
        return names
    }

    /// Whether the car's driver's name or romanised name, lower-cased, contains `needle`.
    func driverNameContains(_ needle: String, car: Int) -> Bool {
        let key = TextKey(needle: needle, id: world.driverNameID(of: car))
        if let known = driverText[key] { return known }
        let d = world.driver(of: car)
        let found = [d.name, Self.romanised(d) ?? ""].contains { $0.lowercased().contains(needle) }
        driverText[key] = found
        return found
    }

    /// Whether the car's zone id (empty if none), lower-cased, contains `needle`.
    func zoneContains(_ needle: String, car: Int) -> Bool {
        let zone = world.zone(of: car)
        let key = TextKey(needle: needle, id: UInt32(zone ?? zones.count))
        if let known = zoneText[key] { return known }
        let found = (zone.map { zones[$0].id.rawValue } ?? "").lowercased().contains(needle)
        zoneText[key] = found
        return found
    }

    /// The romanised name the row shows: none when it is the name itself.
    static func romanised(_ d: Driver) -> String? { d.romanized == d.name || d.romanized.isEmpty ? nil : d.romanized }

    /// Whether destination pair `p` comes before `q` in `CarMeterReading.byCategoryAndService`
    /// (most bytes first, then the lower service index).
    static func precedes(_ p: CategoryServiceTotal, _ q: CategoryServiceTotal) -> Bool {
        p.bytes != q.bytes ? p.bytes > q.bytes : p.service < q.service
    }
}

/// One car as the filter reads it, straight from the fleet: the numbers the model builder
/// reads for every car anyway are stored; names, the VIN and other text are built only when a
/// filter term asks for them. Gives the same answers as the car's `VehicleRow` (tested).
struct CarFacts: VehicleFacts {
    let reader: FleetReader
    let index: Int
    let regionIndex: Int
    let carState: CarState
    let restricted: Bool
    let upRate: Double
    let downRate: Double
    /// Up and down together over the window (not `upRate + downRate`, which may differ in the
    /// last bit).
    let rate: Double
    let totalBytes: UInt64
    let openAlerts: Int
    let maxSeverity: Int
    /// Index in `reader.services` of the service that received most of the car's bytes.
    let top: Int?
    let crossBorder: Bool
    /// Indexed by `DataCategory.index`.
    let categoryRates: [Double]

    var vin: String { ModelBuilder.name(reader.world, car: index) }
    var model: String { ModelBuilder.modelName(reader.world, car: index) }
    var market: Market { reader.world.market(of: index) }
    var region: RegionID { reader.regions[regionIndex].id }
    var regionName: String { reader.regions[regionIndex].name }
    var state: String { carState.description }
    var driverName: String { reader.world.driver(of: index).name }
    var driverRomanised: String? { FleetReader.romanised(reader.world.driver(of: index)) }
    var userClass: UserClassID { reader.world.userClass(of: index) }
    var zone: ZoneID? { reader.world.zone(of: index).map { reader.zones[$0].id } }
    var topService: ServiceID? { top.map { reader.services[$0].id } }
    var topServiceName: String? { top.map { reader.services[$0].name } }
    var topCountry: Country? { top.map { reader.services[$0].country } }

    var countries: [Country] {
        var countries: [Country] = []
        let services = reader.services.count, countryOf = reader.countryOfService
        reader.meters.forEachPair(car: index) { pair in
            guard Int(pair.service) < services else { return }
            let c = countryOf[Int(pair.service)]
            if !countries.contains(c) { countries.append(c) }
        }
        return countries.sorted()
    }

    func categoryRate(_ category: DataCategory) -> Double { categoryRates[category.index] }

    var driverNamesLowercased: [String] { reader.driverNamesLowercased(car: index) }

    func containsText(_ needle: String) -> Bool {
        vinContains(needle) || reader.driverNameContains(needle, car: index) || reader.zoneContains(needle, car: index)
    }

    /// Whether the lower-cased VIN contains `needle`, without building the VIN's text when the
    /// needle is ASCII: ASCII characters never combine, so searching bytes then finds what
    /// searching characters finds.
    func vinContains(_ needle: String) -> Bool {
        let bytes = Array(needle.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }), !reader.world.isUnknown(index) else { return vin.lowercased().contains(needle) }
        guard bytes.count <= 17 else { return false }
        if bytes.isEmpty { return vin.lowercased().contains(needle) }
        let key = reader.world.vin(of: index).orderKey
        func lowered(_ i: Int) -> UInt8 {
            let c = i < 8 ? UInt8(truncatingIfNeeded: key.0 >> UInt64(56 - 8 * i))
                : i < 16 ? UInt8(truncatingIfNeeded: key.1 >> UInt64(56 - 8 * (i - 8))) : key.2
            return c >= 65 && c <= 90 ? c + 32 : c
        }
        for start in 0...(17 - bytes.count) where (0..<bytes.count).allSatisfy({ lowered(start + $0) == bytes[$0] }) { return true }
        return false
    }
}
