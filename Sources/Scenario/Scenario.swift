import Fleet
import Simulation

/// A scenario ready to run: the world to build, the policies and alert settings, and the
/// timeline (docs/scenario-format.md). Omitted sections keep `WorldConfig.default`,
/// `PolicySet.default` and `AlertParameters.default`, so a small file can change one thing.
///
/// Run it with `makeMonitor()` then `FleetMonitor.run(until:)`.
public struct Scenario: Sendable {
    /// The name diagnostics used for the file (its path, or `<built-in>`).
    public var file: String
    public var name: String
    public var description: String?
    /// The run's seed (also `world.seed`).
    public var seed: UInt64 { world.seed }
    public var world: WorldConfig
    /// Classes the file declares besides private, corporate, government, military and key-soe.
    public var classes: [UserClassInfo]
    public var policies: PolicySet
    public var alerts: AlertParameters
    /// Monitor settings the file sets (`flows.<category>.anonymised`).
    public var monitor: MonitorParameters
    /// In time order.
    public var timeline: [TimelineEntry]
    /// The what-ifs the file names (`what-ifs`), to apply from a time (`applying(_:from:)`).
    public var whatIfs: [WhatIf] = []

    /// The monitor for this scenario at simulated time zero.
    public func makeMonitor(deferringBuild: Bool = false) throws(ConfigError) -> FleetMonitor {
        try FleetMonitor(config: world, policies: policies, alerts: alerts, timeline: timeline, parameters: monitor, deferringBuild: deferringBuild)
    }

    /// Parses and checks `text`; `file` is the name diagnostics show. Every problem is
    /// reported (not just the first); a parameter the world refuses (`WorldConfig.validate`)
    /// is reported at the node that set it, or at its section.
    public static func parse(text: String, file: String, limits: ScenarioLimits = .default) throws(ScenarioError) -> Scenario {
        let root = try YAMLLoader.parse(text, file: file, limits: limits)
        return try decode(root, file: file, limits: limits)
    }

    /// Reads (size checked first), parses and checks the file at `path`.
    public static func load(path: String, limits: ScenarioLimits = .default) throws(ScenarioError) -> Scenario {
        let root = try YAMLLoader.load(path: path, file: path, limits: limits)
        return try decode(root, file: path, limits: limits)
    }

    /// The default scenario (`Scenarios/default.yaml`, compiled in as `DefaultScenario.yaml`).
    public static let builtIn: Scenario = {
        do {
            return try parse(text: DefaultScenario.yaml, file: "<built-in>")
        } catch {
            // Compiled in and tested: only a programmer can break it.
            preconditionFailure("the built-in scenario is invalid:\n\(error)")
        }
    }()

    static func decode(_ root: YAMLNode, file: String, limits: ScenarioLimits) throws(ScenarioError) -> Scenario {
        var context = DecodeContext(file: file, limits: limits)
        let document = ScenarioDocument.decode(root, context: &context)
        var decoder = WorldDecoder()
        decoder.decode(document, &context)
        try context.check()
        do {
            try decoder.config.validate()
        } catch {
            let at = decoder.location(of: error.path) ?? SourceLocation(file: file, line: 1, column: 1)
            throw ScenarioError([Diagnostic(at, "\(error)")])
        }
        return Scenario(
            file: file, name: document.name, description: document.description, world: decoder.config,
            classes: decoder.classes, policies: document.policies, alerts: document.alerts,
            monitor: MonitorParameters(anonymisedCategories: decoder.anonymised), timeline: document.timeline,
            whatIfs: document.whatIfs)
    }

    /// Fleet actions in the timeline (the rest are presentation cues).
    public var fleetActionCount: Int { timeline.count { !$0.action.isPresentation } }
}
