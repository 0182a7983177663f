import Screen

/// The bottom row: key hints for what the current view and focus can do (low-priority hints
/// drop first when narrow), or, while the filter bar is open, the filter being typed with its
/// parse error and a caret under the column where the problem starts.
struct FooterPanel: Widget {
    let style: ViewStyle
    let state: DashboardState
    /// Cars the filter matches now.
    let matches: Int
    let seed: UInt64
    /// A picture for a report: the seed only, no key hints, no status message.
    var forReport = false

    /// Rows the footer needs: two while the filter has an error (the text, then the caret).
    static func height(for state: DashboardState) -> Int { state.filter?.error != nil ? 2 : 1 }

    func render(into buffer: inout Buffer, area full: Rect) {
        // The footer is the screen's bottom row, and a terminal cannot draw the bottom-right
        // cell (curses returns ERR; some terminals scroll): leave the last column blank, so the
        // right-aligned text is whole in the terminal and the snapshots show the same cells.
        let area = Rect(x: full.x, y: full.y, width: max(0, full.width - 1), height: full.height)
        guard !area.isEmpty else { return }
        if let editor = state.filter {
            filterBar(editor, into: &buffer, area: area)
            return
        }
        let t = style.theme
        let right = "seed \(seed)"
        let rightWidth = DisplayWidth.of(right)
        var room = area.width
        if area.width >= 60 + rightWidth {
            room -= rightWidth + 2
            buffer.put(right, x: area.maxX - rightWidth, y: area.y, style: t.dim)
        }
        if forReport { return }
        let left = Rect(x: area.x, y: area.y, width: room, height: 1)
        if let status = state.status {
            // What the last key did, in place of the hints until it expires.
            buffer.put(Line([Span(clean(status.text), style: status.isError ? t.severityHigh : t.key)]),
                       x: left.x, y: left.y, width: left.width, ellipsis: style.glyphs.ellipsis)
            return
        }
        let hints = KeyHints(hints(), keyStyle: t.key, labelStyle: t.dim)
        hints.render(into: &buffer, area: left)
    }

    func hints() -> [KeyHint] {
        let g = style.glyphs
        let move = String(g.arrowUp) + String(g.arrowDown)
        var h: [KeyHint] = []
        if state.presenting {
            return [
                KeyHint(String(g.arrowRight) + " n", "next chapter", priority: 9),
                KeyHint(String(g.arrowLeft) + " p", "previous", priority: 8),
                KeyHint("r", "replay chapter", priority: 3),
                KeyHint("space", state.paused ? "resume" : "pause", priority: 7),
                KeyHint("+/-", "speed", priority: 2),
                KeyHint("q", "quit", priority: 10),
            ]
        }
        switch state.view {
        case .fleet where state.focus == .alerts:
            h = [KeyHint(move, "select", priority: 6), KeyHint("A", "acknowledge", priority: 7), KeyHint("a", "vehicles", priority: 5)]
        case .fleet:
            h = [KeyHint(move, "move", priority: 6), KeyHint("Enter", "detail", priority: 5), KeyHint("/", "filter", priority: 7),
                 KeyHint("s", "sort", priority: 4), KeyHint("S", "reverse", priority: 1), KeyHint("a", "alerts", priority: 3)]
        case .detail:
            h = [KeyHint("Esc", "back", priority: 7)]
        case .map:
            h = [KeyHint("m", "fleet", priority: 7), KeyHint(move, "select car", priority: 2)]
        }
        if state.view != .map { h.append(KeyHint("m", "map", priority: 4)) }
        h.append(KeyHint("space", state.paused ? "resume" : "pause", priority: 3))
        if state.paused { h.append(KeyHint(".", "step", priority: 2)) }
        h.append(KeyHint("+/-", "speed", priority: 1))
        h.append(KeyHint("?", "help", priority: 8))
        h.append(KeyHint("q", "quit", priority: 9))
        return h
    }

    func filterBar(_ editor: FilterEditor, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let text = clean(editor.text)
        let prompt = "/ "
        let help = (editor.error == nil ? "\(matches) match" + (matches == 1 ? "" : "es") : "fix the filter") + style.dot + "Enter keep" + style.dot + "Esc cancel"
        let helpWidth = DisplayWidth.of(help)
        let showHelp = area.width >= 2 + 20 + helpWidth + 2
        let room = max(1, area.width - 2 - 1 - (showHelp ? helpWidth + 2 : 0))
        // When the text is longer than the room, show its end: that is where typing happens.
        var hidden = 0
        var shown = text
        let ellipsis = String(style.glyphs.ellipsis)
        while DisplayWidth.of(shown) + (hidden > 0 ? 1 : 0) > room, let c = shown.first {
            hidden += DisplayWidth.of(c)
            shown.removeFirst()
        }
        let lead = hidden > 0 ? ellipsis : ""
        buffer.put(Line([Span(prompt, style: t.key), Span(lead, style: t.dim), Span(shown, style: t.text), Span(style.cursor, style: t.key)]),
                   x: area.x, y: area.y, width: area.width)
        if showHelp { buffer.put(help, x: area.maxX - helpWidth, y: area.y, style: t.dim) }
        guard let error = editor.error, area.height >= 2 else { return }
        let upTo = String(text.prefix(max(0, error.column)))
        let caretX = area.x + 2 + DisplayWidth.of(lead) + max(0, DisplayWidth.of(upTo) - hidden)
        let x = min(max(area.x, caretX), area.maxX - 1)
        let caret = style.isASCII ? "^" : "\u{2191}"
        buffer.put(Line([Span(caret + " ", style: t.severityHigh), Span(clean(error.message), style: t.severityHigh)]),
                   x: x, y: area.y + 1, width: area.maxX - x, ellipsis: style.glyphs.ellipsis)
    }
}
