import Fleet

extension DashboardView {
    /// The fleet indices of the cars the table shows, in table order: the cars `state.query`
    /// matches, sorted by `state.sort` in the direction `state.descending` asks, ties broken by
    /// VIN (then fleet index) A to Z whatever the direction, so the order is total and the
    /// same on every run. One definition, `VehicleSortKey`: a model of the screen
    /// (`ModelBuilder.Rows.screen`) carries the order the builder made from the fleet; a model
    /// of rows alone gets the same keys made from its rows.
    ///
    /// - Complexity: O(1) with the model's order, else O(n log n) in the cars of the model.
    public static func visibleVehicles(state: DashboardState, model: DashboardModel) -> [Int] {
        if let table = model.table, table.isOrder(for: state) { return table.order }
        return VehicleSortKey.order(rows: model.vehicles, query: state.query, sort: state.sort, descending: state.descending)
    }
}
