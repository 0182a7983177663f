import Fleet

/// The names a scenario defines, which references elsewhere in the file must use. A nil set
/// means the file leaves that table to the built-in defaults, whose names are not known here,
/// so references to it are not checked (the integration step checks them against the fleet).
public struct ScenarioNames: Hashable, Sendable {
    public var classes: Set<String>
    public var regions: Set<String>?
    public var zones: Set<String>?
    public var places: Set<String>?
    public var services: Set<String>?
    /// `fleet.size`, when given: car indexes in the timeline must be below it.
    public var fleetSize: Int?

    /// The user classes every scenario has, whether or not its `classes` section names them.
    public static let builtInClasses: Set<String> = [
        UserClassID.privateOwner, .corporate, .government, .military, .keySOE,
    ].reduce(into: []) { $0.insert($1.rawValue) }

    public init(
        classes: Set<String> = builtInClasses, regions: Set<String>? = nil, zones: Set<String>? = nil,
        places: Set<String>? = nil, services: Set<String>? = nil, fleetSize: Int? = nil
    ) {
        self.classes = classes
        self.regions = regions
        self.zones = zones
        self.places = places
        self.services = services
        self.fleetSize = fleetSize
    }

    /// Nothing declared: only the built-in classes are known.
    public static let unchecked = ScenarioNames()
}

extension DecodeContext {
    /// A reference to a name in `known`, or any non-empty name when `known` is nil.
    mutating func name(_ node: YAMLNode, _ what: String, in known: Set<String>?) -> String? {
        guard let known else { return string(node, what) }
        return reference(node, what, among: known)
    }
}
