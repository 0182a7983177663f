import Fleet
import Screen

/// The columns the vehicle table can show, in display order.
enum VehicleColumn: Int, CaseIterable, Sendable {
    case mark, vin, driver, userClass, state, rate, up, down, meters, total, destination, zone, history, alerts
}

extension VehicleColumn {
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
/// Columns join in priority order while they fit (VIN, driver, rate and alerts always; then
/// class, destination, state, history, the per-category meters, a wider destination,
/// romanised names, the full VIN, totals, up and down rates, zones), and what is left widens the destination, the driver and
/// the history. The same width always gives the same plan, so the table does not jump.
struct VehicleColumnPlan: Hashable, Sendable {
    static let spacing = 1
    static let shortVIN = 10, fullVIN = 17
    /// Five meters of three cells with a blank between: "tel cam nav med ota".
    static let metersWidth = 19

    private(set) var widths: [Int] = Array(repeating: 0, count: VehicleColumn.allCases.count)
    /// Whether the driver column shows romanised names after Chinese ones.
    private(set) var romanised = false

    /// - Parameter driverWidth: the widest driver cell with romanisation ("王伟 Wang Wei").
    init(width: Int, driverWidth: Int) {
        var used = -Self.spacing
        func add(_ c: VehicleColumn, _ w: Int) -> Bool {
            guard used + Self.spacing + w <= width else { return false }
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
        _ = add(.userClass, 12)
        _ = add(.destination, 10)
        _ = add(.state, 8)
        _ = add(.history, 7)
        _ = add(.meters, Self.metersWidth)
        _ = grow(.destination, by: 8)
        let named = min(24, max(8, driverWidth))
        if grow(.driver, by: named - 8) { romanised = true }
        _ = grow(.vin, by: Self.fullVIN - Self.shortVIN)
        _ = add(.total, Format.bytesWidth)
        if used + 2 * (Self.spacing + Format.rateWidth) <= width {
            _ = add(.up, Format.rateWidth)
            _ = add(.down, Format.rateWidth)
        }
        _ = add(.zone, 14)
        // What is left widens the flexible columns, a step at a time, so each gets its share.
        let caps: [(VehicleColumn, Int)] = [(.history, 16), (.destination, 26), (.driver, romanised ? 24 : named), (.history, 30), (.destination, 40), (.zone, 24)]
        for (c, cap) in caps {
            let room = width - used
            guard room > 0 else { break }
            _ = grow(c, by: min(room, cap - widths[c.rawValue]))
        }
    }

    func width(_ c: VehicleColumn) -> Int { widths[c.rawValue] }

    /// The columns shown, in display order.
    var shown: [VehicleColumn] { VehicleColumn.allCases.filter { widths[$0.rawValue] > 0 } }
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
