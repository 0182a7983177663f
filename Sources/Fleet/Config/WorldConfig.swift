/// Everything the fleet world is made of: every number of DOMAIN.md is a field here with its
/// documented default (`WorldConfig.default`), so a scenario file can change any of them.
///
/// Plain values with memberwise initialisers, so a scenario decoder can build them directly;
/// `validate()` refuses what the world cannot run.
public struct WorldConfig: Hashable, Sendable, Codable {
    public var seed: UInt64
    /// Cars in the whole fleet, split between regions by `RegionConfig.fleetShare`.
    public var fleetSize: Int
    public var start: StartDate
    public var regions: [RegionConfig]
    public var zones: [ZoneConfig]
    public var services: [ServiceConfig]
    public var routing: RoutingTable
    public var flows: FlowConfig
    public var behaviour: BehaviourConfig
    public var meters: MeterConfig

    public init(
        seed: UInt64, fleetSize: Int, start: StartDate, regions: [RegionConfig], zones: [ZoneConfig],
        services: [ServiceConfig], routing: RoutingTable, flows: FlowConfig, behaviour: BehaviourConfig,
        meters: MeterConfig = MeterConfig()
    ) {
        self.seed = seed
        self.fleetSize = fleetSize
        self.start = start
        self.regions = regions
        self.zones = zones
        self.services = services
        self.routing = routing
        self.flows = flows
        self.behaviour = behaviour
        self.meters = meters
    }

    /// The largest fleet: as many cars as have addresses of their own (`IPv4Address.maxCars`:
    /// 100.64.0.0/10, then 10.0.0.0/8).
    public static let maxFleetSize = IPv4Address.maxCars

    /// Index of a service by id.
    public func serviceIndex(_ id: ServiceID) -> Int? { services.firstIndex { $0.id == id } }
    /// Index of a zone by id.
    public func zoneIndex(_ id: ZoneID) -> Int? { zones.firstIndex { $0.id == id } }
    /// Index of a region by id.
    public func regionIndex(_ id: RegionID) -> Int? { regions.firstIndex { $0.id == id } }
}

/// A parameter the world refuses, with where it is and what would be accepted.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Path of the parameter, as in a scenario file: `flows.telemetry.driving.rate`.
    public var path: String
    /// The refused value, as text.
    public var value: String
    /// What is allowed, such as `0 ... 1e9` or `a service id defined in services`.
    public var allowed: String

    public init(path: String, value: String, allowed: String) {
        self.path = path
        self.value = value
        self.allowed = allowed
    }

    public var description: String {
        "invalid parameter \(path) = \(value): allowed \(allowed); change it in the scenario"
    }
}
