import Fleet
import Simulation

/// Builds the `DashboardModel` from the fleet state: the world, its alert book and the policy
/// set. Pure: it reads values and returns values.
///
/// - Complexity: one pass over the cars reading numbers only (`FleetScan`: totals, histories,
///   and with `.screen` the filter and sort keys), O(m log m) to sort the m cars the filter
///   matches, O(alerts), and a full `VehicleRow` for each car on screen (`.screen`: a table's
///   height, or the detail's car) or for every car (`.all`, for the exports); plus O(pairs) for
///   the detail of one car. With `.screen`, 100,000 cars cost about 40 ms a frame in a release
///   build (0.55 s with every car's row built, filtered and sorted as rows).
/// How drivers' names are written on screen.
public enum NameScript: String, CaseIterable, Hashable, Sendable {
    /// As the scenario writes them: "王伟 Wang Wei" where there is room.
    case native
    /// Latin letters only: "Wang Wei".
    case romanised
}

public struct ModelBuilder: Sendable {
    public var scenarioName: String
    /// Closed alerts shown after the open ones (newest first).
    public var recentAlertLimit = 50
    /// How the screen writes drivers' names: as in the scenario (Chinese characters with their
    /// romanisation), or in Latin letters only for outputs that cannot draw Chinese (`--ascii`,
    /// the Linux console). The data exports always carry both forms.
    public var names: NameScript = .native

    /// Which cars get a full `VehicleRow` (with its text, destinations and history).
    public enum Rows: Hashable, Sendable {
        /// Every car, in fleet order, and the map's dots: what the JSON and CSV exports list.
        /// The view filters and sorts the rows itself.
        case all
        /// Only the rows `DashboardView` draws for the state passed in (the table's visible
        /// rows, or the detail's car), with the table's order and scales computed from numbers
        /// (`DashboardModel.table`); the map's dots only in the map view. The screen is the same
        /// as with `.all` (tested). Render the model with that same state.
        case screen
    }

    public init(scenarioName: String) { self.scenarioName = scenarioName }

    /// The model of the monitor's fleet state as `state` shows it.
    public func build(monitor: FleetMonitor, state: DashboardState, rows: Rows) -> DashboardModel {
        build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state, rows: rows)
    }

    public func build(world: FleetWorld, alerts book: AlertBook, policies: PolicySet, state: DashboardState, rows scope: Rows) -> DashboardModel {
        let config = world.config
        let now = world.now
        let reader = FleetReader(world: world, alerts: book, policies: policies)
        let alertOrder = AlertOrder(sort: state.alertSort, descending: state.alertDescending)
        // A screen's list explains only the alerts it opens (a car's detail; one alert's view
        // builds its own): at a million cars thousands are open, each sentence rendered.
        var detailCar: Int?
        if case .detail(let v) = state.view { detailCar = v }
        let alertRows = alertList(book: book, world: world, order: alertOrder, explained: scope == .all, explainedCar: detailCar)
        var needs = FleetScan.Needs()
        if scope == .screen {
            needs.order = (state.query, state.sort, state.descending)
            needs.search = state.search.isEmpty ? nil : state.search
            needs.driverWidth = state.view == .fleet
            needs.romanisedNames = names == .romanised
        }
        needs.map = scope == .all || state.view == .map
        let scan = FleetScan(reader: reader, needs: needs)

        let aggregates = world.aggregates
        let window = MeterWindow.rateSeconds
        // The unknown region, service and country of a source run are rows once they hold
        // something (docs/source.md, "Unmapped records"); before that the model is a run's
        // without them, and a flow log read back gives the simulated snapshot exactly.
        let unknownRegion = config.unknownRegionIndex.flatMap { world.unknownCarCount > 0 ? nil : $0 }
        let regions = config.regions.enumerated().filter { $0.offset != unknownRegion }.map { i, r in
            let t = aggregates.byRegion[i], w = aggregates.regionWindow(i, at: now)
            var cross: UInt64 = 0
            for (j, c) in world.countries.enumerated() where r.market.isAbroad(c) { cross &+= aggregates.byRegionAndCountry[i][j].bytes }
            var summary = RegionSummary(
                id: r.id, name: r.name, market: r.market, cars: scan.regionCars[i], driving: scan.regionDriving[i],
                restrictedCars: scan.regionRestricted[i], upRate: w.upRate, downRate: w.downRate, bytes: t.bytes,
                crossBorderBytes: cross, openAlerts: scan.regionAlerts[i], history: scan.regionHistory[i])
            summary.windowUp = w.up
            summary.windowDown = w.down
            summary.upBytes = t.bytesUp
            summary.downBytes = t.bytesDown
            // Unknown cars have no place, so no clock.
            summary.localTimes = r.market == .unknown ? [] : LocalClock.clocks(of: r, calendar: world.calendar, at: now)
            return summary
        }

        let totalBytes = max(1, aggregates.all.bytes)
        func traffic(_ key: String, _ t: TrafficTotals, _ w: WindowBytes) -> CountryShare.Traffic {
            CountryShare.Traffic(key: key, upBytes: t.bytesUp, downBytes: t.bytesDown, flows: t.flows, windowUp: w.up, windowDown: w.down)
        }
        var countries: [CountryShare] = []
        for (i, country) in world.countries.enumerated() {
            let t = aggregates.byCountry[i], w = aggregates.countryWindow(i, at: now)
            if country == .unknown, t.flows == 0 { continue }
            var share = CountryShare(
                country: country, name: Self.countryName(country), bytes: t.bytes, rate: w.rate,
                share: Double(t.bytes) / Double(totalBytes))
            share.traffic = traffic(country.rawValue, t, w)
            countries.append(share)
        }
        countries.sort { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.country < $1.country }
        let services = config.services.enumerated().filter { i, s in
            i != config.unknownServiceIndex || aggregates.byService[i].flows > 0
        }.map { i, s in
            ServiceShare(service: s.id, name: s.name, country: s.country,
                         traffic: traffic(s.id.rawValue, aggregates.byService[i], aggregates.serviceWindow(i, at: now)))
        }
        let categories = DataCategory.allCases.map { c in
            traffic(c.rawValue, aggregates.byCategory[c.index], aggregates.categoryWindow(c, at: now))
        }

        var openAlerts: [Severity: Int] = [:]
        for s in Severity.allCases { openAlerts[s] = book.openCount(s) }
        var states: [String: Int] = [:]
        for s in CarState.allCases where scan.states[Int(s.rawValue)] > 0 { states[s.description] = scan.states[Int(s.rawValue)] }
        let all = aggregates.allWindow(at: now)
        var fleet = FleetSummary(
            cars: scan.cars, states: states, upRate: all.upRate, downRate: all.downRate, upBytes: aggregates.all.bytesUp,
            downBytes: aggregates.all.bytesDown, restrictedCars: scan.restrictedCars, openAlerts: openAlerts, history: scan.history)
        var unacknowledged: [Severity: Int] = [:]
        for s in Severity.allCases { unacknowledged[s] = book.unacknowledgedCount(s) }
        fleet.unacknowledgedAlerts = unacknowledged
        fleet.windowUp = all.up
        fleet.windowDown = all.down

        var rows: [VehicleRow] = []
        var table: VehicleTable?
        switch scope {
        case .all:
            rows.reserveCapacity(scan.cars)
            // Removed cars too: their bytes stay in every total, so their records stay in the exports.
            for i in 0..<world.carCount { rows.append(row(reader, car: i)) }
        case .screen:
            let order = scan.order()
            var t = VehicleTable(
                order: order, fleetCount: scan.cars, meterScale: scan.meterScale, driverWidth: scan.driverWidth,
                query: state.query, sort: state.sort, descending: state.descending)
            t.search = state.search
            t.searchMatches = scan.searchHits.isEmpty ? [] : order.filter { scan.searchHits[$0] }
            table = t
            if state.view == .fleet {
                let alertCount = DashboardView.alertsShown(state: state, alerts: alertRows, visible: order).count
                let window = DashboardView.tableWindow(
                    state: state, regionCount: regions.count, alertCount: alertCount, order: order, searchMatches: t.searchMatches)
                rows = window.map { row(reader, car: order[$0]) }
            } else if state.view == .map {
                // The map names the selected and the pointed-at car: their rows only.
                var named = state.selectedPosition(in: order, searchMatches: t.searchMatches).map { [order[$0]] } ?? []
                if case .vehicle(let v) = state.highlight, !named.contains(v), v >= 0, v < world.carCount { named.append(v) }
                rows = named.sorted().map { row(reader, car: $0) }
            }
        }
        var detail: VehicleDetail?
        if case .detail(let v) = state.view, v >= 0, v < world.carCount, world.isActive(v) {
            let carRow = DashboardView.row(of: v, in: rows) ?? row(reader, car: v)
            if scope == .screen { rows = [carRow] }
            detail = vehicleDetail(world: world, row: carRow, alerts: alertRows.filter { $0.vehicle == v })
        }
        var model = DashboardModel(
            scenarioName: scenarioName, seed: config.seed, clock: now,
            wallClockLabel: Self.calendarLabel(start: config.start, at: now), fleet: fleet, regions: regions,
            countries: countries, vehicles: rows, alerts: alertRows, detail: detail,
            map: mapModel(world: world, dots: scan.dots, basemap: needs.map), table: table, services: services, categories: categories,
            rateWindowSeconds: window, scenarioClock: ScenarioClock(start: config.start))
        model.alertLog = AlertLogSummary(book: book, recentLimit: recentAlertLimit)
        model.calendar = world.calendar
        if scope == .all || state.view == .compliance { model.compliance = book.compliance(world: world) }
        switch state.view {
        case .alerts: model.alertHistory = alertHistory(book: book, world: world, order: alertOrder)
        case .alert(let id): model.openedAlert = alertDetail(id: id, book: book, world: world, policies: policies)
        default: break
        }
        return model
    }

    /// One car's full row: its text, destinations, category rates and history.
    func row(_ reader: FleetReader, car i: Int) -> VehicleRow {
        let world = reader.world
        let services = reader.services, countryOfService = reader.countryOfService
        let car = world.car(i)
        let m = car.meter
        let restricted = reader.isRestricted(i)
        var top: CategoryServiceTotal?
        var countries: [Country] = []
        var cross = false
        for pair in m.byCategoryAndService where Int(pair.service) < services.count {
            if top == nil { top = pair }  // pairs come largest first
            let country = countryOfService[Int(pair.service)]
            if !countries.contains(country) { countries.append(country) }
            if car.market.isAbroad(country) { cross = true }
        }
        countries.sort()
        let topService = top.map { services[Int($0.service)] }
        let historySeconds = max(1, world.config.meters.historySeconds)
        let seconds = MeterWindow.rateSeconds
        let window = reader.meters.windowBytes(car: i, seconds: seconds, at: reader.now)
        let categoryWindow = reader.meters.categoryWindowBytes(car: i, at: reader.now)
        var r = VehicleRow(
            index: i, vin: Self.name(world, car: i), model: Self.modelName(world, car: i), market: car.market, region: car.region,
            state: car.state.description,
            driverName: names == .romanised ? FleetReader.romanised(car.driver) ?? car.driver.name : car.driver.name,
            driverRomanised: names == .romanised ? nil : FleetReader.romanised(car.driver),
            userClass: car.driver.userClass, restricted: restricted, zone: car.zone,
            rate: window.rate, upRate: window.upRate, downRate: window.downRate,
            categoryRates: categoryWindow.map { MeterWindow.rate(bytes: $0, seconds: seconds) }, totalBytes: m.totalUp &+ m.totalDown,
            topService: topService?.id, topServiceName: topService?.name, topCountry: topService?.country,
            crossBorder: cross, countries: countries, openAlerts: reader.openCount[i], maxSeverity: reader.openSeverity[i],
            history: m.history.map { Double($0) / historySeconds })
        r.windowUp = window.up
        r.windowDown = window.down
        r.regionName = reader.regions[world.regionIndex(of: i)].name
        r.categoryWindowBytes = categoryWindow
        r.categoryBytes = reader.meters.categoryTotals(car: i)
        r.active = world.isActive(i)
        r.address = world.address(of: i).description
        return r
    }

    /// The alert panel's list: the open alerts, then the most recent `recentAlertLimit` closed
    /// ones, each group in `order` (by default newest first: the exports' order). Without
    /// `explained`, a row's `explanation` is empty (a screen's list does not show it) but for
    /// the alerts of `explainedCar` (the car whose detail is shown).
    func alertList(
        book: AlertBook, world: FleetWorld, order: AlertOrder = AlertOrder(), explained: Bool = true, explainedCar: Int? = nil
    ) -> [AlertRow] {
        func row(_ a: Alert) -> AlertRow { alertRow(a, world: world, explained: explained || Int(a.vehicle) == explainedCar) }
        let open = book.openAlerts.map(row)
        let closed = book.log.suffix(recentAlertLimit).map(row)
        return order.sorted(open) + order.sorted(closed)
    }

    /// The history view's list: every alert the book keeps (the open ones and the closed-alert
    /// log, which holds the newest `log-size`), those `include` lets through, in `order`.
    /// `include` is where a filter of alerts plugs in; the list shown is the list `A`,
    /// acknowledge-all and Enter act on.
    /// - Complexity: O(n log n) for the n alerts kept; built only while the history shows.
    public func alertHistory(
        book: AlertBook, world: FleetWorld, order: AlertOrder, where include: (AlertRow) -> Bool = { _ in true }
    ) -> [AlertRow] {
        var rows: [AlertRow] = []
        rows.reserveCapacity(book.openCount + book.log.count)
        for a in book.openAlerts { let r = alertRow(a, world: world); if include(r) { rows.append(r) } }
        for a in book.log { let r = alertRow(a, world: world); if include(r) { rows.append(r) } }
        return order.sorted(rows)
    }

    /// The alert with `id` in full, while the book keeps it (open, or in the closed-alert log).
    func alertDetail(id: UInt64, book: AlertBook, world: FleetWorld, policies: PolicySet) -> AlertDetail? {
        guard let a = book.alert(id: id) else { return nil }
        let v = Int(a.vehicle)
        var detail = AlertDetail(alert: alertRow(a, world: world))
        if policies.rules.indices.contains(a.rule) {
            let rule = policies.rules[a.rule]
            detail.ruleCondition = rule.match.phrase
            detail.caseCount = rule.severities.count
            detail.caseNumber = a.severityCase + 1
            if rule.severities.indices.contains(a.severityCase) { detail.caseCondition = rule.severities[a.severityCase].when.phrase }
        }
        if v >= 0, v < world.carCount {
            let car = world.car(v)
            detail.carModel = "\(car.model.displayName) \(car.modelYear)"
            detail.carActive = world.isActive(v)
        }
        detail.zoneName = a.facts.zone.flatMap { z in world.config.zones.first { $0.id == z }?.name }
        return detail
    }

    /// One alert as the lists and the exports show it.
    func alertRow(_ a: Alert, world: FleetWorld, explained: Bool = true) -> AlertRow {
        let f = a.facts
        let d = f.driver
        let romanised = names == .romanised
        let driver = d.romanized.isEmpty || d.romanized == d.name || romanised
            ? "\(romanised && !d.romanized.isEmpty ? d.romanized : d.name) (\(d.userClass))" : "\(d.name) (\(d.romanized), \(d.userClass))"
        return AlertRow(
            id: a.id, severity: a.severity, ruleID: a.ruleID, title: a.title, source: a.source,
            vehicle: Int(a.vehicle), vin: (f.vin ?? world.vin(of: Int(a.vehicle))).description, driver: driver, userClass: f.userClass, category: f.category,
            service: f.serviceName, country: f.destinationCountry, bytes: a.bytes, count: Int(clamping: a.count),
            start: a.start, lastSeen: a.lastSeen, end: a.closedAt, acknowledged: a.acknowledged, zone: f.zone,
            position: f.position, explanation: explained ? a.explanation(romanised: romanised) : "", breakdown: a.breakdown,
            shortLabel: a.shortLabel)
    }

    /// What names a car where its VIN stands (the table, the detail, the filter's `vin:`):
    /// its VIN; for an unknown car, which has none, its address.
    public static func name(_ world: FleetWorld, car: Int) -> String {
        world.isUnknown(car) ? world.address(of: car).description : world.vin(of: car).description
    }

    /// The car's model as rows show it ("Model Y"); an unknown car's is not known, and the car
    /// that takes the unknown addresses past the limit says so.
    static func modelName(_ world: FleetWorld, car: Int) -> String {
        guard world.isUnknown(car) else { return world.model(of: car).displayName }
        return car == world.otherUnknownCar ? "other unknown cars" : "unknown"
    }

    public static func countryName(_ c: Country) -> String {
        switch c.rawValue {
        case Country.unknown.rawValue: "unknown"
        case "CN": "China"
        case "US": "United States"
        case "IE": "Ireland"
        case "SG": "Singapore"
        case "DE": "Germany"
        case "NL": "Netherlands"
        case "JP": "Japan"
        default: c.rawValue
        }
    }

    /// `2026-11-30 08:15` for the simulated time `at` from the scenario's start.
    static func calendarLabel(start: StartDate, at time: SimTime) -> String {
        ScenarioClock(start: start).label(at: time)
    }
}
