/// One number per kind of destination: the next trip's destination weights (`TripMix`), the
/// mean stay at each in hours (`DwellHours`).
public struct PerDestination: Hashable, Sendable, Codable {
    public var home: Double
    public var work: Double
    public var poi: Double
    public var charger: Double
    /// A sensitive zone of the car's area (rare; what the CN-2 and CN-3 rules watch for).
    public var zone: Double

    public init(home: Double, work: Double, poi: Double, charger: Double, zone: Double) {
        self.home = home
        self.work = work
        self.poi = poi
        self.charger = charger
        self.zone = zone
    }

    /// In the order home, work, poi, charger, zone.
    var values: [Double] { [home, work, poi, charger, zone] }
}

/// Relative weights of the next trip's destination kind.
public typealias TripMix = PerDestination

/// Mean stay, in hours, at each kind of destination before the next trip (lognormal).
public typealias DwellHours = PerDestination

/// How cars live: trips, speeds, sleep and charging.
public struct BehaviourConfig: Hashable, Sendable, Codable {
    /// Destination weights for a car leaving home.
    public var fromHome: TripMix
    /// Destination weights for a car anywhere else.
    public var fromElsewhere: TripMix
    public var dwellHours: DwellHours
    /// Log-space spread of dwell times.
    public var dwellSigma: Double
    /// Log-space spread of a trip's speed around the area's typical speed.
    public var speedSigma: Double
    /// Road distance over straight-line distance.
    public var detourFactor: Double
    /// How fast a destination's pull falls with its distance from where a trip starts, in km:
    /// a place weighs `weight × e^(−d/L)` (a gravity model; people work, shop and charge near
    /// where they are more often than across the metro area). It sets the trip lengths.
    public var distanceDecayKm: Double
    /// A parked car falls asleep after this many seconds without a trip or an upload.
    public var sleepAfterSeconds: Double
    /// Energy use in kWh per km.
    public var consumptionKWhPerKm: Double
    /// Below this state of charge (0...1) the next trip goes to a supercharger.
    public var chargeBelow: Double
    /// Arriving home below this state of charge starts a home charging session.
    public var homeChargeBelow: Double
    /// Charging stops at this state of charge.
    public var chargeTarget: Double
    public var superchargerKW: Double
    public var homeChargerKW: Double
    /// Initial state of charge is uniform in this range.
    public var initialBattery: ClosedRange<Double>
    /// Share of cars awake (parked) at the start; the rest are asleep at home.
    public var initialAwakeShare: Double

    public init(
        fromHome: TripMix, fromElsewhere: TripMix, dwellHours: DwellHours, dwellSigma: Double, speedSigma: Double,
        detourFactor: Double, sleepAfterSeconds: Double, consumptionKWhPerKm: Double, chargeBelow: Double,
        homeChargeBelow: Double, chargeTarget: Double, superchargerKW: Double, homeChargerKW: Double,
        initialBattery: ClosedRange<Double>, initialAwakeShare: Double, distanceDecayKm: Double
    ) {
        self.fromHome = fromHome
        self.fromElsewhere = fromElsewhere
        self.dwellHours = dwellHours
        self.dwellSigma = dwellSigma
        self.speedSigma = speedSigma
        self.detourFactor = detourFactor
        self.distanceDecayKm = distanceDecayKm
        self.sleepAfterSeconds = sleepAfterSeconds
        self.consumptionKWhPerKm = consumptionKWhPerKm
        self.chargeBelow = chargeBelow
        self.homeChargeBelow = homeChargeBelow
        self.chargeTarget = chargeTarget
        self.superchargerKW = superchargerKW
        self.homeChargerKW = homeChargerKW
        self.initialBattery = initialBattery
        self.initialAwakeShare = initialAwakeShare
    }
}

/// Sizes of the bounded per-car and fleet-wide records.
public struct MeterConfig: Hashable, Sendable, Codable {
    /// Samples in each car's sparkline history.
    public var historyLength: Int
    /// Seconds per history sample.
    public var historySeconds: Double
    /// Flow records kept in the world's ring of recent flows.
    public var recentFlows: Int

    public init(historyLength: Int = 30, historySeconds: Double = 20, recentFlows: Int = 4096) {
        self.historyLength = historyLength
        self.historySeconds = historySeconds
        self.recentFlows = recentFlows
    }
}

/// The calendar date and hour at simulated time zero (for seasonal zones and clocks), in the
/// zone of `utcOffsetMinutes` when given (`2026-11-30 08:00 +08:00`), else in the local time
/// of the first region's first area (`SimCalendar`).
public struct StartDate: Hashable, Sendable, Codable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Double
    /// Minutes east of UTC of the zone the date is written in; nil: the first area's zone.
    public var utcOffsetMinutes: Int?

    public init(year: Int, month: Int, day: Int, hour: Double = 8, utcOffsetMinutes: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.utcOffsetMinutes = utcOffsetMinutes
    }
}
