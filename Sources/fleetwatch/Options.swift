import ArgumentParser
import Dashboard
import Settings
import Fleet
import Scenario
import Screen
import Simulation
import Terminal

/// Options every command that runs the fleet shares.
struct FleetOptions: ParsableArguments {
    @Option(name: .long, help: "A scenario file (YAML or JSON); default: the built-in scenario.")
    var scenario: String?

    @Option(name: .long, parsing: .unconditional, help: "Seed of the simulation (0 to 2^64-1); default: the scenario's.")
    var seed: UInt64?

    @Option(name: .long, parsing: .unconditional, help: "Fleet size, 1 to \(WorldConfig.maxFleetSize); default: the scenario's.")
    var vehicles: Int?

    func validate() throws {
        if let vehicles, !(1...WorldConfig.maxFleetSize).contains(vehicles) {
            throw ValidationError("--vehicles must be between 1 and \(WorldConfig.maxFleetSize), got \(vehicles)")
        }
    }

    /// The scenario with the command line's overrides, or a message with every problem.
    func load() throws -> Scenario {
        var s: Scenario
        if let path = scenario {
            do {
                s = try Scenario.load(path: path)
            } catch {
                // Every problem as FILE:LINE:COL: error: message, then a non-zero exit.
                throw Failure(String(describing: error))
            }
        } else {
            s = Scenario.builtIn
        }
        if let seed { s.world.seed = seed }
        if let vehicles { s.world.fleetSize = vehicles }
        try MemoryCheck.require(s.world, source: vehicles != nil ? "--vehicles \(s.world.fleetSize)" : scenario ?? "the built-in scenario")
        return s
    }
}

/// Options of how the screen is drawn, shared by the terminal and the snapshot exports, and
/// the config file they start from (`Settings`): a command-line option wins over the file.
struct LookOptions: ParsableArguments {
    @Option(name: .long, help: "Colours: auto, truecolor, 256, 16 or none (in the terminal auto follows COLORTERM, TERM and NO_COLOR; in snapshots and headless recordings auto is truecolor).")
    var color: ColorPreference = .auto

    @Flag(name: .long, help: "Draw with ASCII characters only (no box drawing, blocks or braille) and romanised names.")
    var ascii = false

    @Option(name: .long, help: "Colour theme: dark, light or colorblind (default: the config file's, else dark).")
    var theme: Theme.Name?

    @Option(name: .long, help: ArgumentHelp("A config file (default: $XDG_CONFIG_HOME/fleetwatch/config.yaml, or ~/.config/fleetwatch/config.yaml, when it exists; see `fleetwatch config`).", valueName: "file"))
    var config: String?

    @Flag(name: .long, help: "Ignore the config file: the built-in settings.")
    var noConfig = false

    func validate() throws {
        if noConfig, config != nil { throw ValidationError("--config and --no-config exclude each other; give one") }
    }

    /// The colours asked for: `--color` wins (no-color.org: a command-line flag overrides
    /// NO_COLOR); then NO_COLOR, which wins over the config file (the file is written once, the
    /// variable says what this session wants); then the file's `color`; else `auto`.
    static func color(option: ColorPreference, file: ColorDepth?, noColor: Bool) -> ColorPreference {
        if option != .auto { return option }
        if noColor { return .none }
        return file.map { ColorPreference(rawValue: $0.rawValue) ?? .auto } ?? .auto
    }

    /// The settings in force and how to draw: the config file's, under the command line's
    /// options. `terminal`: drawing on this terminal (glyphs `auto` may follow TERM); false for
    /// snapshots and headless recordings, whose bytes depend only on their arguments.
    func resolved(terminal: Bool) throws -> Look {
        let file = try ConfigFile.locate(explicit: config, disabled: noConfig)
        let settings = try file.map(ConfigFile.load) ?? .standard
        var look = Look(settings: settings, file: file ?? (noConfig ? nil : ConfigFile.defaultPath()))
        // Only a terminal follows NO_COLOR: a snapshot's bytes depend on its arguments and file alone.
        let noColor = terminal && (Terminal.currentEnvironment()["NO_COLOR"].map { !$0.isEmpty } ?? false)
        look.color = Self.color(option: color, file: settings.color, noColor: noColor)
        // A picture saved from the terminal is what `snapshot` writes: NO_COLOR is the terminal's.
        look.pictureColor = Self.color(option: color, file: settings.color, noColor: false)
        let glyphs: GlyphSet.Name = ascii ? .ascii
            : settings.glyphs ?? (terminal && Terminal.currentEnvironment()["TERM"] == "linux" ? .linux : .unicode)
        look.glyphs = glyphs.glyphs
        look.themeName = theme ?? settings.theme
        look.names = settings.names ?? (glyphs == .unicode ? .native : .romanised)
        if ascii { look.names = .romanised }
        return look
    }
}

/// How a command draws, resolved from the options and the config file.
struct Look {
    var settings: Settings
    /// The config file the save key writes (nil with --no-config).
    var file: String?
    var color: ColorPreference = .auto
    /// The colours of a picture (a snapshot, the save-view key's file): `color` without the
    /// terminal's NO_COLOR.
    var pictureColor: ColorPreference = .auto
    var glyphs: GlyphSet = .unicode
    var themeName: Theme.Name = .dark
    var names: NameScript = .native

    /// The depth of an output that is no terminal (a snapshot, a headless recording): `auto` is
    /// truecolor there, so that the same arguments give the same bytes everywhere.
    var snapshotDepth: ColorDepth { pictureColor.depth ?? .truecolor }

    /// The dashboard's renderer for an output of `depth` (`forReport`: without the pause badge
    /// and the key hints, `snapshot --clean`).
    func view(depth: ColorDepth, forReport: Bool = false) -> DashboardView {
        DashboardView(glyphs: glyphs, theme: themeName.theme.adapted(to: depth), forReport: forReport)
    }

    /// A model builder that writes names as this look does.
    func builder(scenarioName: String) -> ModelBuilder {
        var b = ModelBuilder(scenarioName: scenarioName)
        b.names = names
        return b
    }
}

extension Theme.Name: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
