import Fleet
import Simulation

/// A what-if (docs/what-if.md): a fragment of the scenario format, applied to a scenario from a
/// chosen time on. It names the routing and the policies it changes; from its time the run is
/// the scenario's with those changes, on the same draws (each car's own streams), so what
/// differs between the two runs is what the change made differ.
///
/// A what-if is one more timeline: `entries(from:)` are the `set-routing` and `set-policies`
/// entries a scenario file would write for it, and `Scenario.applying(_:from:)` merges them, so
/// "the scenario with the what-if from T" is a scenario like any other (and a snapshot of it
/// is the variant, byte for byte).
public struct WhatIf: Hashable, Sendable {
    /// One region's new class mix (percent, adding up to 100).
    public struct ClassMixChange: Hashable, Sendable {
        public var region: RegionID
        public var classes: [ClassShare]
        public var location: SourceLocation
    }

    /// A region's cars take other third-party apps (`fleet.apps`).
    public struct AppChange: Hashable, Sendable {
        public var region: RegionID
        public var apps: [ThirdPartyTelemetry]
        public var location: SourceLocation
    }

    /// One routing change: the market's `category` goes to `service`.
    public struct Route: Hashable, Sendable {
        public var market: Market
        public var category: DataCategory
        public var service: ServiceID
        public var location: SourceLocation
    }

    public var name: String
    public var description: String?
    /// In the order the file lists them (markets, then categories, as written).
    public var routing: [Route]
    public var policies: PolicyChange?
    /// Zones added to those in force, zones out of force (the law a flow is judged by, not
    /// where cars drive: `ZoneChange`).
    public var zones: ZoneChange?
    /// Regions whose drivers take another class mix (the fewest cars change class:
    /// `FleetAction.setClassMix`), in the file's order.
    public var classMixes: [ClassMixChange]
    /// Regions whose cars stream to other third-party apps (the fewest cars change app:
    /// `FleetAction.setApps`), in the file's order.
    public var appChanges: [AppChange] = []
    /// Where the what-if was written (its `policies` and `zones` entries' places, for a failure
    /// at run time).
    public var location: SourceLocation
    public var policiesLocation: SourceLocation?
    public var zonesLocation: SourceLocation?

    /// The keys of a what-if (a file of its own, or an entry of a scenario's `what-ifs`).
    static let keys = ["name", "description", "routing", "policies", "zones", "fleet"]

    /// The timeline entries that play this what-if at `from`: its routes in order, then its
    /// policies, then its zones, then its class mixes, then its apps.
    public func entries(from: SimDuration) -> [TimelineEntry] {
        var entries = routing.map {
            TimelineEntry(at: from, action: .setRouting(market: $0.market, category: $0.category, service: $0.service), location: $0.location)
        }
        if let policies, !policies.isEmpty {
            entries.append(TimelineEntry(at: from, action: .setPolicies(policies), location: policiesLocation ?? location))
        }
        if let zones, !zones.isEmpty {
            entries.append(TimelineEntry(at: from, action: .setZones(zones), location: zonesLocation ?? location))
        }
        for mix in classMixes {
            entries.append(TimelineEntry(at: from, action: .setClassMix(region: mix.region, classes: mix.classes), location: mix.location))
        }
        for change in appChanges {
            entries.append(TimelineEntry(at: from, action: .setApps(region: change.region, apps: change.apps), location: change.location))
        }
        return entries
    }

    /// Parses a what-if file; references (services, classes, zones) are checked against `names`,
    /// the names of the scenario it will be applied to.
    public static func parse(
        text: String, file: String, names: ScenarioNames, limits: ScenarioLimits = .default
    ) throws(ScenarioError) -> WhatIf {
        try decodeFile(YAMLLoader.parse(text, file: file, limits: limits), file: file, names: names, limits: limits)
    }

    /// Reads (size checked first) and parses the what-if file at `path`.
    public static func load(path: String, names: ScenarioNames, limits: ScenarioLimits = .default) throws(ScenarioError) -> WhatIf {
        try decodeFile(YAMLLoader.load(path: path, file: path, limits: limits), file: path, names: names, limits: limits)
    }

    static func decodeFile(_ root: YAMLNode, file: String, names: ScenarioNames, limits: ScenarioLimits) throws(ScenarioError) -> WhatIf {
        var context = DecodeContext(file: file, limits: limits)
        let whatIf = decode(root, "the what-if", names: names, context: &context)
        try context.check()
        guard let whatIf else { throw ScenarioError([Diagnostic(root.location, "the what-if could not be read")]) }
        return whatIf
    }

    /// `{name: ..., description: ..., routing: {CN: {camera-clip: tesla-ai}}, policies:
    /// {restricted-classes: ..., rules: [...]}}`; nil after recording diagnostics.
    static func decode(_ node: YAMLNode, _ what: String, names: ScenarioNames, context: inout DecodeContext) -> WhatIf? {
        let before = context.diagnostics.count
        guard let f = context.mapping(node, what, allowed: keys, required: ["name"]) else { return nil }
        let name = f["name"].flatMap { context.string($0, "what-if name") }
        let description = f["description"].flatMap { context.string($0, "what-if description", allowEmpty: true) }
        var routing: [Route] = []
        if let r = f["routing"], let markets = context.mapping(r, "\(what) routing", allowed: Market.known.map(\.rawValue)) {
            for market in Market.known {
                guard let m = markets[market.rawValue],
                    let g = context.mapping(m, "\(what) routing.\(market.rawValue)", allowed: DataCategory.allCases.map(\.rawValue))
                else { continue }
                for category in DataCategory.allCases {
                    guard let n = g[category.rawValue],
                        let service = context.name(n, "service", in: names.services).map(ServiceID.init(rawValue:))
                    else { continue }
                    routing.append(Route(market: market, category: category, service: service, location: n.location))
                }
            }
        }
        var policies: PolicyChange? = nil
        if let p = f["policies"], let g = context.mapping(p, "\(what) policies", allowed: PolicyDecoding.sectionKeys) {
            if g["restricted-classes"] == nil, g["rules"] == nil {
                context.error("\(what) policies needs restricted-classes or rules (or both)", at: p)
            }
            policies = PolicyDecoding.decodeChange(
                restricted: g["restricted-classes"], rules: g["rules"], "\(what) policies", names: names, context: &context)
        }
        var zones: ZoneChange? = nil
        if let z = f["zones"], let g = context.mapping(z, "\(what) zones", allowed: ZoneChangeDecoding.keys) {
            zones = ZoneChangeDecoding.decode(add: g["add"], remove: g["remove"], node: z, "\(what) zones", names: names, context: &context)
        }
        var classMixes: [ClassMixChange] = []
        var appChanges: [AppChange] = []
        if let fleet = f["fleet"], let g = context.mapping(fleet, "\(what) fleet", allowed: ["mix", "apps"]) {
            if g["mix"] == nil, g["apps"] == nil { context.error("\(what) fleet needs mix or apps (or both)", at: fleet) }
            classMixes = perRegion(g["mix"], "\(what) fleet", "mix", value: "classes", names: names, &context) { node, c in
                WorldDecoder.classMix(node, "fleet.mix classes", known: names.classes, &c)
            }.map { ClassMixChange(region: $0.region, classes: $0.value, location: $0.location) }
            appChanges = perRegion(g["apps"], "\(what) fleet", "apps", value: "third-party-telemetry", names: names, &context) { node, c in
                WorldDecoder.apps(node, "fleet.apps", services: names.services, &c)
            }.map { AppChange(region: $0.region, apps: $0.value, location: $0.location) }
        }
        if context.diagnostics.count == before, routing.isEmpty, policies == nil, zones == nil, classMixes.isEmpty, appChanges.isEmpty,
            f["routing"] == nil, f["policies"] == nil, f["zones"] == nil, f["fleet"] == nil {
            context.error("\(what) changes nothing: give it routing, policies, zones or fleet (docs/what-if.md)", at: node)
        }
        guard context.diagnostics.count == before, let name else { return nil }
        return WhatIf(
            name: name, description: description, routing: routing, policies: policies, zones: zones, classMixes: classMixes,
            appChanges: appChanges, location: node.location, policiesLocation: f["policies"]?.location, zonesLocation: f["zones"]?.location)
    }

    /// `fleet.mix` or `fleet.apps`: a list of `{region: R, <value>: ...}`, each region once,
    /// each value read by `decode`; the entries read, in the file's order.
    static func perRegion<T>(
        _ node: YAMLNode?, _ what: String, _ list: String, value: String, names: ScenarioNames, _ context: inout DecodeContext,
        _ decode: (YAMLNode, inout DecodeContext) -> T?
    ) -> [(region: RegionID, value: T, location: SourceLocation)] {
        guard let items = node.flatMap({ context.list($0, "\(what).\(list)") }) else { return [] }
        var entries: [(region: RegionID, value: T, location: SourceLocation)] = []
        var seen: [(id: String, node: YAMLNode)] = []
        for item in items {
            guard let m = context.mapping(item, "a fleet.\(list) entry", allowed: ["region", value], required: ["region", value]),
                let r = m["region"], let region = context.name(r, "region", in: names.regions)
            else { continue }
            seen.append((region, r))
            if let v = m[value], let decoded = decode(v, &context) {
                entries.append((RegionID(rawValue: region), decoded, item.location))
            }
        }
        context.checkUnique(seen, "fleet.\(list) region")
        return entries
    }

    /// A scenario's `what-ifs`: a list of what-ifs with distinct names.
    static func decodeList(_ node: YAMLNode, names: ScenarioNames, context: inout DecodeContext) -> [WhatIf]? {
        guard let items = context.list(node, "what-ifs", maxCount: 100) else { return nil }
        let before = context.diagnostics.count
        var list: [WhatIf] = []
        var seen: [(id: String, node: YAMLNode)] = []
        for item in items {
            guard let w = decode(item, "a what-if", names: names, context: &context) else { continue }
            if let n = item["name"] { seen.append((w.name.lowercased(), n)) }
            list.append(w)
        }
        context.checkUnique(seen, "what-if name")
        return context.diagnostics.count == before ? list : nil
    }
}

extension Scenario {
    /// This scenario with `whatIf` played from `from` on: its entries join the timeline after
    /// every entry at or before `from`. A snapshot of the result is the what-if's variant.
    public func applying(_ whatIf: WhatIf, from: SimDuration) -> Scenario {
        var merged = self
        let split = timeline.firstIndex { $0.at > from } ?? timeline.count
        merged.timeline = Array(timeline[..<split]) + whatIf.entries(from: from) + Array(timeline[split...])
        return merged
    }

    /// The what-if of this scenario called `name` (letter case aside).
    public func whatIf(named name: String) -> WhatIf? {
        whatIfIndex(named: name).map { whatIfs[$0] }
    }

    /// The index in `whatIfs` of the what-if called `name` (letter case aside).
    public func whatIfIndex(named name: String) -> Int? {
        whatIfs.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    /// The names this scenario defines, which a what-if applied to it must use.
    public var names: ScenarioNames {
        ScenarioNames(
            classes: ScenarioNames.builtInClasses.union(classes.map(\.id.rawValue)),
            regions: Set(world.regions.map(\.id.rawValue)), zones: Set(world.zones.map(\.id.rawValue)),
            places: Set(world.regions.flatMap { $0.areas.flatMap { $0.places.map(\.id) } }),
            services: Set(world.services.map(\.id.rawValue)), fleetSize: world.fleetSize)
    }
}
