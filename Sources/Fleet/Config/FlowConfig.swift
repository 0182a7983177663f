/// How often a category produces data in one car state, and how much.
///
/// Flows of a category arrive as a Poisson process of `rate` per hour; each has a lognormal
/// size with arithmetic mean `meanBytes` and log-space spread `sizeSigma`. The expected volume
/// is `rate · meanBytes` bytes per hour in that state.
public struct FlowProfile: Hashable, Sendable, Codable {
    /// Flows per hour (not negative).
    public var rate: Double
    /// Mean size of one flow in bytes (positive when `rate` is).
    public var meanBytes: Double
    /// Log-space standard deviation of the size (0 for fixed sizes).
    public var sizeSigma: Double

    public init(rate: Double, meanBytes: Double, sizeSigma: Double = 0.5) {
        self.rate = rate
        self.meanBytes = meanBytes
        self.sizeSigma = sizeSigma
    }

    public static let none = FlowProfile(rate: 0, meanBytes: 1, sizeSigma: 0)

    /// Expected bytes per hour.
    public var bytesPerHour: Double { rate * meanBytes }
}

/// A category's flow parameters: a profile per awake car state (an asleep car sends nothing,
/// only a DISCONNECTED event, DOMAIN.md), how the bytes split between up and down, and how fast
/// a backlog drains.
public struct CategoryFlowConfig: Hashable, Sendable, Codable {
    public var parked: FlowProfile
    public var driving: FlowProfile
    public var charging: FlowProfile
    /// Fraction of the bytes sent up (the rest comes down), in 0...1.
    public var upShare: Double
    /// Link throughput in bytes per second: larger flows take several ticks to drain (a 1 GB
    /// update at 3 MB/s is spread over about 6 minutes of flow records).
    public var throughput: Double
    /// Payload bytes per packet, to derive packet counts.
    public var packetBytes: Double

    public init(parked: FlowProfile, driving: FlowProfile, charging: FlowProfile, upShare: Double,
                throughput: Double, packetBytes: Double = 1200) {
        self.parked = parked
        self.driving = driving
        self.charging = charging
        self.upShare = upShare
        self.throughput = throughput
        self.packetBytes = packetBytes
    }

    /// The profile for an awake state; `.none` while asleep.
    public func profile(_ state: CarState) -> FlowProfile {
        switch state {
        case .asleep: .none
        case .parked: parked
        case .driving: driving
        case .charging: charging
        }
    }

    public mutating func setProfile(_ profile: FlowProfile, for state: CarState) {
        switch state {
        case .asleep: break
        case .parked: parked = profile
        case .driving: driving = profile
        case .charging: charging = profile
        }
    }
}

/// Flow parameters of every category. Categories not listed produce nothing.
public struct FlowConfig: Hashable, Sendable, Codable {
    /// Every category's parameters; telemetry's per-state profiles are not read (they follow
    /// from `telemetry`, see `profile(_:_:)`), its up share, throughput and packet size are.
    public var categories: [DataCategory: CategoryFlowConfig]
    /// The Fleet Telemetry fields every car streams: what telemetry sends in each state.
    public var telemetry: TelemetryConfig
    /// Interval of the per-car flow tick in seconds: every awake car emits, per category, one
    /// aggregated record for the data it produced in the interval (telemetry at ~1 record/s
    /// becomes one record per 10 s carrying those records' bytes and packets).
    public var tickSeconds: Double

    public init(categories: [DataCategory: CategoryFlowConfig], telemetry: TelemetryConfig, tickSeconds: Double = 10) {
        self.categories = categories
        self.telemetry = telemetry
        self.tickSeconds = tickSeconds
    }

    /// The one definition of what a category produces in a state: telemetry's profile comes
    /// from its fields (`TelemetryConfig.profile(_:)`), every other category's is configured.
    public func profile(_ category: DataCategory, _ state: CarState) -> FlowProfile {
        guard category != .telemetry else { return state == .asleep ? .none : telemetry.profile(state) }
        return categories[category]?.profile(state) ?? .none
    }
}
