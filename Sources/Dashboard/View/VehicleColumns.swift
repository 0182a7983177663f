import Fleet
import Screen

/// The columns the vehicle table can show, in display order.
enum VehicleColumn: Int, CaseIterable, Sendable {
    case mark, vin, driver, userClass, state, rate, up, down, meters, total, destination, zone, history, alerts
}

extension VehicleColumn {
    /// The table column a user chooses (the same order, after the selection mark).
    init(_ c: TableColumn) { self = VehicleColumn.allCases[TableColumn.allCases.firstIndex(of: c)! + 1] }

    /// The sort that orders the table by this column, if it is sortable.
    var sortColumn: SortColumn? {
        switch self {
        case .vin: .vin
        case .driver: .driver
        case .userClass: .userClass
        case .state: .state
        case .rate: .rate
        case .up: .up
        case .down: .down
        case .total: .total
        case .destination: .destination
        case .alerts: .alerts
        case .mark, .meters, .zone, .history: nil
        }
    }
}

/// Which columns of the vehicle table fit in a width, and how wide each is.
///
/// Columns join in priority order while they fit, what identifies a car and what it sends
/// first, pictures last (ARCHITECTURE.md, "The vehicle table's widths"): the VIN, driver, rate
/// and alerts always; then the full VIN (an analyst copies and searches it), class,
/// destination, state, a readable driver's name (16 columns) and destination (18), the
/// history sparkline, the per-category meters, romanised names after Chinese ones, totals, up and down rates, zones; what is left widens the destination,
/// the driver and the history. Only the columns chosen (`TableColumn`, the config file's
/// `columns`) take part, drawn in the order chosen. The same width and columns always give the
/// same plan, so the table does not jump.
struct VehicleColumnPlan: Hashable, Sendable {
    static let spacing = 1
    static let shortVIN = 10, fullVIN = 17
    /// Five meters of three cells, each after a blank: " tel cam nav med ota". The blank before
    /// a label holds the sort mark when the table is sorted by that meter (" tel▼cam nav…").
    static let metersWidth = 20

    private(set) var widths: [Int] = Array(repeating: 0, count: VehicleColumn.allCases.count)
    /// Whether the driver column shows romanised names after Chinese ones.
    private(set) var romanised = false

    /// The columns chosen, in display order after the selection mark.
    private(set) var order: [VehicleColumn] = VehicleColumn.allCases

    /// - Parameter driverWidth: the widest driver cell with romanisation ("王伟 Wang Wei").
    /// - Parameter columns: the columns chosen, in display order.
    init(width: Int, driverWidth: Int, columns: [TableColumn] = TableColumn.allCases) {
        order = [.mark] + columns.map(VehicleColumn.init)
        let chosen = Set(order)
        var used = -Self.spacing
        func add(_ c: VehicleColumn, _ w: Int) -> Bool {
            guard chosen.contains(c), used + Self.spacing + w <= width else { return false }
            used += Self.spacing + w
            widths[c.rawValue] = w
            return true
        }
        func grow(_ c: VehicleColumn, by w: Int) -> Bool {
            guard widths[c.rawValue] > 0, w > 0, used + w <= width else { return false }
            used += w
            widths[c.rawValue] += w
            return true
        }
        for (c, w) in [(VehicleColumn.mark, 1), (.vin, Self.shortVIN), (.driver, 8), (.rate, Format.rateWidth), (.alerts, 6)] {
            _ = add(c, w)
        }
        _ = grow(.vin, by: Self.fullVIN - Self.shortVIN)
        _ = add(.userClass, 12)
        _ = add(.destination, 10)
        _ = add(.state, 8)
        // A name one can read (up to 16 columns) before the pictures.
        let named = min(24, max(8, driverWidth))
        _ = grow(.driver, by: min(named, 16) - 8)
        // Where the data goes, named, before the pictures.
        _ = grow(.destination, by: 8)
        _ = add(.history, 7)
        _ = add(.meters, Self.metersWidth)
        _ = grow(.driver, by: named - widths[VehicleColumn.driver.rawValue])
        romanised = named > 8 && widths[VehicleColumn.driver.rawValue] >= named
        _ = add(.total, Format.bytesWidth)
        if used + 2 * (Self.spacing + Format.rateWidth) <= width {
            _ = add(.up, Format.rateWidth)
            _ = add(.down, Format.rateWidth)
        }
        _ = add(.zone, 14)
        // What is left widens the flexible columns, a step at a time, so each gets its share.
        let caps: [(VehicleColumn, Int)] = [(.destination, 26), (.history, 16), (.driver, romanised ? 24 : named), (.destination, 40), (.history, 30), (.zone, 24)]
        for (c, cap) in caps {
            let room = width - used
            guard room > 0 else { break }
            _ = grow(c, by: min(room, cap - widths[c.rawValue]))
        }
    }

    func width(_ c: VehicleColumn) -> Int { widths[c.rawValue] }

    /// The columns shown, in display order.
    var shown: [VehicleColumn] { order.filter { widths[$0.rawValue] > 0 } }
}

/// The main data categories of the per-car meters: what a person asks about first.
enum MeterGroup: Int, CaseIterable, Sendable {
    case telemetry, camera, navigation, media, ota

    var label: String { ["tel", "cam", "nav", "med", "ota"][rawValue] }

    var categories: [DataCategory] { Self.members[rawValue] }

    private static let members: [[DataCategory]] = [
        [.telemetry, .diagnostics, .appCommands], [.cameraClip, .sentryLive, .cabinCamera], [.navigation, .voice],
        [.media], [.ota],
    ]

    /// The row's current rate in this group, bytes per second.
    func rate(of row: VehicleRow) -> Double { rate(of: row.categoryRates) }

    /// The current rate in this group of a car whose category rates are `rates` (indexed by
    /// `DataCategory.index`), bytes per second.
    func rate(of rates: [Double]) -> Double {
        var sum = 0.0
        for c in categories where c.index < rates.count {
            let v = rates[c.index]
            if v.isFinite && v > 0 { sum += v }
        }
        return sum
    }

    /// The largest rate of each group over `rows`: the full scale of each meter column, the same
    /// for every row so that meters compare across the fleet.
    static func scale(_ rows: [VehicleRow]) -> [Double] {
        var top = Array(repeating: 0.0, count: allCases.count)
        for r in rows { widen(&top, to: r.categoryRates) }
        return top
    }

    /// Raises each group's full scale in `top` to the rate of a car with category rates `rates`.
    static func widen(_ top: inout [Double], to rates: [Double]) {
        for g in allCases { top[g.rawValue] = max(top[g.rawValue], g.rate(of: rates)) }
    }
}
