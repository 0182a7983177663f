/// Bounds on what a scenario file may ask for, so that an absurd or hostile file is refused with
/// a message instead of exhausting memory or the stack.
public struct ScenarioLimits: Hashable, Sendable {
    /// Checked on the file's size before it is read.
    public var maxFileBytes: Int
    /// Values in the whole document, counting each use of an alias again.
    public var maxNodes: Int
    /// Nesting of lists and mappings (the parser recurses this deep).
    public var maxDepth: Int
    /// Items in any one list.
    public var maxListLength: Int
    /// Entries in `timeline`.
    public var maxTimelineEntries: Int
    /// `fleet.size`, and cars added by one `add-cars`.
    public var maxFleetSize: Int
    /// Rules in `policies.rules`.
    public var maxRules: Int

    public init(
        maxFileBytes: Int = 8 << 20, maxNodes: Int = 2_000_000, maxDepth: Int = 64, maxListLength: Int = 1_000_000,
        maxTimelineEntries: Int = 100_000, maxFleetSize: Int = 10_000_000, maxRules: Int = 10_000
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
        self.maxListLength = maxListLength
        self.maxTimelineEntries = maxTimelineEntries
        self.maxFleetSize = maxFleetSize
        self.maxRules = maxRules
    }

    public static let `default` = ScenarioLimits()
}
