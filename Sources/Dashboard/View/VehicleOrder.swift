import Fleet

extension DashboardView {
    /// The fleet indices of the cars the table shows, in table order: the cars `state.query`
    /// matches, sorted by `state.sort` in the direction `state.descending` asks, ties broken by
    /// VIN (then fleet index) A to Z whatever the direction, so the order is total and the
    /// same on every run.
    ///
    /// A model of the screen (`ModelBuilder.Rows.screen`) carries this order, computed from
    /// `VehicleSortKey`s; otherwise it is computed here from the rows.
    ///
    /// - Complexity: O(1) with the model's order, else O(n log n) in the cars of the model.
    public static func visibleVehicles(state: DashboardState, model: DashboardModel) -> [Int] {
        if let table = model.table, table.isOrder(for: state) { return table.order }
        let rows = model.vehicles.filter { $0.active && state.query.matches($0) }
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

/// A car's place in table order as plain numbers, so the whole fleet sorts without a row per
/// car: comparing keys orders cars exactly as `DashboardView.visibleVehicles` orders their rows.
///
/// `primary` encodes the sort column's value so that unsigned order is the column's order (text
/// columns as ranks among the distinct texts, numbers by their bits), inverted when
/// descending; then the VIN's characters and the fleet index break ties, A to Z whatever the
/// direction. Sorting by VIN puts the VIN itself (inverted when descending) in `vin`.
struct VehicleSortKey: Comparable {
    var primary: UInt64
    var vin: (UInt64, UInt64, UInt8)
    var index: UInt32

    /// - Parameter value: the column's value as `VehicleSortKey.number(_:)`, `alerts`, a rank, or
    ///   bytes; ignored when sorting by VIN.
    init(value: UInt64, vin: VIN, index: Int, sort: SortColumn, descending: Bool) {
        let v = vin.orderKey
        if sort == .vin {
            primary = 0
            self.vin = descending ? (~v.0, ~v.1, ~v.2) : v
        } else {
            primary = descending ? ~value : value
            self.vin = v
        }
        self.index = UInt32(truncatingIfNeeded: index)
    }

    static func < (a: Self, b: Self) -> Bool {
        if a.primary != b.primary { return a.primary < b.primary }
        if a.vin.0 != b.vin.0 { return a.vin.0 < b.vin.0 }
        if a.vin.1 != b.vin.1 { return a.vin.1 < b.vin.1 }
        if a.vin.2 != b.vin.2 { return a.vin.2 < b.vin.2 }
        return a.index < b.index
    }

    static func == (a: Self, b: Self) -> Bool {
        a.primary == b.primary && a.vin == b.vin && a.index == b.index
    }

    /// A rate's bits in an order-preserving form: NaN as the smallest value and -0 as 0, as
    /// `VehicleOrder.order(_:_:)` compares them.
    static func number(_ x: Double) -> UInt64 {
        let y = x.isNaN ? -Double.infinity : x == 0 ? 0 : x
        let bits = y.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The alerts column: the worst open alert, then how many.
    static func alerts(severity: Int, count: Int) -> UInt64 {
        UInt64(clamping: severity) << 32 | UInt64(clamping: min(count, Int(UInt32.max)))
    }

    /// The rank of each value among `values` (equal values, equal ranks), in `<` order.
    static func ranks<T: Comparable>(_ values: [T]) -> [UInt64] {
        let sorted = values.indices.sorted { values[$0] < values[$1] }
        var ranks = Array(repeating: UInt64(0), count: values.count)
        var rank: UInt64 = 0
        for (k, i) in sorted.enumerated() {
            if k > 0, values[sorted[k - 1]] < values[i] { rank += 1 }
            ranks[i] = rank
        }
        return ranks
    }
}

/// Two texts compared one after the other: the destination column's (country, service name).
struct TextPair: Comparable {
    var first: String
    var second: String

    static func < (a: Self, b: Self) -> Bool { a.first != b.first ? a.first < b.first : a.second < b.second }
}
