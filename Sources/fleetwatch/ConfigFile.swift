import ArgumentParser
import Scenario
import Screen
import Settings
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// Where the config file is and how it is read and written: the one place that reads
/// XDG_CONFIG_HOME and HOME for it.
enum ConfigFile {
    /// `$XDG_CONFIG_HOME/fleetwatch/config.yaml`, or `~/.config/fleetwatch/config.yaml` (the XDG
    /// base directory specification's default); nil without either variable.
    static func defaultPath() -> String? {
        func variable(_ name: String) -> String? { getenv(name).map { String(cString: $0) } }
        // The specification: a relative XDG_CONFIG_HOME is invalid and ignored.
        if let xdg = variable("XDG_CONFIG_HOME"), xdg.hasPrefix("/") { return xdg + "/fleetwatch/config.yaml" }
        if let home = variable("HOME"), !home.isEmpty { return home + "/.config/fleetwatch/config.yaml" }
        return nil
    }

    /// The file to read: `--config FILE` (which must exist), else the default path when a file
    /// is there; nil for none (`--no-config`, or no file).
    static func locate(explicit: String?, disabled: Bool) throws -> String? {
        if disabled { return nil }
        if let explicit {
            guard exists(explicit) else {
                throw Failure("\(Sanitizer.clean(explicit)):1:1: error: no such config file; check the path, or write one with `fleetwatch config --init --config \(Sanitizer.clean(explicit))`")
            }
            return explicit
        }
        guard let path = defaultPath(), exists(path) else { return nil }
        return path
    }

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The settings in `path`, or every problem as FILE:LINE:COL: error: …, exit status 1.
    static func load(_ path: String) throws -> Settings {
        do {
            return try Settings.load(path: path)
        } catch {
            throw Failure(String(describing: error))
        }
    }

    /// Writes `settings` to `path` atomically, creating the fleetwatch directory if needed.
    static func write(_ settings: Settings, to path: String) throws(OutputError) {
        // One level: the `fleetwatch` directory inside an existing config directory.
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try AtomicFile.ensureDirectory(String(path[..<slash]))
        }
        try AtomicFile.write(settings.yaml(), to: path)
    }
}

/// `fleetwatch config`: shows, checks or writes the config file.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show, check or write the config file (theme, glyphs, sort, filter, columns, keys).",
        discussion: """
            Without options: prints the settings in force, as a config file. The file is \
            $XDG_CONFIG_HOME/fleetwatch/config.yaml (or ~/.config/fleetwatch/config.yaml); \
            --config FILE names another. Documented in docs/config.md. Exit status: 0, 1 for a \
            file with mistakes (each as FILE:LINE:COL: error: …) or one that cannot be written.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The config file (default: the XDG location).", valueName: "file"))
    var config: String?

    @Flag(name: .customLong("init"), help: "Write a commented config file with the built-in settings (refuses to replace one; see --force).")
    var initialize = false

    @Flag(name: .long, help: "With --init: replace an existing file.")
    var force = false

    @Flag(name: .long, help: "Print the config file's path and whether it exists.")
    var path = false

    func run() throws {
        guard let target = config ?? ConfigFile.defaultPath() else {
            throw Failure("fleetwatch: no config location: set XDG_CONFIG_HOME or HOME, or give --config FILE")
        }
        if path {
            StandardOutput.write(Sanitizer.clean(target) + (ConfigFile.exists(target) ? "" : " (does not exist; `fleetwatch config --init` writes it)") + "\n")
            return
        }
        if initialize {
            if ConfigFile.exists(target), !force {
                throw Failure("fleetwatch: '\(Sanitizer.clean(target))' exists; it is left as it is (give --force to replace it)")
            }
            do {
                try ConfigFile.write(.standard, to: target)
            } catch {
                throw Failure("fleetwatch: \(error)")
            }
            StandardOutput.write("wrote \(Sanitizer.clean(target))\n")
            return
        }
        let settings = ConfigFile.exists(target) ? try ConfigFile.load(target) : .standard
        StandardOutput.write(settings.yaml())
    }
}
