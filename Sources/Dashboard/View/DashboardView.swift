import Fleet
import Screen

/// Draws the dashboard: `DashboardState` and `DashboardModel` in, one `Buffer` out. The terminal
/// and every snapshot export consume that buffer, so it is exactly what a person sees. Pure: the
/// same state, model, glyphs and theme give the same cells.
///
/// The fleet view stacks the header, (from 120x36) region and destination panels, the vehicle
/// table, the alert list, the caption and the footer; the detail and map views replace the
/// middle; help is a popup over everything. Below 60x15 only a "too small" notice is drawn.
public struct DashboardView: Sendable {
    public var glyphs: GlyphSet
    public var theme: Theme
    /// A picture for a report (`snapshot --clean`): no pause badge or speed in the header, no
    /// key hints or status message in the footer (the seed stays), the rest as on screen.
    public var forReport = false

    /// The smallest screen the dashboard lays out; below it a notice says so.
    public static let minimumWidth = 60
    public static let minimumHeight = 15

    public init(glyphs: GlyphSet, theme: Theme, forReport: Bool = false) {
        self.glyphs = glyphs
        self.theme = theme
        self.forReport = forReport
    }

    /// Draws the whole screen at state.width x state.height; returns the buffer and the frame context the reducer needs
    /// (visible vehicle indices in table order after filter+sort, alert ids in display order, table rows, table top row).
    public func render(state: DashboardState, model: DashboardModel) -> (Buffer, FrameContext) {
        var buffer = Buffer(width: state.width, height: state.height)
        var style = ViewStyle(theme: theme, glyphs: glyphs)
        style.clock = model.scenarioClock
        style.now = model.clock
        let visible = Self.visibleVehicles(state: state, model: model)
        // The filter reaches the alert lists (the panel's and the history) as well as the table.
        let alerts = Self.alertsShown(state: state, alerts: model.alerts, visible: visible)
        let matches = Self.searchMatches(state: state, model: model, visible: visible)
        var frame = FrameContext(visibleVehicles: visible, alertIDs: [], tableRows: 1, tableTop: nil)
        frame.searchMatches = matches
        frame.searchQuery = state.search
        let history = state.view == .alerts ? Self.alertsShown(state: state, alerts: model.alertHistory, visible: visible) : []
        Self.setAlerts(Self.alertsListed(state: state, model: model, panel: alerts, history: history), in: &frame)
        guard state.width >= Self.minimumWidth, state.height >= Self.minimumHeight else {
            TooSmallNotice(style: style, width: state.width, height: state.height).render(into: &buffer, area: buffer.area)
            return (buffer, frame)
        }
        let (screen, fleetLayout) = Self.layout(state: state, regionCount: model.regions.count, alertCount: alerts.count)
        // Paging keeps the fleet table's size even while another view shows.
        frame.tableRows = max(1, VehicleTablePanel.dataRows(in: fleetLayout.table))

        HeaderPanel(style: style, model: model, paused: state.paused, speed: state.speed, showsPace: !forReport).render(into: &buffer, area: screen.header)
        if state.highlight == .panel(.header) { buffer.setStyle(screen.header) { $0.adding(.underline) } }
        switch state.view {
        case .fleet:
            renderFleet(state: state, model: model, visible: visible, alerts: alerts, matches: matches, layout: fleetLayout, style: style, into: &buffer)
            if !state.showHelp { frame.tableTop = fleetLayout.table.y + 2 }
            frame.sortHeader = VehicleTablePanel.sortHeader(area: fleetLayout.table, driverWidth: Self.tableDriverWidth(model), columns: state.columns)
        case .detail(let vehicle):
            DetailView(style: style, model: model, vehicle: vehicle,
                       selectedAlert: state.focus == .alerts ? state.selectedCarAlert : nil).render(into: &buffer, area: screen.body)
        case .map:
            MapView(
                style: style, map: Self.mapShown(state: state, map: model.map, visible: visible),
                selected: state.selectedPosition(in: visible, searchMatches: matches).map { visible[$0] }, pointedAt: pointedVehicle(state),
                filter: Self.filterLabel(state), viewport: state.mapViewport, rows: model.vehicles
            ).render(into: &buffer, area: screen.body)
        case .alert(let id):
            let view = AlertView(style: style, detail: Self.openedAlert(id, model: model), id: id, logCapacity: model.alertLog.logCapacity, scroll: state.alertScroll)
            view.render(into: &buffer, area: screen.body)
            frame.alertOverflow = view.overflow(area: screen.body)
        case .alerts:
            AlertPanel(
                style: style, alerts: history, selected: min(state.selectedHistory, max(0, history.count - 1)),
                focused: true, highlighted: false, filter: Self.filterLabel(state), title: "Alert history", notes: historyNotes(state: state, model: model),
                empty: state.query.isEmpty ? "No alerts raised yet" : "No alert of the cars the filter matches", showsSortTime: true
            ).render(into: &buffer, area: screen.body)
        case .compliance:
            ComplianceView(style: style, report: model.compliance, calendar: model.calendar).render(into: &buffer, area: screen.body)
        case .whatIf:
            WhatIfView(style: style, comparison: model.whatIf).render(into: &buffer, area: screen.body)
        }
        if let caption = state.caption {
            CaptionBar(style: style, caption: caption, highlighted: state.highlight == .panel(.caption)).render(into: &buffer, area: screen.caption)
        }
        if state.timelineShown, let timeline = model.timeline {
            TimelineStrip(style: style, timeline: timeline).render(into: &buffer, area: screen.timeline)
        }
        FooterPanel(style: style, state: state, matches: visible.count, searchMatches: matches.count, seed: model.seed,
                    toAcknowledge: frame.alertUnacknowledged.lazy.filter { $0 }.count, forReport: forReport, seek: model.timeline?.seek)
            .render(into: &buffer, area: screen.footer)
        if state.highlight == .panel(.footer) { buffer.setStyle(screen.footer) { $0.adding(.underline) } }
        if let cursor = state.columnChooser, state.view == .fleet {
            ColumnChooser(style: style, rows: state.chooserRows, shown: Set(state.columns), cursor: cursor,
                          saveKey: state.keys.keys(for: .saveSettings).first?.label(glyphs: glyphs))
                .render(into: &buffer, area: buffer.area)
        }
        if let cursor = state.whatIfMenu {
            WhatIfMenu(style: style, names: state.whatIfNames, applied: state.whatIfApplied, cursor: cursor).render(into: &buffer, area: buffer.area)
        }
        if state.showHelp { HelpOverlay(style: style, bindings: state.keys).render(into: &buffer, area: buffer.area) }
        return (buffer, frame)
    }

    /// The screen's parts, and the fleet view's panels, for `state`'s size.
    static func layout(state: DashboardState, regionCount: Int, alertCount: Int) -> (ScreenLayout, FleetLayout) {
        let screen = ScreenLayout(
            width: state.width, height: state.height,
            captionRows: ScreenLayout.captionRows(height: state.height, hasCaption: state.caption != nil),
            footerRows: FooterPanel.height(for: state), timelineRows: state.timelineShown ? 2 : 0)
        let fleet = FleetLayout(
            body: screen.body, screenWidth: state.width, screenHeight: state.height, regionCount: regionCount,
            alertCount: alertCount)
        return (screen, fleet)
    }

    /// The positions in `order` (the table order) of the rows the vehicle table shows for
    /// `state`, with `regionCount` region panels and `alertCount` alerts on screen: what the
    /// model builder builds full rows for. Empty when the screen is too small for the table.
    ///
    /// - Complexity: O(order) to find the selected car.
    public static func tableWindow(state: DashboardState, regionCount: Int, alertCount: Int, order: [Int], searchMatches: [Int] = []) -> Range<Int> {
        guard state.width >= Self.minimumWidth, state.height >= Self.minimumHeight else { return 0..<0 }
        let table = layout(state: state, regionCount: regionCount, alertCount: alertCount).1.table
        return VehicleTablePanel.window(
            selected: state.selectedPosition(in: order, searchMatches: searchMatches), scroll: state.scroll,
            visibleRows: VehicleTablePanel.dataRows(in: table), rowCount: order.count)
    }

    func renderFleet(
        state: DashboardState, model: DashboardModel, visible: [Int], alerts: [AlertRow], matches: [Int], layout: FleetLayout, style: ViewStyle,
        into buffer: inout Buffer
    ) {
        for (rect, region) in zip(layout.regions, model.regions) {
            RegionPanel(style: style, region: region, highlighted: state.highlight == .panel(.regions), windowSeconds: model.rateWindowSeconds).render(into: &buffer, area: rect)
        }
        if let rect = layout.countries {
            CountryPanel(style: style, countries: model.countries, highlighted: state.highlight == .panel(.countries), windowSeconds: model.rateWindowSeconds).render(into: &buffer, area: rect)
        }
        let selected = state.selectedPosition(in: visible, searchMatches: matches)
        let window = VehicleTablePanel.window(
            selected: selected, scroll: state.scroll, visibleRows: VehicleTablePanel.dataRows(in: layout.table), rowCount: visible.count)
        let rows = window.compactMap { Self.row(of: visible[$0], in: model.vehicles) }
        let pointed = pointedVehicle(state)
        let table = VehicleTablePanel(
            style: style, rows: rows, first: window.lowerBound, rowCount: visible.count,
            fleetCount: model.table?.fleetCount ?? model.vehicles.lazy.filter(\.active).count, query: state.query, applied: state.appliedFilter, search: state.search, searchMatches: matches.count, sort: state.sort,
            descending: state.descending, selected: selected,
            focused: state.focus == .vehicles, highlighted: state.highlight == .panel(.vehicles),
            pointedAt: pointed.flatMap { visible.firstIndex(of: $0) },
            searchHits: Self.searchHits(matches, in: window, of: visible),
            meterScale: model.table?.meterScale ?? MeterGroup.scale(model.vehicles.filter(\.active)),
            driverWidth: Self.tableDriverWidth(model), columns: state.columns)
        table.render(into: &buffer, area: layout.table)
        AlertPanel(
            style: style, alerts: alerts, selected: state.focus == .alerts ? min(state.selectedAlert, max(0, alerts.count - 1)) : nil,
            focused: state.focus == .alerts, highlighted: state.highlight == .panel(.alerts),
            filter: Self.filterLabel(state),
            notes: state.focus == .alerts || state.alertSort != .time || !state.alertDescending ? [sortNote(state)] : []
        ).render(into: &buffer, area: layout.alerts)
    }

    /// The positions in `window` (of the table order `visible`) of the rows the search matches.
    static func searchHits(_ matches: [Int], in window: Range<Int>, of visible: [Int]) -> Set<Int> {
        guard !matches.isEmpty else { return [] }
        let hits = Set(matches)
        return Set(window.filter { hits.contains(visible[$0]) })
    }

    /// What the alert list's and the map's titles say of the filter they show: "filtered: …", or
    /// "preview: …" while a new filter is typed (nil when they show every car).
    static func filterLabel(_ state: DashboardState) -> String? {
        guard !state.query.isEmpty else { return nil }
        return (state.query == state.appliedFilter ? "filtered: " : "preview: ") + clean(state.query.source)
    }

    /// The alerts the keys act on in this view, in display order: the history's in the history
    /// view, the one shown in the alert view, the alert panel's otherwise.
    /// `panel` and `history` are the panel's and the history's lists as the filter lets them through.
    static func alertsListed(state: DashboardState, model: DashboardModel, panel: [AlertRow], history: [AlertRow]) -> [AlertRow] {
        switch state.view {
        case .alerts: return history
        case .alert(let id): return openedAlert(id, model: model).map { [$0.alert] } ?? []
        case .detail(let v): return model.detail.map { $0.row.index == v ? $0.alerts : [] } ?? []
        default: return panel
        }
    }

    static func setAlerts(_ alerts: [AlertRow], in frame: inout FrameContext) {
        frame.alertIDs = alerts.map(\.id)
        frame.alertVehicles = alerts.map(\.vehicle)
        frame.alertUnacknowledged = alerts.map { $0.isOpen && !$0.acknowledged }
    }

    /// The alert view's alert: the model's, or (a model built by hand) the list's row.
    static func openedAlert(_ id: UInt64, model: DashboardModel) -> AlertDetail? {
        if let d = model.openedAlert, d.alert.id == id { return d }
        return (model.alerts.first { $0.id == id } ?? model.alertHistory.first { $0.id == id }).map { AlertDetail(alert: $0) }
    }

    /// "by time ▼": the alert lists' order.
    func sortNote(_ state: DashboardState) -> Span {
        Span("by " + state.alertSort.rawValue + " " + ViewStyle(theme: theme, glyphs: glyphs).sortMark(descending: state.alertDescending), style: theme.dim)
    }

    /// The history's title details: its order, and what the closed-alert log keeps and dropped.
    func historyNotes(state: DashboardState, model: DashboardModel) -> [Span] {
        let log = model.alertLog
        let kept = log.closed - log.droppedFromLog
        var notes = [Span("\(kept) closed", style: theme.text)]
        if log.droppedFromLog > 0 {
            // The log's size only where it fits beside the counts (the README and the JSON say it too).
            let size = state.width >= 100 ? " (log keeps \(log.logCapacity))" : ""
            notes.append(Span("\(log.droppedFromLog) dropped" + size, style: theme.severityHigh))
        }
        notes.append(sortNote(state))
        return notes
    }

    /// The widest driver cell the table lays its columns out for.
    static func tableDriverWidth(_ model: DashboardModel) -> Int {
        model.table?.driverWidth ?? Self.driverWidth(model.vehicles.filter(\.active))
    }

    /// The row of the car with fleet index `index`. Fleet indices are positions in a full
    /// model's rows by contract, but check rather than trust it: a model built by hand may order
    /// its rows otherwise, and a model of the screen holds only the rows shown.
    static func row(of index: Int, in rows: [VehicleRow]) -> VehicleRow? {
        if rows.indices.contains(index), rows[index].index == index { return rows[index] }
        return rows.first { $0.index == index }
    }

    func pointedVehicle(_ state: DashboardState) -> Int? {
        if case .vehicle(let v) = state.highlight { return v }
        return nil
    }

    /// The widest driver cell with romanisation over the fleet ("王伟 Wang Wei" is 12).
    static func driverWidth(_ rows: [VehicleRow]) -> Int {
        var w = 0
        for r in rows { w = max(w, driverCellWidth(name: r.driverName, romanised: r.driverRomanised)) }
        return w
    }

    /// The width of one driver cell with romanisation.
    static func driverCellWidth(name: String, romanised: String?) -> Int {
        var n = DisplayWidth.of(clean(name))
        if let rom = romanised, !rom.isEmpty { n += 1 + DisplayWidth.of(clean(rom)) }
        return n
    }
}
