import Screen
extension DashboardState {
    /// Applies one action; returns what the driver must do outside the state (quit, pause the
    /// simulation, acknowledge an alert…). Pure: the same state, action and frame give the same
    /// result.
    ///
    /// `frame` is the layout of the frame on screen, which the user's keys and clicks refer to;
    /// nil for an action no frame was drawn for (a demo's script acting at a simulated time
    /// between frames, a resize): such an action leaves the table's scroll as it is, and the
    /// view keeps the selected row on screen when it draws.
    public mutating func reduce(_ action: Action, frame layout: FrameContext?) -> [Command] {
        let frame = layout ?? FrameContext(tableRows: 0)
        switch action {
        case .key, .wheel, .click:
            // The user acts on the screen as drawn: first the row drawn selected becomes the
            // selection. Scripted actions (a demo's `select`, `showView`) name their car.
            adoptDrawnSelection(frame: frame)
        default: break
        }
        switch action {
        case .key(let key):
            return handle(key, frame: frame)
        case .wheel(let up):
            moveSelection(by: up ? -3 : 3, frame: frame)
        case .click(let x, let y):
            if case .fleet = view, let top = frame.tableTop, y == top - 1, let cell = frame.sortHeader.first(where: { $0.columns.contains(x) }) {
                // A header: sort by it, or reverse it when it is the sorted column already.
                if cell.sort == sort { descending.toggle() } else { sort = cell.sort; descending = sort.descendingByDefault }
            } else if case .fleet = view, let top = frame.tableTop, y >= top, y < top + frame.tableRows {
                let row = scroll + (y - top)
                if row < frame.visibleVehicles.count {
                    if selectedVehicle == frame.visibleVehicles[row] {
                        open(.detail(vehicle: frame.visibleVehicles[row]))  // a second click opens it
                    } else {
                        selectedVehicle = frame.visibleVehicles[row]
                    }
                    focus = .vehicles
                }
            }
        case .resize(let w, let h):
            width = max(0, w)
            height = max(0, h)
        case .showView(let mode):
            // The script decides where the audience looks: no way back to retrace.
            view = mode
            previousViews.removeAll()
            showHelp = false
        case .select(let vehicle):
            selectedVehicle = vehicle
        case .caption(let title, let text):
            caption = title.isEmpty && text.isEmpty ? nil : Caption(title: title, text: text)
        case .highlight(let h):
            highlight = h
        case .setSpeed(let s):
            speed = s.isFinite ? min(max(s, 0.01), 100_000) : speed
            return [.setSpeed(speed)]
        case .setPaused(let p):
            paused = p
            return [.setPaused(p)]
        case .clearSelection:
            selectedVehicle = nil
            scroll = 0
        case .setStatus(let message):
            status = message
        case .expireStatus(let now):
            if let s = status, now >= s.expires { status = nil }
        }
        if layout != nil { keepSelectionVisible(frame: frame) }
        return []
    }

    mutating func handle(_ key: Key, frame: FrameContext) -> [Command] {
        if filter != nil { return editFilter(key) }
        if showHelp {
            // Any key closes the help; q still quits.
            showHelp = false
            return key == .character("q") ? [.quit] : []
        }
        var commands: [Command] = []
        switch key {
        case .character("q"), .ctrl("c"):
            commands.append(.quit)
        case .up, .character("k"): moveSelection(by: -1, frame: frame)
        case .down, .character("j"): moveSelection(by: 1, frame: frame)
        case .pageUp: moveSelection(by: -max(1, frame.tableRows - 1), frame: frame)
        case .pageDown: moveSelection(by: max(1, frame.tableRows - 1), frame: frame)
        case .home: moveSelection(by: Int.min / 2, frame: frame)
        case .end: moveSelection(by: Int.max / 2, frame: frame)
        case .enter:
            // Only a row the table (or the map) shows: never a car the filter hides.
            if focus == .vehicles, view == .fleet || view == .map, let v = selectedVehicle, frame.visibleVehicles.contains(v) {
                selectedVehicle = v
                open(.detail(vehicle: v))
            }
        case .escape, .backspace:
            if focus == .alerts { focus = .vehicles } else { goBack() }
        case .character("s") where view == .fleet, .character(">") where view == .fleet:
            moveSort(by: 1, along: frame.sortColumns)
        case .character("<") where view == .fleet:
            moveSort(by: -1, along: frame.sortColumns)
        case .character("S") where view == .fleet:
            descending.toggle()
        case .character("/"):
            filter = FilterEditor(text: query.source, error: nil, previous: query)
        case .character("m"):
            if case .map = view { goBack() } else { open(.map) }
        case .character("a"), .tab:
            focus = focus == .alerts ? .vehicles : .alerts
            if case .detail = view {} else if focus == .alerts { open(.fleet) }
        case .character("A"):
            if focus == .alerts, frame.alertIDs.indices.contains(selectedAlert) {
                commands.append(.acknowledge(alertID: frame.alertIDs[selectedAlert]))
            }
        case .character(" "):
            paused.toggle()
            commands.append(.setPaused(paused))
        case .character("."):
            if paused { commands.append(.step) }
        case .character("+"), .character("="):
            speed = Self.speedSteps.first(where: { $0 > speed }) ?? Self.speedSteps.last!
            commands.append(.setSpeed(speed))
        case .character("-"), .character("_"):
            speed = Self.speedSteps.last(where: { $0 < speed }) ?? Self.speedSteps.first!
            commands.append(.setSpeed(speed))
        case .character("?"), .function(1):
            showHelp = true
        case .character("w"):
            commands.append(.saveView)
        case .character("y"):
            // The car the screen is about: the detail's, or the selected row the frame drew.
            if case .detail(let v) = view {
                commands.append(.copyVIN(vehicle: v))
            } else if focus == .vehicles, let v = selectedVehicle, frame.visibleVehicles.contains(v) {
                commands.append(.copyVIN(vehicle: v))
            }
        default:
            break
        }
        keepSelectionVisible(frame: frame)
        return commands
    }

    /// Keys while the filter bar is open: typing edits it and the table follows as long as the
    /// text parses; Enter keeps it, Esc restores the previous filter.
    mutating func editFilter(_ key: Key) -> [Command] {
        guard var editor = filter else { return [] }
        switch key {
        case .enter:
            if editor.error == nil { filter = nil }
            return []
        case .escape:
            query = editor.previous
            filter = nil
            return []
        case .backspace:
            if !editor.text.isEmpty { editor.text.removeLast() }
        case .ctrl("u"):
            editor.text = ""
        case .character(let c) where editor.text.count < Query.maxLength:
            editor.text.append(c)
        default:
            return []
        }
        do {
            query = try Query(parsing: editor.text)
            editor.error = nil
        } catch {
            editor.error = error
        }
        filter = editor
        scroll = 0
        return []
    }

    /// The sort column `delta` places along the columns shown (wrapping), in its natural
    /// direction; from a column not shown, the shown column nearest after it in table order.
    mutating func moveSort(by delta: Int, along shown: [SortColumn]) {
        let columns = shown.isEmpty ? SortColumn.allCases : shown
        let n = columns.count
        // Not shown: stand just before the first shown column after it (or after the last).
        let rank = SortColumn.allCases.firstIndex(of:)
        let after = columns.firstIndex { rank($0)! > rank(sort)! } ?? n
        let here = columns.firstIndex(of: sort) ?? (delta > 0 ? after - 1 : after)
        sort = columns[((here + delta) % n + n) % n]
        descending = sort.descendingByDefault
    }

    /// Shows `mode`, remembering where the user came from (the fleet view is home: going there
    /// forgets the way).
    mutating func open(_ mode: ViewMode) {
        guard mode != view else { return }
        if mode == .fleet {
            previousViews.removeAll()
        } else {
            previousViews.append(view)
            if previousViews.count > Self.maxPreviousViews { previousViews.removeFirst() }
        }
        view = mode
    }

    /// Esc: back to the view the user came from (the fleet view when there is none).
    mutating func goBack() {
        view = previousViews.popLast() ?? .fleet
    }

    mutating func moveSelection(by delta: Int, frame: FrameContext) {
        if focus == .alerts {
            let n = frame.alertIDs.count
            selectedAlert = n == 0 ? 0 : max(0, min(n - 1, selectedAlert + delta))
            return
        }
        let rows = frame.visibleVehicles
        guard !rows.isEmpty else { return }
        let current = selectedVehicle.flatMap { rows.firstIndex(of: $0) } ?? (delta > 0 ? -1 : rows.count)
        let target = max(0, min(rows.count - 1, current.addingReportingOverflow(delta).partialValue))
        selectedVehicle = rows[target]
    }

    /// Makes the selection the row the frame drew as selected (`selectedPosition(in:)`): the
    /// first row when none is selected yet or the filter hides the selected car. A frame with
    /// no rows (none drawn yet, or a filter that matches nothing) leaves the selection alone.
    mutating func adoptDrawnSelection(frame: FrameContext) {
        let rows = frame.visibleVehicles
        if let i = selectedPosition(in: rows), rows[i] != selectedVehicle { selectedVehicle = rows[i] }
    }

    /// Scrolls the table so that the selected row is on screen.
    mutating func keepSelectionVisible(frame: FrameContext) {
        let rows = max(1, frame.tableRows)
        let count = frame.visibleVehicles.count
        if let v = selectedVehicle, let i = frame.visibleVehicles.firstIndex(of: v) {
            if i < scroll { scroll = i }
            if i >= scroll + rows { scroll = i - rows + 1 }
        }
        scroll = max(0, min(scroll, max(0, count - rows)))
    }
}
