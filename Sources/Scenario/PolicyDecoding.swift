import Fleet

/// Decodes the `policies` section into a `PolicySet` (see docs/scenario-format.md).
///
/// Missing `rules` or `restricted-classes` keep the defaults, so `restricted-classes: []`
/// alone runs the default rules with nobody restricted.
public enum PolicyDecoding {
    static let sectionKeys = ["restricted-classes", "rules"]
    static let ruleKeys = ["id", "title", "source", "explanation", "match", "severity"]
    static let caseKeys = ["when", "level", "label"]
    static let matchKeys = [
        "user-class", "restricted", "market", "region", "in-zone", "zone", "zone-kind", "category", "direction",
        "service", "country", "cross-border", "min-bytes", "anonymised", "min-model-year", "prc-connectivity",
    ]

    /// The policy set a `policies` node describes, or nil after recording diagnostics.
    public static func decode(
        _ node: YAMLNode, names: ScenarioNames = .unchecked, context: inout DecodeContext
    ) -> PolicySet? {
        guard let fields = context.mapping(node, "policies", allowed: sectionKeys) else { return nil }
        let errorsBefore = context.diagnostics.count
        var set = PolicySet.default
        if let classes = fields["restricted-classes"] {
            decodeRestricted(classes, names: names, into: &set, context: &context)
        }
        if let rules = fields["rules"],
            let items = context.list(rules, "policies.rules", maxCount: context.limits.maxRules)
        {
            var ids: [(id: String, node: YAMLNode)] = []
            set.rules = items.compactMap { item in
                decodeRule(item, names: names, ids: &ids, context: &context)
            }
            context.checkUnique(ids, "rule id")
        }
        return context.diagnostics.count == errorsBefore ? set : nil
    }

    /// `[military, key-soe]` (the same classes in every market) or `{CN: [military, key-soe],
    /// US: [military]}` (a market left out restricts nobody).
    static func decodeRestricted(
        _ node: YAMLNode, names: ScenarioNames, into set: inout PolicySet, context: inout DecodeContext
    ) {
        guard let byMarket = decodeRestrictedByMarket(node, "policies.restricted-classes", names: names, context: &context)
        else { return }
        set.restrictedByMarket = Market.allCases.map { byMarket[$0] ?? [] }
    }

    /// The classes a `restricted-classes` node names per market: a list names every market, a
    /// mapping only the markets it lists.
    static func decodeRestrictedByMarket(
        _ node: YAMLNode, _ what: String, names: ScenarioNames, context: inout DecodeContext
    ) -> [Market: Set<UserClassID>]? {
        func classes(_ node: YAMLNode, _ what: String) -> Set<UserClassID>? {
            guard let items = context.list(node, what) else { return nil }
            return Set(items.compactMap {
                context.reference($0, "user class", among: names.classes).map(UserClassID.init(rawValue:))
            })
        }
        guard case .mapping = node.kind else {
            guard let all = classes(node, what) else { return nil }
            return Dictionary(uniqueKeysWithValues: Market.known.map { ($0, all) })
        }
        guard let f = context.mapping(node, what, allowed: Market.known.map(\.rawValue)) else { return nil }
        var byMarket: [Market: Set<UserClassID>] = [:]
        for market in Market.known {
            guard let n = f[market.rawValue] else { continue }
            byMarket[market] = classes(n, "\(what).\(market.rawValue)")
        }
        return byMarket
    }

    /// A change to the policies (the timeline's `set-policies`, a what-if's `policies`):
    /// `restricted-classes` for the markets named, `rules` replacing the rules with their ids or
    /// added. `what` names the place in messages.
    static func decodeChange(
        restricted: YAMLNode?, rules: YAMLNode?, _ what: String, names: ScenarioNames, context: inout DecodeContext
    ) -> PolicyChange? {
        let before = context.diagnostics.count
        var change = PolicyChange()
        if let restricted {
            change.restrictedClasses = decodeRestrictedByMarket(
                restricted, "\(what) restricted-classes", names: names, context: &context) ?? [:]
        }
        if let rules, let items = context.list(rules, "\(what) rules", maxCount: context.limits.maxRules) {
            var ids: [(id: String, node: YAMLNode)] = []
            change.rules = items.compactMap { decodeRule($0, names: names, ids: &ids, context: &context) }
            context.checkUnique(ids, "rule id")
        }
        return context.diagnostics.count == before ? change : nil
    }

    static func decodeRule(
        _ node: YAMLNode, names: ScenarioNames, ids: inout [(id: String, node: YAMLNode)],
        context: inout DecodeContext
    ) -> PolicyRule? {
        guard let f = context.mapping(node, "a rule", allowed: ruleKeys, required: ruleKeys) else { return nil }
        let id = f["id"].flatMap { context.string($0, "rule id") }
        if let id, let idNode = f["id"] { ids.append((id, idNode)) }
        let label = id.map { "rule '\($0)'" } ?? "a rule"
        let title = f["title"].flatMap { context.string($0, "\(label) title") }
        let source = f["source"].flatMap { context.string($0, "\(label) source") }
        let explanation = f["explanation"].flatMap { context.string($0, "\(label) explanation") }
        if let explanation, let node = f["explanation"] {
            for unknown in ExplanationTemplate(explanation).unknownPlaceholders {
                let known = ExplanationTemplate.Placeholder.allCases.map(\.rawValue)
                context.error(
                    "unknown placeholder '{\(unknown)}' in \(label) explanation" + Suggestion.hint(for: unknown, among: known),
                    at: node)
            }
        }
        let match = f["match"].flatMap { decodeMatch($0, "\(label) match", names: names, context: &context) }
        let severities = f["severity"].flatMap { decodeSeverities($0, label, names: names, context: &context) }
        guard let id, let title, let source, let explanation, let match, let severities else { return nil }
        return PolicyRule(
            id: id, title: title, source: source, explanation: explanation, match: match, severities: severities)
    }

    /// `severity: high`, or a list of `{when: MATCH, level: LEVEL, label: TEXT}` checked in order
    /// (`when` and `label` optional).
    static func decodeSeverities(
        _ node: YAMLNode, _ label: String, names: ScenarioNames, context: inout DecodeContext
    ) -> [PolicyRule.SeverityCase]? {
        if case .scalar = node.kind {
            return context.choice(node, "severity", as: Severity.self).map { [PolicyRule.SeverityCase($0)] }
        }
        guard let items = context.list(node, "\(label) severity") else { return nil }
        var cases: [PolicyRule.SeverityCase] = []
        var ok = true
        for item in items {
            guard let f = context.mapping(item, "a severity case of \(label)", allowed: caseKeys, required: ["level"])
            else { ok = false; continue }
            let when = f["when"].map { decodeMatch($0, "\(label) severity 'when'", names: names, context: &context) }
                ?? RuleMatch.any
            let level = f["level"].flatMap { context.choice($0, "severity", as: Severity.self) }
            var caseLabel: String?? = .some(nil)
            if let node = f["label"] {
                caseLabel = context.string(node, "\(label) severity label").map { .some($0) } ?? .none
                if case .some(.some(let text)) = caseLabel, text.isEmpty || text.count > 40 {
                    context.error("\(label) severity label must be 1 to 40 characters, found \(text.count)", at: node)
                    caseLabel = .none
                }
            }
            if let when, let level, let caseLabel {
                cases.append(PolicyRule.SeverityCase(when: when, level, label: caseLabel))
            } else {
                ok = false
            }
        }
        if ok, cases.isEmpty { context.error("\(label) severity must list at least one case", at: node) }
        return ok && !cases.isEmpty ? cases : nil
    }

    /// A `match` (or `when`) mapping; every key is optional and absent means any.
    public static func decodeMatch(
        _ node: YAMLNode, _ what: String, names: ScenarioNames, context: inout DecodeContext
    ) -> RuleMatch? {
        guard let f = context.mapping(node, what, allowed: matchKeys) else { return nil }
        let before = context.diagnostics.count
        var m = RuleMatch()
        func set<T: Hashable>(_ key: String, _ read: (YAMLNode, inout DecodeContext) -> T?) -> Set<T>? {
            guard let node = f[key], let items = context.oneOrMany(node, "\(what) \(key)") else { return nil }
            return Set(items.compactMap { read($0, &context) })
        }
        m.userClasses = set("user-class") { n, c in
            c.reference(n, "user class", among: names.classes).map(UserClassID.init(rawValue:))
        }
        m.restricted = f["restricted"].flatMap { context.bool($0, "\(what) restricted") }
        m.markets = set("market") { n, c in c.market(n) }
        m.regions = set("region") { n, c in c.name(n, "region", in: names.regions).map(RegionID.init(rawValue:)) }
        m.inZone = f["in-zone"].flatMap { context.bool($0, "\(what) in-zone") }
        m.zones = set("zone") { n, c in c.name(n, "zone", in: names.zones).map(ZoneID.init(rawValue:)) }
        m.zoneKinds = set("zone-kind") { n, c in c.choice(n, "zone kind", as: ZoneKind.self) }
        m.categories = set("category") { n, c in c.choice(n, "data category", as: DataCategory.self) }
        m.direction = f["direction"].flatMap { context.choice($0, "direction", as: Direction.self) }
        m.services = set("service") { n, c in c.name(n, "service", in: names.services).map(ServiceID.init(rawValue:)) }
        m.countries = set("country") { n, c in c.country(n, "\(what) country") }
        m.crossBorder = f["cross-border"].flatMap { context.bool($0, "\(what) cross-border") }
        m.minBytes = f["min-bytes"].flatMap { context.byteCount($0, "\(what) min-bytes") }
        m.anonymised = f["anonymised"].flatMap { context.bool($0, "\(what) anonymised") }
        m.minModelYear = f["min-model-year"].flatMap { context.int($0, "\(what) min-model-year", in: 1900...2200) }
        m.prcLinkedConnectivity = f["prc-connectivity"].flatMap { context.bool($0, "\(what) prc-connectivity") }
        return context.diagnostics.count == before ? m : nil
    }
}

extension DecodeContext {
    /// An ISO 3166-1 alpha-2 code: two capital letters.
    public mutating func country(_ node: YAMLNode, _ what: String) -> Country? {
        guard let text = string(node, what) else { return nil }
        guard text.count == 2, text.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            error("\(what) must be a two-letter country code such as CN or US, found '\(text)'", at: node)
            return nil
        }
        return Country(text)
    }
}
