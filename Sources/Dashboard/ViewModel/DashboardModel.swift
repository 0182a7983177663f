import Fleet
import Geography
import Simulation

/// Everything the dashboard shows, as plain values computed from the fleet state once per
/// frame. Panels read only this (and `DashboardState`); the JSON and CSV exports read it too,
/// so a snapshot's data and its picture agree.
public struct DashboardModel: Hashable, Sendable {
    public var scenarioName: String
    public var seed: UInt64
    public var clock: SimTime
    /// The calendar date and time of day at `clock`, e.g. `2026-03-02 08:15`.
    public var wallClockLabel: String
    public var fleet: FleetSummary
    public var regions: [RegionSummary]
    /// Destination countries, most bytes first.
    public var countries: [CountryShare]
    /// Destination services (in the scenario's order) and categories (in `DataCategory` order),
    /// with the same fields as `countries`: each list adds up to `fleet` (ARCHITECTURE.md).
    public var services: [ServiceShare]
    public var categories: [CountryShare.Traffic]
    /// The window, in seconds, of every "now" rate in the model (`MeterWindow.rateSeconds`).
    public var rateWindowSeconds: Int
    /// The cars' rows: every car in fleet order when `table` is nil (the view filters and
    /// sorts them), otherwise only the cars the table shows (and the detail's car).
    public var vehicles: [VehicleRow]
    /// The table's order and fleet-wide scales, computed by the builder without a row per car
    /// (`ModelBuilder.Rows.screen`); nil when `vehicles` holds every car.
    public var table: VehicleTable?
    /// Open alerts first (most severe, then newest), then recently closed ones.
    public var alerts: [AlertRow]
    /// The counts and settings behind `alerts`: what the list leaves out and why.
    public var alertLog = AlertLogSummary()
    /// The history view's alerts (open and closed, in the state's alert order); empty in other views.
    public var alertHistory: [AlertRow] = []
    /// The alert the alert view shows; nil in other views, or once the log dropped it.
    public var openedAlert: AlertDetail?
    /// The detail of the car the state selects, when the detail view is showing.
    public var detail: VehicleDetail?
    public var map: MapModel
    /// The scenario's calendar, for clock times (the alerts'); nil in a model built without a
    /// scenario, where times show as offsets from the start.
    public var scenarioClock: ScenarioClock?
    /// The simulated calendar (UTC at simulated time zero); nil in a model built without a world.
    public var calendar: SimCalendar?
    /// Where the screen is in the run (the timeline strip, a jump's progress): set by the live
    /// dashboard, which keeps the run's checkpoints; nil in a snapshot.
    public var timeline: RunTimeline?
    /// Where the fleet stands on each compliance threshold: built for the compliance view and
    /// the data exports (`.all`), nil otherwise (it costs a pass over the cars per measure).
    public var compliance: ComplianceReport?
    /// What the recorded flows of `--source` have brought so far; nil for a simulated run.
    public var source: SourceStatus?
    /// A what-if beside this run (the split screen, `ViewMode.whatIf`); nil when none is applied.
    public var whatIf: WhatIfComparison?

    public init(
        scenarioName: String, seed: UInt64, clock: SimTime, wallClockLabel: String = "", fleet: FleetSummary,
        regions: [RegionSummary], countries: [CountryShare], vehicles: [VehicleRow], alerts: [AlertRow],
        detail: VehicleDetail? = nil, map: MapModel = MapModel(regions: []), table: VehicleTable? = nil,
        services: [ServiceShare] = [], categories: [CountryShare.Traffic] = [], rateWindowSeconds: Int = MeterWindow.rateSeconds,
        scenarioClock: ScenarioClock? = nil
    ) {
        self.scenarioClock = scenarioClock
        self.services = services
        self.categories = categories
        self.rateWindowSeconds = rateWindowSeconds
        self.scenarioName = scenarioName
        self.seed = seed
        self.clock = clock
        self.wallClockLabel = wallClockLabel
        self.fleet = fleet
        self.regions = regions
        self.countries = countries
        self.vehicles = vehicles
        self.alerts = alerts
        self.detail = detail
        self.map = map
        self.table = table
    }
}

/// Fleet-wide totals for the header.
public struct FleetSummary: Hashable, Sendable {
    public var cars: Int
    /// Cars by state name (`asleep`, `parked`, `driving`, `charging`).
    public var states: [String: Int]
    public var upRate: Double
    public var downRate: Double
    public var upBytes: UInt64
    public var downBytes: UInt64
    /// Bytes in the rate window, up and down: `upRate` and `downRate` are these over its length.
    public var windowUp: UInt64 = 0
    public var windowDown: UInt64 = 0
    public var restrictedCars: Int
    /// Open alerts by severity.
    public var openAlerts: [Severity: Int]
    /// Open alerts not yet acknowledged, by severity; nil in a model built without them (then
    /// the header takes every open alert as unacknowledged).
    public var unacknowledgedAlerts: [Severity: Int]?
    /// Total rate history (oldest first) for the header sparkline.
    public var history: [Double]

    public init(
        cars: Int, states: [String: Int] = [:], upRate: Double = 0, downRate: Double = 0, upBytes: UInt64 = 0,
        downBytes: UInt64 = 0, restrictedCars: Int = 0, openAlerts: [Severity: Int] = [:], history: [Double] = []
    ) {
        self.cars = cars
        self.states = states
        self.upRate = upRate
        self.downRate = downRate
        self.upBytes = upBytes
        self.downBytes = downBytes
        self.restrictedCars = restrictedCars
        self.openAlerts = openAlerts
        self.history = history
    }
}

/// One region's summary panel (Shanghai, US).
public struct RegionSummary: Hashable, Sendable {
    public var id: RegionID
    public var name: String
    public var market: Market
    public var cars: Int
    public var driving: Int
    public var restrictedCars: Int
    public var upRate: Double
    public var downRate: Double
    /// Bytes in the rate window, up and down.
    public var windowUp: UInt64 = 0
    public var windowDown: UInt64 = 0
    public var bytes: UInt64
    public var upBytes: UInt64 = 0
    public var downBytes: UInt64 = 0
    /// Bytes that left the market's country.
    public var crossBorderBytes: UInt64
    public var openAlerts: Int
    /// Total rate history (oldest first).
    public var history: [Double]
    /// The region's wall clocks, one per time zone of its areas.
    public var localTimes: [LocalClock] = []

    public init(
        id: RegionID, name: String, market: Market, cars: Int, driving: Int = 0, restrictedCars: Int = 0,
        upRate: Double = 0, downRate: Double = 0, bytes: UInt64 = 0, crossBorderBytes: UInt64 = 0,
        openAlerts: Int = 0, history: [Double] = []
    ) {
        self.id = id
        self.name = name
        self.market = market
        self.cars = cars
        self.driving = driving
        self.restrictedCars = restrictedCars
        self.upRate = upRate
        self.downRate = downRate
        self.bytes = bytes
        self.crossBorderBytes = crossBorderBytes
        self.openAlerts = openAlerts
        self.history = history
    }
}

/// How much went to one destination country.
public struct CountryShare: Hashable, Sendable {
    public var country: Country
    public var name: String
    public var bytes: UInt64
    public var rate: Double
    /// Fraction of all bytes, 0...1.
    public var share: Double
    /// Up and down since the start, and in the rate window (`rate` is the window's total over
    /// its length).
    public var traffic = Traffic()

    /// A slice of the traffic: bytes and flows since the start, bytes in the rate window.
    public struct Traffic: Hashable, Sendable {
        public var key: String
        public var upBytes: UInt64
        public var downBytes: UInt64
        public var flows: UInt64
        public var windowUp: UInt64
        public var windowDown: UInt64
        public var bytes: UInt64 { upBytes &+ downBytes }
        public var windowBytes: UInt64 { windowUp &+ windowDown }
        public init(key: String = "", upBytes: UInt64 = 0, downBytes: UInt64 = 0, flows: UInt64 = 0, windowUp: UInt64 = 0, windowDown: UInt64 = 0) {
            self.key = key
            self.upBytes = upBytes
            self.downBytes = downBytes
            self.flows = flows
            self.windowUp = windowUp
            self.windowDown = windowDown
        }
    }

    public init(country: Country, name: String, bytes: UInt64, rate: Double, share: Double) {
        self.country = country
        self.name = name
        self.bytes = bytes
        self.rate = rate
        self.share = share
    }
}

/// How much went to one destination service.
public struct ServiceShare: Hashable, Sendable {
    public var service: ServiceID
    public var name: String
    public var country: Country
    public var traffic: CountryShare.Traffic

    public init(service: ServiceID, name: String, country: Country, traffic: CountryShare.Traffic) {
        self.service = service
        self.name = name
        self.country = country
        self.traffic = traffic
    }
}

/// One alert as the alert panel, the detail view and the exports show it.
public struct AlertRow: Hashable, Sendable {
    public var id: UInt64
    public var severity: Severity
    public var ruleID: String
    public var title: String
    public var source: String
    public var vehicle: Int
    public var vin: String
    public var driver: String
    public var userClass: UserClassID
    public var category: DataCategory
    public var service: String
    public var country: Country
    public var bytes: UInt64
    public var count: Int
    public var start: SimTime
    public var lastSeen: SimTime
    public var end: SimTime?
    public var acknowledged: Bool
    public var zone: ZoneID?
    public var position: GeoPoint
    /// The sentence a compliance officer reads. Empty in the list of a model of the screen
    /// (`rows: .screen`), which shows it only where an alert is opened, but for the alerts of the
    /// car whose detail is shown (one alert's view builds its own row).
    public var explanation: String
    /// What the alert's flows carried, by category and destination (`category`, `service` and
    /// `country` are those of the flow that raised the alert or its severity).
    public var breakdown: AlertBreakdown
    /// The matched severity case's short label, shown where the title does not fit.
    public var shortLabel: String

    public var isOpen: Bool { end == nil }

    public init(
        id: UInt64, severity: Severity, ruleID: String, title: String, source: String, vehicle: Int, vin: String,
        driver: String, userClass: UserClassID, category: DataCategory, service: String, country: Country,
        bytes: UInt64, count: Int, start: SimTime, lastSeen: SimTime, end: SimTime? = nil, acknowledged: Bool = false,
        zone: ZoneID? = nil, position: GeoPoint, explanation: String, breakdown: AlertBreakdown? = nil,
        shortLabel: String? = nil
    ) {
        self.breakdown = breakdown ?? AlertBreakdown(
            category: category, service: ServiceID(rawValue: service), name: service, country: country, bytes: bytes,
            flows: UInt64(max(0, count)))
        self.shortLabel = shortLabel ?? title
        self.id = id
        self.severity = severity
        self.ruleID = ruleID
        self.title = title
        self.source = source
        self.vehicle = vehicle
        self.vin = vin
        self.driver = driver
        self.userClass = userClass
        self.category = category
        self.service = service
        self.country = country
        self.bytes = bytes
        self.count = count
        self.start = start
        self.lastSeen = lastSeen
        self.end = end
        self.acknowledged = acknowledged
        self.zone = zone
        self.position = position
        self.explanation = explanation
    }
}
