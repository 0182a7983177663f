import Fleet
import Simulation

/// A scenario file decoded as far as this layer knows how (docs/scenario-format.md).
///
/// The first stage of `Scenario.parse`: the skeleton, `policies`, `alerts` and `timeline` are
/// decoded here; `fleet`, `regions`, `classes`, `services`, `routing` and `flows` are kept as
/// located nodes for `WorldDecoder`. Their ids are read here (`names`, the defaults' for a
/// section left out) so that references in policies and the timeline are checked in one pass.
public struct ScenarioDocument: Sendable {
    /// The top-level keys, in the order the format document lists them.
    public static let topLevelKeys = [
        "name", "description", "seed", "fleet", "regions", "classes", "services", "routing", "flows", "behaviour",
        "policies", "alerts", "timeline", "what-ifs",
    ]

    public var file: String
    public var name: String
    public var description: String?
    /// The run's random seed (`WorldConfig.default.seed` when absent).
    public var seed: UInt64
    /// Kept for the integration step; nil when absent.
    public var fleet: YAMLNode?
    public var regions: YAMLNode?
    public var classes: YAMLNode?
    public var services: YAMLNode?
    public var routing: YAMLNode?
    public var flows: YAMLNode?
    public var behaviour: YAMLNode?
    /// Ids declared by `classes`, `regions` (with their zones and places), `services`, and `fleet.size`.
    public var names: ScenarioNames
    /// `PolicySet.default` when the file has no `policies`.
    public var policies: PolicySet
    public var alerts: AlertParameters
    public var timeline: [TimelineEntry]
    /// The what-ifs the scenario names (docs/what-if.md), in file order.
    public var whatIfs: [WhatIf]

    public init(file: String, name: String) {
        self.file = file
        self.name = name
        description = nil
        seed = WorldConfig.default.seed
        names = .unchecked
        policies = .default
        alerts = .default
        timeline = []
        whatIfs = []
    }

    /// Parses and decodes `text`, throwing every problem found.
    public static func parse(
        _ text: String, file: String, limits: ScenarioLimits = .default
    ) throws(ScenarioError) -> ScenarioDocument {
        let root = try YAMLLoader.parse(text, file: file, limits: limits)
        var context = DecodeContext(file: file, limits: limits)
        let document = decode(root, context: &context)
        try context.check()
        return document
    }

    /// Reads (size checked first), parses and decodes the file at `path`.
    public static func load(
        path: String, file: String? = nil, limits: ScenarioLimits = .default
    ) throws(ScenarioError) -> ScenarioDocument {
        let name = file ?? path
        let root = try YAMLLoader.load(path: path, file: name, limits: limits)
        var context = DecodeContext(file: name, limits: limits)
        let document = decode(root, context: &context)
        try context.check()
        return document
    }

    /// Decodes what this layer knows, recording problems in `context` and filling defaults for
    /// what could not be read, so the caller can go on decoding the kept sections.
    public static func decode(_ root: YAMLNode, context: inout DecodeContext) -> ScenarioDocument {
        var document = ScenarioDocument(file: context.file, name: "")
        guard let f = context.mapping(root, "the scenario", allowed: topLevelKeys, required: ["name"]) else {
            return document
        }
        document.name = f["name"].flatMap { context.string($0, "name") } ?? ""
        document.description = f["description"].flatMap { context.string($0, "description", allowEmpty: true) }
        if let seed = f["seed"].flatMap({ context.int($0, "seed", in: 0...Int.max) }) { document.seed = UInt64(seed) }
        document.fleet = f["fleet"]
        document.regions = f["regions"]
        document.classes = f["classes"]
        document.services = f["services"]
        document.routing = f["routing"]
        document.flows = f["flows"]
        document.behaviour = f["behaviour"]
        document.names = NameScan.names(of: f, context: &context)
        if let node = f["policies"], let set = PolicyDecoding.decode(node, names: document.names, context: &context) {
            document.policies = set
        }
        if let node = f["alerts"], let alerts = decodeAlerts(node, context: &context) { document.alerts = alerts }
        if let node = f["timeline"],
            let timeline = TimelineDecoding.decode(node, names: document.names, context: &context)
        {
            document.timeline = timeline
        }
        if let node = f["what-ifs"], let list = WhatIf.decodeList(node, names: document.names, context: &context) {
            document.whatIfs = list
        }
        // A demo's `what-if` cue names one of the file's what-ifs, from a time at or before it.
        for entry in document.timeline {
            guard case .showWhatIf(let name?, let from) = entry.action else { continue }
            if !document.whatIfs.contains(where: { $0.name.lowercased() == name.lowercased() }) {
                let known = document.whatIfs.map(\.name)
                context.error(
                    "no what-if named '\(name)' in what-ifs" + (known.isEmpty ? "; add it to the scenario's what-ifs (docs/what-if.md)" : Suggestion.hint(for: name, among: known)),
                    at: entry.location)
            }
            if let from, from > entry.at {
                context.error("what-if 'from' must be at or before the cue's time \(entry.at), found \(from)", at: entry.location)
            }
        }
        return document
    }

    /// `alerts: {min-interval: 10m, quiet-period: 2m, log-size: 1000}`, each optional.
    public static func decodeAlerts(_ node: YAMLNode, context: inout DecodeContext) -> AlertParameters? {
        guard let f = context.mapping(node, "alerts", allowed: ["min-interval", "quiet-period", "log-size"]) else {
            return nil
        }
        let before = context.diagnostics.count
        var p = AlertParameters.default
        let day = SimDuration.hours(24)
        if let v = f["min-interval"].flatMap({ context.duration($0, "alerts.min-interval", max: day) }) {
            p.minInterval = v
        }
        if let node = f["quiet-period"], let v = context.duration(node, "alerts.quiet-period", max: day) {
            // An alert that cleared at the instant it was raised would be no alert at all (and
            // the book numbers the alerts of one instant as they stand open: `AlertBook.number`).
            if v > .zero { p.quietPeriod = v } else { context.error("alerts.quiet-period must be longer than 0s, found \(v)", at: node) }
        }
        if let v = f["log-size"].flatMap({ context.int($0, "alerts.log-size", in: 0...1_000_000) }) { p.logCapacity = v }
        return context.diagnostics.count == before ? p : nil
    }
}
