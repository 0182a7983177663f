import Screen

/// The help popup: every key, then the filter language with examples. Keys go in two columns
/// when the popup is wide enough, so the whole help fits an 80x24 terminal.
struct HelpOverlay: Widget {
    let style: ViewStyle

    /// The bindings in force (the config file may have moved keys).
    var bindings: KeyBindings = .standard

    /// The help's entries: actions that belong together on one line, and what they do.
    static let entries: [([KeyAction], String)] = [
        ([.up, .down], "move the selection"),
        ([.pageUp, .pageDown], "page up / down"),
        ([.first, .last], "first / last"),
        ([.open], "open the car or the alert"),
        ([.back], "back / leave alerts"),
        ([.sortNext, .sortPrevious], "next / previous sort"),
        ([.reverseSort], "reverse the sort"),
        ([.filter], "filter the cars"),
        ([.search, .searchNext, .searchPrevious], "find; next / previous"),
        ([.columns], "choose the columns"),
        ([.map], "map of the regions"),
        ([.zoomIn, .zoomOut], "map: zoom in / out"),
        ([.panLeft, .panRight], "map: pan west / east"),
        ([.panUp, .panDown], "map: pan north / south"),
        ([.resetMap, .follow], "map: whole / follow car"),
        ([.alerts], "vehicles or alerts"),
        ([.acknowledge, .unacknowledge], "acknowledge, next / undo"),
        ([.acknowledgeAll], "acknowledge all shown"),
        ([.history], "alert history"),
        ([.compliance], "compliance thresholds"),
        ([.pause, .step], "pause / step when paused"),
        ([.saveView, .copyVIN], "save the view / copy VIN"),
        ([.saveSettings], "save sort, filter, columns"),
        ([.faster, .slower], "faster / slower"),
        ([.goTo, .timeline], "go to a time / timeline"),
        ([.backMinute, .forwardMinute], "1 minute back / forward"),
        ([.backTenMinutes, .forwardTenMinutes], "10 minutes back / forward"),
        ([.goToAlert], "to the alert's first flow"),
        ([.help], "this help"),
        ([.quit], "quit"),
    ]

    /// Each entry's keys as bound: an action's keys with spaces, actions apart by two.
    var keys: [(String, String)] {
        Self.entries.map { actions, text in
            (actions.map { bindings.keys(for: $0).map { $0.label(glyphs: style.glyphs) }.joined(separator: " ") }.joined(separator: "  "), text)
        }
    }

    /// The help's examples of what the table shows, which the filter takes as it is shown:
    /// each matches some car of the default scenario (tested).
    static let shownExamples = ["dest:China", "model:Y", "vin:LRW", "dest:\"Baidu Maps\""]
    /// A driver of the default scenario, in either script.
    static let nameExamples = ["朱超", "\"zhu chao\""]

    var filterLines: [(String, String)] {
        let names = style.isASCII ? Self.nameExamples.filter { $0.allSatisfy(\.isASCII) } : Self.nameExamples
        return [
        ("", "Terms separated by spaces must all hold; ! negates a term."),
        ("field:value", "class:military  " + Self.shownExamples.filter { !$0.contains(" ") }.joined(separator: "  ") + "  state:driving"),
        ("fields", "class dest region market state zone model cat vin driver sev"),
        ("a,b  \"a b\"", "either: sev:high,critical   with spaces: " + Self.shownExamples.filter { $0.contains(" ") }.joined(separator: "  ")),
        ("compare", "rate>1MB  up>=500kB  down<2MB  total>2GB  alerts>0"),
        ("flags", "restricted  alert  crossborder"),
        ("words", "VIN, driver (either script) or zone: " + names.joined(separator: " ")),
        ]
    }

    /// The popup's lines for an inner width of `width`, in at most `height` lines: where the
    /// whole help does not fit, the filter's examples give way to a line that says where they
    /// are (the keys always show whole).
    func lines(width: Int, height: Int = .max) -> [Line] {
        let t = style.theme
        var out: [Line] = [Line("Keys", style: t.header)]
        let keyWidth = 11
        func entry(_ k: (String, String), width: Int) -> [Span] {
            [Span(DisplayWidth.pad(DisplayWidth.truncate(k.0, toWidth: keyWidth - 1, ellipsis: style.glyphs.ellipsisText), toWidth: keyWidth), style: t.key), Span(DisplayWidth.pad(k.1, toWidth: max(0, width - keyWidth)), style: t.popup)]
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
        let examples = filterLines
        if out.count + examples.count + 2 <= height {
            for (label, text) in examples {
                out.append(Line([Span(DisplayWidth.pad(label, toWidth: keyWidth + 1), style: t.key), Span(text, style: t.popup)]))
            }
            out.append("")
        } else {
            out.append(Line("the filter's language: a taller terminal shows it here, and the README", style: t.dim))
        }
        out.append(Line("any key closes this help", style: t.dim, alignment: .center))
        return out
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let inner = min(74, area.width - 6)
        guard inner > 0 else { return }
        let content = lines(width: inner, height: area.height - 2)
        let block = Block(title: Line("FleetWatch help", style: style.theme.title), border: .rounded, borderStyle: style.theme.borderFocused, style: style.theme.popup, glyphs: style.glyphs)
        let popup = Popup(Paragraph(content, style: style.theme.popup, ellipsis: style.glyphs.ellipsis), block: block, width: inner + 2, height: min(area.height, content.count + 2))
        popup.render(into: &buffer, area: area)
    }
}
