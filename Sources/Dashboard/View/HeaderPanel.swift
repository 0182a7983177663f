import Fleet
import Screen

/// The top of the screen: the product, the scenario, the simulated clock and speed, the fleet
/// and its states, total up and down rates, open alerts by severity, each region's local time
/// with its UTC offset, and a total-rate sparkline when there is room. Two rows, or one on short screens; pieces drop by priority when narrow.
struct HeaderPanel: Widget {
    let style: ViewStyle
    let model: DashboardModel
    let paused: Bool
    let speed: Double
    /// The pause badge or the speed (not in a picture for a report).
    var showsPace = true

    static let stateOrder = ["driving", "charging", "parked", "asleep"]

    func render(into buffer: inout Buffer, area: Rect) {
        guard !area.isEmpty else { return }
        let t = style.theme
        let sep = Span(" " + String(style.glyphs.separator) + " ", style: t.border)
        let fleet = model.fleet
        var first: [SegmentRow.Segment] = [
            .init(spans: [Span("FleetWatch", style: t.key)], priority: 10),
            .init(spans: [Span(clean(model.scenarioName), style: t.title)], priority: 4),
        ]
        var clock: [Span] = []
        if !model.wallClockLabel.isEmpty { clock.append(Span(clean(model.wallClockLabel) + " ", style: t.text)) }
        clock.append(Span("T+" + elapsed(model.clock.seconds), style: t.dim))
        first.append(.init(spans: clock, priority: 9))
        if showsPace { first.append(.init(spans: paused ? [Span("PAUSED", style: t.key.adding(.reverse))] : [Span(String(style.glyphs.selection) + " x" + Self.speedText(speed), style: t.text)], priority: 9)) }
        first.append(.init(spans: [Span("\(fleet.cars)", style: t.title), Span(" cars", style: t.dim)], priority: 8))
        var states: [Span] = []
        let names = Self.stateOrder.filter { fleet.states[$0] != nil } + fleet.states.keys.filter { !Self.stateOrder.contains($0) }.sorted()
        for name in names {
            if !states.isEmpty { states.append(Span("  ")) }
            states += [Span("\(fleet.states[name] ?? 0)", style: t.text), Span(" " + clean(name), style: t.dim)]
        }
        if !states.isEmpty { first.append(.init(spans: states, priority: 3)) }
        if fleet.restrictedCars > 0 {
            first.append(.init(spans: [Span(String(style.glyphs.restricted) + " \(fleet.restrictedCars) restricted", style: t.restricted)], priority: 5))
        }

        if let source = model.source {
            // What was unmapped or refused outlasts the input's name on a narrow screen.
            first.append(.init(spans: sourceSpans(source), priority: 6))
            let counts = sourceCountSpans(source)
            if !counts.isEmpty { first.append(.init(spans: counts, priority: 7)) }
        }

        var second: [SegmentRow.Segment] = [
            .init(spans: [Span(String(style.glyphs.arrowUp) + " " + Format.rate(fleet.upRate), style: t.trafficUp), Span("  "),
                          Span(String(style.glyphs.arrowDown) + " " + Format.rate(fleet.downRate), style: t.trafficDown),
                          Span(" (\(model.rateWindowSeconds) s)", style: t.dim)], priority: 7),
            .init(spans: [Span("sent ", style: t.dim), Span(Format.bytes(Double(fleet.upBytes))), Span("  received ", style: t.dim), Span(Format.bytes(Double(fleet.downBytes)))], priority: 1),
        ]
        second.append(.init(spans: alertSpans(), priority: 8))
        // Each region's wall clock (one per time zone), the first kept longest; when not even
        // the first fits as "Shanghai 08:15 (UTC+8)", all shorten to "Shanghai 08:15+8".
        let clocks = model.regions.flatMap(\.localTimes)
        let base = second
        func withClocks(short: Bool) -> [SegmentRow.Segment] {
            base + clocks.enumerated().map { k, c in
                let offset = short ? TimeZoneRule.offsetText(c.time.utcOffsetMinutes) : " (" + c.time.offsetLabel + ")"
                return .init(spans: [Span(clean(c.place) + " ", style: t.dim), Span(c.time.clock, style: t.text),
                                     Span(offset, style: t.dim)], priority: max(2, 6 - k))
            }
        }
        second = withClocks(short: area.height < 2)
        if area.height >= 2, !clocks.isEmpty {
            let shown = SegmentRow(segments: second, separator: sep).fitting(width: area.width).segments.count
            let without = SegmentRow(segments: base, separator: sep).fitting(width: area.width).segments.count
            if shown <= without { second = withClocks(short: true) }
        }

        if area.height >= 2 {
            SegmentRow(segments: first, separator: sep).render(into: &buffer, area: Rect(x: area.x, y: area.y, width: area.width, height: 1))
            let row = Rect(x: area.x, y: area.y + 1, width: area.width, height: 1)
            let used = SegmentRow(segments: second, separator: sep).render(into: &buffer, area: row)
            spark(into: &buffer, row: row, used: used)
        } else {
            let row = Rect(x: area.x, y: area.y, width: area.width, height: 1)
            let used = SegmentRow(segments: first + second, separator: sep).render(into: &buffer, area: row)
            spark(into: &buffer, row: row, used: used)
        }
    }

    /// Open alerts still to acknowledge by severity, worst first, each with its glyph and word,
    /// then how many are acknowledged (so the counts change the moment `A` is pressed).
    func alertSpans() -> [Span] {
        let t = style.theme
        let waiting = model.fleet.unacknowledgedAlerts ?? model.fleet.openAlerts
        let acknowledged = model.alertLog.acknowledged
        var spans: [Span] = [Span("alerts ", style: t.dim)]
        var any = false
        for s in Severity.allCases.reversed() {
            guard let n = waiting[s], n > 0 else { continue }
            if any { spans.append(Span("  ")) }
            spans.append(Span(String(style.severityGlyph(s)) + " \(n) " + ViewStyle.word(s), style: style.severityStyle(s)))
            any = true
        }
        if acknowledged > 0 {
            spans.append(Span((any ? "  " : "") + "\(acknowledged) acknowledged", style: t.dim))
        } else if !any {
            spans.append(Span("none open", style: t.dim))
        }
        return spans
    }

    /// The recorded flows' input and the records read.
    func sourceSpans(_ s: SourceStatus) -> [Span] {
        let t = style.theme
        let name = s.name.split(separator: "/").last.map(String.init) ?? s.name
        return [Span("source ", style: t.dim), Span(clean(name), style: t.text),
                Span(" \(s.records) records" + (s.ended ? ", ended" : ""), style: t.dim)]
    }

    /// What was unmapped (shown as unknown, and judged by no rule) and refused, in an alert's
    /// colours; empty when nothing was.
    func sourceCountSpans(_ s: SourceStatus) -> [Span] {
        let t = style.theme
        var spans: [Span] = []
        if s.unmappedRecords > 0 {
            spans.append(Span("\(s.unmappedRecords) unmapped (\(Format.bytes(Double(s.unmappedBytes))))", style: t.severityHigh))
        }
        if s.rejected > 0 { spans.append(Span((spans.isEmpty ? "" : "  ") + "\(s.rejected) rejected", style: t.severityCritical)) }
        return spans
    }

    /// The total-rate sparkline at the right of `row`, when at least 12 columns are free.
    func spark(into buffer: inout Buffer, row: Rect, used: Int) {
        let free = row.width - used - 2
        guard free >= 12, !model.fleet.history.isEmpty else { return }
        let w = min(48, free)
        buffer.render(Sparkline(model.fleet.history, style: style.theme.trafficDown, glyphs: style.glyphs), in: Rect(x: row.maxX - w, y: row.y, width: w, height: 1))
    }

    /// "10", "0.5", "2.5": the speed factor without trailing zeros.
    static func speedText(_ speed: Double) -> String {
        guard speed.isFinite else { return "?" }
        return speed == speed.rounded() && abs(speed) < 1e9 ? "\(Int(speed))" : Format.decimal(speed, decimals: speed < 1 ? 2 : 1)
    }
}
