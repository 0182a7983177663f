import Simulation

extension FleetMonitor {
    /// Where the fleet stands now on each compliance threshold (`ComplianceReport`).
    /// - Complexity: O(cars) per measure; read it when it is shown or exported, not per flow.
    public var compliance: ComplianceReport { core.book.compliance(world: world) ?? ComplianceReport(now: now, standings: [], driverChanges: []) }
}

extension AlertBook {
    /// The compliance report at the world's time, from the ledger the monitor keeps in this
    /// book; nil for a book without one (built alone, not by a monitor).
    public func compliance(world: FleetWorld) -> ComplianceReport? {
        guard let ledger else { return nil }
        let markets = (0..<world.carCount).map { world.market(of: $0) }
        let usZone = world.config.regions.first { $0.market == .us }?.areas.first?.timeZone ?? .utc
        return ledger.report(now: world.now, markets: markets, usZone: usZone)
    }
}
