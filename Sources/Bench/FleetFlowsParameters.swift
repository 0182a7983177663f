/// The fleet-flows reference workload of ../shared/bench-ref/README.md, as data.
///
/// Five independent Poisson streams per vehicle; lognormal sizes; 10 % of vehicles in Shanghai
/// (`v % 10 == 0`), 2 % restricted (`v % 50 == 0`, all in Shanghai).
public struct FleetFlowsParameters: Sendable, Equatable {
    /// What one entry of the event queue stands for.
    public enum QueueEntries: String, Sendable, Equatable, CaseIterable {
        /// One entry per vehicle, its streams merged (the C reference's `vehicle` mode).
        case vehicle
        /// One entry per (vehicle, category) stream (the C reference's `heap` and `calendar`).
        case stream
    }

    public struct Category: Sendable, Equatable {
        public var name: String
        /// Mean time between two flows of one vehicle, in seconds.
        public var meanInterval: Double
        /// Mean flow size in bytes.
        public var meanSize: Double
    }

    public var vehicles: Int
    public var duration: SimSeconds
    public var seed: UInt64
    public var categories: [Category] = [
        Category(name: "telemetry", meanInterval: 1, meanSize: 300),
        Category(name: "camera-clip", meanInterval: 600, meanSize: 8e6),
        Category(name: "ota", meanInterval: 86_400, meanSize: 500e6),
        Category(name: "media", meanInterval: 5, meanSize: 50e3),
        Category(name: "diagnostics", meanInterval: 60, meanSize: 20e3),
    ]
    /// Index of the camera-clip category in `categories`.
    public var cameraCategory = 1
    /// Time constant of the decayed rate meter, in seconds.
    public var meterTau: Double = 60
    /// Log-space standard deviation of the size distribution.
    public var sizeSigma: Double = 0.5
    /// Probability that a flow goes to the US server, for Shanghai and for other vehicles.
    public var usShareShanghai: Double = 0.2
    public var usShareOther: Double = 0.5

    public var entries: QueueEntries

    public typealias SimSeconds = Double

    public init(vehicles: Int = 10_000, duration: Double = 600, seed: UInt64 = 42, entries: QueueEntries = .vehicle) {
        self.vehicles = vehicles
        self.duration = duration
        self.seed = seed
        self.entries = entries
    }

    /// The largest fleet the workload accepts: a stream id `vehicle << 3 | category` is 32 bits.
    public static let maxVehicles = Int(UInt32.max) / 8
    /// The most categories a stream id has room for.
    public static let maxCategories = 8

    /// Flow events per vehicle-second: the sum of the categories' rates (1.21834 by default).
    public var eventsPerVehicleSecond: Double { categories.reduce(0) { $0 + 1 / $1.meanInterval } }

    /// The expected event count, `V·D·Σ 1/interval`.
    public var expectedEvents: Double { Double(vehicles) * duration * eventsPerVehicleSecond }

    /// The expected alert count: restricted vehicles' flows to the US, plus other Shanghai
    /// vehicles' camera clips to the US.
    public var expectedAlerts: Double {
        let restrictedShare = 0.02, otherShanghaiShare = 0.08
        let camera = 1 / categories[cameraCategory].meanInterval
        return Double(vehicles) * duration
            * (restrictedShare * usShareShanghai * eventsPerVehicleSecond + otherShanghaiShare * usShareShanghai * camera)
    }
}
