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
        case .key, .wheel, .click, .perform:
            // The user acts on the screen as drawn: first the row drawn selected becomes the
            // selection. Scripted actions (a demo's `select`, `showView`) name their car.
            adoptDrawnSelection(frame: frame)
        default: break
        }
        switch action {
        case .key(let key):
            return handle(key, frame: frame)
        case .perform(let keyAction):
            return perform(keyAction, frame: frame)
        case .sortBy(let column, let descending):
            sort = column
            self.descending = descending ?? column.descendingByDefault
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
        case .goTo(let target):
            return [.goTo(target)]
        }
        if layout != nil { keepSelectionVisible(frame: frame) }
        return []
    }

    mutating func handle(_ key: Key, frame: FrameContext) -> [Command] {
        if filter != nil { return editFilter(key) }
        if columnChooser != nil, key != .ctrl("c") { return chooseColumns(key) }
        if whatIfMenu != nil, key != .ctrl("c") { return chooseWhatIf(key) }
        // Ctrl-C always quits, whatever the bindings; every other key goes through them.
        return perform(key == .ctrl("c") ? .quit : keys.action(for: key), frame: frame)
    }

    /// What a key's action does (nil: a key bound to nothing), whether it came as a key or as a
    /// typed command of the linear mode (`Action.perform`).
    mutating func perform(_ action: KeyAction?, frame: FrameContext) -> [Command] {
        if showHelp {
            // Any key closes the help; the quit key still quits.
            showHelp = false
            return action == .quit ? [.quit] : []
        }
        if let commands = handleAlertKey(action, frame: frame) {
            keepSelectionVisible(frame: frame)
            return commands
        }
        guard let action else { return [] }
        var commands: [Command] = []
        switch action {
        case .quit:
            commands.append(.quit)
        case .up: moveSelection(by: -1, frame: frame)
        case .down: moveSelection(by: 1, frame: frame)
        case .pageUp: moveSelection(by: -max(1, frame.tableRows - 1), frame: frame)
        case .pageDown: moveSelection(by: max(1, frame.tableRows - 1), frame: frame)
        case .first: moveSelection(by: Int.min / 2, frame: frame)
        case .last: moveSelection(by: Int.max / 2, frame: frame)
        case .open:
            // Only a row the table (or the map) shows: never a car the filter hides.
            if focus == .vehicles, view == .fleet || view == .map, let v = selectedVehicle, frame.visibleVehicles.contains(v) {
                selectedVehicle = v
                open(.detail(vehicle: v))
            }
        case .back:
            if focus == .alerts, view == .fleet { focus = .vehicles } else { goBack() }
        case .sortNext where view == .fleet:
            moveSort(by: 1, along: frame.sortColumns)
        case .sortPrevious where view == .fleet:
            moveSort(by: -1, along: frame.sortColumns)
        case .reverseSort where view == .fleet:
            descending.toggle()
        case .sortNext, .sortPrevious, .reverseSort:
            break  // sorting acts on the view it is pressed in: only the fleet table sorts
        case .filter:
            filter = FilterEditor(text: query.source, error: nil, previous: query)
        case .search:
            filter = FilterEditor(text: search.source, error: nil, previous: search, purpose: .search)
        case .searchNext where view == .fleet || view == .map, .searchPrevious where view == .fleet || view == .map:
            if !search.isEmpty { searchJump = SearchJump(forward: action == .searchNext, from: selectedVehicle) }
        case .searchNext, .searchPrevious:
            break
        case .columns where view == .fleet:
            columnChooser = 0
        case .columns:
            break  // the chooser is the fleet table's
        case .map:
            if case .map = view { goBack() } else { open(.map) }
        case .zoomIn where view == .map: mapViewport.zoom(by: 1)
        case .zoomOut where view == .map: mapViewport.zoom(by: -1)
        case .panLeft where view == .map: mapViewport.pan(dx: -1, dy: 0)
        case .panRight where view == .map: mapViewport.pan(dx: 1, dy: 0)
        case .panUp where view == .map: mapViewport.pan(dx: 0, dy: -1)
        case .panDown where view == .map: mapViewport.pan(dx: 0, dy: 1)
        case .resetMap where view == .map: mapViewport = MapViewport()
        case .follow where view == .map:
            mapViewport.follow.toggle()
            // Following at the whole region would not move: start at ×4, close enough to see the car's street.
            if mapViewport.follow && mapViewport.zoom == 0 { mapViewport.zoom(by: 2) }
        case .zoomIn, .zoomOut, .panLeft, .panRight, .panUp, .panDown, .resetMap, .follow:
            break  // the map's keys: nothing elsewhere
        case .alerts:
            focus = focus == .alerts ? .vehicles : .alerts
            if case .detail = view {} else if focus == .alerts { open(.fleet) }
        case .acknowledge:
            if focus == .alerts, frame.alertIDs.indices.contains(selectedAlert) {
                commands.append(.acknowledge(alertID: frame.alertIDs[selectedAlert]))
            }
        case .pause:
            paused.toggle()
            commands.append(.setPaused(paused))
        case .step:
            if paused { commands.append(.step) }
        case .faster:
            speed = Self.speedSteps.first(where: { $0 > speed }) ?? Self.speedSteps.last!
            commands.append(.setSpeed(speed))
        case .slower:
            speed = Self.speedSteps.last(where: { $0 < speed }) ?? Self.speedSteps.first!
            commands.append(.setSpeed(speed))
        case .goTo:
            filter = FilterEditor(text: "", error: nil, previous: query, purpose: .goTo)
        case .backMinute: commands.append(.goTo(.by(.seconds(Int64(60)), forward: false)))
        case .forwardMinute: commands.append(.goTo(.by(.seconds(Int64(60)), forward: true)))
        case .backTenMinutes: commands.append(.goTo(.by(.seconds(Int64(600)), forward: false)))
        case .forwardTenMinutes: commands.append(.goTo(.by(.seconds(Int64(600)), forward: true)))
        case .timeline:
            showTimeline.toggle()
        case .help:
            showHelp = true
        case .goToAlert:
            break  // an alert list's key, or the alert view's (`handleAlertKey`): no alert here
        case .compliance:
            if view == .compliance { goBack() } else { open(.compliance) }
        case .whatIf:
            if whatIfNames.isEmpty {
                return [.applyWhatIf(nil)]  // nothing to apply: the driver says why
            } else if whatIfApplied != nil, view != .whatIf {
                open(.whatIf)
            } else {
                whatIfMenu = whatIfApplied ?? 0
            }
        case .unacknowledge, .acknowledgeAll, .history, .openCar:
            break  // the alert lists' keys (`handleAlertKey`): nothing elsewhere
        case .saveView:
            commands.append(.saveView)
        case .saveSettings:
            commands.append(.saveSettings)
        case .copyVIN:
            // The car the screen is about: the detail's, or the selected row the frame drew.
            if case .detail(let v) = view {
                commands.append(.copyVIN(vehicle: v))
            } else if focus == .vehicles, let v = selectedVehicle, frame.visibleVehicles.contains(v) {
                commands.append(.copyVIN(vehicle: v))
            }
        }
        keepSelectionVisible(frame: frame)
        return commands
    }

    /// Keys while the prompt is open: a line editor (`LineEditor.apply`), Up and Down walk
    /// the history. A filter being typed is previewed by the table as long as it parses (while
    /// it does not, the table shows the filter in force); Enter applies it, Esc restores the
    /// previous one. A search being typed marks its matches, hides nothing; Enter jumps to the
    /// next match.
    mutating func editFilter(_ key: Key) -> [Command] {
        guard var editor = filter else { return [] }
        if editor.purpose == .goTo { return editGoTo(key, editor: &editor) }
        switch key {
        case .enter:
            guard editor.error == nil else { return [] }
            promptHistory.record(editor.text)
            filter = nil
            if editor.purpose == .search {
                searchJump = search.isEmpty ? nil : SearchJump(forward: true, from: selectedVehicle)
            }
            return []
        case .escape:
            if editor.purpose == .filter { query = editor.previous } else { search = editor.previous }
            filter = nil
            return []
        case .up, .down:
            guard editor.walk(promptHistory, up: key == .up) else { return [] }
        default:
            guard editor.line.apply(key, limit: Query.maxLength) else { return [] }
        }
        let parsed: Query?
        do {
            parsed = try Query(parsing: editor.text)
            editor.error = nil
        } catch {
            parsed = nil
            editor.error = error
        }
        filter = editor
        // Never a half-typed query: the preview while the text parses, else the one in force.
        switch editor.purpose {
        case .filter:
            query = parsed ?? editor.previous
            scroll = 0
        case .search:
            // The matches are marked as the search is typed (as vim's incsearch); nothing moves.
            search = parsed ?? editor.previous
        case .goTo:
            break  // `editGoTo`
        }
        return []
    }

    /// Keys while the `g` prompt is open: the same line editor, its own history; Enter goes to
    /// the time once it parses, Esc closes the prompt.
    mutating func editGoTo(_ key: Key, editor: inout FilterEditor) -> [Command] {
        switch key {
        case .enter:
            guard editor.error == nil, let target = try? TimeTarget(parsing: editor.text) else { return [] }
            timeHistory.record(editor.text)
            filter = nil
            return [.goTo(target)]
        case .escape:
            filter = nil
            return []
        case .up, .down:
            guard editor.walk(timeHistory, up: key == .up) else { return [] }
        default:
            guard editor.line.apply(key, limit: TimeTarget.maxLength) else { return [] }
        }
        // An empty line is no error yet: the prompt says what to type.
        do {
            _ = try TimeTarget(parsing: editor.text)
            editor.error = nil
        } catch {
            editor.error = editor.text.allSatisfy(\.isWhitespace) ? nil : error
        }
        filter = editor
        return []
    }

    /// Keys while the column chooser is open (fixed keys, like the filter bar's): ↑/↓ (k/j)
    /// move the cursor, space or Enter shows or hides the column under it, ←/→ (or < and >)
    /// move a shown column earlier or later, Esc, q or the chooser's own key closes it. The
    /// last column shown cannot be hidden.
    mutating func chooseColumns(_ key: Key) -> [Command] {
        var rows = chooserRows
        var cursor = max(0, min(columnChooser ?? 0, rows.count - 1))
        switch key {
        case .up, .character("k"): cursor = max(0, cursor - 1)
        case .down, .character("j"): cursor = min(rows.count - 1, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = rows.count - 1
        case .character(" "), .enter:
            let c = rows[cursor]
            if let i = columns.firstIndex(of: c) {
                if columns.count > 1 { columns.remove(at: i) }
            } else {
                columns.append(c)
            }
            // The cursor keeps its place, so several columns are hidden with space, space…
            rows = chooserRows
            cursor = min(cursor, rows.count - 1)
        case .left, .character("<"), .right, .character(">"):
            let later = key == .right || key == .character(">")
            if let i = columns.firstIndex(of: rows[cursor]) {
                let j = later ? i + 1 : i - 1
                if columns.indices.contains(j) {
                    columns.swapAt(i, j)
                    cursor = j
                }
            }
        case .escape, .character("q"):
            columnChooser = nil
            return []
        default:
            if keys.action(for: key) == .columns {
                columnChooser = nil
                return []
            }
            // The columns as chosen can be saved without closing the chooser.
            if keys.action(for: key) == .saveSettings { return [.saveSettings] }
        }
        columnChooser = cursor
        return []
    }

    /// The what-if menu: ↑/↓ (or k/j) move, Enter applies the what-if under the cursor from now
    /// (or, on the last row, takes the what-if away), Esc, q or `i` close it.
    mutating func chooseWhatIf(_ key: Key) -> [Command] {
        let last = whatIfNames.count
        var cursor = max(0, min(whatIfMenu ?? 0, last))
        switch key {
        case .up, .character("k"): cursor = max(0, cursor - 1)
        case .down, .character("j"): cursor = min(last, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = last
        case .enter:
            whatIfMenu = nil
            if cursor == last {
                let had = whatIfApplied != nil
                whatIfApplied = nil
                if view == .whatIf { goBack() }
                return had ? [.applyWhatIf(nil)] : []
            }
            whatIfApplied = cursor
            if view != .whatIf { open(.whatIf) }
            return [.applyWhatIf(cursor)]
        case .escape, .character("q"):
            whatIfMenu = nil
            return []
        default:
            if keys.action(for: key) == .whatIf {
                whatIfMenu = nil
                return []
            }
        }
        whatIfMenu = cursor
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
        if case .detail = mode { selectedCarAlert = 0 }
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
        // An alert list: the history, a car's list in its detail, or the alert panel.
        func moved(_ position: Int) -> Int {
            let n = frame.alertIDs.count
            return n == 0 ? 0 : max(0, min(n - 1, position.addingReportingOverflow(delta).partialValue))
        }
        if view == .alerts {
            selectedHistory = moved(selectedHistory)
            return
        }
        if case .detail = view, focus == .alerts {
            selectedCarAlert = moved(selectedCarAlert)
            return
        }
        if focus == .alerts {
            selectedAlert = moved(selectedAlert)
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
        // A jump is resolved on the matches of the search it was asked for; a frame drawn for
        // another search (a batch of keys ahead of the frames) leaves it pending.
        let current = frame.searchQuery == search
        var drawn = self
        if !current { drawn.searchJump = nil }
        if let i = drawn.selectedPosition(in: rows, searchMatches: frame.searchMatches), rows[i] != selectedVehicle { selectedVehicle = rows[i] }
        if current { searchJump = nil }
    }

    /// Makes a pending search jump's row, as the frame on screen drew it, the selection: the
    /// driver calls this between keys (on a tick), so the row `n` landed on stays selected when
    /// the order changes with the next data.
    public mutating func settleSearchJump(frame: FrameContext) {
        guard searchJump != nil, frame.searchQuery == search else { return }
        adoptDrawnSelection(frame: frame)
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

extension FilterEditor {
    /// Up (`up`) or Down through `history`, as a shell's prompt does: Up from the line being
    /// typed keeps it as the draft that Down past the newest entry brings back. False when
    /// nothing changed (no history, or Down with no entry in use).
    mutating func walk(_ history: PromptHistory, up: Bool) -> Bool {
        let entries = history.entries
        guard !entries.isEmpty else { return false }
        if up {
            if historyIndex == nil { draft = text }
            historyIndex = max(0, (historyIndex ?? entries.count) - 1)
        } else {
            guard let i = historyIndex else { return false }
            historyIndex = i + 1 < entries.count ? i + 1 : nil
        }
        line.replace(with: historyIndex.map { entries[$0] } ?? draft)
        return true
    }
}
