import Fleet
import Screen
import Simulation

/// The what-if split screen (`i` in the live view, `snapshot --what-if` in the picture
/// formats): the baseline on the left, the what-if on the right, each with the bytes that left
/// each market's country, the bytes by destination country, the open alerts and the alerts
/// raised by rule; the what-if's side adds each figure's change. Under them, the cars whose
/// traffic differs, the largest change abroad first. Every figure is `WhatIfComparison`'s.
struct WhatIfView: Widget {
    let style: ViewStyle
    let comparison: WhatIfComparison?

    func render(into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        guard let c = comparison else {
            let block = style.block(style.title("What-if"), focused: true)
            block.render(into: &buffer, area: area)
            Paragraph([Line("No what-if applied: press i to choose one, or run fleetwatch snapshot --what-if NAME", style: t.dim)],
                      ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: block.inner(area))
            return
        }
        let carRows = c.cars.count
        // The cars' table takes what the two columns leave, at least 5 rows when there is room.
        let sideHeight = min(sideLineCount(c) + 2, max(6, area.height - min(carRows, 8) - 3))
        let top = Rect(x: area.x, y: area.y, width: area.width, height: min(area.height, sideHeight))
        let leftWidth = top.width / 2
        let left = Rect(x: top.x, y: top.y, width: leftWidth, height: top.height)
        let right = Rect(x: top.x + leftWidth, y: top.y, width: top.width - leftWidth, height: top.height)
        side(c, variant: false, into: &buffer, area: left)
        side(c, variant: true, into: &buffer, area: right)
        let bottom = Rect(x: area.x, y: top.maxY, width: area.width, height: max(0, area.maxY - top.maxY))
        if bottom.height >= 3 { cars(c, into: &buffer, area: bottom) }
    }

    func sideLineCount(_ c: WhatIfComparison) -> Int { 1 + c.regions.count + 1 + c.countries.count + 1 + 1 + 1 + c.rules.count { $0.raised.baseline > 0 || $0.raised.variant > 0 } + 1 }

    /// A change, as "+12 MB", "-3", or nothing when there is none.
    func change(_ p: WhatIfComparison.Pair, bytes: Bool) -> Span {
        guard p.changed else { return Span("") }
        let d = p.delta
        let text = bytes ? Format.bytes(Double(d)) : String(d)
        return Span(" " + (d > 0 ? "+" : "") + text, style: d > 0 ? style.theme.severityHigh : style.theme.trafficDown)
    }

    /// "09:10:00 (T+00:10:00)": the what-if's time as the header's clock and its offset read it.
    func when(_ time: SimTime) -> String {
        let at = "T+" + elapsed(time.seconds)
        guard let clock = style.clock else { return at }
        return clock.time(time, now: style.now) + " (" + at + ")"
    }

    func side(_ c: WhatIfComparison, variant: Bool, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let title = variant
            ? style.title("What-if: " + clean(c.name), [Span((c.pending ? "starts at " : "from ") + when(c.from), style: c.pending ? t.severityHigh : t.dim)])
            : style.title("Baseline", [Span("the scenario as it is", style: t.dim)])
        let block = style.block(title, focused: variant)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        func value(_ p: WhatIfComparison.Pair) -> UInt64 { variant ? p.variant : p.baseline }
        var lines: [Line] = []
        let abroad = c.crossBorder
        lines.append(Line([Span("Left their country ", style: t.header), Span(Format.bytes(Double(value(abroad))), style: t.text)]
                          + (variant ? [change(abroad, bytes: true)] : [])))
        for r in c.regions {
            lines.append(Line([Span("  " + clean(r.name) + " (" + r.market.rawValue + " cars) ", style: t.dim),
                               Span(Format.bytes(Double(value(r.crossBorder))), style: t.text)]
                              + (variant ? [change(r.crossBorder, bytes: true)] : [])))
        }
        lines.append(Line("By destination country", style: t.header))
        let top = c.countries.map { max($0.bytes.baseline, $0.bytes.variant) }.max() ?? 0
        let barWidth = max(4, min(16, inner.width / 4))
        for r in c.countries {
            let cs = r.country == .china ? t.china : r.country == .unitedStates ? t.us : t.thirdCountry
            let ratio = top == 0 ? 0 : Double(value(r.bytes)) / Double(top)
            lines.append(Line([Span("  " + pad(r.country.rawValue, 3), style: cs)]
                              + style.meter(ratio, width: barWidth, style: cs)
                              + [Span(" " + Format.bytes(Double(value(r.bytes))), style: t.text)]
                              + (variant ? [change(r.bytes, bytes: true)] : [])))
        }
        lines.append(Line([Span("Restricted drivers ", style: t.header), Span(String(value(c.restricted)), style: t.text)]
                          + (variant ? [change(c.restricted, bytes: false)] : [])))
        var open: [Span] = [Span("Open alerts ", style: t.header)]
        for (s, p) in c.openBySeverity.reversed() {
            open.append(Span(s.rawValue + " ", style: style.severityStyle(s)))
            open.append(Span(String(value(p)), style: t.text))
            if variant { open.append(change(p, bytes: false)) }
            open.append(Span(" "))
        }
        lines.append(Line(open))
        lines.append(Line([Span("Alerts raised by rule ", style: t.header), Span(String(value(c.raised)), style: t.text)]
                          + (variant ? [change(c.raised, bytes: false)] : [])))
        for r in c.rules where r.raised.baseline > 0 || r.raised.variant > 0 {
            lines.append(Line([Span("  " + pad(clean(r.ruleID), 6), style: t.text),
                               Span(Format.padLeft(String(value(r.raised)), to: 6), style: t.text)]
                              + (variant ? [change(r.raised, bytes: false)] : [])
                              + [Span("  " + clean(r.title), style: t.dim)]))
        }
        Paragraph(lines, ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: inner)
    }

    func cars(_ c: WhatIfComparison, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let title = style.title("Cars that differ", [Span("\(c.cars.count) of \(c.carsCompared)", style: t.dim),
                                                     Span("largest change abroad first", style: t.dim)])
        let block = style.block(title)
        block.render(into: &buffer, area: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        guard !c.cars.isEmpty else {
            Paragraph([Line("No car's traffic differs yet", style: t.dim)], ellipsis: style.glyphs.ellipsis).render(into: &buffer, area: inner)
            return
        }
        // A class that differs reads "private→key-soe", or "→key-soe" where that does not fit;
        // the driver's column (8 cells at least) goes before the class is cut.
        let arrow = String(style.glyphs.arrowRight)
        let shown = c.cars.prefix(max(0, inner.height - 1))
        func classText(_ r: WhatIfComparison.CarRow, full: Bool) -> String {
            guard r.classChanged else { return clean(r.userClass.rawValue) }
            return (full ? clean(r.userClass.rawValue) : "") + arrow + clean(r.variantClass.rawValue)
        }
        let fullWidth = max(9, shown.map { DisplayWidth.of(classText($0, full: true)) }.max() ?? 0)
        let compactWidth = max(9, shown.map { DisplayWidth.of(classText($0, full: false)) }.max() ?? 0)
        // VIN, Abroad, What-if, Change, Bytes chg, Alerts: 58 cells; a gap between columns.
        func fits(_ classWidth: Int, driver: Bool) -> Bool { 58 + classWidth + (driver ? 8 + 7 : 6) <= inner.width }
        let (classWidth, full, driver) =
            fits(fullWidth, driver: true) ? (fullWidth, true, true)
            : fits(compactWidth, driver: true) ? (compactWidth, false, true)
            : fits(fullWidth, driver: false) ? (fullWidth, true, false)
            : (compactWidth, false, false)
        var columns = [
            Table.Column("VIN", width: .fixed(17)), Table.Column("Driver", width: .flex(2)), Table.Column("Class", width: .fixed(classWidth)),
            Table.Column("Abroad", width: .fixed(8), alignment: .right), Table.Column("What-if", width: .fixed(8), alignment: .right),
            Table.Column("Change", width: .fixed(9), alignment: .right), Table.Column("Bytes chg", width: .fixed(9), alignment: .right),
            Table.Column("Alerts", width: .fixed(7), alignment: .right),
        ]
        if !driver { columns.remove(at: 1) }
        let rows: [[Line]] = shown.map { r in
            let market = r.market == .cn ? t.china : t.us
            func signed(_ p: WhatIfComparison.Pair, bytes: Bool) -> Line {
                let d = p.delta
                guard d != 0 else { return Line("0", style: t.dim) }
                return Line((d > 0 ? "+" : "") + (bytes ? Format.bytes(Double(d)) : String(d)), style: d > 0 ? t.severityHigh : t.trafficDown)
            }
            let driverCell = Line([Span(clean(r.driver), style: t.text)] + (r.driverRomanised.map { [Span(" " + clean($0), style: t.dim)] } ?? []))
            return [Line(r.vin, style: market)] + (driver ? [driverCell] : []) + [
                Line(classText(r, full: full), style: r.classChanged ? t.severityHigh : t.dim),
                Line(Format.bytes(Double(r.crossBorder.baseline)), style: t.text), Line(Format.bytes(Double(r.crossBorder.variant)), style: t.text),
                signed(r.crossBorder, bytes: true), signed(r.bytes, bytes: true),
                Line("\(r.openAlerts.baseline)\(style.glyphs.arrowRight)\(r.openAlerts.variant)", style: t.text),
            ]
        }
        Table(columns: columns, rows: rows, headerStyle: t.header, glyphs: style.glyphs).render(into: &buffer, area: inner)
    }
}

/// `text` and spaces to `width` display columns.
private func pad(_ text: String, _ width: Int) -> String {
    text + String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
}
