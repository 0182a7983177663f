extension WorldConfig {
    /// What a car costs besides its meters (`MeterBank.bytesPerCar`), measured: its columns in
    /// the fleet state (about 293 bytes), its pending events (about 50), the monitor's border
    /// counters (16), and the alert book's, the compliance ledger's and the allocator's share.
    /// A million cars of the default scenario peak at 1 232 MB with 788 bytes of meters a car
    /// (`fleetwatch bench --workload full --vehicles 1000000 --duration 60`; DECISIONS.md,
    /// 2026-12-07 and 2026-12-08).
    public static let bytesPerCarBesidesMeters = 444

    /// The tables and buffers a fleet of any size has.
    static let bytesOfAnyFleet = 32 << 20

    /// What one car of this fleet costs: its meters (as long as its history is) and the rest.
    public var estimatedBytesPerCar: Int {
        MeterBank.bytesPerCar(historyLength: meters.historyLength) + Self.bytesPerCarBesidesMeters
    }

    /// The memory a run of this fleet needs, about: `fleetSize` cars at their measured cost,
    /// and the tables and buffers a fleet of any size has (32 MB).
    public var estimatedMemoryBytes: Int { fleetSize * estimatedBytesPerCar + Self.bytesOfAnyFleet }

    /// The most cars whose run fits in `bytes` of memory, by the same estimate.
    public func largestFleet(fitting bytes: Int) -> Int { max(0, (bytes - Self.bytesOfAnyFleet) / estimatedBytesPerCar) }
}
