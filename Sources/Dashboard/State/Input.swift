import Screen

/// Everything that can change the dashboard's state: keys, mouse, time passing, a new size.
public enum Action: Hashable, Sendable {
    case key(Key)
    /// What a key bound to this action does, asked for by name: the linear mode's typed
    /// commands (`pause`, `help`, `quit`) go through the reducer as the keys do.
    case perform(KeyAction)
    /// Sort the vehicle table by `column` (nil: in its natural direction), as a click on its
    /// header does: the linear mode's `top 10 by rate`.
    case sortBy(SortColumn, descending: Bool?)
    case wheel(up: Bool)
    case click(x: Int, y: Int)
    case resize(width: Int, height: Int)
    /// Demo and scripted control: jump to a view, select a car, show a caption.
    case showView(ViewMode)
    case select(vehicle: Int)
    case caption(title: String, text: String)
    case highlight(Highlight?)
    /// Demo control: the script sets the speed (simulated seconds per second, 0.01 to 100,000)
    /// and pauses at its end, through the same reducer as the keys.
    case setSpeed(Double)
    case setPaused(Bool)
    /// Demo control: no car selected and the table back at its top (a new chapter's clean slate).
    case clearSelection
    /// The status line says what a key did ("saved ./fleetwatch-….svg", an error); nil clears it.
    case setStatus(StatusMessage?)
    /// The driver's clock reads `now` (seconds, as in `StatusMessage.expires`): a status
    /// message whose time is up goes.
    case expireStatus(now: Double)
    /// Go to a simulated time (the linear mode's `go to 2h`), as the `g` prompt's Enter does.
    case goTo(TimeTarget)
}

/// What the reducer asks the driver to do to the world outside the dashboard state.
public enum Command: Hashable, Sendable {
    case quit
    case setPaused(Bool)
    /// Advance the simulation by one step while paused.
    case step
    case setSpeed(Double)
    case acknowledge(alertID: UInt64)
    /// Take an acknowledgement back.
    case unacknowledge(alertID: UInt64)
    /// Acknowledge the open alerts among these: the ones the list on screen shows.
    case acknowledgeAll(alertIDs: [UInt64])
    /// Save the view on screen to a file, as `fleetwatch snapshot` writes it (`w`).
    case saveView
    /// Write the sort, the filter and the columns on screen to the config file (`W`).
    case saveSettings
    /// Copy the VIN of the car with this fleet index to the terminal's clipboard (`y`).
    case copyVIN(vehicle: Int)
    /// Move the run to a time (`g`, `[ ] { }`): the driver goes back through its checkpoints or
    /// runs on, and the screen shows the run at that time.
    case goTo(TimeTarget)
    /// Go to the time of the first flow of the alert with this id (`b`).
    case goToAlert(alertID: UInt64)
    /// Apply the scenario's what-if with this index (into `DashboardState.whatIfNames`) from
    /// the time on screen, beside the baseline; nil takes the what-if away (`i`).
    case applyWhatIf(Int?)
}

/// A thing a presenter can point at.
public enum Highlight: Hashable, Sendable {
    case vehicle(Int)
    case panel(Panel)
}

/// The dashboard's panels, by name (for highlighting and layout priorities).
public enum Panel: String, CaseIterable, Hashable, Sendable {
    case header, regions, countries, vehicles, alerts, footer, caption
}
