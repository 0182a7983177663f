import ArgumentParser
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
        return s
    }
}

/// Options of how the screen is drawn, shared by the terminal and the snapshot exports.
struct LookOptions: ParsableArguments {
    @Option(name: .long, help: "Colours: auto, truecolor, 256, 16 or none (in the terminal auto follows COLORTERM, TERM and NO_COLOR; in snapshots and headless recordings auto is truecolor).")
    var color: ColorPreference = .auto

    @Flag(name: .long, help: "Draw with ASCII characters only (no box drawing, blocks or braille).")
    var ascii = false

    var glyphs: GlyphSet { ascii ? .ascii : .unicode }

    /// The depth of an output that is no terminal (a snapshot, a headless recording): `auto` is
    /// truecolor there, so that the same arguments give the same bytes everywhere.
    var snapshotDepth: ColorDepth { color.depth ?? .truecolor }
}
