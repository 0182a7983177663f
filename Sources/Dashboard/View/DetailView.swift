import Fleet
import Screen

/// One car in depth (the detail view): who and what it is, where it is, its rates at three
/// windows with a history graph, where its bytes went (categories by destinations), and its
/// alerts with their full explanations.
struct DetailView: Widget {
    let style: ViewStyle
    let model: DashboardModel
    let vehicle: Int
    /// The selected alert of the car's list, when the list has the focus (`a`).
    var selectedAlert: Int? = nil

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        guard let d = model.detail, d.row.index == vehicle else {
            let block = style.block(style.title("Car #\(vehicle)"), focused: true)
            block.render(into: &buffer, area: area)
            let inner = block.inner(area)
            buffer.put(Line("No detail for this car in this frame; Esc goes back", style: t.dim, alignment: .center), x: inner.x, y: inner.y + inner.height / 2, width: inner.width)
            return
        }
        let matrix = DetailMatrix(style: style, detail: d)
        let matrixRows = min(matrix.neededRows, max(5, area.height / 3))
        let alertRows = d.alerts.isEmpty ? 3 : 6
        let parts = Layout.vertical([.length(area.height >= 36 ? 12 : 9), .length(matrixRows), .min(alertRows)]).split(area)
        let top = Layout.horizontal([.fill(55), .fill(45)]).split(parts[0])
        identity(d, into: &buffer, area: top[0])
        rates(d, into: &buffer, area: top[1])
        matrix.render(into: &buffer, area: parts[1])
        DetailAlerts(style: style, alerts: d.alerts, selected: selectedAlert.map { min($0, max(0, d.alerts.count - 1)) }).render(into: &buffer, area: parts[2])
    }

    func regionName(_ id: RegionID) -> String {
        model.regions.first { $0.id == id }?.name ?? model.map.regions.first { $0.id == id }?.name ?? id.rawValue
    }

    func identity(_ d: VehicleDetail, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let r = d.row
        let block = style.block(style.title(clean(r.vin), [Span(clean(r.model), style: t.text)]))
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        func label(_ s: String) -> Span { Span(DisplayWidth.pad(s, toWidth: 9), style: t.dim) }
        let sep = Span(style.dot, style: t.dim)
        var driver = [label("Driver"), Span(clean(r.driverName), style: t.title)]
        if let rom = r.driverRomanised, !rom.isEmpty { driver.append(Span(" " + clean(rom))) }
        driver.append(sep)
        if r.restricted { driver.append(Span(String(style.glyphs.restricted) + " ", style: t.restricted)) }
        driver.append(Span(clean(r.userClass.rawValue), style: r.restricted ? t.restricted : t.text))
        if r.restricted { driver.append(Span(" (restricted)", style: t.restricted)) }
        var place = [label("Position"), Span(Format.decimal(d.position.latitude, decimals: 4) + ", " + Format.decimal(d.position.longitude, decimals: 4))]
        if let zone = d.zoneName ?? d.zone?.rawValue {
            place += [sep, Span("in zone ", style: t.dim), Span(clean(zone), style: t.restricted)]
        }
        // An unknown car (docs/source.md): no model year or battery is known, and no rule judges it.
        let car = r.isUnknown
            ? [label("Car"), Span(clean(r.model)), sep, Span(r.market.rawValue + " market", style: t.text), sep,
               Span("in no inventory, not judged", style: t.dim)]
            : [label("Car"), Span(clean(r.model)), sep, Span("\(d.modelYear)"), sep, Span(r.market.rawValue + " market", style: t.text), sep, Span(clean(regionName(r.region)))]
        let lines: [Line] = [
            Line(car),
            Line([label("Address"), Span(clean(d.address))]),
            Line(driver),
            Line([label("State"), Span(clean(r.state), style: t.title)] + localTime(d, sep)),
            Line([label("Battery")] + (r.isUnknown ? [Span("not known", style: t.dim)] : [])),
            Line(place),
            Line([label("Trip"), d.trip.map { Span(clean($0)) } ?? Span("none", style: t.dim)]),
        ]
        Paragraph(lines, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: inner)
        let batteryRow = 4
        if batteryRow < inner.height, inner.width > 9 + 8, !r.isUnknown {
            let gaugeStyle = d.battery < 0.2 ? t.severityHigh : t.trafficDown
            let gauge = Gauge(ratio: d.battery, label: Format.percent(d.battery), filledStyle: gaugeStyle, trackStyle: t.track, labelStyle: t.text, glyphs: style.glyphs)
            buffer.render(gauge, in: Rect(x: inner.x + 9, y: inner.y + batteryRow, width: min(24, inner.width - 9), height: 1))
        }
    }

    /// `· local time Mon 08:15 (UTC+8)`: the clock where the car lives.
    func localTime(_ d: VehicleDetail, _ sep: Span) -> [Span] {
        guard let l = d.localTime else { return [] }
        let day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][l.weekday]
        return [sep, Span("local time ", style: style.theme.dim), Span("\(day) \(l.clock)"), Span(" (\(l.offsetLabel))", style: style.theme.dim)]
    }

    func rates(_ d: VehicleDetail, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let block = style.block(style.title("Data flow", [Span("now " + Format.rate(d.row.rate), style: t.text), Span("over \(MeterWindow.rateSeconds) s", style: t.dim)]))
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        let col = Format.rateWidth + 2
        func rate(_ v: [Double], _ i: Int) -> String { i < v.count ? Format.rate(v[i]) : "-" }
        func row(_ name: String, _ i: Int) -> Line {
            Line([Span(DisplayWidth.pad(name, toWidth: 8), style: t.dim),
                  Span(DisplayWidth.pad(rate(d.upRates, i), toWidth: col, alignment: .right), style: t.trafficUp),
                  Span(DisplayWidth.pad(rate(d.downRates, i), toWidth: col, alignment: .right), style: t.trafficDown)])
        }
        let up = String(style.glyphs.arrowUp) + " up", down = String(style.glyphs.arrowDown) + " down"
        let lines: [Line] = [
            Line([Span(DisplayWidth.pad("window", toWidth: 8), style: t.dim), Span(DisplayWidth.pad(up, toWidth: col, alignment: .right), style: t.header),
                  Span(DisplayWidth.pad(down, toWidth: col, alignment: .right), style: t.header)]),
        ] + d.windowSeconds.indices.map { i in row("\(d.windowSeconds[i]) s", i) } + [
            Line([Span(DisplayWidth.pad("peak", toWidth: 8), style: t.dim), Span(DisplayWidth.pad(Format.rate(d.peakRate), toWidth: col, alignment: .right)),
                  Span("  total ", style: t.dim), Span(String(style.glyphs.arrowUp) + Format.bytes(Double(d.upBytes)), style: t.trafficUp),
                  Span(" " + String(style.glyphs.arrowDown) + Format.bytes(Double(d.downBytes)), style: t.trafficDown)]),
        ]
        let textRows = min(lines.count, inner.height)
        Paragraph(lines, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: textRows))
        let graph = Rect(x: inner.x, y: inner.y + textRows, width: inner.width, height: inner.height - textRows)
        if !graph.isEmpty, !d.row.history.isEmpty {
            buffer.render(Sparkline(d.row.history, style: t.trafficDown, glyphs: style.glyphs), in: graph)
        }
    }
}
