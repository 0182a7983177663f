/// Evaluates flows against a `PolicySet`, fast enough to run on every flow.
///
/// Each `RuleMatch` is compiled once into bit masks (category, direction, market, zone kind) and
/// tri-state flags, checked before any set lookup; string sets (classes, services, countries...)
/// are consulted only for rules whose cheap conditions already hold. The no-match path performs
/// no allocation: verdicts go into a caller-owned array, and `evaluate(_:)` returns an empty
/// array (which does not allocate) when nothing matches.
public struct PolicyEngine: Sendable {
    public let policies: PolicySet
    let compiled: [CompiledRule]

    public init(_ policies: PolicySet) {
        self.policies = policies
        compiled = policies.rules.map(CompiledRule.init)
    }

    /// Appends the verdict of every rule that applies to `facts`, in rule order, after
    /// removing what `verdicts` held (its capacity is kept, so a reused buffer never allocates).
    public func evaluate(_ facts: FlowFacts, into verdicts: inout [PolicyVerdict]) {
        verdicts.removeAll(keepingCapacity: true)
        forEachVerdict(facts) { verdicts.append($0) }
    }

    /// Calls `body` with the verdict of every rule that applies to `facts`, in rule order.
    @inline(__always)
    func forEachVerdict(_ facts: FlowFacts, _ body: (PolicyVerdict) -> Void) {
        var restricted: Bool? = nil
        let restrictedClasses = policies.restrictedByMarket[facts.market.index]
        // Through a buffer pointer, each rule is borrowed, not copied (a copy retains its sets).
        compiled.withUnsafeBufferPointer { rules in
            for index in rules.indices {
                if let severity = rules[index].severity(facts, restricted: &restricted, restrictedClasses) {
                    body(PolicyVerdict(rule: index, severity: severity))
                }
            }
        }
    }

    /// The verdicts for `facts`, in rule order; empty (and unallocated) when no rule applies.
    public func evaluate(_ facts: FlowFacts) -> [PolicyVerdict] {
        var out: [PolicyVerdict] = []
        evaluate(facts, into: &out)
        return out
    }

    /// The most severe verdict (the earliest rule on a tie): a flow log line's "policy verdict".
    public func worst(_ facts: FlowFacts) -> PolicyVerdict? {
        var best: PolicyVerdict? = nil
        forEachVerdict(facts) { verdict in
            if best.map({ verdict.severity > $0.severity }) ?? true { best = verdict }
        }
        return best
    }

    /// The rule a verdict names.
    public func rule(_ verdict: PolicyVerdict) -> PolicyRule { policies.rules[verdict.rule] }

    /// "CN-3a critical", the label of a verdict in a flow log line.
    public func label(_ verdict: PolicyVerdict) -> String {
        "\(policies.rules[verdict.rule].id) \(verdict.severity.rawValue)"
    }
}

/// A rule with its match and severity cases compiled.
struct CompiledRule: Sendable {
    let match: CompiledMatch
    let cases: [(CompiledMatch, Severity)]

    init(_ rule: PolicyRule) {
        match = CompiledMatch(rule.match)
        cases = rule.severities.map { (CompiledMatch($0.when), $0.severity) }
    }

    @inline(__always)
    func severity(_ f: FlowFacts, restricted: inout Bool?, _ restrictedClasses: Set<UserClassID>) -> Severity? {
        guard match.matches(f, restricted: &restricted, restrictedClasses) else { return nil }
        return cases.withUnsafeBufferPointer { cases in
            for i in cases.indices where cases[i].0.matches(f, restricted: &restricted, restrictedClasses) {
                return cases[i].1
            }
            return nil
        }
    }
}

/// A `RuleMatch` as masks and tri-states: 0 = any, 1 = must be true, 2 = must be false.
struct CompiledMatch: Sendable {
    let categoryMask: UInt16
    let directionMask: UInt8
    let marketMask: UInt8
    /// 0 = any; else the flow's zone kind bit must be in the mask.
    let zoneKindMask: UInt8
    let inZone, crossBorder, anonymised, prcLinked, restricted: UInt8
    let minBytes: UInt64
    let minModelYear: Int
    /// The set conditions, boxed: nil when the match has none, so that most matches hold no
    /// reference at all and a copy costs no reference counting.
    let sets: SetConditions?

    /// A match's set conditions; nil sets are "any".
    final class SetConditions: Sendable {
        let userClasses: Set<UserClassID>?
        let regions: Set<RegionID>?
        let zones: Set<ZoneID>?
        let services: Set<ServiceID>?
        let countries: Set<Country>?

        init?(_ m: RuleMatch) {
            guard m.userClasses != nil || m.regions != nil || m.zones != nil || m.services != nil || m.countries != nil
            else { return nil }
            userClasses = m.userClasses
            regions = m.regions
            zones = m.zones
            services = m.services
            countries = m.countries
        }

        @inline(__always)
        func hold(for f: FlowFacts) -> Bool {
            if let userClasses, !userClasses.contains(f.userClass) { return false }
            if let regions, !regions.contains(f.region) { return false }
            if let zones { guard let zone = f.zone, zones.contains(zone) else { return false } }
            if let services, !services.contains(f.service) { return false }
            if let countries, !countries.contains(f.destinationCountry) { return false }
            return true
        }
    }

    init(_ m: RuleMatch) {
        func tri(_ b: Bool?) -> UInt8 { b.map { $0 ? 1 : 2 } ?? 0 }
        categoryMask = m.categories.map { $0.reduce(0) { $0 | UInt16(1) << UInt16($1.index) } } ?? .max
        directionMask = m.direction.map(Self.bit) ?? .max
        marketMask = m.markets.map { $0.reduce(0) { $0 | Self.bit($1) } } ?? .max
        zoneKindMask = m.zoneKinds.map { $0.reduce(0) { $0 | $1.maskBit } } ?? 0
        inZone = tri(m.inZone)
        crossBorder = tri(m.crossBorder)
        anonymised = tri(m.anonymised)
        prcLinked = tri(m.prcLinkedConnectivity)
        restricted = tri(m.restricted)
        minBytes = m.minBytes ?? 0
        minModelYear = m.minModelYear ?? .min
        sets = SetConditions(m)
        // An empty kind set matches nothing, which a zero mask cannot say: keep it as a set check.
        emptyZoneKinds = m.zoneKinds?.isEmpty ?? false
    }
    let emptyZoneKinds: Bool

    static func bit(_ d: Direction) -> UInt8 { d == .up ? 1 : 2 }
    static func bit(_ m: Market) -> UInt8 { UInt8(1) << UInt8(m.index) }

    @inline(__always) static func holds(_ tri: UInt8, _ value: Bool) -> Bool {
        tri == 0 || (tri == 1) == value
    }

    @inline(__always)
    func matches(_ f: FlowFacts, restricted isRestricted: inout Bool?, _ restrictedClasses: Set<UserClassID>) -> Bool {
        guard categoryMask & (UInt16(1) << UInt16(f.category.index)) != 0,
            directionMask & Self.bit(f.direction) != 0,
            marketMask & Self.bit(f.market) != 0,
            f.bytes >= minBytes, f.modelYear >= minModelYear,
            Self.holds(inZone, f.zone != nil),
            Self.holds(anonymised, f.anonymised),
            Self.holds(prcLinked, f.prcLinkedConnectivity)
        else { return false }
        if emptyZoneKinds { return false }
        if zoneKindMask != 0 {
            guard let kind = f.zoneKind, zoneKindMask & kind.maskBit != 0 else { return false }
        }
        if crossBorder != 0, !Self.holds(crossBorder, f.isCrossBorder) { return false }
        if restricted != 0 {
            let value = isRestricted ?? restrictedClasses.contains(f.userClass)
            isRestricted = value
            guard Self.holds(restricted, value) else { return false }
        }
        if let sets { return sets.hold(for: f) }
        return true
    }
}

extension ZoneKind {
    /// Bit for per-rule masks (five kinds fit a byte).
    var maskBit: UInt8 {
        switch self {
        case .governmentOrgan: 1
        case .defenceIndustry: 2
        case .militaryZone: 4
        case .seasonal: 8
        case .usGovernmentSite: 16
        }
    }
}
