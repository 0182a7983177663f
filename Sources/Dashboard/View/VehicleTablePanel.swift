import Fleet
import Screen

/// The vehicle table: one row per car in table order, with its data-flow meters, the selected
/// row highlighted and kept in view, the sort column marked and the filter in the title.
struct VehicleTablePanel: Widget {
    let style: ViewStyle
    /// The rows on screen, in table order: positions `first ..< first + rows.count` of the cars
    /// the filter matches (see `window`).
    let rows: [VehicleRow]
    let first: Int
    /// Cars the filter matches.
    let rowCount: Int
    /// Cars in the fleet, for "37/612".
    let fleetCount: Int
    /// The filter the rows are drawn for (a preview while one is typed), the filter in force,
    /// and the search with its matches among the rows.
    let query: Query
    let applied: Query
    let search: Query
    let searchMatches: Int
    let sort: SortColumn
    let descending: Bool
    /// Position of the selected car among the cars the filter matches.
    let selected: Int?
    let focused: Bool
    let highlighted: Bool
    /// Position among the cars the filter matches of a car a presenter points at.
    let pointedAt: Int?
    /// Positions among the cars the filter matches of the rows on screen the search matches:
    /// marked in the first column (as less and vim mark search hits), the selection's mark first.
    let searchHits: Set<Int>
    /// Full scale of each meter column (see `MeterGroup.scale`).
    let meterScale: [Double]
    /// The widest driver cell with romanisation.
    let driverWidth: Int
    /// The columns chosen, in display order.
    var columns: [TableColumn] = TableColumn.allCases
    /// The window of the rates and category bars shown, in seconds.
    var windowSeconds = MeterWindow.rateSeconds

    /// Data rows that fit in a table drawn in `area` (border and header row taken off).
    static func dataRows(in area: Rect) -> Int { max(0, area.height - 3) }

    /// The positions of the rows shown: from the stored scroll (the first row as the reducer
    /// stored it, clamped here too: a resize may have moved it), moved as little as needed to
    /// show the selection, as many as fit.
    static func window(selected: Int?, scroll: Int, visibleRows: Int, rowCount: Int) -> Range<Int> {
        let first = Table.scrollOffset(selected: selected, offset: scroll, visibleRows: visibleRows, rowCount: rowCount)
        return first..<max(first, min(rowCount, first + max(0, visibleRows)))
    }

    func render(into buffer: inout Buffer, area: Rect) {
        var details: [Span] = [Span("\(rowCount)/\(fleetCount)", style: style.theme.text)]
        // The filter in force until Enter applies another; a preview says it is one.
        if !applied.isEmpty { details.append(Span("filter: " + clean(applied.source), style: style.theme.key)) }
        if query != applied { details.append(Span(query.isEmpty ? "preview: all cars" : "preview: " + clean(query.source), style: style.theme.dim)) }
        if !search.isEmpty { details.append(Span("search: " + clean(search.source) + " (\(searchMatches))", style: style.theme.dim)) }
        details.append(Span("sort: \(sort.rawValue) " + style.sortMark(descending: descending), style: style.theme.dim))
        details.append(Span(ViewStyle.windowLabel(windowSeconds), style: style.theme.dim))
        let block = style.block(style.title("Vehicles", details), focused: focused, highlighted: highlighted)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let plan = Self.plan(area: area, driverWidth: driverWidth, columns: columns)
        let shown = plan.shown
        let columns = shown.map { Table.Column(title(of: $0, width: plan.width($0)), width: .fixed(plan.width($0)), alignment: alignment(of: $0)) }
        var cells: [[Line]] = []
        // Only the rows on screen are drawn (and the model builder built only those).
        let end = first + rows.count
        for (i, row) in zip(first..<end, rows) {
            cells.append(shown.map { cell($0, row, width: plan.width($0), romanised: plan.romanised, position: i) })
        }
        let table = Table(
            columns: columns, rows: cells, selected: selected.map { $0 - first }, offset: 0,
            headerStyle: style.theme.header, selectedStyle: style.theme.selected,
            columnSpacing: VehicleColumnPlan.spacing, glyphs: style.glyphs)
        table.render(into: &buffer, area: inner)
        if rowCount == 0 && inner.height > 1 {
            let message = query.isEmpty ? "No cars in this scenario" : "No car matches the filter; press / to change it"
            buffer.put(Line(message, style: style.theme.dim, alignment: .center), x: inner.x, y: inner.y + 1 + (inner.height - 1) / 2, width: inner.width)
        }
        if let p = pointedAt, p >= first, p < end {
            let y = inner.y + 1 + p - first
            buffer.setStyle(Rect(x: inner.x, y: y, width: inner.width, height: 1)) { $0.adding(.underline) }
            buffer.put(String(style.glyphs.arrowRight), x: inner.x, y: y, style: style.theme.key.adding(.underline))
        }
    }

    func alignment(of c: VehicleColumn) -> Alignment {
        switch c {
        case .rate, .up, .down, .total, .alerts: .right
        default: .left
        }
    }

    func title(of c: VehicleColumn, width: Int) -> String {
        let name: String
        switch c {
        case .mark: name = ""
        case .vin: name = "VIN"
        case .driver: name = "Driver"
        case .userClass: name = "Class"
        case .state: name = "State"
        case .rate: name = "Rate"
        case .up: name = String(style.glyphs.arrowUp) + " Up"
        case .down: name = String(style.glyphs.arrowDown) + " Down"
        case .meters:
            // Each meter sorts on its own: the mark takes the blank before the sorted one.
            let mark = sort.meter.map { _ in style.sortMark(descending: descending) }
            return MeterGroup.allCases.map { (sort.meter == $0.rawValue ? mark! : " ") + $0.label }.joined()
        case .total: name = "Total"
        case .destination: name = "Destination"
        case .zone: name = "Zone"
        case .history: name = "History"
        case .alerts: name = "Alerts"
        }
        guard sorted(c) else { return name }
        let mark = style.sortMark(descending: descending)
        let room = max(0, width - DisplayWidth.of(mark))
        let cut = String(name.prefix(room))
        return alignment(of: c) == .right ? mark + cut : cut + mark
    }

    /// Whether `c` is the column the table is sorted by.
    func sorted(_ c: VehicleColumn) -> Bool { c.sortColumn == sort }

    /// The sortable header cells of a table drawn in `area`: the screen columns each covers,
    /// laid out as `render` lays them out (the same plan, the same `Table` spans).
    static func sortHeader(area: Rect, driverWidth: Int, columns: [TableColumn]) -> [FrameContext.HeaderCell] {
        let plan = plan(area: area, driverWidth: driverWidth, columns: columns)
        let shown = plan.shown
        let table = Table(columns: shown.map { Table.Column("", width: .fixed(plan.width($0))) }, rows: [], columnSpacing: VehicleColumnPlan.spacing)
        let inner = area.inset(by: 1)
        return zip(shown, table.columnSpans(x: inner.x, width: inner.width)).flatMap { column, span -> [FrameContext.HeaderCell] in
            if column == .meters {
                // A cell per meter: its blank and its three-letter label.
                let meters = SortColumn.allCases.filter { $0.meter != nil }
                return meters.map { m in
                    let start = span.lowerBound + 4 * m.meter!
                    return FrameContext.HeaderCell(columns: start..<min(span.upperBound, start + 4), sort: m)
                }
            }
            return column.sortColumn.map { [FrameContext.HeaderCell(columns: span, sort: $0)] } ?? []
        }
    }

    /// The columns of a table drawn in `area` (inside its border) and their widths.
    static func plan(area: Rect, driverWidth: Int, columns: [TableColumn]) -> VehicleColumnPlan {
        // Inside the panel's border (`Block.inner`).
        VehicleColumnPlan(width: area.inset(by: 1).width, driverWidth: driverWidth, columns: columns)
    }

    func cell(_ c: VehicleColumn, _ r: VehicleRow, width: Int, romanised: Bool, position: Int) -> Line {
        let t = style.theme
        switch c {
        case .mark:
            if position == selected { return Line(String(style.glyphs.selection)) }
            return searchHits.contains(position) ? Line(style.isASCII ? "*" : "•", style: t.key) : Line("")
        case .vin:
            return Line(shortVIN(r.vin, width: width, ellipsis: style.glyphs.ellipsis))
        case .driver:
            return Line(style.driverSpans(r, romanised: romanised))
        case .userClass:
            // Only the glyph carries the mark's style: a styled blank shows as a block when reversed.
            let mark = r.restricted ? String(style.glyphs.restricted) : " "
            return Line([Span(mark, style: r.restricted ? t.restricted : t.text), Span(" ", style: t.text), Span(clean(r.userClass.rawValue), style: r.restricted ? t.restricted : t.text)])
        case .state:
            return Line(clean(r.state), style: r.state == "asleep" || r.state == "parked" ? t.dim : t.text)
        case .rate:
            return Line(Format.rate(r.rate), style: r.rate > 0 ? t.text : t.dim)
        case .up:
            return Line(Format.rate(r.upRate), style: t.trafficUp)
        case .down:
            return Line(Format.rate(r.downRate), style: t.trafficDown)
        case .meters:
            var spans: [Span] = []
            for g in MeterGroup.allCases {
                spans.append(Span(" "))
                let top = g.rawValue < meterScale.count ? meterScale[g.rawValue] : 0
                spans += style.meter(top > 0 ? g.rate(of: r) / top : 0, width: 3, style: t.trafficUp)
            }
            return Line(spans)
        case .total:
            return Line(Format.bytes(Double(r.totalBytes)))
        case .destination:
            guard let country = r.topCountry else { return Line("-", style: t.dim) }
            let away = r.market.isAbroad(country)
            // The country leads the cell, so a name that ends with it ("... (US)") drops it.
            let name = ServiceConfig.bareName(r.topServiceName ?? r.topService?.rawValue ?? "", country: country)
            return Line([
                Span(clean(country.rawValue), style: style.countryStyle(country)),
                Span(away ? " " + String(style.glyphs.crossBorder) + " " : "   ", style: t.severityHigh),
                Span(clean(name)),
            ])
        case .zone:
            return Line(r.zone.map { clean($0.rawValue) } ?? "", style: t.restricted)
        case .history:
            return Line(style.sparkText(r.history, width: width), style: t.trafficDown)
        case .alerts:
            guard let s = ViewStyle.severity(rank: r.maxSeverity), r.openAlerts > 0 else { return Line("") }
            return Line([Span(String(style.severityGlyph(s)), style: style.severityStyle(s)), Span(" \(r.openAlerts)", style: style.severityStyle(s).removing(.reverse).background(.default))])
        }
    }
}
