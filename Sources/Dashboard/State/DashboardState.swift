/// Which screen is showing.
public enum ViewMode: Hashable, Sendable {
    case fleet
    /// One car's detail, by fleet index.
    case detail(vehicle: Int)
    case map
}

/// Columns the vehicle table can be sorted by, in the table's display order: `>` (and `s`)
/// moves the sort to the next, `<` to the previous. Every sortable column is one the table
/// shows, so the header always marks it.
/// The five category meters ("tel cam nav med ota") sort one by one, by their group's rate.
public enum SortColumn: String, CaseIterable, Hashable, Sendable {
    case vin, driver, userClass = "class", state, rate, up, down
    case telemetry = "tel", camera = "cam", navigation = "nav", media = "med", updates = "ota"
    case total, destination, alerts

    /// The column's natural first direction: numbers largest first, text A to Z.
    public var descendingByDefault: Bool {
        switch self {
        case .rate, .up, .down, .total, .alerts, .telemetry, .camera, .navigation, .media, .updates: true
        case .vin, .driver, .userClass, .state, .destination: false
        }
    }

    /// The category meter this sort is, by position in the meters column (0 to 4), if any.
    public var meter: Int? {
        switch self {
        case .telemetry: 0
        case .camera: 1
        case .navigation: 2
        case .media: 3
        case .updates: 4
        default: nil
        }
    }
}

/// The vehicle table's columns a user can show, hide and order (the config file's names), in
/// the built-in display order. The selection mark is always drawn first and is no column.
public enum TableColumn: String, CaseIterable, Hashable, Sendable {
    case vin, driver, userClass = "class", state, rate, up, down, meters, total, destination, zone, history, alerts
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
    /// Which key does what (the built-in bindings, or the config file's).
    public var keys: KeyBindings = .standard
    /// The vehicle table's columns, in display order: those that fit the width are drawn.
    public var columns: [TableColumn] = TableColumn.allCases
    /// The column chooser, when open: the position of its cursor in `chooserRows`.
    public var columnChooser: Int?

    /// The chooser's rows: the columns shown, in display order, then those hidden, in the
    /// built-in order.
    public var chooserRows: [TableColumn] { columns + TableColumn.allCases.filter { !columns.contains($0) } }

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
    /// Alert ids in display order (newest first).
    public var alertIDs: [UInt64]
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
