import Geography
import Simulation

extension FleetState {
    /// Splits `total` by `weights` with the largest-remainder method, so that small shares such
    /// as 1.5 % military still get their cars in a fleet of a few hundred, for every seed.
    static func apportion(_ total: Int, weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { Double(total) * $0 / sum }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        for i in order.prefix(total - counts.reduce(0, +)) { counts[i] += 1 }
        return counts
    }

    /// Creates the initial fleet: `fleetSize` cars split between regions by share.
    mutating func buildFleet(at now: SimTime, simulator: inout Simulator<FleetEvent>) {
        beginBuild(at: now)
        _ = continueBuild(cars: .max, simulator: &simulator)
    }

    /// Starts building the initial fleet without building any car: `continueBuild` builds it a
    /// slice at a time (the live dashboard draws its first frame before a million cars exist).
    /// The cars are the same, drawn in the same order, however the build is sliced.
    mutating func beginBuild(at now: SimTime) {
        let perRegion = Self.apportion(config.fleetSize, weights: config.regions.map(\.fleetShare))
        reserve(config.fleetSize)
        pendingBuild = FleetBuild(at: now, perRegion: perRegion, total: config.fleetSize)
    }

    /// Builds up to `limit` more cars of the initial fleet; returns true when it is whole.
    mutating func continueBuild(cars limit: Int, simulator: inout Simulator<FleetEvent>) -> Bool {
        guard var build = pendingBuild else { return true }
        pendingBuild = nil
        var left = limit
        while left > 0 {
            if build.batch == nil {
                guard let r = build.regionToStart else { break }
                build.nextRegion = r + 1
                build.batch = startBatch(region: r, count: build.perRegion[r], at: build.at)
            }
            let before = build.batch!.next
            addCars(&build.batch!, upTo: left, at: build.at, simulator: &simulator)
            left -= build.batch!.next - before
            if build.batch!.isDone { build.batch = nil }
        }
        if build.batch != nil || build.regionToStart != nil {
            pendingBuild = build
            return false
        }
        return true
    }

    mutating func reserve(_ n: Int) {
        vin.reserveCapacity(n); model.reserveCapacity(n); modelYear.reserveCapacity(n); area.reserveCapacity(n)
        prcLinked.reserveCapacity(n); appService.reserveCapacity(n)
        market.reserveCapacity(n); home.reserveCapacity(n); work.reserveCapacity(n); batteryKWh.reserveCapacity(n)
        driverName.reserveCapacity(n); driverClass.reserveCapacity(n); active.reserveCapacity(n)
        state.reserveCapacity(n); battery.reserveCapacity(n); position.reserveCapacity(n); zone.reserveCapacity(n)
        at.reserveCapacity(n); tripOrigin.reserveCapacity(n); tripDestination.reserveCapacity(n)
        tripStart.reserveCapacity(n); tripEnd.reserveCapacity(n); tripKind.reserveCapacity(n)
        tripEntry.reserveCapacity(n); tripExit.reserveCapacity(n); tripMeters.reserveCapacity(n)
        chargeStart.reserveCapacity(n); chargeKW.reserveCapacity(n); lastTick.reserveCapacity(n)
        lastActivity.reserveCapacity(n); epoch.reserveCapacity(n); tickEpoch.reserveCapacity(n)
        backlog.reserveCapacity(n * DataCategory.count)
        lifeDraws.reserveCapacity(n); flowDraws.reserveCapacity(n)
        meters.reserveCapacity(cars: n)
    }

    /// Adds `count` cars to region `r`, homed in its areas, with classes by quota (shuffled).
    mutating func addCars(region r: Int, count n: Int, at now: SimTime, simulator: inout Simulator<FleetEvent>) {
        var batch = startBatch(region: r, count: n, at: now)
        addCars(&batch, upTo: n, at: now, simulator: &simulator)
    }

    /// Cars being added to one region: what is drawn once for all of them (the classes by
    /// quota, shuffled), and how many have been added.
    struct CarBatch: Sendable {
        let region: Int
        let count: Int
        let areas: [Int]
        let areaChoice: WeightedChoice?
        let modelChoice: WeightedChoice?
        let classes: [UInt16]
        var next = 0
        var isDone: Bool { next >= count }
    }

    /// The draws made once for a batch of `n` cars in region `r`, before any of its cars.
    mutating func startBatch(region r: Int, count n: Int, at now: SimTime) -> CarBatch {
        updateZoneSeasons(at: now)
        let region = config.regions[r]
        let regionAreas = areas.indices.filter { areas[$0].region == r }
        var classes: [UInt16] = []
        for (share, k) in zip(region.classMix, Self.apportion(n, weights: region.classMix.map(\.percent))) {
            let c = UInt16(classIndex(share.userClass))
            classes += repeatElement(c, count: k)
        }
        for i in stride(from: classes.count - 1, to: 0, by: -1) { classes.swapAt(i, rng.index(below: i + 1)) }
        return CarBatch(
            region: r, count: n, areas: regionAreas, areaChoice: WeightedChoice(weights: regionAreas.map { areas[$0].config.share }),
            modelChoice: WeightedChoice(weights: region.models.map(\.share)), classes: classes)
    }

    /// Adds the batch's next cars, at most `limit` of them.
    mutating func addCars(_ batch: inout CarBatch, upTo limit: Int, at now: SimTime, simulator: inout Simulator<FleetEvent>) {
        let r = batch.region
        let region = config.regions[r]
        let regionAreas = batch.areas
        let b = config.behaviour
        let mIndex = UInt8(marketIndex(region.market))
        let end = batch.count - batch.next <= limit ? batch.count : batch.next + limit
        for k in batch.next..<end {
            let car = count
            let a = regionAreas[batch.areaChoice?.draw(using: &rng) ?? 0]
            let homePoint = areas[a].point(in: areas[a].residential, areas[a].residentialChoice, rng: &rng) ?? areas[a].config.bounds.center
            let workPoint = areas[a].point(in: areas[a].work, areas[a].workChoice, near: homePoint, rng: &rng) ?? homePoint
            let m = region.models[batch.modelChoice?.draw(using: &rng) ?? 0]
            let year = region.modelYears.lowerBound + rng.index(below: region.modelYears.count)
            let f = Factory.allCases.firstIndex(of: m.factory) ?? 0
            vinSerial[f] += 1 + rng.index(below: 40)
            let carVIN = VIN.make(factory: m.factory, model: m.model, year: year, dualMotor: rng.bernoulli(0.6), serial: vinSerial[f])
            // Drawn only for covered years, so fleets without such cars keep their random stream.
            let linked = year >= region.prcLinkedFromModelYear && region.prcLinkedShare > 0 && rng.bernoulli(region.prcLinkedShare)
            let app = drawApp(region: r)
            let chinese = region.chineseNames
            let surname = rng.index(below: chinese ? NameTables.chineseSurnames.count : NameTables.englishLastNames.count)
            let given = rng.index(below: chinese ? NameTables.chineseGivenNames.count : NameTables.englishFirstNames.count)
            let awake = rng.bernoulli(b.initialAwakeShare)
            let charge = b.initialBattery.lowerBound + (b.initialBattery.upperBound - b.initialBattery.lowerBound) * rng.uniform()
            appendCar(
                vin: carVIN, model: m.model, modelYear: UInt16(year), prcLinked: linked, appService: app, area: a, market: mIndex,
                home: homePoint, work: workPoint, batteryKWh: Float(m.batteryKWh),
                driverName: NameTables.pack(chinese: chinese, surname: surname, given: given),
                driverClass: k < batch.classes.count ? batch.classes[k] : UInt16(0), state: awake ? .parked : .asleep, battery: charge, at: now.nanoseconds)
            // The car has been at home for a while: its first trip comes after a residual dwell
            // (in profile time, so a fleet started at night waits for the morning). From here
            // on the car draws from its own stream.
            var life = generator(car: car, .life)
            let firstTrip = life.uniform() * dwell(.home, rng: &life)
            simulator.schedule(FleetEvent(car: UInt32(car), kind: .depart, epoch: 0),
                               at: departure(area: a, from: now, dwell: firstTrip))
            if awake {
                simulator.schedule(FleetEvent(car: UInt32(car), kind: .tick, epoch: 0), at: now + .nanoseconds(tickNanoseconds))
                simulator.schedule(FleetEvent(car: UInt32(car), kind: .sleep, epoch: 0),
                                   at: now + .seconds(life.uniform() * b.sleepAfterSeconds))
            }
            store(life, car: car, .life)
        }
        batch.next = end
    }

    /// Appends one car to every per-car column, at home at `now` (nanoseconds), with no trip,
    /// charge or pending data: the one place the columns grow, for simulated cars (`addCars`)
    /// and recorded ones (`addRecordedCars`) alike.
    mutating func appendCar(
        vin carVIN: VIN, model carModel: CarModel, modelYear year: UInt16, prcLinked linked: Bool, appService app: UInt16,
        area a: Int, market m: UInt8, home homePoint: GeoPoint, work workPoint: GeoPoint, batteryKWh kWh: Float,
        driverName name: UInt32, driverClass c: UInt16, state s: CarState, battery charge: Double, at now: Int64
    ) {
        vin.append(carVIN)
        model.append(carModel)
        modelYear.append(year)
        prcLinked.append(linked)
        appService.append(app)
        area.append(UInt16(a))
        market.append(m)
        home.append(homePoint)
        work.append(workPoint)
        batteryKWh.append(kWh)
        driverName.append(name)
        driverClass.append(c)
        active.append(true)
        state.append(s)
        battery.append(charge)
        position.append(homePoint)
        zone.append(zoneIndex(at: homePoint))
        at.append(.home)
        tripOrigin.append(homePoint); tripDestination.append(homePoint)
        tripStart.append(now); tripEnd.append(now)
        tripKind.append(.home)
        tripEntry.append(Self.offRoad); tripExit.append(Self.offRoad); tripMeters.append(0)
        chargeStart.append(now); chargeKW.append(0)
        lastTick.append(now)
        lastActivity.append(now)
        epoch.append(0); tickEpoch.append(0)
        backlog += repeatElement(0, count: DataCategory.count)
        lifeDraws.append(0); flowDraws.append(0)
        meters.append(cars: 1)
    }

    /// The third-party telemetry app of a new car in region `r`, or `noApp`; drawn from
    /// `traitRNG`, so the main stream (VINs, homes, trips) is the same with or without apps.
    mutating func drawApp(region r: Int) -> UInt16 {
        let apps = regionApps[r]
        guard !apps.isEmpty else { return Self.noApp }
        let u = traitRNG.uniform()
        return apps.first { u < $0.upTo }?.service ?? Self.noApp
    }

    /// A dwell time in seconds at a kind of destination (lognormal around the configured mean),
    /// drawn from `rng` (the car's life stream).
    func dwell(_ kind: DestinationKind, rng: inout CounterGenerator) -> Double {
        let h = config.behaviour.dwellHours
        let hours: Double = switch kind {
        case .home: h.home
        case .work: h.work
        case .poi, .scripted: h.poi
        case .charger: h.charger
        case .zone: h.zone
        }
        return rng.lognormal(mean: hours * 3600, sigma: config.behaviour.dwellSigma)
    }
}

/// The initial fleet while it is being built a slice at a time (`FleetState.beginBuild`).
struct FleetBuild: Sendable {
    let at: SimTime
    let perRegion: [Int]
    let total: Int
    var nextRegion = 0
    var batch: FleetState.CarBatch?

    /// The next region with cars whose batch has not started, if any.
    var regionToStart: Int? { perRegion.indices.first { $0 >= nextRegion && perRegion[$0] > 0 } }

    init(at: SimTime, perRegion: [Int], total: Int) {
        self.at = at
        self.perRegion = perRegion
        self.total = total
    }
}

extension SimDuration {
    @inlinable static func nanoseconds(_ ns: Int64) -> SimDuration { SimDuration(nanoseconds: ns) }
}
