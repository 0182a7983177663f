/// The conditions a flow must meet for a rule (or one of its severity cases) to apply.
/// Every condition is optional: nil means "any". A flow matches when all present conditions hold.
///
/// A plain value so that rules are data: the scenario file, the default set and tests all build
/// the same thing, and `PolicyEngine` compiles it into masks once.
public struct RuleMatch: Hashable, Sendable {
    /// The driver's user class is one of these.
    public var userClasses: Set<UserClassID>?
    /// The driver's class is (true) or is not (false) restricted by the policy set.
    public var restricted: Bool?
    public var markets: Set<Market>?
    public var regions: Set<RegionID>?
    /// The flow started inside (true) or outside (false) any sensitive zone.
    public var inZone: Bool?
    /// The flow started inside one of these zones.
    public var zones: Set<ZoneID>?
    /// The flow started inside a zone of one of these kinds.
    public var zoneKinds: Set<ZoneKind>?
    public var categories: Set<DataCategory>?
    public var direction: Direction?
    /// The destination service is one of these.
    public var services: Set<ServiceID>?
    /// The destination country is one of these.
    public var countries: Set<Country>?
    /// The destination country differs from the market's country.
    public var crossBorder: Bool?
    /// The flow carries at least this many bytes.
    public var minBytes: UInt64?
    /// Camera data was (true) or was not (false) anonymised in the car.
    public var anonymised: Bool?
    /// The car's model year is at least this.
    public var minModelYear: Int?
    /// The car does (true) or does not (false) run PRC-linked connectivity software.
    public var prcLinkedConnectivity: Bool?

    public init(
        userClasses: Set<UserClassID>? = nil, restricted: Bool? = nil, markets: Set<Market>? = nil,
        regions: Set<RegionID>? = nil, inZone: Bool? = nil, zones: Set<ZoneID>? = nil,
        zoneKinds: Set<ZoneKind>? = nil, categories: Set<DataCategory>? = nil, direction: Direction? = nil,
        services: Set<ServiceID>? = nil, countries: Set<Country>? = nil, crossBorder: Bool? = nil,
        minBytes: UInt64? = nil, anonymised: Bool? = nil, minModelYear: Int? = nil, prcLinkedConnectivity: Bool? = nil
    ) {
        self.userClasses = userClasses
        self.restricted = restricted
        self.markets = markets
        self.regions = regions
        self.inZone = inZone
        self.zones = zones
        self.zoneKinds = zoneKinds
        self.categories = categories
        self.direction = direction
        self.services = services
        self.countries = countries
        self.crossBorder = crossBorder
        self.minBytes = minBytes
        self.anonymised = anonymised
        self.minModelYear = minModelYear
        self.prcLinkedConnectivity = prcLinkedConnectivity
    }

    /// Matches every flow.
    public static let any = RuleMatch()

    /// Whether `facts` meet every present condition; `restricted` says whether the driver's class
    /// is restricted by the policy set. The straightforward reading of the rule: `PolicyEngine`
    /// compiles the same logic, and the tests check that the two agree on random flows.
    public func matches(_ facts: FlowFacts, restricted isRestricted: Bool) -> Bool {
        if let userClasses, !userClasses.contains(facts.userClass) { return false }
        if let restricted, restricted != isRestricted { return false }
        if let markets, !markets.contains(facts.market) { return false }
        if let regions, !regions.contains(facts.region) { return false }
        if let inZone, inZone != (facts.zone != nil) { return false }
        if let zones { guard let zone = facts.zone, zones.contains(zone) else { return false } }
        if let zoneKinds { guard let kind = facts.zoneKind, zoneKinds.contains(kind) else { return false } }
        if let categories, !categories.contains(facts.category) { return false }
        if let direction, direction != facts.direction { return false }
        if let services, !services.contains(facts.service) { return false }
        if let countries, !countries.contains(facts.destinationCountry) { return false }
        if let crossBorder, crossBorder != facts.isCrossBorder { return false }
        if let minBytes, facts.bytes < minBytes { return false }
        if let anonymised, anonymised != facts.anonymised { return false }
        if let minModelYear, facts.modelYear < minModelYear { return false }
        if let prcLinkedConnectivity, prcLinkedConnectivity != facts.prcLinkedConnectivity { return false }
        return true
    }
}

extension RuleMatch {
    /// The present conditions in a few words, for a derived severity-case label: "cross-border,
    /// not anonymised". Empty for `.any`.
    public var phrase: String {
        func list<T>(_ s: Set<T>?, _ name: (T) -> String) -> String? {
            s.map { $0.map(name).sorted().joined(separator: "/") }
        }
        func flag(_ b: Bool?, _ yes: String, _ no: String) -> String? { b.map { $0 ? yes : no } }
        let parts: [String?] = [
            list(userClasses) { $0.rawValue }, flag(restricted, "restricted driver", "unrestricted driver"),
            list(markets) { $0.rawValue + " car" }, list(regions) { $0.rawValue },
            flag(inZone, "in a zone", "outside zones"), list(zones) { "in " + $0.rawValue },
            list(zoneKinds) { "in " + $0.rawValue }, list(categories) { $0.displayName },
            direction.map { $0 == .up ? "upload" : "download" }, list(services) { "to " + $0.rawValue },
            list(countries) { "to " + $0.rawValue }, flag(crossBorder, "cross-border", "stays in market"),
            minBytes.map { "at least " + ByteFormat.decimal($0) }, flag(anonymised, "anonymised", "not anonymised"),
            minModelYear.map { "model year \($0)+" },
            flag(prcLinkedConnectivity, "PRC-linked software", "no PRC-linked software"),
        ]
        return parts.compactMap { $0 }.joined(separator: ", ")
    }
}
