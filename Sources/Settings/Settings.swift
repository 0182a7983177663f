import Dashboard
import Linear
import Screen

/// What a user can set once and have every session start with: the config file
/// (`$XDG_CONFIG_HOME/fleetwatch/config.yaml`), decoded by `Settings.parse` with the same
/// FILE:LINE:COL diagnostics as scenarios, written by `Settings.yaml` (`fleetwatch config
/// --init`, and the dashboard's save key). Command-line options win over the file.
///
/// A value: reading the file, the environment and the terminal is the command line's job.
public struct Settings: Hashable, Sendable {
    /// The colour theme; NO_COLOR in the environment still turns colour off.
    public var theme: Theme.Name = .dark
    /// The colour depth; nil decides from the terminal (`auto`).
    public var color: ColorDepth?
    /// The glyph set; nil decides from the terminal (`auto`: the Linux console's under
    /// TERM=linux, Unicode elsewhere).
    public var glyphs: GlyphSet.Name?
    /// How drivers' names are written; nil: in Latin letters with the linux and ascii glyphs,
    /// as the scenario writes them otherwise (`auto`).
    public var names: NameScript?
    /// Frames per second of the live dashboard.
    public var fps = 10
    /// Simulated seconds per wall second at start.
    public var speed = 1.0
    /// The vehicle table's sort at start, and its direction (nil: the column's natural one).
    public var sort: SortColumn = .rate
    public var descending: Bool?
    /// The filter at start, in the query language (empty: every car).
    public var filter = ""
    /// The vehicle table's columns, in display order (nil: all of them, in the built-in order).
    public var columns: [TableColumn]?
    /// What the save key writes: a picture of the screen in this format (`svg`, `txt`, `html` or
    /// `ansi`, the snapshot formats), into `saveDirectory`.
    public var saveFormat: SaveFormat = .svg
    public var saveDirectory = "."
    /// Start in the linear mode (plain lines for screen readers and braille displays) instead of
    /// the screen; `--linear` and FLEETWATCH_LINEAR=1 ask for it too.
    public var linear = false
    /// How much the linear mode says unasked.
    public var verbosity: Verbosity = .normal
    /// The memory the live dashboard's checkpoints may take, in megabytes: the copies of the
    /// run it goes back to on a jump back in time (`g`, `[`, `{`). More memory, more copies,
    /// shorter jumps (README, "Time travel").
    public var rewindMemoryMB = 256
    /// Keys the user moved, by action; the others keep their built-in keys.
    public var keys: [KeyAction: [Key]] = [:]

    public init() {}

    /// The picture formats the save key can write (the names of `fleetwatch snapshot --format`).
    public enum SaveFormat: String, CaseIterable, Hashable, Sendable {
        case svg, txt, html, ansi
    }

    /// The built-in settings: what a session starts with when there is no config file.
    public static let standard = Settings()

    public static let fpsRange = 1...60
    public static let rewindMemoryRange = 16...65_536
    public static let speedRange = 1.0...10_000.0
    /// The most keys one action can have.
    public static let maxKeysPerAction = 8

    /// The key bindings these settings give.
    public var bindings: KeyBindings { KeyBindings(overrides: keys) }

    /// The dashboard state a session starts in: sort, filter and key bindings from here.
    /// `filter` parses (the decoder checked it).
    public func apply(to state: inout DashboardState) {
        state.sort = sort
        state.descending = descending ?? sort.descendingByDefault
        if let query = try? Query(parsing: filter) { state.query = query }
        state.keys = bindings
        if let columns { state.columns = columns }
    }

    /// The settings that `state` is in, over these: what the save key writes.
    public func saving(_ state: DashboardState) -> Settings {
        var s = self
        s.sort = state.sort
        s.descending = state.descending == state.sort.descendingByDefault ? nil : state.descending
        s.filter = state.query.source
        s.columns = state.columns == TableColumn.allCases ? nil : state.columns
        return s
    }
}
