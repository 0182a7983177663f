/// Which screen is showing.
public enum ViewMode: Hashable, Sendable {
    case fleet
    /// One car's detail, by fleet index.
    case detail(vehicle: Int)
    case map
    /// One alert in full (its explanation, breakdown, rule and case, car), by alert id.
    case alert(id: UInt64)
    /// The alert history: open and closed alerts, sorted by `DashboardState.alertSort`.
    case alerts
}

/// What the alert lists (the alert panel and the history) are sorted by. `>` / `<` (and `s`)
/// move along these where an alert list has the keys, `S` reverses.
public enum AlertSort: String, CaseIterable, Hashable, Sendable {
    /// When the alert opened, or, once closed, when it closed.
    case time
    case severity
    /// The rule's id, A to Z.
    case rule
    case bytes

    /// Numbers and times largest (newest) first, the rule A to Z.
    public var descendingByDefault: Bool { self != .rule }
}

/// Columns the vehicle table can be sorted by, in the table's display order: `>` (and `s`)
/// moves the sort to the next, `<` to the previous. Every sortable column is one the table
/// shows, so the header always marks it.
public enum SortColumn: String, CaseIterable, Hashable, Sendable {
    case vin, driver, userClass = "class", state, rate, up, down, total, destination, alerts

    /// The column's natural first direction: numbers largest first, text A to Z.
    public var descendingByDefault: Bool {
        switch self {
        case .rate, .up, .down, .total, .alerts: true
        case .vin, .driver, .userClass, .state, .destination: false
        }
    }
}

/// Which list the movement keys act on.
public enum Focus: Hashable, Sendable {
    case vehicles, alerts
}

/// The filter bar: the text being edited, and the error of its last parse, if any.
public struct FilterEditor: Hashable, Sendable {
    public var text: String
    public var error: QueryError?
    /// The query in force before editing started, restored by Esc.
    public var previous: Query
}

/// The whole state of the dashboard as a plain value. Keys, ticks and resizes change it through
/// `DashboardState.reduce`, a pure function; the terminal, the demo and the tests drive the same
/// reducer.
public struct DashboardState: Hashable, Sendable {
    public var view: ViewMode = .fleet
    public var showHelp = false
    public var focus: Focus = .vehicles
    public var sort: SortColumn = .rate
    public var descending = true
    public var query: Query = .all
    public var filter: FilterEditor?
    /// The selected car, by fleet index; the selection follows the car when the order changes.
    public var selectedVehicle: Int?
    /// The selected alert, as a position in the alert list (newest first).
    public var selectedAlert = 0
    /// The selected alert of the history view, as a position in its list.
    public var selectedHistory = 0
    /// The selected alert of the car's alert list in the detail view (with the alert focus).
    public var selectedCarAlert = 0
    /// The order of the alert panel (open alerts before closed ones) and of the history.
    public var alertSort: AlertSort = .time
    public var alertDescending = true
    /// Lines of the alert view scrolled off its top (the view keeps at least a screenful).
    public var alertScroll = 0
    /// First visible row of the vehicle table.
    public var scroll = 0
    public var paused: Bool
    public var speed: Double
    public var width: Int
    public var height: Int
    public var caption: Caption?
    public var highlight: Highlight?
    /// A presenter plays a demo: the footer shows the presenter's keys.
    public var presenting = false
    /// The views the user came through to this one, oldest first: Esc goes back one (the map
    /// opened from a car's detail returns to it). Bounded; empty in the fleet view.
    public var previousViews: [ViewMode] = []
    public static let maxPreviousViews = 16

    public struct Caption: Hashable, Sendable {
        public var title: String
        public var text: String
    }

    public init(width: Int = 160, height: Int = 48, speed: Double = 1, paused: Bool = false) {
        self.width = width
        self.height = height
        self.speed = speed
        self.paused = paused
    }

    /// The position in `order` (the table's rows, in table order) of the row the table marks as
    /// selected: the selected car's when `order` shows it, otherwise the first row's (nil only
    /// when there are no rows). So a row is selected from the first frame, and a filter that
    /// hides the selected car moves the selection to the top visible row; the reducer adopts
    /// that row before the next key (`reduce`), so Enter opens the row that is drawn selected.
    ///
    /// - Complexity: O(order).
    public func selectedPosition(in order: [Int]) -> Int? {
        if let v = selectedVehicle, let i = order.firstIndex(of: v) { return i }
        return order.isEmpty ? nil : 0
    }

    /// The speeds `+` and `-` step through, in simulated seconds per second.
    public static let speedSteps: [Double] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000]
}

/// What the reducer needs to know about the frame on screen: the cars in table order after the
/// filter, the open alerts, and where the table's rows were drawn (for clicks and paging).
public struct FrameContext: Hashable, Sendable {
    public var visibleVehicles: [Int]
    /// Alert ids in display order (newest first): the alert panel's, the history's in the
    /// history view, the one shown in the alert view. Acknowledge-all sends these, so it acts
    /// on what a filter left on screen.
    public var alertIDs: [UInt64]
    /// The car of each alert in `alertIDs` (fleet index).
    public var alertVehicles: [Int] = []
    /// Whether each alert in `alertIDs` is open and not yet acknowledged (where `A` moves on to).
    public var alertUnacknowledged: [Bool] = []
    /// Lines of the alert view that do not fit its screen (how far it scrolls).
    public var alertOverflow = 0
    /// Rows of the vehicle table that fit on screen.
    public var tableRows: Int
    /// Screen row of the table's first data row, if the table is shown.
    public var tableTop: Int?
    /// The table's sortable header cells, in display order (empty when no table is drawn): a
    /// click on one sorts by it, and `<` and `>` move along them.
    public var sortHeader: [HeaderCell] = []
    /// The columns shown that the table can sort by, in display order.
    public var sortColumns: [SortColumn] { sortHeader.map(\.sort) }

    /// A header cell: the screen columns it covers (on the row above `tableTop`) and its sort.
    public struct HeaderCell: Hashable, Sendable {
        public var columns: Range<Int>
        public var sort: SortColumn
        public init(columns: Range<Int>, sort: SortColumn) {
            self.columns = columns
            self.sort = sort
        }
    }

    public init(
        visibleVehicles: [Int] = [], alertIDs: [UInt64] = [], tableRows: Int = 20, tableTop: Int? = nil, sortHeader: [HeaderCell] = []
    ) {
        self.sortHeader = sortHeader
        self.visibleVehicles = visibleVehicles
        self.alertIDs = alertIDs
        self.tableRows = tableRows
        self.tableTop = tableTop
    }
}
