import Fleet
import Screen
import Simulation

/// The theme and glyph set every panel draws with, and the few mappings from domain values
/// (a severity, a country) to how they look. Meaning never rests on colour alone: a severity
/// always shows its glyph (and, where there is room, its word), a country its code.
struct ViewStyle: Sendable {
    let theme: Theme
    let glyphs: GlyphSet
    /// The scenario's clock and the time shown, for alert times; without a clock (a model
    /// built by hand), times are offsets from the start.
    var clock: ScenarioClock? = nil
    var now: SimTime = .zero

    /// A moment (an alert's start) on the clock the header shows: `08:10:20`, or `05-25 08:10`
    /// on another day than the header's.
    func time(_ t: SimTime) -> String { clock?.time(t, now: now) ?? elapsed(t.seconds) }

    /// Whether the glyph set is plain ASCII (its ellipsis is): picks the few characters that are
    /// not in `GlyphSet` itself (sort triangles).
    var isASCII: Bool { glyphs.ellipsis.isASCII }

    func severityStyle(_ s: Severity) -> Style {
        switch s {
        case .watch: theme.severityWatch
        case .high: theme.severityHigh
        case .critical: theme.severityCritical
        }
    }

    func severityGlyph(_ s: Severity) -> Character {
        switch s {
        case .watch: glyphs.severityWatch
        case .high: glyphs.severityHigh
        case .critical: glyphs.severityCritical
        }
    }

    /// "CRITICAL", "HIGH", "WATCH": capitals, because they are read as alarms.
    static func word(_ s: Severity) -> String { s.rawValue.uppercased() }

    /// The severity of a `VehicleRow.maxSeverity` / `MapCar.severity` rank (0 none … 3 critical).
    static func severity(rank: Int) -> Severity? {
        switch rank {
        case 1: .watch
        case 2: .high
        case 3...: .critical
        default: nil
        }
    }

    func countryStyle(_ c: Country) -> Style {
        c == .china ? theme.china : c == .unitedStates ? theme.us : theme.thirdCountry
    }

    /// The sort direction mark of a column header: ▼ / ▲ (v / ^ in ASCII).
    func sortMark(descending: Bool) -> String {
        isASCII ? String(descending ? glyphs.arrowDown : glyphs.arrowUp) : (descending ? "▼" : "▲")
    }

    /// Separates details in titles and lines: " · " (" - " in ASCII).
    var dot: String { isASCII ? " - " : " · " }

    /// The multiplication sign of counts: "×3" ("x3" in ASCII).
    var times: String { isASCII ? "x" : "\u{00D7}" }

    /// The border of a panel: a double border in the key colour when a presenter points at it,
    /// a heavy one when it has the focus, rounded otherwise (so each shows without colour).
    func block(_ title: Line, focused: Bool = false, highlighted: Bool = false) -> Block {
        if highlighted { return Block(title: title, border: .double, borderStyle: theme.key, glyphs: glyphs) }
        return Block(title: title, border: focused ? .heavy : .rounded, borderStyle: focused ? theme.borderFocused : theme.border, glyphs: glyphs)
    }

    /// A block title: the name in the title style, then details in the dim style.
    /// "rates over 10 s": the window every "now" rate of the screen is read over, named on each
    /// panel that shows one (`MeterWindow.rateSeconds`).
    static func windowLabel(_ seconds: Int) -> String { "rates over \(seconds) s" }

    func title(_ name: String, _ details: [Span] = []) -> Line {
        var spans = [Span(name, style: theme.title)]
        for d in details {
            spans.append(Span(dot, style: theme.dim))
            spans.append(d)
        }
        return Line(spans)
    }

    /// The cells of a one-row sparkline of the newest `width` values, as text (for table cells).
    func sparkText(_ values: [Double], width: Int) -> String {
        let shown = values.suffix(max(0, width))
        var top = 0.0
        for v in shown where v.isFinite { top = max(top, v) }
        var s = String(repeating: " ", count: max(0, width - shown.count))
        for v in shown { s.append(glyphs.sparkLevels[Sparkline.level(v, top: top, rows: 1)]) }
        return s
    }

    /// A meter `width` cells wide filled to `ratio` in eighths (any positive ratio shows at least
    /// one eighth, so a trickle is never drawn as nothing), as spans for a table cell.
    func meter(_ ratio: Double, width: Int, style: Style) -> [Span] {
        var eighths = Gauge.eighths(ratio, columns: width)
        if ratio > 0 && ratio.isFinite && eighths == 0 { eighths = 1 }
        var filled = "", track = ""
        for _ in 0..<max(0, width) {
            let part = min(8, eighths)
            eighths -= part
            let glyph = glyphs.barEighths[part]
            if part == 0 || glyph == " " { track.append(glyphs.barTrack) } else { filled.append(glyph) }
        }
        return [Span(filled, style: style), Span(track, style: theme.track)]
    }
}

extension ViewStyle {
    /// A car's driver as the table's driver cell writes it: the name (in the script the
    /// settings ask for), then, with `romanised` and where the name has one, its romanisation dim.
    func driverSpans(_ r: VehicleRow, romanised: Bool, style s: Style? = nil) -> [Span] {
        var spans = [Span(clean(r.driverName), style: s ?? .plain)]
        if romanised, let rom = r.driverRomanised, !rom.isEmpty { spans.append(Span(" " + clean(rom), style: theme.dim)) }
        return spans
    }
}

/// Text that comes from data (names, zones, explanations) with every control character made
/// visible, so that widths are counted on what the cells will show.
func clean(_ text: String) -> String { Sanitizer.clean(text) }

/// A VIN cut to `width`: whole when it fits, else the maker prefix, an ellipsis and the serial
/// tail ("LRW…123456"), the parts people compare.
public func shortVIN(_ vin: String, width: Int, ellipsis: Character) -> String {
    let v = clean(vin)
    guard v.count > width, width >= 5 else { return DisplayWidth.truncate(v, toWidth: width, ellipsis: String(ellipsis)) }
    let head = min(3, (width - 1) / 2)
    return String(v.prefix(head)) + String(ellipsis) + String(v.suffix(width - 1 - head))
}

/// Seconds since the start of the run as "hh:mm:ss".
func elapsed(_ t: Double) -> String { Format.clock(t) }
