import Fleet

/// One car as the vehicle table, the filter and the exports see it: plain values computed from
/// the fleet state once per frame.
public struct VehicleRow: Hashable, Sendable {
    public var index: Int
    public var vin: String
    public var model: String
    public var market: Market
    public var region: RegionID
    /// The region's name, as the region panels and the detail show it ("United States").
    public var regionName = ""
    /// `asleep`, `parked`, `driving`, `charging`.
    public var state: String
    public var driverName: String
    /// The romanised form of a driver's name written in Chinese characters, if any.
    public var driverRomanised: String?
    public var userClass: UserClassID
    public var restricted: Bool
    public var zone: ZoneID?
    /// Current total rate (up + down) in bytes per second, over the short window.
    public var rate: Double
    public var upRate: Double
    public var downRate: Double
    /// Current rate per category, indexed by `DataCategory.index`.
    public var categoryRates: [Double]
    /// Bytes in the rate window: up, down, and per category (both directions; they add up to
    /// up + down). The rates are these over the window's length.
    public var windowUp: UInt64 = 0
    public var windowDown: UInt64 = 0
    public var categoryWindowBytes: [UInt64] = []
    /// Bytes per category since the start (both directions; they add up to `totalBytes`).
    public var categoryBytes: [UInt64] = []
    /// False for a car that left the fleet: its record stays in the exports.
    public var active = true
    /// The car's address (`FleetWorld.address(of:)`): what names an unknown car; `0.0.0.0`
    /// for the one that takes the unknown addresses past the limit.
    public var address = ""
    /// Bytes sent and received since the start.
    public var totalBytes: UInt64
    /// The service that received most of the car's recent traffic, and its country.
    public var topService: ServiceID?
    public var topServiceName: String?
    public var topCountry: Country?
    /// Whether any recent traffic went to a country outside the car's market.
    public var crossBorder: Bool
    /// Countries that received the car's traffic since the start.
    public var countries: [Country]
    /// Open alerts of this car, and the highest severity among them (0 none, 1 watch, 2 high, 3 critical).
    public var openAlerts: Int
    public var maxSeverity: Int
    /// Recent total rate history, oldest first, for the sparkline.
    public var history: [Double]

    /// Whether the row is an unknown car of a source run (no inventory names its address,
    /// docs/source.md): of the unknown market, with its address where a VIN stands in `vin`.
    public var isUnknown: Bool { market == .unknown }

    public init(
        index: Int, vin: String, model: String, market: Market, region: RegionID, state: String,
        driverName: String, driverRomanised: String? = nil, userClass: UserClassID, restricted: Bool,
        zone: ZoneID? = nil, rate: Double = 0, upRate: Double = 0, downRate: Double = 0,
        categoryRates: [Double] = Array(repeating: 0, count: DataCategory.count), totalBytes: UInt64 = 0,
        topService: ServiceID? = nil, topServiceName: String? = nil, topCountry: Country? = nil,
        crossBorder: Bool = false, countries: [Country] = [], openAlerts: Int = 0, maxSeverity: Int = 0,
        history: [Double] = []
    ) {
        self.index = index
        self.vin = vin
        self.model = model
        self.market = market
        self.region = region
        self.state = state
        self.driverName = driverName
        self.driverRomanised = driverRomanised
        self.userClass = userClass
        self.restricted = restricted
        self.zone = zone
        self.rate = rate
        self.upRate = upRate
        self.downRate = downRate
        self.categoryRates = categoryRates
        self.totalBytes = totalBytes
        self.topService = topService
        self.topServiceName = topServiceName
        self.topCountry = topCountry
        self.crossBorder = crossBorder
        self.countries = countries
        self.openAlerts = openAlerts
        self.maxSeverity = maxSeverity
        self.history = history
    }
}
