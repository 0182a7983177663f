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

    /// The smallest screen the dashboard lays out; below it a notice says so.
    public static let minimumWidth = 60
    public static let minimumHeight = 15

    public init(glyphs: GlyphSet, theme: Theme) {
        self.glyphs = glyphs
        self.theme = theme
    }

    /// Draws the whole screen at state.width x state.height; returns the buffer and the frame context the reducer needs
    /// (visible vehicle indices in table order after filter+sort, alert ids in display order, table rows, table top row).
    public func render(state: DashboardState, model: DashboardModel) -> (Buffer, FrameContext) {
        var buffer = Buffer(width: state.width, height: state.height)
        let style = ViewStyle(theme: theme, glyphs: glyphs)
        let visible = Self.visibleVehicles(state: state, model: model)
        var frame = FrameContext(visibleVehicles: visible, alertIDs: model.alerts.map(\.id), tableRows: 1, tableTop: nil)
        guard state.width >= Self.minimumWidth, state.height >= Self.minimumHeight else {
            TooSmallNotice(style: style, width: state.width, height: state.height).render(into: &buffer, area: buffer.area)
            return (buffer, frame)
        }
        let screen = ScreenLayout(
            width: state.width, height: state.height,
            captionRows: ScreenLayout.captionRows(height: state.height, hasCaption: state.caption != nil),
            footerRows: FooterPanel.height(for: state))
        let fleetLayout = FleetLayout(
            body: screen.body, screenWidth: state.width, screenHeight: state.height,
            regionCount: model.regions.count, alertCount: model.alerts.count)
        // Paging keeps the fleet table's size even while another view shows.
        frame.tableRows = max(1, VehicleTablePanel.dataRows(in: fleetLayout.table))

        HeaderPanel(style: style, model: model, paused: state.paused, speed: state.speed).render(into: &buffer, area: screen.header)
        if state.highlight == .panel(.header) { buffer.setStyle(screen.header) { $0.adding(.underline) } }
        switch state.view {
        case .fleet:
            renderFleet(state: state, model: model, visible: visible, layout: fleetLayout, style: style, into: &buffer)
            if !state.showHelp { frame.tableTop = fleetLayout.table.y + 2 }
        case .detail(let vehicle):
            DetailView(style: style, model: model, vehicle: vehicle).render(into: &buffer, area: screen.body)
        case .map:
            MapView(style: style, map: model.map, selected: state.selectedVehicle, pointedAt: pointedVehicle(state)).render(into: &buffer, area: screen.body)
        }
        if let caption = state.caption {
            CaptionBar(style: style, caption: caption, highlighted: state.highlight == .panel(.caption)).render(into: &buffer, area: screen.caption)
        }
        FooterPanel(style: style, state: state, matches: visible.count, seed: model.seed).render(into: &buffer, area: screen.footer)
        if state.highlight == .panel(.footer) { buffer.setStyle(screen.footer) { $0.adding(.underline) } }
        if state.showHelp { HelpOverlay(style: style).render(into: &buffer, area: buffer.area) }
        return (buffer, frame)
    }

    func renderFleet(state: DashboardState, model: DashboardModel, visible: [Int], layout: FleetLayout, style: ViewStyle, into buffer: inout Buffer) {
        for (rect, region) in zip(layout.regions, model.regions) {
            RegionPanel(style: style, region: region, highlighted: state.highlight == .panel(.regions)).render(into: &buffer, area: rect)
        }
        if let rect = layout.countries {
            CountryPanel(style: style, countries: model.countries, highlighted: state.highlight == .panel(.countries)).render(into: &buffer, area: rect)
        }
        // Fleet indices are positions in `model.vehicles` by contract, but look them up rather
        // than trust it: a model built by hand may order its rows otherwise.
        var byIndex: [Int: Int] = [:]
        for (i, r) in model.vehicles.enumerated() { byIndex[r.index] = i }
        let rows = visible.compactMap { byIndex[$0].map { model.vehicles[$0] } }
        let pointed = pointedVehicle(state)
        let table = VehicleTablePanel(
            style: style, rows: rows, fleetCount: model.vehicles.count, query: state.query, sort: state.sort,
            descending: state.descending, selected: state.selectedVehicle.flatMap { visible.firstIndex(of: $0) },
            scroll: state.scroll, focused: state.focus == .vehicles, highlighted: state.highlight == .panel(.vehicles),
            pointedAt: pointed.flatMap { visible.firstIndex(of: $0) }, meterScale: MeterGroup.scale(model.vehicles),
            driverWidth: Self.driverWidth(model.vehicles))
        table.render(into: &buffer, area: layout.table)
        AlertPanel(
            style: style, alerts: model.alerts, selected: state.focus == .alerts ? min(state.selectedAlert, max(0, model.alerts.count - 1)) : nil,
            focused: state.focus == .alerts, highlighted: state.highlight == .panel(.alerts)
        ).render(into: &buffer, area: layout.alerts)
    }

    func pointedVehicle(_ state: DashboardState) -> Int? {
        if case .vehicle(let v) = state.highlight { return v }
        return nil
    }

    /// The widest driver cell with romanisation over the fleet ("王伟 Wang Wei" is 12).
    static func driverWidth(_ rows: [VehicleRow]) -> Int {
        var w = 0
        for r in rows {
            var n = DisplayWidth.of(clean(r.driverName))
            if let rom = r.driverRomanised, !rom.isEmpty { n += 1 + DisplayWidth.of(clean(rom)) }
            w = max(w, n)
        }
        return w
    }
}
