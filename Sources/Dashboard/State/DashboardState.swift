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
    /// Where the fleet stands on each legal threshold over its window (`ComplianceReport`).
    case compliance
    /// The what-if split screen: baseline and variant side by side (`WhatIfComparison`).
    case whatIf
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

/// The prompt in the footer: the line being edited, what Enter does with it, and the error of
/// its last parse, if any.
public struct FilterEditor: Hashable, Sendable {
    /// What the prompt's query is for.
    public enum Purpose: Hashable, Sendable {
        /// `/`: the table, the alerts and the map show only the matching cars.
        case filter
        /// `f`, F3: `n` and `N` jump to the matching rows; nothing is hidden.
        case search
        /// `g`: a time to go to (`TimeTarget`); Enter goes there.
        case goTo
    }

    public var line: LineEditor
    public var purpose: Purpose
    public var error: QueryError?
    /// The query in force before editing started (the applied filter, or the last search),
    /// restored by Esc; the table's title names it until Enter applies a new one.
    public var previous: Query
    /// The history entry Up and Down stand on (nil: the line being typed), and what was typed
    /// before walking the history, which Down past the newest entry brings back.
    public var historyIndex: Int?
    public var draft = ""

    public var text: String { line.text }

    public init(text: String, error: QueryError? = nil, previous: Query, purpose: Purpose = .filter) {
        line = LineEditor(text)
        self.error = error
        self.previous = previous
        self.purpose = purpose
    }
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
    /// The last search (`f`, F3): `n` and `N` move the selection to the next and previous row it
    /// matches, without hiding the others.
    public var search: Query = .all
    /// A jump `n` or `N` (or Enter in the search prompt) asked for, which the view resolves on
    /// the rows it draws (`selectedPosition(in:searchMatches:)`) and the next key adopts.
    public var searchJump: SearchJump?
    /// The filters and searches applied, for Up and Down in the prompt.
    public var promptHistory = PromptHistory()
    /// The times gone to with `g`, for Up and Down in its prompt.
    public var timeHistory = PromptHistory()
    /// The timeline strip, two rows above the footer (`t`; always while the `g` prompt is open): where
    /// the screen is in the run, what has been simulated, and the alerts on it.
    public var showTimeline = false
    /// Whether the strip is drawn: asked for, or the `g` prompt is open.
    public var timelineShown: Bool { showTimeline || filter?.purpose == .goTo }
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
    /// Which key does what (the built-in bindings, or the config file's).
    public var keys: KeyBindings = .standard
    /// The vehicle table's columns, in display order: those that fit the width are drawn.
    public var columns: [TableColumn] = TableColumn.allCases
    /// The column chooser, when open: the position of its cursor in `chooserRows`.
    public var columnChooser: Int?
    /// The scenario's what-ifs by name (the driver sets them): what `i` offers.
    public var whatIfNames: [String] = []
    /// The what-if applied now, by index into `whatIfNames`; nil when none is.
    public var whatIfApplied: Int?
    /// The what-if menu's cursor while it is open: a what-if's index, or `whatIfNames.count` for
    /// "no what-if".
    public var whatIfMenu: Int?
    /// The part of the regions the map shows (zoom, pan, following the selected car).
    public var mapViewport = MapViewport()

    /// The chooser's rows: the columns shown, in display order, then those hidden, in the
    /// built-in order.
    public var chooserRows: [TableColumn] { columns + TableColumn.allCases.filter { !columns.contains($0) } }

    /// A pending jump to the next (or previous) search match after the car `from`.
    public struct SearchJump: Hashable, Sendable {
        public var forward: Bool
        public var from: Int?
    }
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

    /// The filter in force: what the table shows, except while a new filter is typed (the
    /// table previews it), when it is still the one before editing, until Enter applies the new one.
    public var appliedFilter: Query {
        if let editor = filter, editor.purpose == .filter { return editor.previous }
        return query
    }

    /// The position in `order` (the table's rows, in table order) of the row the table marks as
    /// selected: the selected car's when `order` shows it, otherwise the first row's (nil only
    /// when there are no rows). So a row is selected from the first frame, and a filter that
    /// hides the selected car moves the selection to the top visible row; the reducer adopts
    /// that row before the next key (`reduce`), so Enter opens the row that is drawn selected.
    /// With a search jump pending, the next (or previous) row of `searchMatches` (the cars of
    /// `order` the search matches, in table order) after the jump's car, wrapping around as in
    /// vim and less; no match leaves the selection where it is.
    ///
    /// - Complexity: O(order), and O(order + matches) with a jump pending.
    public func selectedPosition(in order: [Int], searchMatches: [Int] = []) -> Int? {
        if let jump = searchJump, !searchMatches.isEmpty, let i = Self.jumpTarget(jump, in: order, matches: searchMatches) { return i }
        if let v = selectedVehicle, let i = order.firstIndex(of: v) { return i }
        return order.isEmpty ? nil : 0
    }

    /// The position in `order` of the match a jump lands on.
    static func jumpTarget(_ jump: SearchJump, in order: [Int], matches: [Int]) -> Int? {
        let hits = Set(matches)
        let n = order.count
        guard n > 0 else { return nil }
        let from = jump.from.flatMap { order.firstIndex(of: $0) } ?? (jump.forward ? -1 : n)
        for step in 1...n {
            let i = ((from + (jump.forward ? step : -step)) % n + n) % n
            if hits.contains(order[i]) { return i }
        }
        return nil
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
    /// The cars of `visibleVehicles` the search (`DashboardState.search`) matches, in table
    /// order: where `n` and `N` land.
    public var searchMatches: [Int] = []
    /// The search `searchMatches` were found for (the state's when the frame was drawn).
    public var searchQuery: Query = .all

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
