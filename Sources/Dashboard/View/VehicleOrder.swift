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

    /// The alerts the alert list shows for `state`: those of the cars the filter matches
    /// (`visible`), every alert without a filter. The order is the model's.
    ///
    /// - Complexity: O(visible + alerts) with a filter, O(1) without.
    public static func alertsShown(state: DashboardState, alerts: [AlertRow], visible: [Int]) -> [AlertRow] {
        guard !state.query.isEmpty else { return alerts }
        let shown = Set(visible)
        return alerts.filter { shown.contains($0.vehicle) }
    }

    /// The map with only the cars the filter matches (`visible`).
    static func mapShown(state: DashboardState, map: MapModel, visible: [Int]) -> MapModel {
        guard !state.query.isEmpty else { return map }
        let shown = Set(visible)
        var map = map
        for r in map.regions.indices { map.regions[r].cars.removeAll { !shown.contains($0.vehicle) } }
        return map
    }

    /// The cars of `visible` the search matches, in table order: where `n` and `N` go.
    ///
    /// - Complexity: O(1) with the model's order, else O(n) in the cars of the model.
    public static func searchMatches(state: DashboardState, model: DashboardModel, visible: [Int]) -> [Int] {
        guard !state.search.isEmpty else { return [] }
        if let table = model.table, table.isOrder(for: state) { return table.searchMatches }
        let hits = Set(model.vehicles.lazy.filter { state.search.matches($0) }.map(\.index))
        return visible.filter { hits.contains($0) }
    }
}
