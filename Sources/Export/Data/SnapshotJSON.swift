import Dashboard
import Fleet
import Geography
import Simulation

/// The `json` snapshot: the data behind the screen, following `docs/snapshot.schema.json`.
public enum SnapshotJSON {
    /// Bumped when a field changes meaning or disappears; adding fields keeps it.
    public static let schemaVersion = 1

    /// The document for `model`, with every car's detail (`details`, in fleet order).
    public static func document(model: DashboardModel, details: [VehicleDetail], generator: String) -> JSONValue {
        document(model: model, vehicles: details.count, detail: { details[$0] }, generator: generator)
    }

    /// The same document, each car's detail made as its part is written (`detail(i)` for
    /// `i` in `0 ..< vehicles`, fleet order): a million cars' details are never all held.
    public static func document(
        model: DashboardModel, vehicles count: Int, detail: @escaping @Sendable (Int) -> VehicleDetail, generator: String
    ) -> JSONValue {
        let f = model.fleet
        var alertCounts: [(String, JSONValue)] = []
        for s in Severity.allCases { alertCounts.append((s.rawValue, .int(Int64(f.openAlerts[s] ?? 0)))) }
        let open = model.alerts.filter(\.isOpen), recent = model.alerts.filter { !$0.isOpen }
        var tail: [(String, JSONValue)] = []
        if let c = model.compliance { tail.append(("compliance", compliance(c, calendar: model.calendar))) }
        if let s = model.source { tail.append(("source", source(s))) }
        let head: [(String, JSONValue)] = [
            ("schema_version", .int(Int64(schemaVersion))),
            ("generator", .string(generator)),
            ("scenario", .string(model.scenarioName)),
            ("seed", .uint(model.seed)),
            ("simulated_time_s", .double(model.clock.seconds, 3)),
            ("simulated_time_ns", .int(model.clock.nanoseconds)),
            ("simulated_clock", .string(model.clock.description)),
            ("calendar_time", .string(model.wallClockLabel)),
            ("utc_time", .optional(model.calendar.map { $0.local(.utc, at: model.clock).iso })),
            ("fleet", .object([
                ("vehicles", .int(Int64(f.cars))),
                ("restricted_vehicles", .int(Int64(f.restrictedCars))),
                ("states", .object(f.states.keys.sorted().map { ($0, .int(Int64(f.states[$0] ?? 0))) })),
                ("up_rate_bps", .double(f.upRate)),
                ("down_rate_bps", .double(f.downRate)),
                ("up_bytes", .uint(f.upBytes)),
                ("down_bytes", .uint(f.downBytes)),
                ("window_bytes", window(f.windowUp, f.windowDown)),
                ("open_alerts", .object(alertCounts)),
            ])),
            ("rate_window_s", .int(Int64(model.rateWindowSeconds))),
            ("regions", .array(model.regions.map(region))),
            ("countries", .array(model.countries.map { c in
                .object([
                    ("country", .string(c.country.rawValue)), ("name", .string(c.name)), ("bytes", .uint(c.bytes)),
                    ("rate_bps", .double(c.rate)), ("share", .double(c.share, 6)),
                ] + traffic(c.traffic))
            })),
            ("services", .array(model.services.map { s in
                .object([
                    ("service", .string(s.service.rawValue)), ("name", .string(s.name)), ("country", .string(s.country.rawValue)),
                    ("bytes", .uint(s.traffic.bytes)), ("rate_bps", .double(rate(s.traffic.windowBytes, model))),
                ] + traffic(s.traffic))
            })),
            ("categories", .array(model.categories.map { c in
                .object([
                    ("category", .string(c.key)), ("bytes", .uint(c.bytes)), ("rate_bps", .double(rate(c.windowBytes, model))),
                ] + traffic(c))
            })),
            ("vehicles", .generated(count: count) { vehicle(detail($0)) }),
            ("alerts", .object([
                ("open", .array(open.map(alert))),
                ("recent", .array(recent.map(alert))),
            ] + alertLog(model.alertLog))),
        ]
        return .object(head + tail)
    }

    /// What a run fed by recorded flows has read (docs/source.md); absent for a simulated run.
    static func source(_ s: SourceStatus) -> JSONValue {
        .object([
            ("name", .string(s.name)), ("format", .optional(s.format)), ("ended", .bool(s.ended)),
            ("records", .uint(s.records)), ("flows", .uint(s.flows)), ("bytes", .uint(s.bytes)),
            ("skipped_records", .uint(s.skipped)), ("guessed_category_records", .uint(s.guessedCategory)),
            ("pending_flows", .uint(s.pending)),
            ("unmapped", .object([
                ("records", .uint(s.unmappedRecords)), ("bytes", .uint(s.unmappedBytes)),
                ("no_car_records", .uint(s.unmappedCarRecords)), ("no_car_bytes", .uint(s.unmappedCarBytes)),
                ("no_server_records", .uint(s.unmappedServerRecords)), ("no_server_bytes", .uint(s.unmappedServerBytes)),
                ("unknown_cars", .int(Int64(s.unknownCars))), ("unknown_car_limit", .int(Int64(s.unknownCarLimit))),
                ("other_unknown_flows", .uint(s.otherUnknownFlows)),
            ])),
            ("rejected", .object([
                ("records", .uint(s.rejected)),
                ("by_reason", .array(s.rejectedBy.map { r in
                    .object([("reason", .string(r.reason)), ("records", .uint(r.records)), ("first_at", .string(r.firstAt))])
                })),
            ])),
        ])
    }

    static func window(_ up: UInt64, _ down: UInt64) -> JSONValue {
        .object([("up", .uint(up)), ("down", .uint(down))])
    }

    static func rate(_ bytes: UInt64, _ model: DashboardModel) -> Double {
        MeterWindow.rate(bytes: bytes, seconds: model.rateWindowSeconds)
    }

    /// The fields every slice of the traffic carries besides its name, bytes and rate.
    static func traffic(_ t: CountryShare.Traffic) -> [(String, JSONValue)] {
        [("up_bytes", .uint(t.upBytes)), ("down_bytes", .uint(t.downBytes)), ("flows", .uint(t.flows)),
         ("window_bytes", window(t.windowUp, t.windowDown))]
    }

    static func region(_ r: RegionSummary) -> JSONValue {
        .object([
            ("id", .string(r.id.rawValue)), ("name", .string(r.name)), ("market", .string(r.market.rawValue)),
            ("vehicles", .int(Int64(r.cars))), ("driving", .int(Int64(r.driving))),
            ("restricted_vehicles", .int(Int64(r.restrictedCars))),
            ("up_rate_bps", .double(r.upRate)), ("down_rate_bps", .double(r.downRate)),
            ("bytes", .uint(r.bytes)), ("up_bytes", .uint(r.upBytes)), ("down_bytes", .uint(r.downBytes)),
            ("window_bytes", window(r.windowUp, r.windowDown)), ("cross_border_bytes", .uint(r.crossBorderBytes)),
            ("open_alerts", .int(Int64(r.openAlerts))),
            ("local_times", .array(r.localTimes.map(localClock))),
        ])
    }

    /// A region's wall clock: `{"place": "Shanghai", "time_zone": "Asia/Shanghai", "local_time":
    /// "2026-11-30T08:15:00+08:00", "utc_offset_minutes": 480, ...}`.
    static func localClock(_ c: LocalClock) -> JSONValue {
        .object([
            ("place", .string(c.place)), ("areas", .array(c.areas.map { .string($0) })), ("time_zone", .string(c.timeZone)),
            ("local_time", .string(c.time.iso)), ("utc_offset", .string(c.time.offsetLabel)),
            ("utc_offset_minutes", .int(Int64(c.time.utcOffsetMinutes))),
        ])
    }

    static func position(_ p: GeoPoint) -> JSONValue {
        .object([("lat", .double(p.latitude, 6)), ("lon", .double(p.longitude, 6))])
    }

    static func vehicle(_ d: VehicleDetail) -> JSONValue {
        let r = d.row
        var byCategory: [(String, JSONValue)] = []
        for c in DataCategory.allCases {
            let bytes = r.categoryBytes.indices.contains(c.index) ? r.categoryBytes[c.index]
                : d.matrix.indices.contains(c.index) ? d.matrix[c.index].reduce(0, +) : 0
            byCategory.append((c.rawValue, .object([
                ("rate_bps", .double(r.categoryRates.indices.contains(c.index) ? r.categoryRates[c.index] : 0)),
                ("bytes", .uint(bytes)),
                ("window_bytes", .uint(r.categoryWindowBytes.indices.contains(c.index) ? r.categoryWindowBytes[c.index] : 0)),
            ])))
        }
        let byDestination: [JSONValue] = d.destinations.enumerated().map { j, dest in
            let bytes = d.matrix.reduce(UInt64(0)) { $0 + ($1.indices.contains(j) ? $1[j] : 0) }
            return .object([
                ("service", .string(dest.service.rawValue)), ("name", .string(dest.name)),
                ("server", .string(dest.server)), ("address", .string(dest.address)),
                ("country", .string(dest.country.rawValue)), ("cross_border", .bool(r.market.isAbroad(dest.country))),
                ("bytes", .uint(bytes)),
            ])
        }
        return .object([
            // An unknown car has no VIN and no model year; its address names it.
            ("vin", r.isUnknown ? .null : .string(r.vin)), ("active", .bool(r.active)), ("model", .string(r.model)),
            ("model_year", r.isUnknown ? .null : .int(Int64(d.modelYear))),
            ("market", .string(r.market.rawValue)), ("region", .string(r.region.rawValue)),
            ("position", d.position.latitude.isNaN || d.position.longitude.isNaN ? .null : position(d.position)), ("state", .string(r.state)), ("zone", .optional(r.zone?.rawValue)),
            ("battery", .double(d.battery, 3)), ("address", .string(d.address)),
            ("local_time", .optional(d.localTime?.iso)), ("time_zone", .optional(d.timeZone)),
            ("driver", .object([
                ("name", .string(r.driverName)), ("romanised", .optional(r.driverRomanised)),
                ("class", .string(r.userClass.rawValue)), ("restricted", .bool(r.restricted)),
            ])),
            ("rate_bps", .object([("total", .double(r.rate)), ("up", .double(r.upRate)), ("down", .double(r.downRate))])),
            ("window_bytes", window(r.windowUp, r.windowDown)),
            ("peak_rate_bps", .double(d.peakRate)),
            ("bytes", .object([
                ("total", .uint(r.totalBytes)), ("up", .uint(d.upBytes)), ("down", .uint(d.downBytes)),
            ])),
            ("by_category", .object(byCategory)),
            ("by_destination", .array(byDestination)),
            ("cross_border", .bool(r.crossBorder)),
            ("open_alerts", .int(Int64(r.openAlerts))),
        ])
    }

    static func alert(_ a: AlertRow) -> JSONValue {
        .object([
            ("id", .uint(a.id)), ("rule", .string(a.ruleID)), ("title", .string(a.title)), ("source", .string(a.source)),
            ("severity", .string(a.severity.rawValue)), ("vin", .string(a.vin)), ("vehicle", .int(Int64(a.vehicle))),
            ("driver", .string(a.driver)),
            ("class", .string(a.userClass.rawValue)), ("category", .string(a.category.rawValue)),
            ("service", .string(a.service)), ("country", .string(a.country.rawValue)), ("bytes", .uint(a.bytes)),
            ("count", .int(Int64(a.count))), ("start_s", .double(a.start.seconds)),
            ("last_seen_s", .double(a.lastSeen.seconds)), ("end_s", a.end.map { .double($0.seconds) } ?? .null),
            ("duration_s", .double(((a.end ?? a.lastSeen) - a.start).seconds)),
            ("start_ns", .int(a.start.nanoseconds)), ("last_seen_ns", .int(a.lastSeen.nanoseconds)),
            ("end_ns", a.end.map { .int($0.nanoseconds) } ?? .null),
            ("duration_ns", .int(((a.end ?? a.lastSeen) - a.start).nanoseconds)),
            ("acknowledged", .bool(a.acknowledged)), ("zone", .optional(a.zone?.rawValue)),
            ("position", position(a.position)), ("explanation", .string(a.explanation)),
            ("short_label", .string(a.shortLabel)),
            ("breakdown", breakdown(a.breakdown)),
        ])
    }

    /// What the alert lists leave out and the settings that decided it (docs/scenario-format.md,
    /// "alerts"): every open alert is listed; of the closed ones, the newest `recent_limit` of the
    /// log, which keeps `log_size` and counts the rest in `dropped_from_log`.
    static func alertLog(_ l: AlertLogSummary) -> [(String, JSONValue)] {
        [
            ("raised", .uint(l.raised)), ("suppressed", .uint(l.suppressed)), ("open_count", .int(Int64(l.open))),
            ("acknowledged_count", .int(Int64(l.acknowledged))),
            ("closed_count", .int(Int64(l.closed))), ("dropped_from_log", .int(Int64(l.droppedFromLog))),
            ("log_size", .int(Int64(l.logCapacity))), ("recent_limit", .int(Int64(l.recentLimit))),
            ("min_interval_ns", .int(l.minInterval.nanoseconds)), ("quiet_period_ns", .int(l.quietPeriod.nanoseconds)),
        ]
    }

    /// The alert's flows by category and by destination; each list (with `other`) sums to the
    /// alert's `bytes` and `count`.
    static func breakdown(_ b: AlertBreakdown) -> JSONValue {
        .object([
            ("by_category", .array(b.categories.map { c in
                .object([("category", .string(c.category.rawValue)), ("bytes", .uint(c.bytes)), ("flows", .uint(c.flows))])
            })),
            ("by_destination", .array(b.destinations.map { d in
                .object([
                    ("service", .string(d.service.rawValue)), ("name", .string(d.name)),
                    ("country", .string(d.country.rawValue)), ("bytes", .uint(d.bytes)), ("flows", .uint(d.flows)),
                ])
            })),
            ("other_destinations", .object([("bytes", .uint(b.otherBytes)), ("flows", .uint(b.otherFlows))])),
            ("cross_border", .object([("bytes", .uint(b.crossBorderBytes)), ("flows", .uint(b.crossBorderFlows))])),
        ])
    }
}

/// The `csv` snapshot: one row per car (removed cars too, `active` false), a header row, RFC 4180.
/// Rates are over `window_s` seconds; the window's bytes are integers, so a car's up and down
/// window bytes add up to its categories' exactly. Every row carries the simulated time of the
/// snapshot (`simulated_time_ns`, `simulated_time_s`, as the JSON names them) and the time it
/// stands for on the scenario's calendar (`scenario_time`), so rows of several snapshots can be
/// put in one table.
public enum VehicleCSV {
    public static let header = [
        "vin", "model", "market", "region", "state", "driver", "driver_romanised", "class", "restricted", "zone",
        "rate_bps", "up_rate_bps", "down_rate_bps", "total_bytes", "top_service", "top_country", "cross_border",
        "open_alerts", "max_severity",
    ] + DataCategory.allCases.map { "rate_bps_\($0.rawValue)" }
        + ["active", "window_s", "up_window_bytes", "down_window_bytes"]
        + DataCategory.allCases.map { "window_bytes_\($0.rawValue)" }
        + DataCategory.allCases.map { "bytes_\($0.rawValue)" }
        + ["address"]
        + ["simulated_time_ns", "simulated_time_s", "scenario_time"]

    /// The CSV of `model`'s rows (a model of every car: `ModelBuilder.Rows.all`).
    public static func render(_ model: DashboardModel) -> String {
        render(model.vehicles, at: model.clock, clock: model.scenarioClock)
    }

    /// The CSV of `rows` at simulated time `time`; `clock` gives the `scenario_time` column
    /// (empty without one).
    public static func render(_ rows: [VehicleRow], at time: SimTime, clock: ScenarioClock?) -> String {
        var csv = CSVWriter(header: header)
        let times = [String(time.nanoseconds), JSONValue.format(time.seconds, decimals: 3), clock?.iso(at: time) ?? ""]
        for r in rows {
            csv.append([
                r.isUnknown ? "" : r.vin, r.model, r.market.rawValue, r.region.rawValue, r.state, r.driverName, r.driverRomanised ?? "",
                r.userClass.rawValue, r.restricted ? "true" : "false", r.zone?.rawValue ?? "",
                JSONValue.format(r.rate, decimals: 3), JSONValue.format(r.upRate, decimals: 3),
                JSONValue.format(r.downRate, decimals: 3), String(r.totalBytes), r.topService?.rawValue ?? "",
                r.topCountry?.rawValue ?? "", r.crossBorder ? "true" : "false", String(r.openAlerts),
                ["none", "watch", "high", "critical"][max(0, min(3, r.maxSeverity))],
            ] + DataCategory.allCases.map { c in
                JSONValue.format(r.categoryRates.indices.contains(c.index) ? r.categoryRates[c.index] : 0, decimals: 3)
            } + [r.active ? "true" : "false", String(MeterWindow.rateSeconds), String(r.windowUp), String(r.windowDown)]
              + DataCategory.allCases.map { c in String(r.categoryWindowBytes.indices.contains(c.index) ? r.categoryWindowBytes[c.index] : 0) }
              + DataCategory.allCases.map { c in String(r.categoryBytes.indices.contains(c.index) ? r.categoryBytes[c.index] : 0) }
              + [r.address]
              + times)
        }
        return csv.text
    }
}
