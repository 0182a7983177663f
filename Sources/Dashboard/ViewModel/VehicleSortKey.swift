import Fleet

/// A car's place in table order as plain numbers: the one definition of the table's order.
/// The model builder makes a key per car from the fleet (`FleetScan`), and a model built from
/// rows alone (a hand-made one, or the exports' `.all`) makes the same key from each row
/// (`VehicleSortKey.order(rows:query:sort:descending:)`), so both paths sort alike.
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
        self.init(value: value, vinKey: vin.orderKey, index: index, sort: sort, descending: descending)
    }

    /// `vinKey` as `VIN.orderKey` gives it (`textKey(_:)` for a row's VIN text).
    init(value: UInt64, vinKey v: (UInt64, UInt64, UInt8), index: Int, sort: SortColumn, descending: Bool) {
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

    /// A rate's bits in an order-preserving form: NaN as the smallest value and -0 as 0.
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
struct TextPair: Comparable, Hashable {
    var first: String
    var second: String

    static func < (a: Self, b: Self) -> Bool { a.first != b.first ? a.first < b.first : a.second < b.second }
}

extension VehicleSortKey {
    /// The fleet indices of the active `rows` that `query` matches, in table order: the keys
    /// `FleetScan` makes from the fleet, made from the rows' values.
    static func order(rows: [VehicleRow], query: Query, sort: SortColumn, descending: Bool) -> [Int] {
        let shown = rows.filter { $0.active && query.matches($0) }
        func ranks(_ text: (VehicleRow) -> String) -> [String: UInt64] {
            let distinct = Array(Set(shown.map(text)))
            return Dictionary(uniqueKeysWithValues: zip(distinct, VehicleSortKey.ranks(distinct)))
        }
        func pairRanks() -> [TextPair: UInt64] {
            let distinct = Array(Set(shown.map(destination)))
            return Dictionary(uniqueKeysWithValues: zip(distinct, VehicleSortKey.ranks(distinct)))
        }
        let text: [String: UInt64] = switch sort {
        case .driver: ranks(driverKey)
        case .userClass: ranks { $0.userClass.rawValue }
        case .state: ranks(\.state)
        default: [:]
        }
        let pairs = sort == .destination ? pairRanks() : [:]
        let keys = shown.map { r -> VehicleSortKey in
            let value: UInt64 = switch sort {
            case .rate: number(r.rate)
            case .up: number(r.upRate)
            case .down: number(r.downRate)
            case .telemetry, .camera, .navigation, .media, .updates: number(MeterGroup.allCases[sort.meter!].rate(of: r))
            case .alerts: alerts(severity: r.maxSeverity, count: r.openAlerts)
            case .total: r.totalBytes
            case .vin: 0
            case .driver: text[driverKey(r)] ?? 0
            case .userClass: text[r.userClass.rawValue] ?? 0
            case .state: text[r.state] ?? 0
            case .destination: pairs[destination(r)] ?? 0
            }
            return VehicleSortKey(value: value, vinKey: textKey(r.vin), index: r.index, sort: sort, descending: descending)
        }
        return keys.sorted().map { Int($0.index) }
    }

    /// A VIN's text as `VIN.orderKey` packs it: its first 17 bytes, big-endian, zero-padded (for
    /// a real VIN, 17 ASCII characters, the same key and the same order as the text).
    static func textKey(_ text: String) -> (UInt64, UInt64, UInt8) {
        var bytes = Array(text.utf8.prefix(17))
        bytes += Array(repeating: 0, count: 17 - bytes.count)
        func word(_ from: Int) -> UInt64 { bytes[from..<(from + 8)].reduce(0) { $0 << 8 | UInt64($1) } }
        return (word(0), word(8), bytes[16])
    }

    /// Drivers sort by the romanised name when there is one, so 王伟 sits with the W's.
    static func driverKey(_ r: VehicleRow) -> String { (r.driverRomanised ?? r.driverName).lowercased() }

    /// The destination column's (country, service name); empty for a car without one.
    static func destination(_ r: VehicleRow) -> TextPair {
        TextPair(first: r.topCountry?.rawValue ?? "", second: r.topServiceName ?? r.topService?.rawValue ?? "")
    }
}
