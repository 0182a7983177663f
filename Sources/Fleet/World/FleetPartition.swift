/// A share of the fleet's cars, for a run split across processes (`fleetwatch stream
/// --partition i/N`): car `c` belongs to partition `c mod N`.
///
/// Every partition builds the whole fleet (the build draws from one stream, so every car is
/// the same car in every partition) and plays the whole timeline, but only its own cars live:
/// the others never leave the state they were built in, send no flow and raise no alert. Cars
/// draw from their own streams (`FleetState.generator`) and the events of different cars do
/// not interact, so a car's flows and alerts are the same whichever partition simulates it;
/// the monitor's orders of one instant (flows by car, `FlowLogOrder`; alerts by car,
/// `AlertBook.number`) make the partitions' streams merge into the whole run's
/// (`docs/stream.md`, "Partitions").
public struct FleetPartition: Hashable, Sendable, CustomStringConvertible {
    /// Which share, from 0; below `count`.
    public let index: Int
    /// How many shares.
    public let count: Int

    /// The most partitions a run can be split into.
    public static let maxCount = 4096

    /// The whole fleet (`0/1`).
    public static let whole = FleetPartition(uncheckedIndex: 0, count: 1)

    public init?(index: Int, count: Int) {
        guard (1...Self.maxCount).contains(count), (0..<count).contains(index) else { return nil }
        self.init(uncheckedIndex: index, count: count)
    }

    init(uncheckedIndex index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Whether car `car` is simulated in this partition.
    @inline(__always)
    public func owns(_ car: Int) -> Bool { count == 1 || car % count == index }

    /// `i/N`.
    public var description: String { "\(index)/\(count)" }
}
