import Dashboard
import Export
import Fleet
import Screen
import Simulation

/// The save key's settings: a parameter of `App` with defaults, for the config file to set.
struct ViewExport {
    /// The picture the save key writes: `.svg` (the default) or `.txt` (any picture format works).
    var format: ExportFormat = .svg
    /// The directory the files go to.
    var directory = "."
    /// Leave out the pause badge and the key hints, as `snapshot --clean` does.
    var clean = false
    /// The colour depth of the picture: a snapshot's (`auto` is truecolor off the terminal).
    var depth: ColorDepth = .truecolor
    /// The theme of the picture, at `depth` (the terminal's may be fewer colours).
    var theme: Theme.Name = .dark
    /// The driver's clock at the last tick, in seconds: a status message expires on it.
    var wall = 0.0
    /// A copy the terminal driver is yet to send (OSC 52).
    var clipboard: String?
}

extension App {
    /// Carries out `.saveView`: the view on screen (without the status line), drawn by the one
    /// code path of `fleetwatch snapshot`, written atomically to a new file named after the
    /// scenario and the simulated time (never over an existing file: `-2`, `-3`…); the footer
    /// says where, or why not.
    mutating func saveView() {
        var shown = state
        shown.status = nil
        let view = DashboardView(glyphs: renderer.glyphs, theme: export.theme.theme.adapted(to: export.depth), forReport: export.clean)
        let bytes = SnapshotRenderer.picture(
            of: shown, monitor: monitor, builder: builder, view: view, palette: export.theme.palette, depth: export.depth,
            format: export.format, timeline: timeline, source: feed?.status(of: monitor.world))
        let name = ExportName.view(scenario: builder.scenarioName, at: monitor.now, fileExtension: export.format.fileExtension)
        do {
            let path = try AtomicFile.create(bytes, directory: export.directory, name: name)
            say("saved \(path)")
        } catch {
            say("not saved: \(error.description)", isError: true)
        }
    }

    /// Carries out `.saveSettings`: the settings the session started with, with the sort, the
    /// filter and the columns on screen, written to the config file (created if there is none
    /// yet); the only time the dashboard writes it. The footer says where, or why not.
    mutating func saveSettings() {
        guard let path = settingsFile else {
            say("settings not saved: no config file (--no-config, or neither XDG_CONFIG_HOME nor HOME set)", isError: true)
            return
        }
        let saved = settings.saving(state)
        do {
            try ConfigFile.write(saved, to: path)
            settings = saved
            say("settings saved to \(path)")
        } catch {
            say("settings not saved: \(error.description)", isError: true)
        }
    }

    /// Carries out `.copyVIN`: the terminal driver sends the VIN with OSC 52 after this key.
    mutating func copyVIN(of vehicle: Int) {
        guard vehicle >= 0, vehicle < monitor.world.carCount else { return }
        let vin = Sanitizer.clean(monitor.world.vin(of: vehicle).description)
        export.clipboard = vin
        say("copied VIN \(vin) to the clipboard (OSC 52)")
    }

    /// The effect of a pending copy, once.
    mutating func takeClipboard() -> [Effect] {
        guard let text = export.clipboard else { return [] }
        export.clipboard = nil
        return [.copyToClipboard(text)]
    }

    /// The driver's clock moved on: a status message whose time is up goes.
    mutating func noteWall(_ wall: Double) {
        export.wall = wall
        if state.status != nil { _ = state.reduce(.expireStatus(now: wall), frame: nil) }
    }

    mutating func say(_ text: String, isError: Bool = false) {
        let message = StatusMessage(text, isError: isError, expires: export.wall + StatusMessage.lifetime)
        _ = state.reduce(.setStatus(message), frame: nil)
    }
}

/// File names that carry the simulated time.
enum ExportName {
    /// `t02h10m00s`: the simulated time, whole seconds (as the clock on screen); hours grow past
    /// 99 when the run does; a time off the second adds its milliseconds (`t00h00m01.500s`).
    static func time(_ t: SimTime) -> String {
        let ns = max(0, t.nanoseconds)
        let s = ns / 1_000_000_000, ms = ns / 1_000_000 % 1000
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let fraction = ms == 0 ? "" : "." + String(String(ms + 1000).dropFirst())
        return "t\(two(s / 3600))h\(two(s / 60 % 60))m\(two(s % 60))\(fraction)s"
    }

    /// The scenario's name as a file name part: lower-case ASCII letters and digits, runs of
    /// anything else as one `-`, at most 40 characters; `scenario` when nothing is left.
    static func slug(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let c = Character(scalar)
            if scalar.isASCII, c.isLetter || c.isNumber {
                out.append(c.lowercased())
            } else if !out.isEmpty, out.last != "-" {
                out.append("-")
            }
            if out.count >= 40 { break }
        }
        while out.last == "-" { out.removeLast() }
        return out.isEmpty ? "scenario" : out
    }

    /// `fleetwatch-<scenario>-t02h10m00s.svg`: the save key's file.
    static func view(scenario: String, at t: SimTime, fileExtension: String) -> String {
        "fleetwatch-\(slug(scenario))-\(time(t)).\(fileExtension)"
    }
}
