#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DequeModule
import Geography
import Simulation

/// Where a trip goes, by kind (also where a parked car is).
public enum DestinationKind: UInt8, CaseIterable, Hashable, Sendable, Codable {
    case home, work, poi, charger, zone, scripted
}

/// An area with its places compiled into weighted choices.
struct CompiledArea: Sendable {
    var region: Int
    var config: AreaConfig
    var residential: [Int], residentialChoice: WeightedChoice?
    var work: [Int], workChoice: WeightedChoice?
    var poi: [Int], poiChoice: WeightedChoice?
    var charger: [Int], chargerChoice: WeightedChoice?
    /// Zones whose interior point lies in the area: where a trip to "a zone" may go.
    var zones: [Int]
    /// The built-in basemap's main roads inside the area (empty where it has none: trips then
    /// go straight, as the crow flies times the detour factor).
    var roads: RoadGraph
    var timeZone: TimeZoneRule
    /// Trip-start intensity per local hour, weekdays then weekends (`DayProfile.intensity`).
    var intensity: [Double]
    /// Every hour alike: departures need no time change.
    var flatProfile: Bool
    /// `BehaviourConfig.distanceDecayKm`, in metres.
    var distanceDecayMeters: Double

    init(region: Int, config: AreaConfig, zones: [ZoneConfig], distanceDecayKm: Double) {
        self.region = region
        self.config = config
        distanceDecayMeters = distanceDecayKm * 1000
        func pick(_ kinds: Set<PlaceKind>) -> ([Int], WeightedChoice?) {
            let idx = config.places.indices.filter { kinds.contains(config.places[$0].kind) && config.places[$0].weight > 0 }
            return (idx, WeightedChoice(weights: idx.map { config.places[$0].weight }))
        }
        (residential, residentialChoice) = pick([.residential])
        (work, workChoice) = pick([.office, .factory])
        (poi, poiChoice) = pick([.poi, .airport])
        (charger, chargerChoice) = pick([.charger])
        self.zones = zones.indices.filter { config.bounds.contains(zones[$0].shape.interiorPoint) }
        self.roads = RoadGraph(roads: Basemap.builtIn.lines(touching: config.bounds), within: config.bounds)
        timeZone = config.timeZone
        intensity = config.profile.intensity
        flatProfile = config.profile.isFlat
    }

    /// Draws tries at most for a point on land before a place's centre stands in.
    static let landTries = 24

    /// A point of one of `places`, drawn by weight (and, `near` a point, by weight times the
    /// distance decay), on land: a place's box may reach into the sea or a lake (the Pudong
    /// coast, the Bay's shore), and no car parks in the water.
    func point<G: RandomDraws>(in places: [Int], _ choice: WeightedChoice?, near: GeoPoint? = nil, rng: inout G) -> GeoPoint? {
        guard let choice, !places.isEmpty else { return nil }
        let pick: Int
        if let near, places.count > 1 {
            let weights = places.map { config.places[$0].weight * exp(-Geo.distance(near, config.places[$0].bounds.center) / distanceDecayMeters) }
            pick = weights.contains { $0 > 0 } ? rng.weightedIndex(weights) : choice.draw(using: &rng)
        } else {
            pick = choice.draw(using: &rng)
        }
        let bounds = config.places[places[pick]].bounds
        for _ in 0..<Self.landTries {
            let p = bounds.randomPoint(using: &rng)
            if !Basemap.builtIn.isWater(p) { return p }
        }
        return bounds.center
    }
}

/// The fleet's mutable state: cars in struct-of-arrays form, meters, aggregates, and the tables
/// compiled from the configuration. `FleetWorld` is its public face.
struct FleetState: Sendable {
    var config: WorldConfig
    /// Draws for the fleet's identity, in the order cars are built (homes, models, VINs,
    /// drivers): the cars a scenario creates, whatever happens to them afterwards.
    var rng: SeededGenerator
    /// Each car's own streams after it is built, as draw counts of a `CounterGenerator`
    /// (`CarStream`): what a car does (trips, stays, speeds) and what it sends (flow counts and
    /// sizes) depend on the seed and the car alone, never on the order in which the run
    /// interleaves cars, and the two are apart, so that a change to a category's rate leaves
    /// every trip as it was.
    var lifeDraws: [UInt64] = [], flowDraws: [UInt64] = []
    /// Simulated time zero as a UTC instant; each area reads it in its own zone.
    var calendar: SimCalendar
    /// Draws for identity added after the fleet's first design (third-party apps), on a stream of
    /// their own: adding such a trait leaves every other car's VIN, home and trips as they were,
    /// so the demo scripts that name cars by VIN keep finding them.
    var traitRNG: SeededGenerator

    // Compiled tables.
    var areas: [CompiledArea] = []
    var zoneTable = ZoneTable()
    var countries: [Country] = []
    var serviceCountry: [Int] = []
    var servicePort: [UInt16] = []
    /// Service index per market index × category.
    var route: [UInt16] = []
    /// Per (state × category): flows per second, mean bytes, size sigma.
    var lambda: [Double] = [], meanBytes: [Double] = [], sigma: [Double] = []
    /// Per category.
    var throughput: [Double] = [], upShare: [Double] = [], packetBytes: [Double] = []
    var tickNanoseconds: Int64 = 10_000_000_000
    var userClasses: [UserClassID] = []
    var customDrivers: [Driver] = []
    var vinSerial: [Int] = []

    // Cold per-car identity.
    var vin: [VIN] = []
    var model: [CarModel] = []
    var modelYear: [UInt16] = []
    /// Runs connectivity software from a PRC-linked supplier (US-3).
    var prcLinked: [Bool] = []
    /// The service of the third-party app the car streams its telemetry to as well, or `noApp`.
    var appService: [UInt16] = []
    /// Per region: the apps' service indexes and cumulative shares, for the draw at build time.
    var regionApps: [[(service: UInt16, upTo: Double)]] = []
    var area: [UInt16] = []
    var market: [UInt8] = []
    var home: [GeoPoint] = [], work: [GeoPoint] = []
    var batteryKWh: [Float] = []
    var driverName: [UInt32] = []
    var driverClass: [UInt16] = []
    var active: [Bool] = []
    /// The cars' addresses when they come from an inventory (`addRecordedCars`); empty for a
    /// simulated fleet, whose car `i` is 100.64.0.0 + i + 1 (`FleetWorld.address(of:)`).
    var addresses: [IPv4Address] = []
    /// A recorded fleet's cars of addresses no inventory names, by address, created on first
    /// sight (`unknownCar(address:)`); at most `unknownCarLimit`, then `otherUnknownCar`
    /// takes the rest, and `foldedUnknownFlows` counts its flows.
    var unknownCars: [UInt32: UInt32] = [:]
    var otherUnknownCar: UInt32?
    var foldedUnknownFlows: UInt64 = 0

    // Hot per-car state.
    var state: [CarState] = []
    var battery: [Double] = []
    var position: [GeoPoint] = []
    var zone: [UInt16] = []
    var at: [DestinationKind] = []
    var tripOrigin: [GeoPoint] = [], tripDestination: [GeoPoint] = []
    var tripStart: [Int64] = [], tripEnd: [Int64] = []
    var tripKind: [DestinationKind] = []
    /// A trip along the roads: the road node it joins and the one it leaves by (`offRoad` for a
    /// straight trip), and its whole length in metres (`FleetState.route`).
    var tripEntry: [UInt16] = [], tripExit: [UInt16] = []
    var tripMeters: [Double] = []
    var chargeStart: [Int64] = [], chargeKW: [Float] = []
    var lastTick: [Int64] = []
    var lastActivity: [Int64] = []
    var epoch: [UInt16] = [], tickEpoch: [UInt16] = []
    /// Bytes produced but not yet sent, per car × category.
    var backlog: [UInt64] = []

    var meters: MeterBank
    var aggregates: FleetAggregates
    var recent: Deque<FlowRecord> = []
    var actions: [FleetAction] = []
    var actionFailures: [FleetActionFailure] = []
    /// Seconds cars spent in each state (summed over cars), and flows emitted.
    var secondsInState: [Double] = Array(repeating: 0, count: CarState.allCases.count)
    var flowsEmitted: UInt64 = 0
    /// The cars that live in this run (`FleetPartition`): the others' events are dropped and
    /// scripted actions send them no flow.
    var partition = FleetPartition.whole
    /// The initial fleet's build while it is under way a slice at a time (`beginBuild`); nil
    /// once every car exists.
    var pendingBuild: FleetBuild?

    /// A car's two random streams (`lifeDraws`, `flowDraws`).
    enum CarStream: UInt64 { case life = 1, flows = 2 }

    /// The generator of `car`'s stream `stream`, at the draw it has reached; store its `counter`
    /// back when done (`store(_:car:stream:)`).
    @inline(__always)
    func generator(car: Int, _ stream: CarStream) -> CounterGenerator {
        CounterGenerator(
            key: CounterGenerator.key(seed: config.seed, entity: UInt64(car), stream: stream.rawValue),
            counter: stream == .life ? lifeDraws[car] : flowDraws[car])
    }

    @inline(__always)
    mutating func store(_ g: CounterGenerator, car: Int, _ stream: CarStream) {
        if stream == .life { lifeDraws[car] = g.counter } else { flowDraws[car] = g.counter }
    }

    static let noZone = UInt16.max
    static let offRoad = UInt16.max
    static let noApp = UInt16.max

    init(config: WorldConfig) {
        self.config = config
        rng = SeededGenerator(seed: config.seed)
        calendar = SimCalendar(config: config)
        traitRNG = SeededGenerator(seed: config.seed ^ 0x7E1E_3E7A_A995_0001)
        meters = MeterBank(cars: 0, historyLength: config.meters.historyLength, historySeconds: config.meters.historySeconds)
        aggregates = FleetAggregates(regions: config.regions.count, countries: 0, services: 0, userClasses: 0)
        compile()
        aggregates = FleetAggregates(
            regions: config.regions.count, countries: countries.count, services: config.services.count, userClasses: userClasses.count)
        recent.reserveCapacity(min(config.meters.recentFlows, 1 << 16))
    }

    /// Per region: the third-party apps' services and cumulative shares, for the draw of a new
    /// car's app (`drawApp`).
    mutating func compileApps() {
        regionApps = config.regions.map { region in
            var sum = 0.0
            return region.thirdPartyTelemetry.compactMap { app in
                sum += app.share
                return config.serviceIndex(app.service).map { (UInt16($0), sum) }
            }
        }
    }

    /// Builds the lookup tables from `config` (validated beforehand).
    mutating func compile() {
        areas = []
        for (r, region) in config.regions.enumerated() {
            for area in region.areas {
                areas.append(CompiledArea(region: r, config: area, zones: config.zones, distanceDecayKm: config.behaviour.distanceDecayKm))
            }
        }
        zoneTable = ZoneTable(zones: config.zones)
        _ = zoneTable.updateSeasons(start: config.start, at: .zero)
        // The unknown country (a recorded world's) last, so the scenario's keep their indexes.
        countries = Array(Set(config.services.map(\.country)).subtracting([.unknown])).sorted()
        if config.services.contains(where: { $0.country == .unknown }) { countries.append(.unknown) }
        serviceCountry = config.services.map { s in countries.firstIndex(of: s.country) ?? 0 }
        servicePort = config.services.map(\.port)
        compileRoutes()
        compileFlows()
        compileApps()
        for region in config.regions {
            for share in region.classMix where !userClasses.contains(share.userClass) { userClasses.append(share.userClass) }
        }
        vinSerial = Array(repeating: 0, count: Factory.allCases.count)
        for f in vinSerial.indices { vinSerial[f] = 100_000 + rng.index(below: 400_000) }
    }

    mutating func compileRoutes() {
        route = []
        for m in Market.allCases {
            for c in DataCategory.allCases {
                let id = config.routing.service(for: c, market: m)
                route.append(UInt16(id.flatMap { config.serviceIndex($0) } ?? 0))
            }
        }
    }

    mutating func compileFlows() {
        let n = DataCategory.count
        lambda = Array(repeating: 0, count: CarState.allCases.count * n)
        meanBytes = Array(repeating: 1, count: lambda.count)
        sigma = Array(repeating: 0, count: lambda.count)
        throughput = Array(repeating: 1, count: n)
        upShare = Array(repeating: 1, count: n)
        packetBytes = Array(repeating: 1200, count: n)
        for c in DataCategory.allCases {
            guard let cfg = config.flows.categories[c] else { continue }
            throughput[c.index] = cfg.throughput
            upShare[c.index] = cfg.upShare
            packetBytes[c.index] = cfg.packetBytes
            for s in CarState.allCases {
                let p = config.flows.profile(c, s), i = Int(s.rawValue) * n + c.index
                lambda[i] = p.rate / 3600
                meanBytes[i] = p.meanBytes
                sigma[i] = p.sizeSigma
            }
        }
        tickNanoseconds = SimDuration.seconds(config.flows.tickSeconds).nanoseconds
    }

    var count: Int { state.count }

    func marketIndex(_ m: Market) -> Int { m.index }

    mutating func classIndex(_ id: UserClassID) -> Int {
        if let i = userClasses.firstIndex(of: id) { return i }
        userClasses.append(id)
        return userClasses.count - 1
    }

    /// The zone `p` is in by the overlap rule of `ZoneTable`, or `noZone`.
    @inline(__always)
    func zoneIndex(at p: GeoPoint) -> UInt16 { zoneTable.zone(at: p) }

    /// Brings the seasonal zones to the day of `now`; when one starts or ends, every car's zone
    /// is resolved again at its last position fix (a season changes twice a year, so the
    /// O(cars) pass is rare; the per-flush cost is one comparison).
    @inline(__always)
    mutating func updateZoneSeasons(at now: SimTime) {
        guard zoneTable.hasSeasons, zoneTable.updateSeasons(start: config.start, at: now) else { return }
        for car in zone.indices { zone[car] = zoneTable.zone(at: position[car]) }
    }
}

/// The zones' outlines with their bounding boxes, for the per-tick "which zone" test, and
/// which seasonal zones are in force.
///
/// Overlapping zones resolve by one rule (docs/scenario-format.md, "Zones"): a zone in force
/// beats one out of season; then the most specific (smallest area); then the earlier in the
/// list. A point inside only out-of-season zones is in the first of them by the same order
/// (the car is there; the monitor treats the zone as not sensitive).
struct ZoneTable: Sendable {
    var bounds: [GeoBox] = []
    var shapes: [ZoneShape] = []
    /// Zone indexes by precedence: smallest area first, then list order.
    var order: [Int] = []
    var seasons = ZoneSeasons(zones: [])
    var hasSeasons: Bool { seasons.hasSeasons }
    /// Whether each zone is in force on the day of the last update.
    var active: [Bool] { seasons.active }

    init() {}

    init(zones: [ZoneConfig]) {
        bounds = zones.map(\.shape.bounds)
        shapes = zones.map(\.shape)
        let areas = zones.map { $0.shape.areaSquareMeters }
        order = zones.indices.sorted { areas[$0] != areas[$1] ? areas[$0] < areas[$1] : $0 < $1 }
        seasons = ZoneSeasons(zones: zones)
    }

    /// Brings the zones in force to the day of `time` (`ZoneSeasons.update`); true when a zone
    /// changed state.
    mutating func updateSeasons(start: StartDate, at time: SimTime) -> Bool { seasons.update(start: start, at: time) }

    /// Zones added after the others, zones out of force (`ZoneChange`), from `time` on.
    mutating func change(adding zones: [ZoneConfig], revoking revoked: [Int], start: StartDate, at time: SimTime) {
        bounds += zones.map(\.shape.bounds)
        shapes += zones.map(\.shape)
        let areas = shapes.map(\.areaSquareMeters)
        order = shapes.indices.sorted { areas[$0] != areas[$1] ? areas[$0] < areas[$1] : $0 < $1 }
        seasons.change(adding: zones, revoking: revoked, start: start, at: time)
    }

    func zone(at p: GeoPoint) -> UInt16 {
        var fallback = FleetState.noZone
        var i = 0
        while i < order.count {
            let z = order[i]
            if bounds[z].contains(p) && shapes[z].contains(p) {
                if active[z] { return UInt16(z) }
                if fallback == FleetState.noZone { fallback = UInt16(z) }
            }
            i += 1
        }
        return fallback
    }
}
