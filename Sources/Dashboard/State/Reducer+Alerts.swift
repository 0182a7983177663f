import Screen

/// The alert workflow's keys: open an alert, acknowledge it and move on, take it back,
/// acknowledge all that the list shows, sort the lists, the history. Kept apart from the
/// table's and the filter's keys in `Reducer.swift`.
extension DashboardState {
    /// The keys of the alert view, the history and the focused alert panel (the history key
    /// opens the history from anywhere), by the action their key is bound to; nil for a key
    /// they leave to the rest of the reducer.
    mutating func handleAlertKey(_ action: KeyAction?, frame: FrameContext) -> [Command]? {
        guard let action else { return nil }
        switch view {
        case .alert(let id):
            switch action {
            case .open, .openCar:
                // To the car: its detail, its alert list focused; Esc comes back to the alert.
                if let i = frame.alertIDs.firstIndex(of: id), frame.alertVehicles.indices.contains(i) {
                    selectedVehicle = frame.alertVehicles[i]
                    focus = .alerts
                    open(.detail(vehicle: frame.alertVehicles[i]))
                }
                return []
            case .acknowledge: return [.acknowledge(alertID: id)]
            case .unacknowledge: return [.unacknowledge(alertID: id)]
            case .goToAlert: return [.goToAlert(alertID: id)]
            case .history:
                open(.alerts)
                return []
            case .back:
                goBack()
                return []
            case .up: alertScroll = max(0, min(alertScroll, frame.alertOverflow) - 1)
            case .down: alertScroll = min(frame.alertOverflow, alertScroll + 1)
            case .pageUp: alertScroll = max(0, min(alertScroll, frame.alertOverflow) - max(1, frame.tableRows - 1))
            case .pageDown: alertScroll = min(frame.alertOverflow, alertScroll + max(1, frame.tableRows - 1))
            case .first: alertScroll = 0
            case .last: alertScroll = frame.alertOverflow
            default: return nil
            }
            return []
        case .alerts:
            if action == .back || action == .history {
                goBack()
                return []
            }
            var selection = selectedHistory
            defer { selectedHistory = selection }
            return listKey(action, frame: frame, selection: &selection)
        case .detail where focus == .alerts:
            // The car's own alert list.
            if action == .history {
                open(.alerts)
                return []
            }
            var selection = selectedCarAlert
            defer { selectedCarAlert = selection }
            return listKey(action, frame: frame, selection: &selection)
        case .fleet where focus == .alerts:
            if action == .history {
                open(.alerts)
                return []
            }
            var selection = selectedAlert
            defer { selectedAlert = selection }
            return listKey(action, frame: frame, selection: &selection)
        default:
            if action == .history {
                open(.alerts)
                return []
            }
            return nil
        }
    }

    /// A key on an alert list (`frame.alertIDs`, `selection` its selected position).
    mutating func listKey(_ action: KeyAction, frame: FrameContext, selection: inout Int) -> [Command]? {
        let ids = frame.alertIDs
        let position = min(selection, max(0, ids.count - 1))
        switch action {
        case .open:
            if ids.indices.contains(position) {
                open(.alert(id: ids[position]))
                alertScroll = 0
            }
            return []
        case .acknowledge:
            guard ids.indices.contains(position) else { return [] }
            selection = Self.nextUnacknowledged(after: position, in: frame.alertUnacknowledged)
            return [.acknowledge(alertID: ids[position])]
        case .unacknowledge:
            return ids.indices.contains(position) ? [.unacknowledge(alertID: ids[position])] : []
        case .goToAlert:
            return ids.indices.contains(position) ? [.goToAlert(alertID: ids[position])] : []
        case .acknowledgeAll:
            // The ids shown: with a filter in force, only the alerts it lets through.
            return ids.isEmpty ? [] : [.acknowledgeAll(alertIDs: ids)]
        case .sortNext:
            moveAlertSort(by: 1)
            selection = 0
            return []
        case .sortPrevious:
            moveAlertSort(by: -1)
            selection = 0
            return []
        case .reverseSort:
            alertDescending.toggle()
            selection = 0
            return []
        default:
            return nil
        }
    }

    /// The position `A` moves on to: the next alert after `position` still to acknowledge
    /// (wrapping round), or `position` itself when none is left. `flags` are the frame's, drawn
    /// before this acknowledgement.
    static func nextUnacknowledged(after position: Int, in flags: [Bool]) -> Int {
        let n = flags.count
        guard n > 1 else { return position }
        for step in 1..<n {
            let j = (position + step) % n
            if flags[j] { return j }
        }
        return position
    }

    /// The alert sort `delta` places along `AlertSort.allCases` (wrapping), in its natural direction.
    mutating func moveAlertSort(by delta: Int) {
        let all = AlertSort.allCases
        let here = all.firstIndex(of: alertSort) ?? 0
        alertSort = all[((here + delta) % all.count + all.count) % all.count]
        alertDescending = alertSort.descendingByDefault
    }
}
