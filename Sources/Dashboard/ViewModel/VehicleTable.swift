/// The vehicle table as the model builder prepared it for one state (`ModelBuilder.Rows.screen`):
/// the order of the whole fleet, and the fleet-wide scales the columns need, so the model holds
/// full rows only for the cars on screen.
public struct VehicleTable: Hashable, Sendable {
    /// Fleet indices of the cars `query` matches, in table order (`sort`, `descending`, ties
    /// by VIN then index), as `DashboardView.visibleVehicles` defines it.
    public var order: [Int]
    /// Cars in the fleet, for "37/612".
    public var fleetCount: Int
    /// Full scale of each meter column over the whole fleet (`MeterGroup.scale`).
    public var meterScale: [Double]
    /// The widest driver cell with romanisation over the whole fleet (`DashboardView.driverWidth`).
    public var driverWidth: Int
    /// What the order was computed for; a state asking for another order cannot use it.
    public var query: Query
    public var sort: SortColumn
    public var descending: Bool
    /// The search it was computed for, and the cars of `order` it matches, in table order.
    public var search: Query = .all
    public var searchMatches: [Int] = []

    public init(
        order: [Int], fleetCount: Int, meterScale: [Double], driverWidth: Int, query: Query, sort: SortColumn,
        descending: Bool
    ) {
        self.order = order
        self.fleetCount = fleetCount
        self.meterScale = meterScale
        self.driverWidth = driverWidth
        self.query = query
        self.sort = sort
        self.descending = descending
    }

    /// Whether the order is the one `state` shows.
    public func isOrder(for state: DashboardState) -> Bool {
        query == state.query && sort == state.sort && descending == state.descending && search == state.search
    }
}
