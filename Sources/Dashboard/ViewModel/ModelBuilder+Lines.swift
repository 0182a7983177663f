import Fleet
import Simulation

/// Small reads for the linear mode (Sources/Linear), which tells the fleet in lines instead of
/// drawing it: the same rows as the screen's (`row`, `alertRow`), for the few cars and alerts a
/// line names, without a whole model per simulated second.
extension ModelBuilder {
    /// The full rows of `cars` (fleet indices), as the table would show them.
    public func rows(world: FleetWorld, alerts book: AlertBook, policies: PolicySet, cars: [Int]) -> [VehicleRow] {
        let reader = FleetReader(world: world, alerts: book, policies: policies)
        return cars.filter { $0 >= 0 && $0 < world.carCount }.map { row(reader, car: $0) }
    }

    /// The open alerts as the lists show them, in raise order.
    public func openAlertRows(book: AlertBook, world: FleetWorld) -> [AlertRow] {
        book.openAlerts.map { alertRow($0, world: world) }.sorted { $0.id < $1.id }
    }

    /// The alerts closed after the first `seen` closures of the run (the book counts the ones
    /// its log dropped), in the log's (end, id) order; those the bounded log no longer holds are
    /// left out and counted in `dropped`.
    public func closedAlertRows(book: AlertBook, world: FleetWorld, after seen: Int) -> (rows: [AlertRow], dropped: Int) {
        let total = book.log.count + book.droppedFromLog
        let new = max(0, total - seen)
        let kept = min(new, book.log.count)
        return (book.log.suffix(kept).map { alertRow($0, world: world) }, new - kept)
    }

    /// The region a car belongs to, by name ("Shanghai").
    public static func regionName(ofCar car: Int, world: FleetWorld) -> String {
        guard car >= 0, car < world.carCount else { return "" }
        return world.config.regions[world.regionIndex(of: car)].name
    }

    /// A zone's name ("People's Square"), or its id when the scenario names none.
    public static func zoneName(_ zone: ZoneID, world: FleetWorld) -> String {
        world.config.zones.first { $0.id == zone }?.name ?? zone.rawValue
    }
}

extension VehicleRow {
    /// The rate of the meter a sort column names (`cam`), as the table's meters read it; nil for
    /// a column that is no meter.
    public func meterRate(_ column: SortColumn) -> Double? { column.meter.map { MeterGroup.allCases[$0].rate(of: self) } }
}
