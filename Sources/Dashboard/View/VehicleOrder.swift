import Fleet

extension DashboardView {
    /// The fleet indices of the cars the table shows, in table order: the cars `state.query`
    /// matches, sorted by `state.sort` in the direction `state.descending` asks, ties broken by
    /// VIN (then fleet index) A to Z whatever the direction, so the order is total and the
    /// same on every run.
    ///
    /// - Complexity: O(n log n) in the cars of the model.
    public static func visibleVehicles(state: DashboardState, model: DashboardModel) -> [Int] {
        let rows = model.vehicles.filter { state.query.matches($0) }
        let sort = state.sort, descending = state.descending
        return rows.sorted { a, b in
            let primary = VehicleOrder.compare(a, b, by: sort)
            if primary != 0 { return descending ? primary > 0 : primary < 0 }
            if a.vin != b.vin { return a.vin < b.vin }
            return a.index < b.index
        }.map(\.index)
    }
}

/// Comparison of two rows by one sort column: negative, zero or positive.
enum VehicleOrder {
    static func compare(_ a: VehicleRow, _ b: VehicleRow, by column: SortColumn) -> Int {
        switch column {
        case .rate: return order(a.rate, b.rate)
        case .alerts:
            // The worst alert first, then how many.
            let s = order(a.maxSeverity, b.maxSeverity)
            return s != 0 ? s : order(a.openAlerts, b.openAlerts)
        case .total: return order(a.totalBytes, b.totalBytes)
        case .vin: return order(a.vin, b.vin)
        case .driver: return order(driverKey(a), driverKey(b))
        case .userClass: return order(a.userClass.rawValue, b.userClass.rawValue)
        case .state: return order(a.state, b.state)
        case .region: return order(a.region.rawValue, b.region.rawValue)
        case .destination:
            let c = order(a.topCountry?.rawValue ?? "", b.topCountry?.rawValue ?? "")
            return c != 0 ? c : order(a.topServiceName ?? a.topService?.rawValue ?? "", b.topServiceName ?? b.topService?.rawValue ?? "")
        }
    }

    /// Drivers sort by the romanised name when there is one, so 王伟 sits with the W's.
    static func driverKey(_ r: VehicleRow) -> String { (r.driverRomanised ?? r.driverName).lowercased() }

    static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : a > b ? 1 : 0 }

    /// NaN sorts as the smallest value, so a bad number cannot break the sort's ordering.
    static func order(_ a: Double, _ b: Double) -> Int {
        let x = a.isNaN ? -Double.infinity : a, y = b.isNaN ? -Double.infinity : b
        return x < y ? -1 : x > y ? 1 : 0
    }
}
