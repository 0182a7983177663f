import Geography
/// What a place is used for: homes are drawn in residential places, workplaces in offices and
/// factories, stops in points of interest, charging sessions at chargers.
public enum PlaceKind: String, CaseIterable, Hashable, Sendable, Codable {
    case residential
    case office
    case factory
    case poi
    case airport
    case charger
}

/// A named place (a district, a factory, a supercharger) as a box inside its area.
public struct PlaceConfig: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var kind: PlaceKind
    public var bounds: GeoBox
    /// Relative weight when a home, workplace, stop or charger is drawn among places of a kind.
    public var weight: Double

    public init(id: String, name: String, kind: PlaceKind, bounds: GeoBox, weight: Double = 1) {
        self.id = id
        self.name = name
        self.kind = kind
        self.bounds = bounds
        self.weight = weight
    }
}

/// A metropolitan area: cars live, work and drive inside its box (Bay Area, Austin, Shanghai).
public struct AreaConfig: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    public var bounds: GeoBox
    /// Share of the region's cars homed here, relative to the region's other areas.
    public var share: Double
    /// Typical urban speed in km/h (lognormal around it, see `BehaviourConfig.speedSigma`).
    public var speedKmh: Double
    public var places: [PlaceConfig]
    /// The area's local time (trip starts follow `profile` in it; the screens show it).
    public var timeZone: TimeZoneRule
    /// Trip starts by local hour, weekdays and weekends.
    public var profile: DayProfile

    public init(
        id: String, name: String, bounds: GeoBox, share: Double, speedKmh: Double, places: [PlaceConfig],
        timeZone: TimeZoneRule = .utc, profile: DayProfile = .flat
    ) {
        self.id = id
        self.name = name
        self.bounds = bounds
        self.share = share
        self.speedKmh = speedKmh
        self.places = places
        self.timeZone = timeZone
        self.profile = profile
    }
}

/// A car model with its battery size (for charging and range).
public enum CarModel: String, CaseIterable, Hashable, Sendable, Codable {
    case model3 = "3"
    case modelY = "Y"
    case modelS = "S"
    case modelX = "X"

    public var displayName: String { "Model \(rawValue)" }
}

/// A factory that builds a region's cars, which decides the VIN's manufacturer prefix and plant.
public enum Factory: String, CaseIterable, Hashable, Sendable, Codable {
    case shanghai
    case fremont
    case austin

    /// World manufacturer identifier (VIN positions 1-3).
    public var wmi: String {
        switch self {
        case .shanghai: "LRW"
        case .fremont: "5YJ"
        case .austin: "7SA"
        }
    }

    /// Plant code (VIN position 11).
    public var plantCode: Character {
        switch self {
        case .shanghai: "C"
        case .fremont: "F"
        case .austin: "A"
        }
    }
}

/// One entry of a region's model mix.
public struct ModelShare: Hashable, Sendable, Codable {
    public var model: CarModel
    public var factory: Factory
    public var share: Double
    public var batteryKWh: Double

    public init(model: CarModel, factory: Factory, share: Double, batteryKWh: Double) {
        self.model = model
        self.factory = factory
        self.share = share
        self.batteryKWh = batteryKWh
    }
}

/// One entry of a region's user-class mix (shares in percent of the region's cars).
public struct ClassShare: Hashable, Sendable, Codable {
    public var userClass: UserClassID
    public var percent: Double

    public init(_ userClass: UserClassID, percent: Double) {
        self.userClass = userClass
        self.percent = percent
    }
}

/// A third-party app the owner connected to the car through Tesla's Fleet API: the car then
/// streams its Fleet Telemetry over mTLS straight to the app's own server as well as to Tesla
/// (developer.tesla.com, "Fleet Telemetry": vehicles stream "to a server hosted by the partner
/// application"). A car has at most one such app (Teslemetry: active "on one third party
/// service at a time").
public struct ThirdPartyTelemetry: Hashable, Sendable, Codable {
    /// The app's server, a service of the scenario (its country is where the stream goes).
    public var service: ServiceID
    /// Share (0...1) of the region's cars with the app [E].
    public var share: Double

    public init(service: ServiceID, share: Double) {
        self.service = service
        self.share = share
    }
}

/// A region: a market, its areas, and who drives which cars there.
public struct RegionConfig: Hashable, Sendable, Codable {
    public var id: RegionID
    public var name: String
    public var market: Market
    /// Share of the whole fleet in this region, relative to the other regions.
    public var fleetShare: Double
    public var areas: [AreaConfig]
    public var models: [ModelShare]
    /// User classes in percent; they must add up to 100.
    public var classMix: [ClassShare]
    /// Whether drivers get Chinese names (characters plus pinyin) or English ones.
    public var chineseNames: Bool
    /// Model years are drawn uniformly from this range.
    public var modelYears: ClosedRange<Int>
    /// Share (0...1) of the cars of model year `prcLinkedFromModelYear` or later that run
    /// connectivity software from a PRC-linked supplier (what rule US-3 flags) [E].
    public var prcLinkedShare: Double
    /// The first model year the BIS connected-vehicles rule covers (2027, 15 CFR 791 subpart D).
    public var prcLinkedFromModelYear: Int
    /// Apps whose servers receive the car's telemetry stream too; their shares add up to at most 1.
    public var thirdPartyTelemetry: [ThirdPartyTelemetry]

    public init(
        id: RegionID, name: String, market: Market, fleetShare: Double, areas: [AreaConfig],
        models: [ModelShare], classMix: [ClassShare], chineseNames: Bool, modelYears: ClosedRange<Int>,
        prcLinkedShare: Double = 0, prcLinkedFromModelYear: Int = 2027, thirdPartyTelemetry: [ThirdPartyTelemetry] = []
    ) {
        self.id = id
        self.name = name
        self.market = market
        self.fleetShare = fleetShare
        self.areas = areas
        self.models = models
        self.classMix = classMix
        self.chineseNames = chineseNames
        self.modelYears = modelYears
        self.prcLinkedShare = prcLinkedShare
        self.prcLinkedFromModelYear = prcLinkedFromModelYear
        self.thirdPartyTelemetry = thirdPartyTelemetry
    }
}
