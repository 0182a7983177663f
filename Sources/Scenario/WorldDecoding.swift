import Fleet
import Simulation

/// A user class a scenario declares besides the built-in ones.
public struct UserClassInfo: Hashable, Sendable {
    public var id: UserClassID
    public var name: String
    public var description: String?
}

/// Builds the fleet's `WorldConfig` from a scenario's kept sections, starting from
/// `WorldConfig.default`: a list (`regions`, `services`, `classes`) replaces the default list;
/// a mapping (`fleet`, `routing`, `flows`) changes only the keys it names. Every problem is a
/// located diagnostic; `paths` remembers where each parameter was written, so a `ConfigError`
/// from `WorldConfig.validate()` points at its node.
struct WorldDecoder {
    var config = WorldConfig.default
    var paths: [String: SourceLocation] = [:]
    var sections: [String: SourceLocation] = [:]
    var classes: [UserClassInfo] = []
    var anonymised: Set<DataCategory> = []
    /// The built-in classes and those the file declares (read by `NameScan`).
    var knownClasses = ScenarioNames.builtInClasses

    static let fleetKeys = ["size", "start", "mix"]
    static let mixKeys = ["region", "share", "classes"]
    static let serviceKeys = ["id", "name", "country", "server-name", "address", "port"]
    static let categoryKeys = ["parked", "driving", "charging", "up-share", "throughput", "packet-bytes", "anonymised"]
    static let profileKeys = ["rate", "mean-bytes", "size-sigma"]
    /// Telemetry has fields instead of per-state profiles (`TelemetryConfig`).
    static let telemetryKeys = ["record-overhead-bytes", "fields", "up-share", "throughput", "packet-bytes", "anonymised"]
    static let fieldKeys = ["name", "bytes", "interval-seconds", "minimum-delta", "resend-interval-seconds", "change"]

    mutating func decode(_ doc: ScenarioDocument, _ c: inout DecodeContext) {
        config.seed = doc.seed
        knownClasses = doc.names.classes
        if let n = doc.regions { sections["regions"] = n.location; decodeRegions(n, &c) }
        if let n = doc.fleet { sections["fleet"] = n.location; decodeFleet(n, &c) }
        if let n = doc.classes { decodeClasses(n, &c) }
        if let n = doc.services { sections["services"] = n.location; decodeServices(n, &c) }
        if let n = doc.routing { sections["routing"] = n.location; decodeRouting(n, &c) }
        if let n = doc.flows { sections["flows"] = n.location; decodeFlows(n, &c) }
        if let n = doc.behaviour { sections["behaviour"] = n.location; decodeBehaviour(n, &c) }
    }

    /// Where the parameter at `path` (a `ConfigError.path`) was written: its own node, the
    /// nearest enclosing one recorded, or its section.
    func location(of path: String) -> SourceLocation? {
        var p = Substring(path)
        while !p.isEmpty {
            if let l = paths[String(p)] { return l }
            guard let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            p = p[..<cut]
        }
        let section: String = switch p {
        case "fleetSize", "start": "fleet"
        case "zones": "regions"
        default: String(p)
        }
        // A routing entry left at its default breaks when `services` replaced its service.
        return sections[section] ?? (section == "routing" ? sections["services"] : nil)
    }

    /// The fleet sizes a file may ask for: at least one car, at most what the scenario limits and
    /// the world's address range allow.
    static func fleetSizes(_ limits: ScenarioLimits) -> ClosedRange<Int> {
        1...min(limits.maxFleetSize, WorldConfig.maxFleetSize)
    }

    mutating func decodeFleet(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let f = c.mapping(node, "fleet", allowed: Self.fleetKeys) else { return }
        if let n = f["size"] {
            paths["fleetSize"] = n.location
            if let size = c.int(n, "fleet.size", in: Self.fleetSizes(c.limits)) {
                config.fleetSize = size
            }
        }
        if let n = f["start"] {
            paths["start"] = n.location
            if let start = startDate(n, &c) { config.start = start }
        }
        guard let mix = f["mix"], let items = c.list(mix, "fleet.mix") else { return }
        paths["regions"] = mix.location
        var seen: [(id: String, node: YAMLNode)] = []
        for item in items {
            guard let g = c.mapping(item, "a fleet.mix entry", allowed: Self.mixKeys, required: ["region"]),
                let regionNode = g["region"],
                let id = c.reference(regionNode, "region", among: Set(config.regions.map(\.id.rawValue)))
            else { continue }
            seen.append((id, regionNode))
            guard let r = config.regions.firstIndex(where: { $0.id.rawValue == id }) else { continue }
            paths["regions[\(r)].fleetShare"] = (g["share"] ?? item).location
            if let share = g["share"].flatMap({ c.double($0, "fleet.mix share", in: ConfigRange.weight) }) {
                config.regions[r].fleetShare = share
            }
            guard let classes = g["classes"] else { continue }
            paths["regions[\(r)].classMix"] = classes.location
            guard let shares = Self.classShares(classes, "fleet.mix classes", known: knownClasses, &c) else { continue }
            for (k, share) in shares.enumerated() { paths["regions[\(r)].classMix[\(k)]"] = share.location }
            config.regions[r].classMix = shares.map(\.share)
        }
        c.checkUnique(seen, "fleet.mix region")
    }

    /// A class mix, `{private: 95, military: 5}`: each class one of `known`, with its percent
    /// and where it was written; nil after recording diagnostics for the mapping itself.
    static func classShares(
        _ classes: YAMLNode, _ what: String, known: Set<String>, _ c: inout DecodeContext
    ) -> [(share: ClassShare, location: SourceLocation)]? {
        guard case .mapping(let entries) = classes.kind else {
            c.error("\(what) must be a mapping of class to percent, such as {private: 95, military: 5}, "
                + "found \(classes.kindDescription)", at: classes)
            return nil
        }
        var shares: [(share: ClassShare, location: SourceLocation)] = []
        for entry in entries {
            let name = c.reference(entry.key, "user class", among: known)
            let percent = c.double(entry.value, "percent of '\(entry.key.scalarText ?? "")'", in: ConfigRange.percent)
            if let name, let percent { shares.append((ClassShare(UserClassID(rawValue: name), percent: percent), entry.value.location)) }
        }
        return shares
    }

    /// A class mix that a run takes mid-way (`set-class-mix`, a what-if's `fleet.mix`): the
    /// percents must add up to 100 here, as `WorldConfig.validate` checks the scenario's.
    static func classMix(_ classes: YAMLNode, _ what: String, known: Set<String>, _ c: inout DecodeContext) -> [ClassShare]? {
        let before = c.diagnostics.count
        guard let shares = classShares(classes, what, known: known, &c), c.diagnostics.count == before else { return nil }
        let total = shares.reduce(0) { $0 + $1.share.percent }
        guard !shares.isEmpty, abs(total - 100) < 1e-6 else {
            c.error("\(what) must add up to 100 percent, found \(total == total.rounded() ? String(Int(total)) : String(total))", at: classes)
            return nil
        }
        return shares.map(\.share)
    }


    /// `2026-11-30`, `2026-11-30 08:00`, or with the zone it is written in: `2026-11-30 08:00
    /// +08:00` (also `UTC+8`, `Z`, or ISO `2026-11-30T08:00+08:00`). Without a zone the date is
    /// the first region's first area's local time.
    func startDate(_ node: YAMLNode, _ c: inout DecodeContext) -> StartDate? {
        guard let text = c.string(node, "fleet.start") else { return nil }
        var parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        if parts.count == 2, let cut = parts[1].firstIndex(where: { $0 == "+" || $0 == "-" || $0 == "Z" }) {
            parts = [parts[0], String(parts[1][..<cut]), String(parts[1][cut...])]
        }
        let date = parts.first.map { $0.split(separator: "-").compactMap { Int($0) } } ?? []
        let time = parts.count >= 2 ? parts[1].split(separator: ":").compactMap { Int($0) } : [8, 0]
        var offset: Int?
        var offsetOK = true
        if parts.count == 3 {
            let zone = parts[2]
            offset = zone == "Z" || zone == "UTC" ? 0
                : TimeZoneRule.offsetMinutes(parsing: zone, prefix: zone.hasPrefix("UTC") ? "UTC" : "")
            offsetOK = offset != nil
        }
        guard parts.count <= 3, offsetOK, date.count == 3, time.count == 2, (1...12).contains(date[1]), (1...31).contains(date[2]),
            (0...23).contains(time[0]), (0...59).contains(time[1]), (1900...2200).contains(date[0])
        else {
            c.error("fleet.start must be a date such as 2026-11-30 or 2026-11-30 08:00, optionally with the UTC offset "
                + "it is written in (2026-11-30 08:00 +08:00), found '\(text)'", at: node)
            return nil
        }
        return StartDate(year: date[0], month: date[1], day: date[2], hour: Double(time[0]) + Double(time[1]) / 60,
                         utcOffsetMinutes: offset)
    }

    mutating func decodeClasses(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let items = c.list(node, "classes") else { return }
        for item in items {
            guard let f = c.mapping(item, "a class", allowed: ["id", "name", "description"], required: ["id"]),
                let id = f["id"].flatMap({ c.string($0, "class id") })
            else { continue }
            classes.append(UserClassInfo(
                id: UserClassID(rawValue: id), name: f["name"].flatMap { c.string($0, "class name") } ?? id,
                description: f["description"].flatMap { c.string($0, "class description", allowEmpty: true) }))
        }
    }

    mutating func decodeServices(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let items = c.list(node, "services", maxCount: Int(UInt16.max) - 1) else { return }
        paths["services"] = node.location
        var services: [ServiceConfig] = []
        for (s, item) in items.enumerated() {
            paths["services[\(s)]"] = item.location
            guard let f = c.mapping(item, "a service", allowed: Self.serviceKeys, required: ["id", "country", "address"]),
                let id = f["id"].flatMap({ c.string($0, "service id") })
            else { continue }
            let what = "service '\(id)'"
            let country = f["country"].flatMap { c.country($0, "\(what) country") }
            var address: IPv4Address?
            if let n = f["address"], let text = c.string(n, "\(what) address") {
                address = IPv4Address(parsing: text)
                if address == nil { c.error("\(what) address must be an IPv4 address such as 203.0.113.10, found '\(text)'", at: n) }
            }
            let port = f["port"].map { c.int($0, "\(what) port", in: 1...65_535) } ?? 443
            guard let country, let address, let port else { continue }
            services.append(ServiceConfig(
                id: ServiceID(rawValue: id), name: f["name"].flatMap { c.string($0, "\(what) name") } ?? id,
                country: country, serverName: f["server-name"].flatMap { c.string($0, "\(what) server-name") } ?? id,
                address: address, port: UInt16(port)))
        }
        config.services = services
    }

    /// `routing: {CN: {camera-clip: tesla-cn-dc, ...}, US: {...}}`, merged into the defaults.
    mutating func decodeRouting(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let f = c.mapping(node, "routing", allowed: Market.known.map(\.rawValue)) else { return }
        let services = Set(config.services.map(\.id.rawValue))
        for market in Market.known {
            guard let m = f[market.rawValue],
                let g = c.mapping(m, "routing.\(market.rawValue)", allowed: DataCategory.allCases.map(\.rawValue))
            else { continue }
            for category in DataCategory.allCases {
                guard let n = g[category.rawValue] else { continue }
                paths["routing.\(market.rawValue).\(category.rawValue)"] = n.location
                if let id = c.reference(n, "service", among: services) {
                    config.routing.setService(ServiceID(rawValue: id), for: category, market: market)
                }
            }
        }
    }

    /// `flows: {tick: 10s, telemetry: {driving: {rate: 3600}, up-share: 1}}`, merged field by field.
    mutating func decodeFlows(_ node: YAMLNode, _ c: inout DecodeContext) {
        guard let f = c.mapping(node, "flows", allowed: ["tick"] + DataCategory.allCases.map(\.rawValue)) else { return }
        if let n = f["tick"] {
            paths["flows.tickSeconds"] = n.location
            if let d = c.duration(n, "flows.tick", max: .hours(1)) { config.flows.tickSeconds = d.seconds }
        }
        for category in DataCategory.allCases {
            guard let n = f[category.rawValue] else { continue }
            let base = "flows.\(category.rawValue)"
            paths[base] = n.location
            let telemetry = category == .telemetry
            guard let g = c.mapping(n, base, allowed: telemetry ? Self.telemetryKeys : Self.categoryKeys) else { continue }
            if telemetry { decodeTelemetry(g, &c) }
            var cfg = config.flows.categories[category] ?? CategoryFlowConfig(
                parked: .none, driving: .none, charging: .none, upShare: 1, throughput: 1_000_000)
            for state in CarState.awake where !telemetry {
                guard let p = g["\(state)"] else { continue }
                paths["\(base).\(state)"] = p.location
                guard let h = c.mapping(p, "\(base).\(state)", allowed: Self.profileKeys) else { continue }
                var profile = cfg.profile(state)
                if let v = h["rate"].flatMap({ c.double($0, "\(base).\(state).rate", in: ConfigRange.flowRate) }) { profile.rate = v }
                if let v = h["mean-bytes"].flatMap({ c.byteCount($0, "\(base).\(state).mean-bytes") }) { profile.meanBytes = Double(v) }
                if let v = h["size-sigma"].flatMap({ c.double($0, "\(base).\(state).size-sigma", in: ConfigRange.sizeSigma) }) { profile.sizeSigma = v }
                cfg.setProfile(profile, for: state)
            }
            if let v = g["up-share"].flatMap({ c.double($0, "\(base).up-share", in: ConfigRange.fraction) }) { cfg.upShare = v }
            if let v = g["throughput"].flatMap({ c.byteCount($0, "\(base).throughput (bytes per second)") }) { cfg.throughput = Double(v) }
            if let v = g["packet-bytes"].flatMap({ c.int($0, "\(base).packet-bytes", in: ConfigRange.packetBytes.integers) }) { cfg.packetBytes = Double(v) }
            if let v = g["anonymised"].flatMap({ c.bool($0, "\(base).anonymised") }) {
                if v { anonymised.insert(category) } else { anonymised.remove(category) }
            }
            config.flows.categories[category] = cfg
        }
    }

    /// `flows.telemetry.record-overhead-bytes` and `fields`, a list that replaces the default one.
    mutating func decodeTelemetry(_ g: Fields, _ c: inout DecodeContext) {
        let base = "flows.telemetry"
        if let n = g["record-overhead-bytes"] {
            paths["\(base).recordOverheadBytes"] = n.location
            if let v = c.double(n, "\(base).record-overhead-bytes", in: ConfigRange.recordBytes) {
                config.flows.telemetry.recordOverheadBytes = v
            }
        }
        guard let n = g["fields"], let items = c.list(n, "\(base).fields", maxCount: 260) else { return }
        paths["\(base).fields"] = n.location
        var fields: [TelemetryField] = []
        var ok = true
        for (i, item) in items.enumerated() {
            let p = "\(base).fields[\(i)]"
            paths[p] = item.location
            guard let f = c.mapping(item, "a telemetry field", allowed: Self.fieldKeys,
                                    required: ["name", "bytes", "interval-seconds", "change"]),
                let name = f["name"].flatMap({ c.string($0, "telemetry field name") })
            else { ok = false; continue }
            let what = "\(base) field '\(name)'"
            func number(_ key: String, _ range: ClosedRange<Double>) -> Double?? {
                guard let n = f[key] else { return .some(nil) }
                return c.double(n, "\(what) \(key)", in: range).map { .some($0) } ?? .none
            }
            let bytes = number("bytes", ConfigRange.recordBytes)
            let interval = number("interval-seconds", ConfigRange.telemetryInterval)
            let delta = number("minimum-delta", ConfigRange.telemetryDelta)
            let resend = number("resend-interval-seconds", ConfigRange.telemetryResend)
            var change: FieldChange? = nil
            if let n = f["change"], let h = c.mapping(n, "\(what) change", allowed: CarState.awake.map { "\($0)" }) {
                var v = FieldChange()
                var good = true
                for state in CarState.awake {
                    guard let m = h["\(state)"] else { continue }
                    guard let x = c.double(m, "\(what) change.\(state)", in: ConfigRange.telemetryDelta) else { good = false; continue }
                    switch state {
                    case .parked: v.parked = x
                    case .driving: v.driving = x
                    case .charging: v.charging = x
                    case .asleep: break
                    }
                }
                change = good ? v : nil
            }
            guard case .some(.some(let b)) = bytes, case .some(.some(let iv)) = interval, case .some(let d) = delta,
                case .some(let r) = resend, let change
            else { ok = false; continue }
            fields.append(TelemetryField(
                name: name, bytes: b, intervalSeconds: iv, minimumDelta: d ?? 0, resendIntervalSeconds: r ?? 0, change: change))
        }
        if ok { config.flows.telemetry.fields = fields }
    }
}
