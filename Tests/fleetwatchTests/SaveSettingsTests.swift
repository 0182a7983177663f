import Dashboard
import Foundation
import Screen
import Settings
import Terminal
import Testing
@testable import fleetwatch

/// `W`: the only time the dashboard writes the config file. It writes the settings the session
/// started with, with the sort, the filter and the columns on screen, where the session read
/// them (creating the fleetwatch directory), and says so; without a file (--no-config) it says
/// why not and writes nothing.
@Suite struct SaveSettingsTests {
    static func app(in directory: URL, settings: Settings, file: String?) throws -> ProgramLoop<App> {
        var app = try App(
            scenario: DemoFixtures.scenario(), renderer: DemoFixtures.view, at: .seconds(Int64(130)), speed: 1, paused: true)
        app.resize(width: 120, height: 40)
        app.export.directory = directory.path
        app.settings = settings
        app.settingsFile = file
        settings.apply(to: &app.state)
        var loop = ProgramLoop(app)
        _ = loop.send(.tick(wall: 100))
        _ = loop.frame()
        return loop
    }

    @Test func wSavesTheSortTheFilterAndTheColumns() throws {
        let directory = try SaveViewTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("fleetwatch/config.yaml").path
        var started = Settings()
        started.theme = .light
        started.keys = [.quit: [.character("Q")]]
        var loop = try Self.app(in: directory, settings: started, file: path)
        // Sort by the next column shown, hide the VIN with the chooser, and filter.
        for key: Key in [.character(">"), .character("C"), .character(" "), .escape, .character("/")] + "restricted".map({ .character($0) }) + [.enter] {
            _ = loop.send(.key(key))
            _ = loop.frame()
        }
        let state = loop.program.state
        #expect(state.sort != .rate && !state.columns.contains(.vin) && state.query.source == "restricted")
        #expect(!FileManager.default.fileExists(atPath: path), "nothing is written before W")
        _ = loop.send(.key(.character("W")))
        #expect(loop.program.state.status?.text == "settings saved to \(path)")
        let saved = try Settings.load(path: path)
        #expect(saved.theme == .light && saved.keys == started.keys, "the file's other settings stay")
        #expect(saved.sort == state.sort && saved.columns == state.columns && saved.filter == "restricted")
        // The session goes on from what it saved: a second W writes the same file.
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        _ = loop.send(.key(.character("W")))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
    }

    @Test func withoutAConfigFileNothingIsWritten() throws {
        let directory = try SaveViewTests.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var loop = try Self.app(in: directory, settings: .standard, file: nil)
        _ = loop.send(.key(.character("W")))
        #expect(loop.program.state.status?.text.hasPrefix("settings not saved: no config file") == true)
        #expect(loop.program.state.status?.isError == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}

/// NO_COLOR wins over the config file's colours; `--color` wins over both.
@Suite struct ColorResolutionTests {
    @Test func noColorWinsOverTheFileAndTheOptionOverBoth() {
        #expect(LookOptions.color(option: .auto, file: .indexed256, noColor: true) == ColorPreference.none)
        #expect(LookOptions.color(option: .auto, file: .indexed256, noColor: false) == .indexed256)
        #expect(LookOptions.color(option: .ansi16, file: .indexed256, noColor: true) == .ansi16)
        #expect(LookOptions.color(option: .auto, file: nil, noColor: false) == .auto)
    }
}
