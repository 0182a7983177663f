import Fleet

/// What the filter language reads of a car. A `VehicleRow` is one; the model builder's
/// `CarFacts` is another that reads the fleet directly, so the live view can filter every car
/// without building every row, and both go through the same `Query` code.
protocol VehicleFacts {
    var vin: String { get }
    var model: String { get }
    var market: Market { get }
    var region: RegionID { get }
    /// The region's name ("United States"; empty if unknown).
    var regionName: String { get }
    /// `asleep`, `parked`, `driving`, `charging`.
    var state: String { get }
    var driverName: String { get }
    var driverRomanised: String? { get }
    var userClass: UserClassID { get }
    var restricted: Bool { get }
    var zone: ZoneID? { get }
    var rate: Double { get }
    var upRate: Double { get }
    var downRate: Double { get }
    var totalBytes: UInt64 { get }
    var topService: ServiceID? { get }
    var topServiceName: String? { get }
    var topCountry: Country? { get }
    var crossBorder: Bool { get }
    var countries: [Country] { get }
    var openAlerts: Int { get }
    var maxSeverity: Int { get }
    /// The current rate of one category, bytes per second.
    func categoryRate(_ category: DataCategory) -> Double
    /// The driver's name and romanised name (empty if none), lower-cased: what `driver:` compares.
    var driverNamesLowercased: [String] { get }
    /// Whether the VIN, the driver's name in either script or the zone, lower-cased, contains
    /// `needle`: what a bare word in a filter asks.
    func containsText(_ needle: String) -> Bool
}

extension VehicleFacts {
    var driverNamesLowercased: [String] { [driverName.lowercased(), (driverRomanised ?? "").lowercased()] }

    func containsText(_ needle: String) -> Bool {
        let hay = [vin, driverName, driverRomanised ?? "", zone?.rawValue ?? ""]
        return hay.contains { $0.lowercased().contains(needle) }
    }
}

extension VehicleRow: VehicleFacts {
    func categoryRate(_ category: DataCategory) -> Double { categoryRates[category.index] }
}
