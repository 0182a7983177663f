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
    /// What the last save or copy did, shown in the footer until it expires.
    public var status: StatusMessage?

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

/// A transient message in the footer: what a key did, or why it could not. It expires at a time
/// on the driver's clock (seconds, passed in with `expireStatus(now:)`), never by reading one,
/// and not on simulated time, which stands still while paused, when reports are saved.
public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public var expires: Double

    /// How long a message stays, in seconds.
    public static let lifetime = 4.0

    public init(_ text: String, isError: Bool = false, expires: Double) {
        self.text = text
        self.isError = isError
        self.expires = expires
    }
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
