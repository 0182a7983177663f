extension WorldConfig {
    /// Checks every parameter; throws the first out-of-range one, naming its path and range.
    public func validate() throws(ConfigError) {
        try check("fleetSize", Double(fleetSize), 1, Double(Self.maxFleetSize), integer: true)
        try check("start.month", Double(start.month), 1, 12, integer: true)
        try check("start.day", Double(start.day), 1, 31, integer: true)
        try check("start.hour", start.hour, 0, 24)
        if let offset = start.utcOffsetMinutes { try check("start.utcOffsetMinutes", Double(offset), -14 * 60, 14 * 60, integer: true) }
        guard !regions.isEmpty else { throw ConfigError(path: "regions", value: "[]", allowed: "at least one region") }
        for (r, region) in regions.enumerated() { try validate(region, path: "regions[\(r)]") }
        try check("regions.fleetShare (sum)", regions.reduce(0) { $0 + $1.fleetShare }, 1e-9, .infinity)
        var seen = Set<RegionID>()
        for (r, region) in regions.enumerated() where !seen.insert(region.id).inserted {
            throw ConfigError(path: "regions[\(r)].id", value: region.id.rawValue, allowed: "a unique region id")
        }
        // The unknown region and service are FleetWatch's, for traffic no inventory names
        // (`withUnknown()`): a scenario's own would be mistaken for them.
        for (r, region) in regions.enumerated() where region.id == .unknown || region.market == .unknown {
            throw ConfigError(path: "regions[\(r)]", value: region.id == .unknown ? region.id.rawValue : region.market.rawValue,
                              allowed: "a region id other than 'unknown', of market CN or US (FleetWatch's names for cars no inventory names)")
        }
        for (r, region) in regions.enumerated() {
            for (c, share) in region.classMix.enumerated() where share.userClass == .unknown {
                throw ConfigError(path: "regions[\(r)].classMix[\(c)]", value: share.userClass.rawValue,
                                  allowed: "a class other than 'unknown' (FleetWatch's class of drivers of cars no inventory names)")
            }
        }
        for (z, zone) in zones.enumerated() { try validate(zone, path: "zones[\(z)]") }
        guard !services.isEmpty else { throw ConfigError(path: "services", value: "[]", allowed: "at least one service") }
        guard services.count < Int(UInt16.max) else {
            throw ConfigError(path: "services", value: "\(services.count) services", allowed: "fewer than 65535")
        }
        for (s, service) in services.enumerated() {
            if services[..<s].contains(where: { $0.id == service.id }) {
                throw ConfigError(path: "services[\(s)].id", value: service.id.rawValue, allowed: "a unique service id")
            }
            if service.port == 0 { throw ConfigError(path: "services[\(s)].port", value: "0", allowed: "1 ... 65535") }
            if service.id == .unknown || service.country == .unknown {
                throw ConfigError(path: "services[\(s)]", value: service.id == .unknown ? service.id.rawValue : service.country.rawValue,
                                  allowed: "a service id other than 'unknown', of a country other than '??' (FleetWatch's names for servers no one names)")
            }
        }
        for market in Set(regions.map(\.market)).sorted(by: { $0.rawValue < $1.rawValue }) {
            for category in DataCategory.allCases {
                let path = "routing.\(market.rawValue).\(category.rawValue)"
                guard let id = routing.service(for: category, market: market) else {
                    throw ConfigError(path: path, value: "missing", allowed: "a service id defined in services")
                }
                guard serviceIndex(id) != nil else {
                    throw ConfigError(path: path, value: id.rawValue, allowed: "a service id defined in services")
                }
            }
        }
        for (r, region) in regions.enumerated() {
            for (i, app) in region.thirdPartyTelemetry.enumerated() where serviceIndex(app.service) == nil {
                throw ConfigError(path: "regions[\(r)].thirdPartyTelemetry[\(i)].service", value: app.service.rawValue,
                                  allowed: "a service id defined in services")
            }
        }
        try check("flows.tickSeconds", flows.tickSeconds, 0.1, 3600)
        try validate(flows.telemetry)
        for category in DataCategory.allCases {
            guard let c = flows.categories[category] else { continue }
            let base = "flows.\(category.rawValue)"
            for state in CarState.awake {
                let p = c.profile(state), path = "\(base).\(state)"
                try check("\(path).rate", p.rate, ConfigRange.flowRate)
                try check("\(path).meanBytes", p.meanBytes, ConfigRange.meanBytes)
                try check("\(path).sizeSigma", p.sizeSigma, ConfigRange.sizeSigma)
            }
            try check("\(base).upShare", c.upShare, ConfigRange.fraction)
            try check("\(base).throughput", c.throughput, ConfigRange.throughput)
            try check("\(base).packetBytes", c.packetBytes, ConfigRange.packetBytes)
        }
        try validateBehaviour()
        try check("meters.historyLength", Double(meters.historyLength), 1, 3600, integer: true)
        try check("meters.historySeconds", meters.historySeconds, 2, 86_400)
        try check("meters.recentFlows", Double(meters.recentFlows), 0, 10_000_000, integer: true)
    }

    private func validate(_ region: RegionConfig, path: String) throws(ConfigError) {
        try check("\(path).fleetShare", region.fleetShare, ConfigRange.weight)
        guard !region.areas.isEmpty else { throw ConfigError(path: "\(path).areas", value: "[]", allowed: "at least one area") }
        try check("\(path).areas.share (sum)", region.areas.reduce(0) { $0 + $1.share }, 1e-9, .infinity)
        for (a, area) in region.areas.enumerated() {
            let ap = "\(path).areas[\(a)]"
            guard area.bounds.isWellFormed else {
                throw ConfigError(path: "\(ap).bounds", value: "\(area.bounds)", allowed: "south <= north, west <= east, within ±90/±180")
            }
            try check("\(ap).share", area.share, ConfigRange.weight)
            try check("\(ap).speedKmh", area.speedKmh, ConfigRange.speedKmh)
            try check("\(ap).timeZone.standardOffsetMinutes", Double(area.timeZone.standardOffsetMinutes), -14 * 60, 14 * 60, integer: true)
            for (day, weights) in [("weekday", area.profile.weekday), ("weekend", area.profile.weekend)] {
                guard weights.count == 24 else {
                    throw ConfigError(path: "\(ap).profile.\(day)", value: "\(weights.count) values", allowed: "24 values, one per hour from 00:00")
                }
                for (h, w) in weights.enumerated() { try check("\(ap).profile.\(day)[\(h)]", w, ConfigRange.weight) }
                try check("\(ap).profile.\(day) (sum)", weights.reduce(0, +), 1e-9, .infinity)
            }
            for kind in [PlaceKind.residential, .charger] where !area.places.contains(where: { $0.kind == kind && $0.weight > 0 }) {
                throw ConfigError(path: "\(ap).places", value: "no \(kind) place", allowed: "at least one \(kind) place with a positive weight")
            }
            for (p, place) in area.places.enumerated() {
                guard place.bounds.isWellFormed, area.bounds.contains(place.bounds) else {
                    throw ConfigError(path: "\(ap).places[\(p)].bounds", value: "\(place.bounds)", allowed: "a box inside the area's bounds")
                }
                try check("\(ap).places[\(p)].weight", place.weight, ConfigRange.weight)
            }
        }
        guard !region.models.isEmpty else { throw ConfigError(path: "\(path).models", value: "[]", allowed: "at least one model") }
        for (m, model) in region.models.enumerated() {
            try check("\(path).models[\(m)].share", model.share, ConfigRange.weight)
            try check("\(path).models[\(m)].batteryKWh", model.batteryKWh, ConfigRange.batteryKWh)
        }
        try check("\(path).models.share (sum)", region.models.reduce(0) { $0 + $1.share }, 1e-9, .infinity)
        guard !region.classMix.isEmpty else { throw ConfigError(path: "\(path).classMix", value: "[]", allowed: "at least one user class") }
        for (c, share) in region.classMix.enumerated() {
            try check("\(path).classMix[\(c)].percent", share.percent, ConfigRange.percent)
            if share.userClass.rawValue.isEmpty {
                throw ConfigError(path: "\(path).classMix[\(c)].userClass", value: "\"\"", allowed: "a non-empty class name")
            }
        }
        let total = region.classMix.reduce(0) { $0 + $1.percent }
        guard abs(total - 100) < 1e-6 else {
            throw ConfigError(path: "\(path).classMix", value: "\(total) % in all", allowed: "shares adding up to 100 %")
        }
        try check("\(path).prcLinkedShare", region.prcLinkedShare, ConfigRange.fraction)
        for (i, app) in region.thirdPartyTelemetry.enumerated() {
            try check("\(path).thirdPartyTelemetry[\(i)].share", app.share, ConfigRange.fraction)
        }
        try check("\(path).thirdPartyTelemetry.share (sum)", region.thirdPartyTelemetry.reduce(0) { $0 + $1.share }, 0, 1)
        guard region.modelYears.lowerBound >= 2012, region.modelYears.upperBound <= 2100 else {
            throw ConfigError(path: "\(path).modelYears", value: "\(region.modelYears)", allowed: "years within 2012 ... 2100")
        }
    }

    private func validate(_ t: TelemetryConfig) throws(ConfigError) {
        let base = "flows.telemetry"
        try check("\(base).recordOverheadBytes", t.recordOverheadBytes, ConfigRange.recordBytes)
        for (i, f) in t.fields.enumerated() {
            let p = "\(base).fields[\(i)]"
            try check("\(p).bytes", f.bytes, ConfigRange.recordBytes)
            try check("\(p).intervalSeconds", f.intervalSeconds, ConfigRange.telemetryInterval)
            try check("\(p).minimumDelta", f.minimumDelta, ConfigRange.telemetryDelta)
            try check("\(p).resendIntervalSeconds", f.resendIntervalSeconds, ConfigRange.telemetryResend)
            for state in CarState.awake {
                try check("\(p).change.\(state)", f.change.perSecond(state), ConfigRange.telemetryDelta)
            }
        }
    }

    private func validate(_ zone: ZoneConfig, path: String) throws(ConfigError) {
        switch zone.shape {
        case let .circle(center, radius):
            try check("\(path).shape.radiusMeters", radius, ConfigRange.radiusMeters)
            try check("\(path).shape.center.latitude", center.latitude, -90, 90)
            try check("\(path).shape.center.longitude", center.longitude, -180, 180)
        case let .polygon(points):
            guard points.count >= 3 else {
                throw ConfigError(path: "\(path).shape", value: "\(points.count) vertices", allowed: "a polygon of at least 3 vertices")
            }
            guard zone.shape.contains(zone.shape.interiorPoint) else {
                throw ConfigError(path: "\(path).shape", value: "a non-convex polygon", allowed: "a polygon containing its vertex average")
            }
        }
        if let s = zone.season {
            try check("\(path).season.startMonth", Double(s.startMonth), 1, 12, integer: true)
            try check("\(path).season.endMonth", Double(s.endMonth), 1, 12, integer: true)
            try check("\(path).season.startDay", Double(s.startDay), 1, 31, integer: true)
            try check("\(path).season.endDay", Double(s.endDay), 1, 31, integer: true)
        }
    }

    private func validateBehaviour() throws(ConfigError) {
        let b = behaviour
        for (name, mix) in [("fromHome", b.fromHome), ("fromElsewhere", b.fromElsewhere)] {
            for (field, w) in zip(["home", "work", "poi", "charger", "zone"], mix.values) {
                try check("behaviour.\(name).\(field)", w, 0, 1e9)
            }
            try check("behaviour.\(name) (sum)", mix.values.reduce(0, +), 1e-9, .infinity)
        }
        for (field, h) in zip(["home", "work", "poi", "charger", "zone"], b.dwellHours.values) {
            try check("behaviour.dwellHours.\(field)", h, 0.001, 24 * 365)
        }
        try check("behaviour.dwellSigma", b.dwellSigma, 0, 3)
        try check("behaviour.speedSigma", b.speedSigma, 0, 2)
        try check("behaviour.detourFactor", b.detourFactor, 1, 5)
        try check("behaviour.distanceDecayKm", b.distanceDecayKm, 0.1, 1000)
        try check("behaviour.sleepAfterSeconds", b.sleepAfterSeconds, 1, 86_400 * 30)
        try check("behaviour.consumptionKWhPerKm", b.consumptionKWhPerKm, 0, 2)
        try check("behaviour.chargeBelow", b.chargeBelow, 0, 1)
        try check("behaviour.homeChargeBelow", b.homeChargeBelow, 0, 1)
        try check("behaviour.chargeTarget", b.chargeTarget, 0.05, 1)
        try check("behaviour.superchargerKW", b.superchargerKW, 1, 1000)
        try check("behaviour.homeChargerKW", b.homeChargerKW, 1, 1000)
        try check("behaviour.initialBattery.lowerBound", b.initialBattery.lowerBound, 0, 1)
        try check("behaviour.initialBattery.upperBound", b.initialBattery.upperBound, 0, 1)
        try check("behaviour.initialAwakeShare", b.initialAwakeShare, 0, 1)
    }

    private func check(_ path: String, _ value: Double, _ range: ClosedRange<Double>, integer: Bool = false) throws(ConfigError) {
        try check(path, value, range.lowerBound, range.upperBound, integer: integer)
    }

    private func check(_ path: String, _ value: Double, _ low: Double, _ high: Double, integer: Bool = false) throws(ConfigError) {
        guard value.isFinite, value >= low, value <= high else {
            let range = high.isInfinite ? "\(format(low)) or more" : "\(format(low)) ... \(format(high))"
            throw ConfigError(path: path, value: format(value), allowed: range + (integer ? " (whole number)" : ""))
        }
    }

    private func format(_ v: Double) -> String {
        v.isFinite && v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}
