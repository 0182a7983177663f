import Screen

/// The help popup: every key, then the filter language with examples. Keys go in two columns
/// when the popup is wide enough, so the whole help fits an 80x24 terminal.
struct HelpOverlay: Widget {
    let style: ViewStyle

    var keys: [(String, String)] {
        let g = style.glyphs
        return [
            (String(g.arrowUp) + String(g.arrowDown) + " j k", "move the selection"),
            ("PgUp PgDn", "page up / down"),
            ("Home End", "first / last car"),
            ("Enter", "open the car's detail"),
            ("Esc", "back / leave alerts"),
            ("> s  <", "next / previous sort"),
            ("S", "reverse the sort"),
            ("/", "filter the cars"),
            ("m", "map of the regions"),
            ("a  Tab", "vehicles or alerts"),
            ("A", "acknowledge the alert"),
            ("space", "pause / resume"),
            (".", "one step while paused"),
            ("w", "save the view to a file"),
            ("y", "copy the VIN (OSC 52)"),
            ("+  -", "faster / slower"),
            ("?  F1", "this help"),
            ("q", "quit"),
        ]
    }

    var filterLines: [(String, String)] {
        [
        ("", "Terms separated by spaces must all hold; ! negates a term."),
        ("field:value", "class:military  dest:US  region:shanghai  state:driving"),
        ("fields", "class dest region market state zone model cat vin driver sev"),
        ("a,b", "either value: class:military,key-soe   sev:high,critical"),
        ("compare", "rate>1MB  up>=500kB  down<2MB  total>2GB  alerts>0"),
        ("flags", "restricted  alert  crossborder"),
        ("words", "match the VIN, the driver (either script) or the zone: " + (style.isASCII ? "wang" : "王伟")),
        ("example", "class:military dest:US rate>1MB !state:asleep"),
        ]
    }

    /// The popup's lines for an inner width of `width`.
    func lines(width: Int) -> [Line] {
        let t = style.theme
        var out: [Line] = [Line("Keys", style: t.header)]
        let keyWidth = 11
        func entry(_ k: (String, String), width: Int) -> [Span] {
            [Span(DisplayWidth.pad(k.0, toWidth: keyWidth), style: t.key), Span(DisplayWidth.pad(k.1, toWidth: max(0, width - keyWidth)), style: t.popup)]
        }
        let k = keys
        if width >= 70 {
            let half = (k.count + 1) / 2
            let colWidth = width / 2
            for i in 0..<half {
                var spans = entry(k[i], width: colWidth)
                if i + half < k.count { spans += entry(k[i + half], width: colWidth) }
                out.append(Line(spans))
            }
        } else {
            for e in k { out.append(Line(entry(e, width: width))) }
        }
        out.append("")
        out.append(Line([Span("Filter", style: t.header), Span("  press / to edit; Enter keeps it, Esc restores", style: t.dim)]))
        for (label, text) in filterLines {
            out.append(Line([Span(DisplayWidth.pad(label, toWidth: keyWidth + 1), style: t.key), Span(text, style: t.popup)]))
        }
        out.append("")
        out.append(Line("any key closes this help", style: t.dim, alignment: .center))
        return out
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let inner = min(74, area.width - 6)
        guard inner > 0 else { return }
        let content = lines(width: inner)
        let block = Block(title: Line("FleetWatch help", style: style.theme.title), border: .rounded, borderStyle: style.theme.borderFocused, style: style.theme.popup, glyphs: style.glyphs)
        let popup = Popup(Paragraph(content, style: style.theme.popup, ellipsis: style.glyphs.ellipsis), block: block, width: inner + 2, height: min(area.height, content.count + 2))
        popup.render(into: &buffer, area: area)
    }
}
