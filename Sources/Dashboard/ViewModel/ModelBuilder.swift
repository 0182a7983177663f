import Fleet
import Simulation

/// Builds the `DashboardModel` from the fleet state: the world, its alert book and the policy
/// set. Pure: it reads values and returns values.
///
/// - Complexity: O(cars) per frame (every car's row is built so the table can filter and sort
///   the whole fleet), plus O(pairs) for the detail of one car.
public struct ModelBuilder {
    public var scenarioName: String
    /// Closed alerts shown after the open ones (newest first).
    public var recentAlertLimit = 50

    public init(scenarioName: String) { self.scenarioName = scenarioName }

    /// The model of the monitor's fleet state as `state` shows it.
    public func build(monitor: FleetMonitor, state: DashboardState) -> DashboardModel {
        build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies, state: state)
    }

    public func build(world: FleetWorld, alerts book: AlertBook, policies: PolicySet, state: DashboardState) -> DashboardModel {
        let config = world.config
        let now = world.now
        let services = config.services
        let countryOfService = services.map(\.country)

        // Alerts by car: count and highest severity of the open ones.
        var openByCar: [Int: (count: Int, severity: Int)] = [:]
        for a in book.openAlerts {
            let v = Int(a.vehicle)
            let old = openByCar[v] ?? (0, 0)
            openByCar[v] = (old.count + 1, max(old.severity, a.severity.rank + 1))
        }

        var rows: [VehicleRow] = []
        rows.reserveCapacity(world.carCount)
        var positions: [GeoPoint] = []  // per row, for the map
        positions.reserveCapacity(world.carCount)
        var regionIndex: [RegionID: Int] = [:]
        for (i, r) in config.regions.enumerated() { regionIndex[r.id] = i }
        var regionCars = Array(repeating: 0, count: config.regions.count)
        var regionDriving = regionCars, regionRestricted = regionCars, regionAlerts = regionCars
        var regionUp = Array(repeating: 0.0, count: config.regions.count), regionDown = regionUp
        var regionCross = Array(repeating: UInt64(0), count: config.regions.count)
        var regionHistory = Array(repeating: [Double](), count: config.regions.count)
        var fleetHistory: [Double] = []
        var upRate = 0.0, downRate = 0.0, upBytes: UInt64 = 0, downBytes: UInt64 = 0, restrictedCars = 0
        var states: [String: Int] = [:]
        let historySeconds = max(1, config.meters.historySeconds)

        for i in 0..<world.carCount where world.isActive(i) {
            let car = world.car(i)
            let m = car.meter
            let restricted = policies.isRestricted(car.driver.userClass)
            var top: CategoryServiceTotal?
            var countries: [Country] = []
            var cross = false
            var crossBytes: UInt64 = 0
            for pair in m.byCategoryAndService where Int(pair.service) < services.count {
                if top == nil { top = pair }  // pairs come largest first
                let country = countryOfService[Int(pair.service)]
                if !countries.contains(country) { countries.append(country) }
                if country != car.market.country {
                    cross = true
                    crossBytes &+= pair.bytes
                }
            }
            countries.sort()
            let topService = top.map { services[Int($0.service)] }
            let history = m.history.map { Double($0) / historySeconds }
            let alerts = openByCar[i] ?? (0, 0)
            let row = VehicleRow(
                index: i, vin: car.vin.description, model: car.model.displayName, market: car.market, region: car.region,
                state: car.state.description, driverName: car.driver.name,
                driverRomanised: car.driver.romanized == car.driver.name || car.driver.romanized.isEmpty ? nil : car.driver.romanized,
                userClass: car.driver.userClass, restricted: restricted, zone: car.zone,
                rate: m.up.tenSeconds + m.down.tenSeconds, upRate: m.up.tenSeconds, downRate: m.down.tenSeconds,
                categoryRates: world.meters.categoryRates(car: i, at: now), totalBytes: m.totalUp &+ m.totalDown,
                topService: topService?.id, topServiceName: topService?.name, topCountry: topService?.country,
                crossBorder: cross, countries: countries, openAlerts: alerts.count, maxSeverity: alerts.severity,
                history: history)
            rows.append(row)
            positions.append(car.position)

            states[car.state.description, default: 0] += 1
            upRate += row.upRate
            downRate += row.downRate
            upBytes &+= m.totalUp
            downBytes &+= m.totalDown
            if restricted { restrictedCars += 1 }
            Self.addHistory(history, into: &fleetHistory)
            if let r = regionIndex[car.region] {
                regionCars[r] += 1
                if car.state == .driving { regionDriving[r] += 1 }
                if restricted { regionRestricted[r] += 1 }
                regionAlerts[r] += alerts.count
                regionUp[r] += row.upRate
                regionDown[r] += row.downRate
                regionCross[r] &+= crossBytes
                Self.addHistory(history, into: &regionHistory[r])
            }
        }

        let regions = config.regions.enumerated().map { i, r in
            RegionSummary(
                id: r.id, name: r.name, market: r.market, cars: regionCars[i], driving: regionDriving[i],
                restrictedCars: regionRestricted[i], upRate: regionUp[i], downRate: regionDown[i],
                bytes: world.aggregates.byRegion.indices.contains(i) ? world.aggregates.byRegion[i].bytes : 0,
                crossBorderBytes: regionCross[i], openAlerts: regionAlerts[i], history: regionHistory[i])
        }

        let tau = config.meters.aggregateTauSeconds
        let totalBytes = max(1, world.aggregates.byCountry.reduce(UInt64(0)) { $0 &+ $1.bytes })
        let countries = zip(world.countries, world.aggregates.byCountry)
            .map { country, t in
                CountryShare(
                    country: country, name: Self.countryName(country), bytes: t.bytes, rate: t.rate(at: now, tau: tau),
                    share: Double(t.bytes) / Double(totalBytes))
            }
            .sorted { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.country < $1.country }

        var openAlerts: [Severity: Int] = [:]
        for s in Severity.allCases { openAlerts[s] = book.openCount(s) }
        let fleet = FleetSummary(
            cars: rows.count, states: states, upRate: upRate, downRate: downRate, upBytes: upBytes, downBytes: downBytes,
            restrictedCars: restrictedCars, openAlerts: openAlerts, history: fleetHistory)

        let alertRows = alertList(book: book, world: world)
        var detail: VehicleDetail?
        if case .detail(let v) = state.view, v >= 0, v < world.carCount, let row = rows.first(where: { $0.index == v }) {
            detail = vehicleDetail(world: world, row: row, alerts: alertRows.filter { $0.vehicle == v })
        }
        return DashboardModel(
            scenarioName: scenarioName, seed: config.seed, clock: now,
            wallClockLabel: Self.calendarLabel(start: config.start, at: now), fleet: fleet, regions: regions,
            countries: countries, vehicles: rows, alerts: alertRows, detail: detail,
            map: mapModel(world: world, rows: rows, positions: positions))
    }

    /// Open alerts newest first, then the most recent closed ones.
    func alertList(book: AlertBook, world: FleetWorld) -> [AlertRow] {
        let open = book.openAlerts.sorted { $0.start != $1.start ? $0.start > $1.start : $0.id > $1.id }
        let closed = Array(book.log.suffix(recentAlertLimit).reversed())
        return (open + closed).map { a in
            let f = a.facts
            let d = f.driver
            let driver = d.romanized.isEmpty || d.romanized == d.name
                ? "\(d.name) (\(d.userClass))" : "\(d.name) (\(d.romanized), \(d.userClass))"
            return AlertRow(
                id: a.id, severity: a.severity, ruleID: a.ruleID, title: a.title, source: a.source,
                vehicle: Int(a.vehicle), vin: (f.vin ?? world.vin(of: Int(a.vehicle))).description, driver: driver, userClass: f.userClass, category: f.category,
                service: f.serviceName, country: f.destinationCountry, bytes: a.bytes, count: Int(clamping: a.count),
                start: a.start, lastSeen: a.lastSeen, end: a.closedAt, acknowledged: a.acknowledged, zone: f.zone,
                position: f.position, explanation: a.explanation)
        }
    }

    /// Adds a history into a running sum aligned on the newest sample.
    static func addHistory(_ h: [Double], into sum: inout [Double]) {
        if sum.count < h.count { sum = Array(repeating: 0, count: h.count - sum.count) + sum }
        let offset = sum.count - h.count
        for (j, v) in h.enumerated() { sum[offset + j] += v }
    }

    static func countryName(_ c: Country) -> String {
        switch c.rawValue {
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
        let day = CalendarDay(start: start, at: time)
        let seconds = Int((start.hour * 3600 + time.seconds).rounded(.down)) % 86_400
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day.year)-\(two(day.month))-\(two(day.day)) \(two(seconds / 3600)):\(two(seconds / 60 % 60))"
    }
}
