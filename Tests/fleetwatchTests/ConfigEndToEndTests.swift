import Foundation
import Testing
import TestSupport

/// The config file as a user meets it: written by `config --init`, found at the XDG location
/// or named with --config, refused with FILE:LINE:COL when wrong, and obeyed by the snapshot and
/// the live dashboard (theme, glyphs, names, sort, filter, columns, keys).
@Suite struct ConfigEndToEndTests {
    static func home() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-config-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func initWritesACommentedDefaultOnceAndTheFileIsRead() throws {
        let home = try Self.home()
        let env: [String: String?] = ["XDG_CONFIG_HOME": home.path]
        let path = home.appendingPathComponent("fleetwatch/config.yaml").path
        let first = try Run(["config", "--init"], environment: env)
        #expect(first.status == 0 && first.stdout == "wrote \(path)\n", "\(first.stdout)\(first.stderr)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("# FleetWatch settings.") && text.contains("\ntheme: dark\n") && text.contains("# quit: q"))
        // Never replaced without --force.
        let again = try Run(["config", "--init"], environment: env)
        #expect(again.status == 1 && again.stderr.contains("exists; it is left as it is (give --force to replace it)"), "\(again.stderr)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
        // `config` prints the settings in force; `config --path` where they come from.
        let shown = try Run(["config"], environment: env)
        #expect(shown.status == 0 && shown.stdout == text)
        #expect(try Run(["config", "--path"], environment: env).stdout == path + "\n")
        // The written default changes nothing: a snapshot with it equals one without any.
        let with = try Run(["snapshot", "--at", "2m", "--format", "ansi", "--width", "100", "--height", "30"], environment: env)
        let without = try Run(["snapshot", "--at", "2m", "--format", "ansi", "--width", "100", "--height", "30", "--no-config"], environment: env)
        #expect(with.status == 0 && with.output == without.output)
    }

    @Test func mistakesAreReportedWithTheirPlaceAndNothingRuns() throws {
        let home = try Self.home()
        let file = home.appendingPathComponent("bad.yaml")
        try "theme: drak\nfps: 0\nkeys:\n  quit: x\n  pause: x\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try Run(["snapshot", "--at", "1m", "--config", file.path])
        #expect(run.status == 1 && run.output.isEmpty)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[0].hasPrefix("\(file.path):1:8: error: unknown theme 'drak'") && lines[1].hasPrefix("\(file.path):2:6: error: fps")
            && lines[2].hasPrefix("\(file.path):5:10: error: key 'x' is bound to pause and quit"), "\(run.stderr)")
        // A config named but missing is an error; a missing default is none.
        let missing = try Run(["snapshot", "--config", home.appendingPathComponent("none.yaml").path])
        #expect(missing.status == 1 && missing.stderr.contains("none.yaml:1:1: error: no such config file"), "\(missing.stderr)")
        let both = try Run(["snapshot", "--config", file.path, "--no-config"])
        #expect(both.status == 64 && both.stderr.contains("--config and --no-config exclude each other"), "\(both.stderr)")
    }

    @Test func theSnapshotObeysTheFile() throws {
        let home = try Self.home()
        let dir = home.appendingPathComponent("fleetwatch")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try """
            theme: light
            names: romanised
            sort: driver
            filter: region:shanghai
            columns: [driver, vin, rate, alerts]
            """.write(to: dir.appendingPathComponent("config.yaml"), atomically: true, encoding: .utf8)
        let env: [String: String?] = ["XDG_CONFIG_HOME": home.path]
        let txt = try Run(["snapshot", "--at", "10m", "--format", "txt", "--width", "100", "--height", "30"], environment: env)
        #expect(txt.status == 0, "\(txt.stderr)")
        let lines = txt.stdout.split(separator: "\n").map(String.init)
        let title = try #require(lines.first { $0.contains(" Vehicles ") })
        #expect(title.contains("filter: region:shanghai") && title.contains("sort: driver ▲"), "\(title)")
        let header = try #require(lines.first { $0.contains("VIN") && $0.contains("Driver") })
        // The columns chosen, in the order chosen, and no other.
        let words = header.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "┃▲▼")) }.filter { !$0.isEmpty }
        #expect(words == ["Driver", "VIN", "Rate", "Alerts"], "\(header)")
        // Romanised names only: no Chinese characters anywhere on the screen.
        #expect(!txt.stdout.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(txt.stdout)")
        // The light theme's colours (its header blue) in the picture; --theme wins over the file.
        let svg = try Run(["snapshot", "--at", "10m", "--format", "svg"], environment: env)
        #expect(svg.stdout.lowercased().contains("#1a4f9c"))
        let dark = try Run(["snapshot", "--at", "10m", "--format", "svg", "--theme", "dark"], environment: env)
        #expect(!dark.stdout.lowercased().contains("#1a4f9c") && dark.stdout.lowercased().contains("#9cc8ff"))
    }

    @Test func asciiShowsRomanisedNamesAndNoWideCharacters() throws {
        let run = try Run(["snapshot", "--at", "20m", "--format", "txt", "--width", "160", "--height", "48", "--ascii"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "non-ASCII in an --ascii screen")
        #expect(run.stdout.contains("Wang") || run.stdout.contains("Zhang") || run.stdout.contains("Li "), "no romanised name")
    }
}

/// The config file's keys and the console's glyphs in a real terminal (tmux).
@Suite("the config file in tmux", .enabled(if: LiveDashboard.available, "tmux (with timeout, pgrep, env) is not on PATH"))
struct ConfigLiveTests {
    @Test func keysMovedByTheFileAreTheKeysThatWork() throws {
        let home = try ConfigEndToEndTests.home()
        try FileManager.default.createDirectory(at: home.appendingPathComponent("fleetwatch"), withIntermediateDirectories: true)
        try "keys:\n  quit: Q\n  help: h\n  sort-next: [\">\", o]\n".write(
            to: home.appendingPathComponent("fleetwatch/config.yaml"), atomically: true, encoding: .utf8)
        let live = try LiveDashboard(["--at", "5m"], environment: ["XDG_CONFIG_HOME": home.path])
        try live.firstFrame()
        // The footer names the moved keys.
        try live.expect("the footer does not show h for help and Q for quit") { $0.contains { $0.contains("h help  Q quit") } }
        // q no longer quits (it is bound to nothing); h opens the help, which lists Q for quit.
        live.tmux.sendKeys("q")
        live.tmux.sendKeys("h")
        // Waits for the whole help, not its first rows: a capture can land while tmux paints the panel.
        let help = try live.expect("h did not open the help listing Q for quit") {
            $0.contains { $0.contains("FleetWatch help") } && $0.contains { $0.contains("Q          quit") }
        }
        #expect(help.contains { $0.contains("Q          quit") } && help.contains { $0.contains("h F1") || $0.contains("h          this help") }, "\(help.joined(separator: "\n"))")
        live.tmux.sendKeys("x")  // any key closes the help
        try live.expect("the help did not close") { !$0.contains { $0.contains("FleetWatch help") } }
        live.tmux.sendKeys("o")
        try live.expect("o (bound to sort-next) did not sort by the next column") { LiveDashboard.table($0)?.title.contains("sort: total") == true }
        live.tmux.sendKeys("Q")
        try live.expectRestored(status: "0", "after Q")
    }

    @Test func theLinuxConsoleGetsGlyphsItsFontHasAndLatinNames() throws {
        let live = try LiveDashboard(["--at", "20m"], environment: ["TERM": "linux"])
        let frame = try live.expect("no first frame under TERM=linux", seconds: 10) { LiveDashboard.has($0, "┌ Vehicles ") }
        let screen = frame.joined(separator: "\n")
        #expect(!screen.contains("╭") && !screen.contains("┏") && !screen.contains("…"), "\(screen)")
        #expect(!screen.unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }, "\(screen)")
        live.tmux.sendKeys("m")
        let map = try live.expect("m did not open the map") { $0.contains { $0.contains("Shanghai") } && !LiveDashboard.has($0, "┌ Vehicles ") }
        #expect(!map.joined().unicodeScalars.contains { (0x2800...0x28FF).contains($0.value) }, "braille on the console's map")
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
