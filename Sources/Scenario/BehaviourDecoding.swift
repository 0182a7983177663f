import Fleet
import Simulation

/// Decodes `behaviour`: how cars live (trip mix, stays, speeds, sleep, charging), merged key by
/// key into the default (`BehaviourConfig.defaults`). Paths follow `WorldConfig.validate()`'s
/// (`behaviour.dwellHours.home`), so a refused value points at its node.
extension WorldDecoder {
    static let behaviourKeys = [
        "from-home", "from-elsewhere", "dwell-hours", "dwell-sigma", "speed-sigma", "detour-factor", "sleep-after",
        "consumption-kwh-per-km", "charge-below", "home-charge-below", "charge-target", "supercharger-kw", "home-charger-kw",
        "initial-battery", "initial-awake-share", "distance-decay-km",
    ]
    static let destinationKeys = ["home", "work", "poi", "charger", "zone"]

    mutating func decodeBehaviour(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let f = c.mapping(node, "behaviour", allowed: Self.behaviourKeys) else { return }
        var b = config.behaviour
        func number(_ key: String, _ path: String, _ range: ClosedRange<Double>) -> Double? {
            guard let n = f[key] else { return nil }
            paths["behaviour.\(path)"] = n.location
            return c.double(n, "behaviour.\(key)", in: range)
        }
        if let m = perDestination(f, "from-home", path: "fromHome", b.fromHome, in: ConfigRange.weight, &c) { b.fromHome = m }
        if let m = perDestination(f, "from-elsewhere", path: "fromElsewhere", b.fromElsewhere, in: ConfigRange.weight, &c) {
            b.fromElsewhere = m
        }
        if let m = perDestination(f, "dwell-hours", path: "dwellHours", b.dwellHours, in: 0.001...(24 * 365), &c) { b.dwellHours = m }
        if let v = number("dwell-sigma", "dwellSigma", 0...3) { b.dwellSigma = v }
        if let v = number("speed-sigma", "speedSigma", 0...2) { b.speedSigma = v }
        if let v = number("detour-factor", "detourFactor", 1...5) { b.detourFactor = v }
        if let v = number("distance-decay-km", "distanceDecayKm", 0.1...1000) { b.distanceDecayKm = v }
        if let n = f["sleep-after"] {
            paths["behaviour.sleepAfterSeconds"] = n.location
            if let d = c.duration(n, "behaviour.sleep-after", max: .hours(24 * 30)) { b.sleepAfterSeconds = d.seconds }
        }
        if let v = number("consumption-kwh-per-km", "consumptionKWhPerKm", 0...2) { b.consumptionKWhPerKm = v }
        if let v = number("charge-below", "chargeBelow", ConfigRange.fraction) { b.chargeBelow = v }
        if let v = number("home-charge-below", "homeChargeBelow", ConfigRange.fraction) { b.homeChargeBelow = v }
        if let v = number("charge-target", "chargeTarget", 0.05...1) { b.chargeTarget = v }
        if let v = number("supercharger-kw", "superchargerKW", 1...1000) { b.superchargerKW = v }
        if let v = number("home-charger-kw", "homeChargerKW", 1...1000) { b.homeChargerKW = v }
        if let v = number("initial-awake-share", "initialAwakeShare", ConfigRange.fraction) { b.initialAwakeShare = v }
        if let n = f["initial-battery"] {
            paths["behaviour.initialBattery"] = n.location
            if let items = c.list(n, "behaviour.initial-battery"), items.count == 2,
                let lo = c.double(items[0], "behaviour.initial-battery", in: ConfigRange.fraction),
                let hi = c.double(items[1], "behaviour.initial-battery", in: ConfigRange.fraction)
            {
                if lo <= hi { b.initialBattery = lo...hi } else {
                    c.error("behaviour.initial-battery must be [lowest, highest], found [\(lo), \(hi)]", at: n)
                }
            } else if case .sequence = n.kind {
                c.error("behaviour.initial-battery must be [lowest, highest], two states of charge 0...1", at: n)
            }
        }
        config.behaviour = b
    }

    /// `{home: 0, work: 0.5, poi: 0.44, charger: 0.04, zone: 0.02}`: the keys given replace
    /// those of `base`.
    mutating func perDestination(
        _ f: Fields, _ key: String, path: String, _ base: PerDestination, in range: ClosedRange<Double>,
        _ c: inout DecodeContext
    ) -> PerDestination? {
        guard let n = f[key] else { return nil }
        paths["behaviour.\(path)"] = n.location
        guard let g = c.mapping(n, "behaviour.\(key)", allowed: Self.destinationKeys) else { return nil }
        var v = base
        for k in Self.destinationKeys {
            guard let m = g[k] else { continue }
            paths["behaviour.\(path).\(k)"] = m.location
            guard let x = c.double(m, "behaviour.\(key).\(k)", in: range) else { continue }
            switch k {
            case "home": v.home = x
            case "work": v.work = x
            case "poi": v.poi = x
            case "charger": v.charger = x
            default: v.zone = x
            }
        }
        return v
    }
}
