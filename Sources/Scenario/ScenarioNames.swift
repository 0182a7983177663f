import Fleet

/// The names a scenario defines, which references elsewhere in the file must use: the file's
/// own, or those of `WorldConfig.default` for a section it leaves out (`defaults`). A nil set
/// means "not checked" (`unchecked`, for decoding a policies section on its own).
public struct ScenarioNames: Hashable, Sendable {
    public var classes: Set<String>
    public var regions: Set<String>?
    public var zones: Set<String>?
    public var places: Set<String>?
    public var services: Set<String>?
    /// `fleet.size`, when given: car indexes in the timeline must be below it.
    public var fleetSize: Int?
    /// Cars the timeline added so far (included in `fleetSize`).
    public var addedCars = 0

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

    /// The names of `WorldConfig.default`: what a file that leaves a section out refers to.
    public static let defaults: ScenarioNames = {
        let d = WorldConfig.default
        return ScenarioNames(
            regions: Set(d.regions.map(\.id.rawValue)), zones: Set(d.zones.map(\.id.rawValue)),
            places: Set(d.regions.flatMap { $0.areas.flatMap { $0.places.map(\.id) } }),
            services: Set(d.services.map(\.id.rawValue)), fleetSize: d.fleetSize)
    }()
}

extension DecodeContext {
    /// A reference to a name in `known`, or any non-empty name when `known` is nil.
    mutating func name(_ node: YAMLNode, _ what: String, in known: Set<String>?) -> String? {
        guard let known else { return string(node, what) }
        return reference(node, what, among: known)
    }
}
