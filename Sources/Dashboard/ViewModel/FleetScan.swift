import Fleet
import Simulation

/// The one pass over every car that each frame makes: car counts per state and region, the
/// rate histories, the meter columns' scale, and (for a model of the screen) the cars the
/// filter matches with their sort keys, the widest driver cell and the map's dots. Reads
/// numbers only (window bytes, totals, the pair slots, the history ring); text is built once
/// per distinct driver name, or per car only when a filter term reads it.
///
/// Rates and bytes of the fleet and its regions are not summed here: they are the world's
/// aggregates, which count the same bucket shares as the cars (`MeterWindow`), so they equal the
/// sum over the cars exactly (a tested law). The histories are summed in fleet order with the
/// same operations as summing the cars' rows, so they are equal to the last bit (tested).
struct FleetScan {
    /// What to gather besides the totals.
    struct Needs {
        /// Filter and sort keys for the table.
        var order: (query: Query, sort: SortColumn, descending: Bool)?
        /// The search whose matches `n` and `N` go to (`searchHits`).
        var search: Query?
        /// The widest driver cell (the table is drawn).
        var driverWidth = false
        /// Names in Latin letters only (`NameScript.romanised`): the driver cell is the romanised name.
        var romanisedNames = false
        /// Every car's dot on the map.
        var map = false
    }

    /// A car's dot before it is placed in a map box.
    struct Dot {
        var car: MapCar
        var region: Int
    }

    // Totals over the active cars.
    var cars = 0
    var states = Array(repeating: 0, count: CarState.allCases.count)
    var restrictedCars = 0
    var history: [Double] = []
    // Per region (`config.regions` order).
    var regionCars: [Int], regionDriving: [Int], regionRestricted: [Int], regionAlerts: [Int]
    var regionHistory: [[Double]]
    /// Full scale of each meter column (`MeterGroup.scale` over every car).
    var meterScale = Array(repeating: 0.0, count: MeterGroup.allCases.count)
    var driverWidth = 0
    /// The cars the filter matches, unsorted; `order()` sorts them.
    var keys: [VehicleSortKey] = []
    /// By fleet index: whether the search matches the car (empty without a search).
    var searchHits: [Bool] = []
    var dots: [Dot] = []

    init(reader: FleetReader, needs: Needs) {
        let regionCount = reader.regions.count
        regionCars = Array(repeating: 0, count: regionCount)
        regionDriving = regionCars
        regionRestricted = regionCars
        regionAlerts = regionCars
        regionHistory = Array(repeating: [], count: regionCount)
        scan(reader, needs)
    }

    /// The fleet indices of the matching cars in table order.
    func order() -> [Int] { keys.sorted().map { Int($0.index) } }

    private mutating func scan(_ reader: FleetReader, _ needs: Needs) {
        let world = reader.world, meters = reader.meters, now = reader.now
        let serviceCount = reader.services.count, countryOf = reader.countryOfService
        let historySeconds = max(1, world.config.meters.historySeconds)
        let historyLength = meters.historyLength
        let filter = needs.order.flatMap { $0.query.isEmpty ? nil : $0.query }
        let ranks = needs.order.map { SortRanks(reader: reader, sort: $0.sort) }
        var driverSlot: [UInt32: Int] = [:]  // distinct driver names: their slot in `driverKeys`
        var driverKeys: [String] = []
        var rates = Array(repeating: 0.0, count: DataCategory.count)
        var categoryBytes = Array(repeating: UInt64(0), count: DataCategory.count)
        let openCount = reader.openCount, openSeverity = reader.openSeverity, restrictedClass = reader.restrictedClass
        // The car's top destination and whether it sent abroad: only a filter, a search or the
        // destination sort reads them (a walk of twelve slots a car, a tenth of a frame at a
        // million cars).
        let needsPairs = filter != nil || needs.search != nil || needs.order?.sort == .destination
        if needs.order != nil { keys.reserveCapacity(world.carCount) }
        if needs.search != nil { searchHits = Array(repeating: false, count: world.carCount) }
        if needs.map { dots.reserveCapacity(world.carCount) }

        for i in 0..<world.carCount {
            let region = world.regionIndex(of: i)
            if history.isEmpty { history = Array(repeating: 0, count: historyLength) }
            if regionHistory[region].isEmpty { regionHistory[region] = Array(repeating: 0, count: historyLength) }
            guard world.isActive(i) else {
                // A removed car's bytes stay in every total and rate, so in the histories too.
                meters.addHistory(car: i, at: now, dividedBy: historySeconds, into: &history, and: &regionHistory[region])
                continue
            }
            let state = world.state(of: i)
            let restricted = restrictedClass[world.market(of: i).index][world.userClassIndex(of: i)]
            let window = meters.windowBytes(car: i, seconds: MeterWindow.rateSeconds, at: now)
            let up = window.upRate, down = window.downRate, rate = window.rate
            let totalUp = meters.total(car: i, direction: .up), totalDown = meters.total(car: i, direction: .down)
            let alerts = openCount[i], severity = openSeverity[i]
            let market = world.market(of: i)
            var top: CategoryServiceTotal?
            var cross = false
            if needsPairs {
                meters.forEachPair(car: i) { pair in
                    guard Int(pair.service) < serviceCount else { return }
                    if top.map({ FleetReader.precedes(pair, $0) }) ?? true { top = pair }
                    if market.isAbroad(countryOf[Int(pair.service)]) { cross = true }
                }
            }

            cars += 1
            states[Int(state.rawValue)] += 1
            if restricted { restrictedCars += 1 }
            regionCars[region] += 1
            if state == .driving { regionDriving[region] += 1 }
            if restricted { regionRestricted[region] += 1 }
            regionAlerts[region] += alerts
            meters.addHistory(car: i, at: now, dividedBy: historySeconds, into: &history, and: &regionHistory[region])
            meters.categoryWindowBytes(car: i, at: now, into: &categoryBytes)
            for c in 0..<DataCategory.count { rates[c] = MeterWindow.rate(bytes: categoryBytes[c], seconds: MeterWindow.rateSeconds) }
            MeterGroup.widen(&meterScale, to: rates)

            var driver = -1
            if needs.driverWidth || needs.order?.sort == .driver {
                let id = world.driverNameID(of: i)
                if let slot = driverSlot[id] {
                    driver = slot
                } else {
                    let d = world.driver(of: i), romanised = FleetReader.romanised(d)
                    driver = driverKeys.count
                    driverSlot[id] = driver
                    driverKeys.append((romanised ?? d.name).lowercased())
                    if needs.driverWidth {
                        let cell = needs.romanisedNames
                            ? DashboardView.driverCellWidth(name: romanised ?? d.name, romanised: nil)
                            : DashboardView.driverCellWidth(name: d.name, romanised: romanised)
                        driverWidth = max(driverWidth, cell)
                    }
                }
            }
            if needs.map {
                let car = MapCar(vehicle: i, position: world.position(of: i), restricted: restricted, severity: severity, driving: state == .driving)
                dots.append(Dot(car: car, region: region))
            }
            guard let order = needs.order, let ranks else { continue }
            if filter != nil || needs.search != nil {
                let facts = CarFacts(
                    reader: reader, index: i, regionIndex: region, carState: state, restricted: restricted, upRate: up,
                    downRate: down, rate: rate, totalBytes: totalUp &+ totalDown, openAlerts: alerts, maxSeverity: severity,
                    top: top.map { Int($0.service) }, crossBorder: cross, categoryRates: rates)
                if let filter { guard filter.matches(facts: facts) else { continue } }
                if let search = needs.search { searchHits[i] = search.matches(facts: facts) }
            }
            let value: UInt64 = switch order.sort {
            case .rate: VehicleSortKey.number(rate)
            case .up: VehicleSortKey.number(up)
            case .down: VehicleSortKey.number(down)
            case .telemetry, .camera, .navigation, .media, .updates: VehicleSortKey.number(MeterGroup.allCases[order.sort.meter!].rate(of: rates))
            case .alerts: VehicleSortKey.alerts(severity: severity, count: alerts)
            case .total: totalUp &+ totalDown
            case .vin: 0
            case .driver: UInt64(driver)  // a slot for now: its rank once every name is known
            case .userClass: ranks.userClass[world.userClassIndex(of: i)]
            case .state: ranks.state[Int(state.rawValue)]
            case .destination: ranks.destination[top.map { Int($0.service) } ?? serviceCount]
            }
            // Descending is applied below for drivers, after the slots become ranks.
            let descending = order.sort == .driver ? false : order.descending
            keys.append(VehicleSortKey(value: value, vin: world.vin(of: i), index: i, sort: order.sort, descending: descending))
        }
        if let order = needs.order, order.sort == .driver {
            let rank = VehicleSortKey.ranks(driverKeys)
            for k in keys.indices {
                let r = rank[Int(keys[k].primary)]
                keys[k].primary = order.descending ? ~r : r
            }
        }
    }
}

/// Ranks of the texts the table sorts by, computed once per frame for the few distinct values
/// (user classes, states, destinations).
struct SortRanks {
    var userClass: [UInt64] = []
    var state: [UInt64] = []
    /// By service index; the last entry is for cars without a destination.
    var destination: [UInt64] = []

    init(reader: FleetReader, sort: SortColumn) {
        switch sort {
        case .userClass: userClass = VehicleSortKey.ranks(reader.world.userClasses.map(\.rawValue))
        case .state: state = VehicleSortKey.ranks(CarState.allCases.map(\.description))
        case .destination:
            destination = VehicleSortKey.ranks(
                reader.services.map { TextPair(first: $0.country.rawValue, second: $0.name) } + [TextPair(first: "", second: "")])
        case .rate, .up, .down, .alerts, .total, .vin, .driver, .telemetry, .camera, .navigation, .media, .updates: break
        }
    }
}
