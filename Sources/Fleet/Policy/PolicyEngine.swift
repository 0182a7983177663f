/// Evaluates flows against a `PolicySet`, fast enough to run on every flow.
///
/// Each `RuleMatch` is compiled once into bit masks (category, direction, market, zone kind) and
/// tri-state flags, checked before any set lookup; string sets (classes, services, countries...)
/// are consulted only for rules whose cheap conditions already hold. The no-match path performs
/// no allocation: verdicts go into a caller-owned array, and `evaluate(_:)` returns an empty
/// array (which does not allocate) when nothing matches.
public struct PolicyEngine: Sendable {
    public let policies: PolicySet
    /// Every rule's match and then its severity cases' matches, flat and free of references,
    /// so that walking them on every flow copies no reference (a rule holding arrays and sets
    /// was copied, retained and released, once a flow: a quarter of the full model's time).
    let matches: [CompiledMatch]
    /// Per rule: where its match is in `matches`; its cases follow it up to the next rule's.
    let ruleStarts: [Int32]
    /// The severity of each case, by its index in `matches` (a rule's own match: unused).
    let severities: [Severity]
    /// The set conditions of the matches that have any (`CompiledMatch.sets` indexes them).
    let sets: [CompiledMatch.SetConditions]

    public init(_ policies: PolicySet) {
        self.policies = policies
        var matches: [CompiledMatch] = [], starts: [Int32] = [], severities: [Severity] = []
        var sets: [CompiledMatch.SetConditions] = []
        func add(_ m: RuleMatch, _ severity: Severity) {
            var index: Int32 = -1
            if let s = CompiledMatch.SetConditions(m) {
                index = Int32(sets.count)
                sets.append(s)
            }
            matches.append(CompiledMatch(m, sets: index))
            severities.append(severity)
        }
        for rule in policies.rules {
            starts.append(Int32(matches.count))
            add(rule.match, .watch)
            for s in rule.severities { add(s.when, s.severity) }
        }
        starts.append(Int32(matches.count))
        self.matches = matches
        ruleStarts = starts
        self.severities = severities
        self.sets = sets
    }

    /// Appends the verdict of every rule that applies to `facts`, in rule order, after
    /// removing what `verdicts` held (its capacity is kept, so a reused buffer never allocates).
    /// `restricted`: whether the flow's driver class is restricted in its market, when the
    /// caller knows it already (`policies.restrictedByMarket`); nil to look it up.
    public func evaluate(_ facts: FlowFacts, restricted: Bool? = nil, into verdicts: inout [PolicyVerdict]) {
        verdicts.removeAll(keepingCapacity: true)
        forEachVerdict(facts, restricted: restricted) { verdicts.append($0) }
    }

    /// Calls `body` with the verdict of every rule that applies to `facts`, in rule order.
    @inline(__always)
    func forEachVerdict(_ facts: FlowFacts, restricted known: Bool? = nil, _ body: (PolicyVerdict) -> Void) {
        var restricted: Bool? = known
        let restrictedClasses = policies.restrictedByMarket[facts.market.index]
        matches.withUnsafeBufferPointer { matches in
            ruleStarts.withUnsafeBufferPointer { starts in
                severities.withUnsafeBufferPointer { severities in
                    for rule in 0..<(starts.count - 1) {
                        let first = Int(starts[rule]), next = Int(starts[rule + 1])
                        guard matches[first].matches(facts, restricted: &restricted, restrictedClasses, sets) else { continue }
                        var k = first + 1
                        while k < next {
                            if matches[k].matches(facts, restricted: &restricted, restrictedClasses, sets) {
                                body(PolicyVerdict(rule: rule, severity: severities[k]))
                                break
                            }
                            k += 1
                        }
                    }
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
    /// The match's set conditions: an index of `PolicyEngine.sets`, -1 when it has none (a
    /// match holds no reference, so a copy costs no reference counting).
    let sets: Int32

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

    init(_ m: RuleMatch, sets: Int32) {
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
        self.sets = sets
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
    func matches(
        _ f: FlowFacts, restricted isRestricted: inout Bool?, _ restrictedClasses: Set<UserClassID>, _ conditions: [SetConditions]
    ) -> Bool {
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
        if sets >= 0 { return conditions[Int(sets)].hold(for: f) }
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
