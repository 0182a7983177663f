import Screen

/// The bottom row: key hints for what the current view and focus can do (low-priority hints
/// drop first when narrow), or, while the filter bar is open, the filter being typed with its
/// parse error and a caret under the column where the problem starts.
struct FooterPanel: Widget {
    let style: ViewStyle
    let state: DashboardState
    /// Cars the filter matches now, and those of them the search matches.
    let matches: Int
    var searchMatches = 0
    let seed: UInt64
    /// Open alerts still to acknowledge in the alert list shown (the alert keys' hint says how many).
    var toAcknowledge = 0
    /// A picture for a report: the seed only, no key hints, no status message.
    var forReport = false
    /// A jump under way: its progress replaces the hints.
    var seek: RunTimeline.Seek? = nil

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
        if let seek {
            let text = Self.progress(seek, style: style)
            buffer.put(Line([Span(text, style: t.key)]), x: left.x, y: left.y, width: left.width, ellipsis: style.glyphs.ellipsis)
            return
        }
        if let status = state.status {
            // What the last key did, in place of the hints until it expires.
            buffer.put(Line([Span(clean(status.text), style: status.isError ? t.severityHigh : t.key)]),
                       x: left.x, y: left.y, width: left.width, ellipsis: style.glyphs.ellipsis)
            return
        }
        let hints = KeyHints(hints(), keyStyle: t.key, labelStyle: t.dim)
        hints.render(into: &buffer, area: left)
    }

    /// A jump's progress: "going to 08:10:00: 54 % · Esc stops here"; before it, while the
    /// fleet is built, "building 1,000,000 cars: 34 % · then 08:10:00 · Esc stays at start"
    /// (short enough for 80 columns beside the seed; the build cannot stop: a fleet is whole
    /// or not at all).
    static func progress(_ seek: RunTimeline.Seek, style: ViewStyle) -> String {
        let clock = style.time(seek.target)
        guard seek.isBuilding else {
            return "going to \(clock): \(Int((seek.fraction * 100).rounded(.down))) %" + style.dot + "Esc stops here"
        }
        let built = "building \(ComplianceText.grouped(seek.carsInAll)) cars: \(Int((seek.buildFraction * 100).rounded(.down))) %"
        return seek.target > seek.from ? built + style.dot + "then \(clock)" + style.dot + "Esc stays at start" : built
    }

    func hints() -> [KeyHint] {
        let g = style.glyphs
        // The keys bound to each action (the config may have moved them): the first one shown.
        func key(_ a: KeyAction) -> String { state.keys.keys(for: a).first?.label(glyphs: g) ?? "" }
        let move = key(.up) + key(.down)
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
            h = alertListHints(move: move, key: key) + [KeyHint(key(.alerts), "vehicles", priority: 3)]
        case .alerts:
            h = alertListHints(move: move, key: key) + [KeyHint(key(.back), "back", priority: 7)]
        case .alert:
            h = [KeyHint(key(.open), "car", priority: 6), KeyHint(key(.acknowledge), "acknowledge", priority: 5),
                 KeyHint(key(.unacknowledge), "undo", priority: 2), KeyHint(key(.back), "back", priority: 7)]
        case .fleet:
            h = [KeyHint(move, "move", priority: 6), KeyHint(key(.open), "detail", priority: 5), KeyHint(key(.filter), "filter", priority: 7),
                 KeyHint(key(.sortNext), "sort", priority: 4), KeyHint(key(.reverseSort), "reverse", priority: 1), KeyHint(key(.alerts), "alerts", priority: 3)]
        case .detail where state.focus == .alerts:
            h = alertListHints(move: move, key: key) + [KeyHint(key(.back), "back", priority: 7)]
        case .detail:
            h = [KeyHint(key(.back), "back", priority: 7), KeyHint(key(.alerts), "its alerts", priority: 3)]
        case .compliance:
            h = [KeyHint(key(.back), "back", priority: 7), KeyHint(key(.history), "alert history", priority: 2)]
        case .whatIf:
            h = [KeyHint(key(.back), "back", priority: 7), KeyHint(key(.whatIf), "choose what-if", priority: 6)]
        case .map:
            h = [KeyHint(key(.map), "fleet", priority: 7), KeyHint(move, "select car", priority: 2),
                 KeyHint(key(.zoomIn) + "/" + key(.zoomOut), "zoom", priority: 5), KeyHint(key(.follow), "follow", priority: 4),
                 KeyHint(key(.resetMap), "whole", priority: 1)]
        }
        // A search in force: n and N go on (only then, so the hints stay short).
        if !state.search.isEmpty, state.focus == .vehicles, state.view == .fleet || state.view == .map {
            h.append(KeyHint(key(.searchNext) + "/" + key(.searchPrevious), "next match", priority: 6))
        }
        if state.view != .map { h.append(KeyHint(key(.map), "map", priority: 4)) }
        h.append(KeyHint(key(.pause), state.paused ? "resume" : "pause", priority: 3))
        if state.paused { h.append(KeyHint(key(.step), "step", priority: 2)) }
        h.append(KeyHint(key(.faster) + "/" + key(.slower), "speed", priority: 1))
        h.append(KeyHint(key(.goTo), "go to time", priority: 2))
        h.append(KeyHint(key(.help), "help", priority: 8))
        h.append(KeyHint(key(.quit), "quit", priority: 9))
        return h
    }

    /// The keys of an alert list (the focused panel, the history).
    /// The hints of an alert list; `key` names the key bound to an action.
    func alertListHints(move: String, key: (KeyAction) -> String) -> [KeyHint] {
        [KeyHint(move, "select", priority: 6), KeyHint(key(.open), "open", priority: 6),
         KeyHint(key(.acknowledge), toAcknowledge > 0 ? "acknowledge (\(toAcknowledge) left)" : "acknowledge", priority: 7),
         KeyHint(key(.unacknowledge), "undo", priority: 2), KeyHint(key(.acknowledgeAll), "all shown", priority: 2),
         KeyHint(key(.sortNext) + " " + key(.sortPrevious), "sort", priority: 4), KeyHint(key(.history), "history", priority: 3)]
    }

    func filterBar(_ editor: FilterEditor, into buffer: inout Buffer, area: Rect) {
        let t = style.theme
        let search = editor.purpose == .search
        let prompt = editor.purpose == .goTo ? "go to " : search ? "find " : "/ "
        let promptWidth = DisplayWidth.of(prompt)
        let status = switch editor.purpose {
        case .goTo where editor.error != nil: "fix the time"
        case .goTo: editor.text.allSatisfy(\.isWhitespace) ? "2h -10m 09:15 tue 17:30 end" : "Enter go"
        case .search where editor.error != nil: "fix the search"
        case .search: Self.count(searchMatches) + style.dot + "Enter find, then n/N"
        case .filter where editor.error != nil: "fix the filter"
        case .filter: Self.count(matches) + style.dot + "Enter keep"
        }
        let help = status + style.dot + "Esc cancel"
        let helpWidth = DisplayWidth.of(help)
        let showHelp = area.width >= promptWidth + 20 + helpWidth + 2
        let room = max(4, area.width - promptWidth - (showHelp ? helpWidth + 2 : 0))
        let window = Self.visibleSpan(editor.line, room: room)
        let cells = Array(editor.text).map { clean(String($0)) }
        let ellipsis = String(style.glyphs.ellipsis)
        let cursorCell = editor.line.cursor < cells.count ? cells[editor.line.cursor] : " "
        let after = editor.line.cursor < cells.count ? editor.line.cursor + 1 : cells.count
        var spans = [Span(prompt, style: t.key)]
        if window.lowerBound > 0 { spans.append(Span(ellipsis, style: t.dim)) }
        spans.append(Span(cells[window.lowerBound..<editor.line.cursor].joined(), style: t.text))
        spans.append(Span(cursorCell, style: t.text.adding(.reverse)))
        if after < window.upperBound { spans.append(Span(cells[after..<window.upperBound].joined(), style: t.text)) }
        if window.upperBound < cells.count { spans.append(Span(ellipsis, style: t.dim)) }
        buffer.put(Line(spans), x: area.x, y: area.y, width: area.width)
        if showHelp { buffer.put(help, x: area.maxX - helpWidth, y: area.y, style: t.dim) }
        guard let error = editor.error, area.height >= 2 else { return }
        // The caret under the column where the problem starts (at an edge when it is scrolled off).
        let column = max(window.lowerBound, min(window.upperBound, error.column))
        let lead = window.lowerBound > 0 ? DisplayWidth.of(ellipsis) : 0
        let caretX = area.x + promptWidth + lead + DisplayWidth.of(cells[window.lowerBound..<column].joined())
        let x = min(max(area.x, caretX), area.maxX - 1)
        let caret = style.isASCII ? "^" : "\u{2191}"
        buffer.put(Line([Span(caret + " ", style: t.severityHigh), Span(clean(error.message), style: t.severityHigh)]),
                   x: x, y: area.y + 1, width: area.maxX - x, ellipsis: style.glyphs.ellipsis)
    }

    static func count(_ n: Int) -> String { "\(n) match" + (n == 1 ? "" : "es") }

    /// The characters of `line` the bar shows in `room` columns: as many as fit around the
    /// cursor, which is always shown (one column at the end of the line), with a column for an
    /// ellipsis on each side that hides text. Widths are display widths, so wide (CJK)
    /// characters count two.
    static func visibleSpan(_ line: LineEditor, room: Int) -> Range<Int> {
        let widths = Array(line.text).map { DisplayWidth.of(clean(String($0))) }
        let cursor = line.cursor
        let cursorWidth = cursor < widths.count ? max(1, widths[cursor]) : 1
        var start = 0
        var before = widths[0..<cursor].reduce(0, +)
        // Drop characters on the left until the text up to the cursor, the cursor and an
        // ellipsis on the right (if anything follows) fit.
        func tail(_ end: Int) -> Int { end < widths.count ? 1 : 0 }
        while start < cursor, before + cursorWidth + (start > 0 ? 1 : 0) + tail(cursor + 1) > room {
            before -= widths[start]
            start += 1
        }
        var end = min(widths.count, cursor + 1)
        var used = before + cursorWidth + (start > 0 ? 1 : 0)
        while end < widths.count, used + widths[end] + tail(end + 1) <= room {
            used += widths[end]
            end += 1
        }
        return start..<end
    }
}
