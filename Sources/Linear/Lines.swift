import Dashboard
import Fleet
import Geography
import Screen
import Simulation

/// What the lines name that a row only holds by id: each car's region, each zone's name, the
/// scenario's clock.
public struct LinePlaces {
    public var clock: ScenarioClock?
    public var now: SimTime
    public var zoneNames: [ZoneID: String]
    public var regionOfCar: (Int) -> String

    public init(clock: ScenarioClock?, now: SimTime, zoneNames: [ZoneID: String], regionOfCar: @escaping (Int) -> String) {
        self.clock = clock
        self.now = now
        self.zoneNames = zoneNames
        self.regionOfCar = regionOfCar
    }

    /// "08:12:20" today, "05-25 08:10" another day, as the alert panel says it; without a
    /// scenario, the time since the start.
    public func time(_ t: SimTime) -> String {
        clock?.time(t, now: now) ?? Format.clock(t.seconds)
    }

    public func zone(_ id: ZoneID?) -> String? { id.map { Spoken.clean(zoneNames[$0] ?? $0.rawValue) } }
}

/// The sentences of the linear mode: each line whole on its own when read aloud (it names its
/// car, its region, its time), fields named, never columns; from the view model's values and
/// `Spoken`'s words only. Every line is under `maxLength` characters: data that could make it
/// longer (names, titles) is cut.
public enum Lines {
    public static let maxLength = 200
    /// The longest name, zone or caption fragment put in a line.
    static let nameLength = 60

    static func name(_ text: String) -> String {
        let t = Spoken.clean(text)
        return t.count > nameLength ? String(t.prefix(nameLength - 1)) + "…" : t
    }

    /// "car LRW…407 of Li Jianhua (military)".
    static func car(of a: AlertRow) -> String { "car \(Spoken.vin(a.vin)) of \(name(a.driver))" }

    static func destination(_ a: AlertRow) -> String {
        "\(name(a.service)), \(ModelBuilder.countryName(a.country))"
    }

    /// One alert event: "08:12:20 Shanghai: alert 12 raised, CN-2 high: car LRW…407 of Li
    /// Jianhua (key-soe) sent 115 megabytes of camera clip from People's Square to Tesla AI
    /// training, United States."
    public static func alert(_ event: AlertEvent, places: LinePlaces) -> String {
        let a = event.alert
        let head = "\(places.time(event.time)) \(name(places.regionOfCar(a.vehicle))): alert \(a.id)"
        let rule = name(a.ruleID)
        let zoneName = places.zone(a.zone).map(name)
        let line: String
        switch event {
        case .raised:
            // The destination is the sentence's point: where a zone's full name would push it
            // past the line's length, the zone is named by its last part ("Shanghai municipal
            // government, People's Square" → "People's Square").
            func sentence(_ zone: String?) -> String {
                "\(head) raised, \(rule) \(a.severity.rawValue): \(car(of: a)) sent \(Spoken.bytes(a.bytes)) of "
                    + "\(a.category.displayName)\(zone.map { " from \($0)" } ?? "") to \(destination(a))."
            }
            let full = sentence(zoneName)
            if full.count < maxLength { line = full } else {
                let short = zoneName.map { z in z.split(separator: ",").last.map { $0.trimmingPrefix(" ") }.map(String.init) ?? z }
                line = sentence(short)
            }
        case .escalated(_, let from):
            line = "\(head) escalated from \(from.rawValue) to \(a.severity.rawValue), \(rule): \(car(of: a)), "
                + "\(Spoken.bytes(a.bytes)) in \(Spoken.count(a.count, "flow")) so far."
        case .closed:
            line = "\(head) closed, \(rule) \(a.severity.rawValue): \(car(of: a)) sent \(Spoken.bytes(a.bytes)) in "
                + "\(Spoken.count(a.count, "flow")) over \(Spoken.duration((a.lastSeen - a.start).seconds))."
        }
        return fit(line)
    }

    /// A line cut to `maxLength` characters, at a word.
    public static func fit(_ line: String) -> String {
        guard line.count >= maxLength else { return line }
        var cut = String(line.prefix(maxLength - 2))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + "…"
    }

    /// "2021-05-26 08:12, 12 minutes after the start".
    static func when(_ model: DashboardModel) -> String {
        let label = model.wallClockLabel.isEmpty ? Format.clock(model.clock.seconds) : model.wallClockLabel
        return "\(label), \(Spoken.duration(model.clock.seconds)) after the start"
    }

    /// The header, told: the time, the cars, the traffic, the alerts.
    public static func fleet(_ model: DashboardModel, filter: String, matching: Int?) -> [String] {
        let f = model.fleet
        let states = ["driving", "parked", "charging", "asleep"].compactMap { s in f.states[s].map { "\($0) \(s)" } }
        var lines = [
            fit("Fleet at \(when(model)): \(Spoken.count(f.cars, "car")), \(states.joined(separator: ", ")); \(f.restrictedCars) restricted."),
            fit("Fleet traffic: \(Spoken.rates(total: f.upRate + f.downRate, up: f.upRate, down: f.downRate)); "
                + "\(Spoken.bytes(f.upBytes &+ f.downBytes)) since the start."),
            alertCounts(model),
        ]
        if !filter.isEmpty {
            lines.append(fit("Filter in force: \(name(filter)), \(Spoken.count(matching ?? 0, "car")) match; filter off clears it."))
        }
        return lines
    }

    static func alertCounts(_ model: DashboardModel) -> String {
        let open = Severity.allCases.reversed().compactMap { s in (model.fleet.openAlerts[s] ?? 0) > 0 ? "\(model.fleet.openAlerts[s]!) \(s.rawValue)" : nil }
        let total = model.fleet.openAlerts.values.reduce(0, +)
        let unacknowledged = model.fleet.unacknowledgedAlerts?.values.reduce(0, +) ?? total
        let closed = model.alertLog.closed
        return fit("Alerts: \(total) open" + (open.isEmpty ? "" : " (\(open.joined(separator: ", ")))")
            + ", \(unacknowledged) not acknowledged; \(closed) closed since the start.")
    }

    /// One line per region.
    public static func regions(_ model: DashboardModel) -> [String] { model.regions.flatMap { [region($0), localTimes($0)] } }

    public static func region(_ r: RegionSummary) -> String {
        let home = ModelBuilder.countryName(r.market.country)
        let left = r.bytes == 0 || r.market == .unknown ? "" : ", \(Spoken.percent(Double(r.crossBorderBytes) / Double(r.bytes))) of it left \(home)"
        return fit("\(name(r.name)): \(Spoken.count(r.cars, "car")), \(r.driving) driving, \(r.restrictedCars) restricted; "
            + "\(Spoken.rates(total: r.upRate + r.downRate, up: r.upRate, down: r.downRate)); \(Spoken.bytes(r.bytes)) since the start\(left); "
            + "\(Spoken.count(r.openAlerts, "open alert")).")
    }

    /// A region's wall clocks: "United States local time: Bay Area 01:00 and New York 04:00."
    public static func localTimes(_ r: RegionSummary) -> String {
        fit("\(name(r.name)) local time: \(Spoken.list(r.localTimes.map { "\(name($0.place)) \($0.time.clock)" })).")
    }

    /// One line per destination country that received anything, most bytes first.
    public static func destinations(_ model: DashboardModel) -> [String] {
        let shown = model.countries.filter { $0.bytes > 0 }
        guard !shown.isEmpty else { return ["No data has left the cars yet."] }
        return shown.map { c in
            fit("To \(name(c.name)): \(Spoken.percent(c.share)) of all bytes, \(Spoken.bytes(c.bytes)); now \(Spoken.rate(c.rate)).")
        }
    }

    /// The open alerts (the first `openLimit`, the rest counted), then the last closed ones (at
    /// most `closedLimit`), one per line.
    public static func alerts(_ model: DashboardModel, places: LinePlaces, openLimit: Int = 20, closedLimit: Int = 5) -> [String] {
        let open = model.alerts.filter(\.isOpen)
        let closed = model.alerts.filter { !$0.isOpen }.prefix(closedLimit)
        var lines = [alertCounts(model)]
        for a in open.prefix(openLimit) {
            lines.append(fit("Alert \(a.id), open, \(name(a.ruleID)) \(a.severity.rawValue), since \(places.time(a.start)) in "
                + "\(name(places.regionOfCar(a.vehicle))): \(car(of: a)), \(Spoken.bytes(a.bytes)) in \(Spoken.count(a.count, "flow")) "
                + "to \(destination(a)); \(a.acknowledged ? "acknowledged" : "not acknowledged")."))
        }
        if open.count > openLimit {
            lines.append("And \(Spoken.count(open.count - openLimit, "more open alert")); narrow them with a filter, such as filter sev:critical.")
        }
        for a in closed {
            lines.append(fit("Alert \(a.id), closed at \(places.time(a.end ?? a.lastSeen)), \(name(a.ruleID)) \(a.severity.rawValue): "
                + "\(car(of: a)), \(Spoken.bytes(a.bytes)) in \(Spoken.count(a.count, "flow"))."))
        }
        return lines
    }

    /// One car, in a few lines that each name it.
    public static func car(_ r: VehicleRow, alerts: [AlertRow], places: LinePlaces) -> [String] {
        let id = "Car \(Spoken.vin(r.vin))"
        let driver = name(r.driverName)
        var lines = [
            fit("\(id), VIN \(Spoken.clean(r.vin)), \(name(r.model)) in \(name(r.regionName)), \(r.active ? r.state : "no longer in the fleet"); "
                + "driver \(driver), class \(name(r.userClass.rawValue))\(r.restricted ? ", restricted" : "")."),
            fit("\(id): \(Spoken.rates(total: r.rate, up: r.upRate, down: r.downRate)); \(Spoken.bytes(r.totalBytes)) since the start."),
        ]
        if let service = r.topServiceName, let country = r.topCountry {
            let all = r.countries.map(ModelBuilder.countryName)
            lines.append(fit("\(id) sends most to \(name(service)), \(ModelBuilder.countryName(country)); "
                + "its data went to \(Spoken.list(all))."))
        }
        lines.append(places.zone(r.zone).map { "\(id) is inside the sensitive zone \(name($0))." } ?? "\(id) is in no sensitive zone.")
        let open = alerts.filter(\.isOpen)
        if open.isEmpty {
            lines.append("\(id) has no open alerts.")
        } else {
            let worst = open.map(\.severity).max()!
            let ids = open.map { "\($0.id)" }
            lines.append(fit("\(id) has \(Spoken.count(open.count, "open alert")), the highest \(worst.rawValue): alert \(Spoken.list(ids))."))
        }
        return lines
    }

    /// The first rows of the table, one per line, numbered.
    public static func top(_ rows: [VehicleRow], by column: SortColumn, of matching: Int) -> [String] {
        var lines = ["Top \(rows.count) of \(Spoken.count(matching, "car")) by \(column.rawValue):"]
        for (i, r) in rows.enumerated() {
            var extra = ""
            switch column {
            case .total: extra = ", \(Spoken.bytes(r.totalBytes)) since the start"
            case .alerts: extra = ", \(Spoken.count(r.openAlerts, "open alert"))"
            case .telemetry, .camera, .navigation, .media, .updates:
                extra = ", \(column.rawValue) \(Spoken.rate(r.meterRate(column) ?? 0))"
            case .destination: extra = r.topServiceName.map { ", most to \(name($0))" } ?? ""
            case .state: extra = ", \(r.state)"
            default: break
            }
            lines.append(fit("\(i + 1). Car \(Spoken.vin(r.vin)), \(name(r.driverName)), \(name(r.userClass.rawValue)), "
                + "\(Spoken.rates(total: r.rate, up: r.upRate, down: r.downRate))\(extra)."))
        }
        return lines
    }

    /// The map, told: how many cars are in sensitive zones and which zones hold them (the
    /// first `zoneLimit`), then where each restricted or alerting car is, alerting first: the
    /// census's first cars, `rows` being their rows in its order. The census counted the fleet;
    /// only the named cars have rows.
    public static func map(
        _ census: MapCensus, rows: [VehicleRow], positions: [Int: GeoPoint], places: LinePlaces, zoneName: (Int) -> String,
        zoneLimit: Int = 8
    ) -> [String] {
        var lines = [fit("\(Spoken.count(census.inZones, "car")) inside sensitive zones; "
            + "\(Spoken.count(census.restricted, "restricted car")) and \(Spoken.count(census.alerting, "car")) with open alerts:")]
        // Which zones hold cars, most first: "2 at People's Square and 1 at Changxing Island shipyards".
        let zones = census.zones(named: zoneName)
        if !zones.isEmpty {
            func some(_ n: Int) -> String { n == 0 ? "none" : "\(n)" }
            let end = "; of them, \(some(census.restrictedInZones)) restricted and \(some(census.alertingInZones)) with open alerts."
            func line(_ shown: Int) -> String {
                var parts = zones.prefix(shown).map { "\($0.cars) at \(name($0.name))" }
                if zones.count > shown { parts.append("\(zones.count - shown) more zones") }
                return "Inside sensitive zones: " + Spoken.list(parts) + end
            }
            // As many zones as fit in the line (at most `zoneLimit`), the rest counted.
            var shown = min(zones.count, zoneLimit)
            while shown > 1, line(shown).count >= maxLength { shown -= 1 }
            lines.append(fit(line(shown)))
        }
        for r in rows {
            var what: [String] = []
            if r.restricted { what.append("restricted") }
            if r.openAlerts > 0 { what.append(Spoken.count(r.openAlerts, "open alert")) }
            let place = places.zone(r.zone).map { "inside \(name($0))" } ?? "outside the zones"
            let at = positions[r.index].map { p in
                ", at \(Format.decimal(abs(p.latitude), decimals: 2)) \(p.latitude < 0 ? "south" : "north"), "
                    + "\(Format.decimal(abs(p.longitude), decimals: 2)) \(p.longitude < 0 ? "west" : "east")"
            } ?? ""
            lines.append(fit("Car \(Spoken.vin(r.vin)), \(name(r.driverName)), \(what.joined(separator: ", ")), \(r.state) \(place) "
                + "in \(name(r.regionName))\(at)."))
        }
        if census.named > rows.count { lines.append("And \(census.named - rows.count) more; narrow them with a filter, such as filter class:military.") }
        return lines
    }

    /// "Simulated time 2021-05-26 08:12, 12 minutes after the start; running at 10 times real time."
    public static func time(_ model: DashboardModel, paused: Bool, speed: Double) -> String {
        "Simulated time \(when(model)); " + (paused ? "paused." : "running at \(Spoken.speed(speed)).")
    }

    /// What the changes command compares: the fleet at the last summary.
    public struct Mark: Hashable, Sendable {
        public var time: SimTime
        public var bytes: UInt64
        public var raised: Int
        public var escalated: Int
        public var closed: Int
        public init(time: SimTime, bytes: UInt64, raised: Int, escalated: Int, closed: Int) {
            self.time = time
            self.bytes = bytes
            self.raised = raised
            self.escalated = escalated
            self.closed = closed
        }
    }

    /// What changed between two marks.
    public static func changes(from a: Mark, to b: Mark, model: DashboardModel, places: LinePlaces) -> String {
        let open = model.fleet.openAlerts.values.reduce(0, +)
        return fit("Since \(places.time(a.time)), \(Spoken.duration((b.time - a.time).seconds)) of simulated time: "
            + "\(Spoken.count(b.raised - a.raised, "alert")) raised, \(b.escalated - a.escalated) escalated, \(b.closed - a.closed) closed; "
            + "\(Spoken.bytes(b.bytes &- a.bytes)) sent and received; \(open) open now.")
    }
}
