import Geography
import Simulation

/// Where a scripted trip goes.
public enum TripTarget: Hashable, Sendable, Codable {
    case home
    case work
    /// A place of the car's area, by id (`PlaceConfig.id`).
    case place(String)
    /// A sensitive zone, by id: the car drives to a point inside it.
    case zone(ZoneID)
    case point(GeoPoint)
}

/// A scripted change to the world, applied at a simulated time (`FleetWorld.schedule(_:at:)`):
/// what a demo timeline plays.
public enum FleetAction: Hashable, Sendable {
    /// From now on, `category` from cars of `market` goes to `service`.
    case route(DataCategory, market: Market, to: ServiceID)
    /// The car's current driver changes class (a name stays).
    case assignClass(car: Int, UserClassID)
    /// A new driver takes the car.
    case assignDriver(car: Int, Driver)
    /// The car drives to `target` now, whatever it was doing.
    case sendCar(car: Int, to: TripTarget)
    /// One flow from (or to) the car now: `bytes` of `category` to `service`, lasting `seconds`
    /// (ending now).
    case injectFlow(car: Int, category: DataCategory, direction: Direction, bytes: UInt64, service: ServiceID, seconds: Double = 0)
    /// An upload (or download) of `bytes` of `category` to `service` starting now and lasting
    /// `seconds`, or `bytes` over the category's throughput when nil (a zero duration is one
    /// instantaneous flow). It is sent as flows of at most `uploadChunkSeconds`, each recorded
    /// when it ends, so meters and alerts see it as it goes, never before.
    case upload(car: Int, category: DataCategory, direction: Direction, bytes: UInt64, service: ServiceID, seconds: Double?)
    /// `count` new cars in a region, built like the initial fleet.
    case addCars(region: RegionID, count: Int)
    /// The car leaves the fleet: it stops producing flows; its index and history stay.
    case removeCar(car: Int)
    /// The zones in force change (`ZoneChange`): every car's zone is found again at once.
    case changeZones(ZoneChange)
    /// The region's active cars take the class mix `classes` (percent): each class gets its
    /// quota of the region's active cars (the largest remainders, as the fleet is built), and
    /// the fewest cars change class to get there: the cars of a class above its quota leave it
    /// in the order of a key drawn from the seed and the car (so which cars move depends on
    /// nothing else), and fill the classes below theirs in the mix's order. Drivers keep their
    /// names; cars added later are drawn from the new mix.
    case setClassMix(region: RegionID, [ClassShare])
    /// The region's active cars take the third-party apps `apps` (shares of the cars; the rest
    /// none): each app, and no app, gets its quota as a class does in `setClassMix`, and the
    /// fewest cars change app to get there, in the order of a key of their own. Cars added
    /// later are drawn from the new shares.
    case setApps(region: RegionID, [ThirdPartyTelemetry])
}

/// Why a scripted action could not be applied.
public struct FleetActionError: Error, Hashable, Sendable, CustomStringConvertible {
    public var action: String
    public var reason: String
    public var description: String { "cannot apply \(action): \(reason)" }
}

/// An action that failed when its time came (for instance a car removed before it was sent).
public struct FleetActionFailure: Hashable, Sendable {
    public var time: SimTime
    public var error: FleetActionError
}

extension FleetState {
    /// The longest flow an `upload` is sent as (the statistical model's tick is 10 s too).
    static let uploadChunkSeconds = 10.0

    /// Checks what can be checked before the action's time: names of services, zones, regions.
    func check(_ action: FleetAction) throws(FleetActionError) {
        func fail(_ reason: String) -> FleetActionError { FleetActionError(action: "\(action)", reason: reason) }
        switch action {
        case let .route(_, _, service), let .injectFlow(_, _, _, _, service, _), let .upload(_, _, _, _, service, _):
            guard config.serviceIndex(service) != nil else { throw fail("no service '\(service)' in services") }
            if case let .injectFlow(_, _, _, _, _, seconds) = action, !(seconds >= 0 && seconds < 86_400 * 365) {
                throw fail("seconds must be in 0 ..< 1 year")
            }
            if case let .upload(_, _, _, _, _, seconds?) = action, !(seconds >= 0 && seconds < 86_400 * 365) {
                throw fail("seconds must be in 0 ..< 1 year")
            }
        case let .sendCar(_, .zone(id)):
            guard config.zoneIndex(id) != nil else { throw fail("no zone '\(id)' in zones") }
        case let .sendCar(_, .point(p)):
            guard (-90...90).contains(p.latitude), (-180...180).contains(p.longitude) else { throw fail("the point is off the globe") }
        case let .addCars(region, n):
            guard config.regionIndex(region) != nil else { throw fail("no region '\(region)' in regions") }
            guard n >= 0, count + n <= WorldConfig.maxFleetSize else { throw fail("count must be in 0 ... \(WorldConfig.maxFleetSize - count)") }
        case let .assignClass(_, c):
            guard !c.rawValue.isEmpty else { throw fail("the class name is empty") }
        case let .setClassMix(region, classes):
            guard config.regionIndex(region) != nil else { throw fail("no region '\(region)' in regions") }
            let total = classes.reduce(0) { $0 + $1.percent }
            guard !classes.isEmpty, abs(total - 100) < 1e-6, classes.allSatisfy({ $0.percent >= 0 && !$0.userClass.rawValue.isEmpty }) else {
                throw fail("the classes' percents must add up to 100, found \(total)")
            }
        case let .setApps(region, apps):
            guard config.regionIndex(region) != nil else { throw fail("no region '\(region)' in regions") }
            for app in apps where config.serviceIndex(app.service) == nil { throw fail("no service '\(app.service)' in services") }
            let total = apps.reduce(0) { $0 + $1.share }
            guard apps.allSatisfy({ (0...1).contains($0.share) }), total <= 1 + 1e-9 else {
                throw fail("the apps' shares must be 0 to 1 and add up to at most 1, found \(total)")
            }
        case let .changeZones(change):
            for id in change.remove where config.zoneIndex(id) == nil { throw fail("no zone '\(id)' in zones") }
            var ids = Set(config.zones.map(\.id))
            for z in change.add where !ids.insert(z.id).inserted { throw fail("a zone '\(z.id)' is already in zones") }
            guard config.zones.count + change.add.count < Int(Self.noZone) else {
                throw fail("at most \(Int(Self.noZone) - 1) zones in all")
            }
        case .assignDriver, .removeCar, .sendCar:
            break
        }
    }

    mutating func applyScheduled<O: FlowObserver>(action i: Int, simulator sim: inout Simulator<FleetEvent>, observer: inout O) {
        do throws(FleetActionError) {
            try apply(actions[i], simulator: &sim, observer: &observer)
        } catch {
            actionFailures.append(FleetActionFailure(time: sim.now, error: error))
        }
    }

    /// Applies an action at `sim.now`.
    mutating func apply<O: FlowObserver>(_ action: FleetAction, simulator sim: inout Simulator<FleetEvent>, observer: inout O) throws(FleetActionError) {
        try check(action)
        func fail(_ reason: String) -> FleetActionError { FleetActionError(action: "\(action)", reason: reason) }
        func car(_ c: Int) throws(FleetActionError) -> Int {
            guard c >= 0, c < count else { throw fail("no car \(c) (the fleet has \(count))") }
            guard active[c] else { throw fail("car \(c) was removed") }
            return c
        }
        let now = sim.now
        switch action {
        case let .route(category, market, service):
            config.routing.setService(service, for: category, market: market)
            compileRoutes()
        case let .assignClass(c, userClass):
            let c = try car(c)
            driverClass[c] = UInt16(classIndex(userClass))
        case let .assignDriver(c, driver):
            let c = try car(c)
            customDrivers.append(driver)
            driverName[c] = 1 << 31 | UInt32(customDrivers.count - 1)
            driverClass[c] = UInt16(classIndex(driver.userClass))
        case let .sendCar(c, target):
            let c = try car(c)
            guard partition.owns(c) else { return }
            let point: GeoPoint, kind: DestinationKind
            switch target {
            case .home: (point, kind) = (home[c], .home)
            case .work: (point, kind) = (work[c], .work)
            case let .zone(id): (point, kind) = (config.zones[config.zoneIndex(id) ?? 0].shape.interiorPoint, .zone)
            case let .point(p): (point, kind) = (p, .scripted)
            case let .place(id):
                let a = areas[Int(area[c])].config
                guard let place = a.places.first(where: { $0.id == id }) else { throw fail("no place '\(id)' in area \(a.id)") }
                point = place.bounds.center
                kind = place.kind == .charger ? .charger : place.kind == .residential ? .scripted : .poi
            }
            startTrip(car: c, to: point, kind: kind, simulator: &sim, observer: &observer)
        case let .injectFlow(c, category, direction, bytes, service, seconds):
            let c = try car(c)
            guard partition.owns(c) else { return }
            lastActivity[c] = now.nanoseconds
            let p = positionOf(car: c, at: now)
            updateZoneSeasons(at: now)
            emit(car: c, category: category, direction: direction, bytes: bytes, start: now - .seconds(seconds), end: now,
                 position: p, zone: zoneIndex(at: p), service: config.serviceIndex(service), observer: &observer)
        case let .upload(c, category, direction, bytes, service, seconds):
            let c = try car(c)
            guard partition.owns(c) else { return }
            let duration = seconds ?? Double(bytes) / max(throughput[category.index], 1)
            // Whole nanoseconds, at most a year (checked above for a given duration).
            let total = SimDuration.seconds(min(duration, 86_400 * 365)).nanoseconds
            guard total > 0 else {
                try apply(.injectFlow(car: c, category: category, direction: direction, bytes: bytes, service: service), simulator: &sim, observer: &observer)
                return
            }
            let chunk = SimDuration.seconds(Self.uploadChunkSeconds).nanoseconds
            let parts = (total + chunk - 1) / chunk
            var sentBefore: UInt64 = 0, endBefore: Int64 = 0
            for k in 1...parts {
                let end = k == parts ? total : total / parts * k
                let sent = MeterWindow.share(bytes, start: 0, end: total, upTo: end)
                let piece = FleetAction.injectFlow(car: c, category: category, direction: direction, bytes: sent - sentBefore,
                                                   service: service, seconds: Double(end - endBefore) * 1e-9)
                actions.append(piece)
                sim.schedule(FleetEvent(car: UInt32(actions.count - 1), kind: .action, epoch: 0), at: now + SimDuration(nanoseconds: end))
                sentBefore = sent
                endBefore = end
            }
        case let .addCars(region, n):
            let r = config.regionIndex(region) ?? 0
            addCars(region: r, count: n, at: now, simulator: &sim)
        case let .removeCar(c):
            let c = try car(c)
            if partition.owns(c) { flush(car: c, now: now, observer: &observer) }
            active[c] = false
            state[c] = .asleep
            epoch[c] &+= 1
            tickEpoch[c] &+= 1
        case let .setClassMix(region, classes):
            setClassMix(region: config.regionIndex(region) ?? 0, classes)
        case let .setApps(region, apps):
            setApps(region: config.regionIndex(region) ?? 0, apps)
        case let .changeZones(change):
            // The flows each car has pending since its last tick carry the zone found here
            // (at their start position, by the zones in force from now): a flow is in the
            // zones in force at its end.
            let revoked = change.remove.compactMap { config.zoneIndex($0) }
            config.zones += change.add
            zoneTable.change(adding: change.add, revoking: revoked, start: config.start, at: now)
            for car in zone.indices { zone[car] = zoneTable.zone(at: position[car]) }
        }
    }
}

extension FleetState {
    /// `FleetAction.setClassMix`: the region's active cars to the quotas of `mix`, moving the
    /// fewest cars (those above their class's quota, lowest key first).
    mutating func setClassMix(region r: Int, _ mix: [ClassShare]) {
        config.regions[r].classMix = mix
        let cars = (0..<count).filter { active[$0] && areas[Int(area[$0])].region == r }
        let classes = mix.map { UInt16(classIndex($0.userClass)) }
        let seed = config.seed
        let moves = Self.rebalance(
            cars, value: { driverClass[$0] }, targets: classes, quotas: Self.apportion(cars.count, weights: mix.map(\.percent)),
            key: { CounterGenerator.mix(seed ^ (UInt64($0) &* 0x9E37_79B9_7F4A_7C15)) })
        for (car, c) in moves { driverClass[car] = c }
    }

    /// `FleetAction.setApps`: the region's active cars to the quotas of `apps` (and the rest to
    /// no app), moving the fewest cars, as `setClassMix` moves drivers, by a key of their own.
    mutating func setApps(region r: Int, _ apps: [ThirdPartyTelemetry]) {
        config.regions[r].thirdPartyTelemetry = apps
        compileApps()
        let cars = (0..<count).filter { active[$0] && areas[Int(area[$0])].region == r }
        let targets = apps.map { UInt16(config.serviceIndex($0.service) ?? 0) } + [Self.noApp]
        let none = max(0, 1 - apps.reduce(0) { $0 + $1.share })
        let seed = config.seed
        let moves = Self.rebalance(
            cars, value: { appService[$0] }, targets: targets, quotas: Self.apportion(cars.count, weights: apps.map(\.share) + [none]),
            key: { CounterGenerator.mix(seed ^ (UInt64($0) &* 0x9E37_79B9_7F4A_7C15) ^ 0xA995_A995_A995_A995) })
        for (car, app) in moves { appService[car] = app }
    }

    /// The fewest moves that give each of `targets` its quota among `cars` (`value` says what a
    /// car has now): the cars of a value above its quota (every car of a value not among the
    /// targets) leave it, lowest `key` first, and fill the targets below their quota, lowest key
    /// first, in the targets' order. One rule for drivers' classes and cars' apps.
    static func rebalance(
        _ cars: [Int], value: (Int) -> UInt16, targets: [UInt16], quotas: [Int], key: (Int) -> UInt64
    ) -> [(car: Int, to: UInt16)] {
        var quota: [UInt16: Int] = [:]
        for (t, k) in zip(targets, quotas) { quota[t, default: 0] += k }
        var byValue: [UInt16: [Int]] = [:]
        for car in cars { byValue[value(car), default: []].append(car) }
        var movers: [Int] = []
        for v in byValue.keys.sorted() {
            let list = byValue[v]!, keep = quota[v] ?? 0
            if list.count > keep { movers += list.sorted { key($0) < key($1) }.prefix(list.count - keep) }
        }
        movers.sort { key($0) < key($1) }
        var moves: [(car: Int, to: UInt16)] = []
        var next = 0
        for (t, k) in zip(targets, quotas) {
            var missing = k - (byValue[t]?.count ?? 0)
            while missing > 0, next < movers.count {
                moves.append((movers[next], t))
                next += 1
                missing -= 1
            }
        }
        return moves
    }
}
