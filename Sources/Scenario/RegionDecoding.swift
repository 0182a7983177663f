import Fleet
import Geography

/// Decodes `regions`: each region with its areas (and their places), car models and zones.
/// The zones of all regions form the world's zone list, in file order, with the country of
/// their region's market. A region's share of the fleet and class mix come from `fleet.mix`.
extension WorldDecoder {
    static let regionKeys = [
        "id", "name", "market", "chinese-names", "model-years", "prc-linked-share", "prc-linked-from-year", "models",
        "areas", "zones", "third-party-telemetry",
    ]
    static let appKeys = ["service", "share"]
    static let areaKeys = ["id", "name", "bounds", "share", "speed-kmh", "places", "time-zone", "profile"]
    static let placeKeys = ["id", "name", "kind", "bounds", "center", "radius-m", "weight"]
    static let zoneKeys = ["id", "name", "kind", "center", "radius-m", "polygon", "season"]
    static let modelKeys = ["model", "factory", "share", "battery-kwh"]

    mutating func decodeRegions(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let items = c.list(node, "regions") else { return }
        paths["regions"] = node.location
        paths["zones"] = node.location
        var regions: [RegionConfig] = [], zones: [ZoneConfig] = []
        for (r, item) in items.enumerated() {
            let path = "regions[\(r)]"
            paths[path] = item.location
            guard let f = c.mapping(item, "a region", allowed: Self.regionKeys, required: ["id", "market", "areas", "models"]),
                let id = f["id"].flatMap({ c.string($0, "region id") })
            else { continue }
            let what = "region '\(id)'"
            let market = f["market"].flatMap { c.market($0) }
            let chinese = f["chinese-names"].map { c.bool($0, "\(what) chinese-names") } ?? (market == .cn)
            var years: ClosedRange<Int>? = 2019...2026
            if let n = f["model-years"] {
                paths["\(path).modelYears"] = n.location
                years = yearRange(n, "\(what) model-years", &c)
            }
            let prcShare = f["prc-linked-share"].map { c.double($0, "\(what) prc-linked-share", in: ConfigRange.fraction) } ?? 0
            let prcYear = f["prc-linked-from-year"].map { c.int($0, "\(what) prc-linked-from-year", in: 2012...2100) } ?? 2027
            var apps: [ThirdPartyTelemetry]? = []
            if let n = f["third-party-telemetry"] { apps = decodeApps(n, path: path, what, &c) }
            let models = f["models"].flatMap { decodeModels($0, path: path, what, &c) }
            let areas = f["areas"].flatMap { decodeAreas($0, path: path, what, market: market, &c) }
            if let z = f["zones"], let list = c.list(z, "\(what) zones"), let market {
                for item in list {
                    paths["zones[\(zones.count)]"] = item.location
                    if let zone = decodeZone(item, country: market.country, path: "zones[\(zones.count)]", &c) {
                        zones.append(zone)
                    }
                }
            }
            guard let market, let chinese, let years, let prcShare, let prcYear, let apps, let models, let areas else { continue }
            // Share and classes come from fleet.mix; until then, the default region's, or all private.
            let base = WorldConfig.default.regions.first { $0.id.rawValue == id }
            regions.append(RegionConfig(
                id: RegionID(rawValue: id), name: f["name"].flatMap { c.string($0, "\(what) name") } ?? id, market: market,
                fleetShare: base?.fleetShare ?? 1, areas: areas, models: models,
                classMix: base?.classMix ?? [ClassShare(.privateOwner, percent: 100)], chineseNames: chinese,
                modelYears: years, prcLinkedShare: prcShare, prcLinkedFromModelYear: prcYear, thirdPartyTelemetry: apps))
        }
        config.regions = regions
        config.zones = zones
    }

    /// `[{service: cn-app-cloud, share: 0.03}]`: apps the region's cars stream telemetry to as
    /// well. Whether the service exists is checked once `services` is read (`WorldConfig.validate`).
    mutating func decodeApps(_ node: YAMLNode, path: String, _ what: String, _ c: inout DecodeContext) -> [ThirdPartyTelemetry]? {
        guard let items = c.list(node, "\(what) third-party-telemetry") else { return nil }
        paths["\(path).thirdPartyTelemetry"] = node.location
        var apps: [ThirdPartyTelemetry] = []
        var ok = true
        for (i, item) in items.enumerated() {
            let p = "\(path).thirdPartyTelemetry[\(i)]"
            paths[p] = item.location
            guard let f = c.mapping(item, "a third-party-telemetry entry of \(what)", allowed: Self.appKeys, required: Self.appKeys)
            else { ok = false; continue }
            if let n = f["service"] { paths["\(p).service"] = n.location }
            if let n = f["share"] { paths["\(p).share"] = n.location }
            let service = f["service"].flatMap { c.string($0, "\(what) third-party-telemetry service") }
            let share = f["share"].flatMap { c.double($0, "\(what) third-party-telemetry share", in: ConfigRange.fraction) }
            guard let service, let share else { ok = false; continue }
            apps.append(ThirdPartyTelemetry(service: ServiceID(rawValue: service), share: share))
        }
        return ok ? apps : nil
    }

    /// The apps a run takes mid-way (`set-apps`, a what-if's `fleet.apps`): the entries as a
    /// region's `third-party-telemetry` reads them, each service one of `services` (nil: not
    /// checked here), the shares
    /// adding up to at most 1; nil after recording diagnostics.
    static func apps(_ node: YAMLNode, _ what: String, services: Set<String>?, _ c: inout DecodeContext) -> [ThirdPartyTelemetry]? {
        var reader = WorldDecoder()
        guard let apps = reader.decodeApps(node, path: what, what, &c) else { return nil }
        var ok = true
        if let services, case let .sequence(items) = node.kind {
            for (app, item) in zip(apps, items) where !services.contains(app.service.rawValue) {
                _ = c.name(item["service"] ?? item, "service", in: services)
                ok = false
            }
        }
        let total = apps.reduce(0) { $0 + $1.share }
        if total > 1 + 1e-9 {
            c.error("\(what) third-party-telemetry shares add up to \(total), more than 1 (a car has at most one app)", at: node)
            ok = false
        }
        return ok ? apps : nil
    }

    /// `[2020, 2026]`: first and last model year.
    func yearRange(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> ClosedRange<Int>? {
        guard let items = c.list(node, what), items.count == 2 else {
            if case .sequence = node.kind { c.error("\(what) must be [first, last], two years", at: node) }
            return nil
        }
        guard let a = c.int(items[0], what, in: 2012...2100), let b = c.int(items[1], what, in: 2012...2100) else { return nil }
        guard a <= b else {
            c.error("\(what) must list the first year then the last, found [\(a), \(b)]", at: node)
            return nil
        }
        return a...b
    }

    mutating func decodeModels(_ node: YAMLNode, path: String, _ what: String, _ c: inout DecodeContext) -> [ModelShare]? {
        guard let items = c.list(node, "\(what) models") else { return nil }
        paths["\(path).models"] = node.location
        let before = c.diagnostics.count
        var models: [ModelShare] = []
        for (m, item) in items.enumerated() {
            paths["\(path).models[\(m)]"] = item.location
            guard let f = c.mapping(item, "a model of \(what)", allowed: Self.modelKeys, required: Self.modelKeys) else { continue }
            let model = f["model"].flatMap { c.choice($0, "car model", as: CarModel.self) }
            let factory = f["factory"].flatMap { c.choice($0, "factory", as: Factory.self) }
            let share = f["share"].flatMap { c.double($0, "model share", in: ConfigRange.weight) }
            let battery = f["battery-kwh"].flatMap { c.double($0, "battery-kwh", in: ConfigRange.batteryKWh) }
            if let model, let factory, let share, let battery {
                models.append(ModelShare(model: model, factory: factory, share: share, batteryKWh: battery))
            }
        }
        return c.diagnostics.count == before ? models : nil
    }

    mutating func decodeAreas(
        _ node: YAMLNode, path: String, _ what: String, market: Market?, _ c: inout DecodeContext
    ) -> [AreaConfig]? {
        guard let items = c.list(node, "\(what) areas") else { return nil }
        paths["\(path).areas"] = node.location
        let before = c.diagnostics.count
        var areas: [AreaConfig] = []
        var ids: [(id: String, node: YAMLNode)] = []
        for (a, item) in items.enumerated() {
            let ap = "\(path).areas[\(a)]"
            paths[ap] = item.location
            guard let f = c.mapping(item, "an area of \(what)", allowed: Self.areaKeys, required: ["id", "bounds", "places"]),
                let id = f["id"].flatMap({ c.string($0, "area id") })
            else { continue }
            if let n = f["id"] { ids.append((id, n)) }
            let bounds = f["bounds"].flatMap { box($0, "area '\(id)' bounds", &c) }
            if let n = f["bounds"] { paths["\(ap).bounds"] = n.location }
            let share = f["share"].map { c.double($0, "area share", in: ConfigRange.weight) } ?? 1
            let speed = f["speed-kmh"].map { c.double($0, "speed-kmh", in: ConfigRange.speedKmh) } ?? 30
            var places: [PlaceConfig]? = []
            if let p = f["places"], let list = c.list(p, "area '\(id)' places") {
                paths["\(ap).places"] = p.location
                for (i, item) in list.enumerated() {
                    paths["\(ap).places[\(i)]"] = item.location
                    if let place = decodePlace(item, &c) { places?.append(place) } else { places = nil }
                }
            }
            // Without a zone or a profile: the default area's of the same id, else the market's.
            let base = WorldConfig.default.regions.flatMap(\.areas).first { $0.id == id }
            var zone: TimeZoneRule? = base?.timeZone ?? (market == .cn ? .shanghai : .usPacific)
            if let n = f["time-zone"] {
                paths["\(ap).timeZone"] = n.location
                zone = timeZone(n, "area '\(id)' time-zone", &c)
            }
            var profile: DayProfile? = base?.profile ?? (market == .cn ? .shanghai : .nhts)
            if let n = f["profile"] {
                paths["\(ap).profile"] = n.location
                profile = dayProfile(n, "area '\(id)' profile", &c)
            }
            if let bounds, let share, let speed, let places, let zone, let profile {
                areas.append(AreaConfig(id: id, name: f["name"].flatMap { c.string($0, "area name") } ?? id,
                    bounds: bounds, share: share, speedKmh: speed, places: places, timeZone: zone, profile: profile))
            }
        }
        c.checkUnique(ids, "area id")
        return c.diagnostics.count == before ? areas : nil
    }

    /// `Asia/Shanghai`, `America/Los_Angeles`, `America/Chicago` (`TimeZoneRule.named`), or a
    /// fixed offset `UTC+8`, `UTC-05:00`.
    func timeZone(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> TimeZoneRule? {
        guard let text = c.string(node, what) else { return nil }
        if let rule = TimeZoneRule(named: text) { return rule }
        let names = TimeZoneRule.named.map(\.name)
        c.error("\(what) must be one of \(names.joined(separator: ", ")) or a fixed offset such as UTC+8 or UTC-05:00, "
            + "found '\(text)'" + Suggestion.hint(for: text, among: names), at: node)
        return nil
    }

    /// `{weekday: [24 weights], weekend: [24 weights]}`: trip starts per local hour from 00:00.
    func dayProfile(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> DayProfile? {
        guard let f = c.mapping(node, what, allowed: ["weekday", "weekend"], required: ["weekday", "weekend"]) else { return nil }
        func day(_ key: String) -> [Double]? {
            guard let n = f[key], let items = c.list(n, "\(what) \(key)") else { return nil }
            guard items.count == 24 else {
                c.error("\(what) \(key) must list 24 weights, one per hour from 00:00, found \(items.count)", at: n)
                return nil
            }
            let weights = items.compactMap { c.double($0, "\(what) \(key) weight", in: ConfigRange.weight) }
            guard weights.count == 24 else { return nil }
            guard weights.reduce(0, +) > 0 else {
                c.error("\(what) \(key) must have at least one positive weight", at: n)
                return nil
            }
            return weights
        }
        guard let weekday = day("weekday"), let weekend = day("weekend") else { return nil }
        return DayProfile(weekday: weekday, weekend: weekend)
    }

    func decodePlace(_ node: YAMLNode, _ c: inout DecodeContext) -> PlaceConfig? {
        guard let f = c.mapping(node, "a place", allowed: Self.placeKeys, required: ["id", "kind"]),
            let id = f["id"].flatMap({ c.string($0, "place id") })
        else { return nil }
        let kind = f["kind"].flatMap { c.choice($0, "place kind", as: PlaceKind.self) }
        let bounds = placeBounds(f, "place '\(id)'", &c)
        let weight = f["weight"].map { c.double($0, "place weight", in: ConfigRange.weight) } ?? 1
        guard let kind, let bounds, let weight else { return nil }
        return PlaceConfig(id: id, name: f["name"].flatMap { c.string($0, "place name") } ?? id, kind: kind,
            bounds: bounds, weight: weight)
    }

    /// Either `bounds: {south, north, west, east}` or `center: [lat, lon]` with `radius-m`.
    func placeBounds(_ f: Fields, _ what: String, _ c: inout DecodeContext) -> GeoBox? {
        switch (f["bounds"], f["center"]) {
        case (let b?, nil):
            return box(b, "\(what) bounds", &c)
        case (nil, let center?):
            guard let radiusNode = f["radius-m"] else {
                c.error("\(what) needs 'radius-m' with its 'center'", at: f.node)
                return nil
            }
            let p = point(center, "\(what) center", &c)
            let radius = c.double(radiusNode, "\(what) radius-m", in: ConfigRange.radiusMeters)
            guard let p, let radius else { return nil }
            return GeoBox(center: p, radiusMeters: radius)
        default:
            c.error("\(what) needs exactly one of 'bounds' or 'center'", at: f.node)
            return nil
        }
    }

    func decodeZone(
        _ node: YAMLNode, country: Country, path: String, allowed: [String] = Self.zoneKeys, _ c: inout DecodeContext
    ) -> ZoneConfig? {
        guard let f = c.mapping(node, "a zone", allowed: allowed, required: ["id", "kind"]),
            let id = f["id"].flatMap({ c.string($0, "zone id") })
        else { return nil }
        let what = "zone '\(id)'"
        let kind = f["kind"].flatMap { c.choice($0, "zone kind", as: ZoneKind.self) }
        var shape: ZoneShape?
        switch (f["center"], f["polygon"]) {
        case (let center?, nil):
            let p = point(center, "\(what) center", &c)
            let radius = f["radius-m"].flatMap { c.double($0, "\(what) radius-m", in: ConfigRange.radiusMeters) }
            if f["radius-m"] == nil { c.error("\(what) needs 'radius-m' with its 'center'", at: node) }
            if let p, let radius { shape = .circle(center: p, radiusMeters: radius) }
        case (nil, let polygon?):
            if let items = c.list(polygon, "\(what) polygon", maxCount: 10_000) {
                let points = items.compactMap { point($0, "\(what) polygon vertex", &c) }
                if points.count < 3 {
                    c.error("\(what) polygon needs at least 3 vertices, found \(items.count)", at: polygon)
                } else if points.count == items.count {
                    shape = .polygon(points)
                }
            }
        default:
            c.error("\(what) needs exactly one of 'center' (with 'radius-m') or 'polygon'", at: node)
        }
        var season: SeasonWindow?
        if let s = f["season"] {
            season = self.season(s, what, &c)
            if season == nil { return nil }
        }
        guard let kind, let shape else { return nil }
        return ZoneConfig(id: ZoneID(rawValue: id), name: f["name"].flatMap { c.string($0, "\(what) name") } ?? id,
            kind: kind, country: country, shape: shape, season: season)
    }

    /// `season: {from: 07-01, to: 08-31}` (month-day, both days included).
    func season(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> SeasonWindow? {
        guard let f = c.mapping(node, "\(what) season", allowed: ["from", "to"], required: ["from", "to"]),
            let from = f["from"].flatMap({ monthDay($0, "\(what) season 'from'", &c) }),
            let to = f["to"].flatMap({ monthDay($0, "\(what) season 'to'", &c) })
        else { return nil }
        return SeasonWindow(startMonth: from.0, startDay: from.1, endMonth: to.0, endDay: to.1)
    }

    func monthDay(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> (Int, Int)? {
        guard let text = c.string(node, what) else { return nil }
        let parts = text.split(separator: "-")
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), (1...12).contains(m), (1...31).contains(d) else {
            c.error("\(what) must be a month and day such as 07-01, found '\(text)'", at: node)
            return nil
        }
        return (m, d)
    }

    /// `[latitude, longitude]` in degrees.
    func point(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> GeoPoint? {
        guard let items = c.list(node, what) else { return nil }
        guard items.count == 2 else {
            c.error("\(what) must be [latitude, longitude], found \(items.count) numbers", at: node)
            return nil
        }
        guard let lat = c.double(items[0], "\(what) latitude", in: -90...90),
            let lon = c.double(items[1], "\(what) longitude", in: -180...180)
        else { return nil }
        return GeoPoint(latitude: lat, longitude: lon)
    }

    /// `{south: 30.70, north: 31.45, west: 121.05, east: 122.00}`.
    func box(_ node: YAMLNode, _ what: String, _ c: inout DecodeContext) -> GeoBox? {
        let sides = ["south", "north", "west", "east"]
        guard let f = c.mapping(node, what, allowed: sides, required: sides) else { return nil }
        let s = f["south"].flatMap { c.double($0, "\(what) south", in: -90...90) }
        let n = f["north"].flatMap { c.double($0, "\(what) north", in: -90...90) }
        let w = f["west"].flatMap { c.double($0, "\(what) west", in: -180...180) }
        let e = f["east"].flatMap { c.double($0, "\(what) east", in: -180...180) }
        guard let s, let n, let w, let e else { return nil }
        guard s <= n, w <= e else {
            c.error("\(what) must have south <= north and west <= east", at: node)
            return nil
        }
        return GeoBox(south: s, north: n, west: w, east: e)
    }
}
