import Dashboard
import Scenario
import Screen
import Testing
@testable import Settings

@Suite struct SettingsTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try Settings.parse(text: text, file: "config.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func anEmptyFileIsTheBuiltInSettings() throws {
        #expect(try Settings.parse(text: "", file: "c.yaml") == .standard)
        #expect(try Settings.parse(text: "# only a comment\n", file: "c.yaml") == .standard)
    }

    @Test func everySettingIsRead() throws {
        let s = try Settings.parse(text: """
            theme: colorblind
            color: 16
            glyphs: linux
            names: romanised
            fps: 4
            speed: 20
            sort: total
            descending: false
            filter: class:military dest:US
            columns: [driver, vin, rate]
            keys:
              quit: Q
              acknowledge: [x, ctrl-k]
              pause: p
            """, file: "c.yaml")
        #expect(s.theme == .colorBlind && s.color == .ansi16 && s.glyphs == .linux && s.names == .romanised)
        #expect(s.fps == 4 && s.speed == 20 && s.sort == .total && s.descending == false)
        #expect(s.filter == "class:military dest:US")
        #expect(s.columns == [.driver, .vin, .rate])
        #expect(s.bindings.action(for: .character("Q")) == .quit)
        #expect(s.bindings.action(for: .character("q")) == nil)  // moved, so q no longer quits
        #expect(s.bindings.action(for: .ctrl("k")) == .acknowledge)
        #expect(s.bindings.action(for: .character(" ")) == nil && s.bindings.action(for: .character("p")) == .pause)

        var state = DashboardState()
        s.apply(to: &state)
        #expect(state.sort == .total && !state.descending && state.query.source == "class:military dest:US" && state.columns == [.driver, .vin, .rate])
    }

    @Test func autoMeansDecideLater() throws {
        let s = try Settings.parse(text: "color: auto\nglyphs: auto\nnames: auto\n", file: "c.yaml")
        #expect(s.color == nil && s.glyphs == nil && s.names == nil)
    }

    @Test func mistakesAreReportedWhereTheyAre() {
        #expect(problems("theme: drak\n") == ["config.yaml:1:8: error: unknown theme 'drak'; did you mean 'dark'?"])
        #expect(problems("fps: 100\n").first?.hasPrefix("config.yaml:1:6: error: fps") == true)
        #expect(problems("colour: 16\n") == ["config.yaml:1:1: error: unknown key 'colour' in the config file; did you mean 'color'?"])
        // A filter's error points at the term, inside the value.
        let filter = problems("filter: class:military rate>fast\n")
        #expect(filter == ["config.yaml:1:\(9 + (filterError("class:military rate>fast")?.column ?? -99)): error: filter: " + (filterError("class:military rate>fast")?.message ?? "")], "\(filter)")
        #expect(filterError("class:military rate>fast").map { $0.column >= 15 } == true)
        #expect(problems("columns: [vin, vin]\n") == ["config.yaml:1:16: error: column 'vin' is listed twice; list each column once, in the order to show them"])
        #expect(problems("columns: [vin, speed]\n").first?.hasPrefix("config.yaml:1:16: error: unknown column 'speed'") == true)
        #expect(problems("keys:\n  quit: escape-key\n").first?.hasPrefix("config.yaml:2:9: error: 'escape-key' is not a key") == true)
        #expect(problems("keys:\n  jump: q\n").first?.hasPrefix("config.yaml:2:3: error: unknown key 'jump' in keys") == true)
        // Several problems: all of them, in file order.
        #expect(problems("theme: x\nfps: 0\nsort: speed\n").count == 3)
    }

    func filterError(_ text: String) -> QueryError? {
        do { _ = try Query(parsing: text); return nil } catch { return error }
    }

    @Test func conflictingKeysAreRefused() {
        // Two actions of the file on one key.
        #expect(problems("keys:\n  quit: x\n  pause: x\n") == [
            "config.yaml:3:10: error: key 'x' is bound to pause and quit; give each action its own key",
        ])
        // The file's key is the built-in key of an action it leaves alone.
        let p = problems("keys:\n  quit: j\n")
        #expect(p.count == 1 && p[0].hasPrefix("config.yaml:2:9: error: key 'j' is bound to down and quit; it is the built-in key of down"))
        // ...which is fine once that action has other keys.
        #expect(problems("keys:\n  quit: j\n  down: [down, D]\n") == [])
        // Ctrl-C always quits: it cannot be bound.
        #expect(problems("keys:\n  pause: ctrl-c\n").first?.contains("ctrl-c always quits") == true)
    }

    /// What `config --init` and the save key write reads back to the same settings.
    @Test(arguments: [
        Settings.standard,
        {
            var s = Settings()
            s.theme = .light
            s.color = .indexed256
            s.glyphs = .ascii
            s.names = .native
            s.fps = 30
            s.speed = 2.5
            s.sort = .driver
            s.descending = true
            s.filter = #"dest:"Baidu Maps" !state:asleep \ 王伟"#
            s.columns = [.alerts, .vin, .meters]
            s.saveFormat = .txt
            s.saveDirectory = "/tmp/my reports"
            s.keys = [.quit: [.character("Q"), .ctrl("x")], .pause: [.character(":")], .help: [.character("#")], .filter: [.character("\"")], .slower: [.character("-"), .character("_")], .faster: [.character("+"), .character("1")]]
            return s
        }(),
    ])
    func theFileWrittenReadsBackTheSame(settings: Settings) throws {
        let text = settings.yaml()
        let back = try Settings.parse(text: text, file: "written.yaml")
        #expect(back == settings, "\(text)")
    }

    @Test func savingTakesTheScreensSortFilterAndColumns() throws {
        var state = DashboardState()
        state.sort = .alerts
        state.descending = false
        state.query = try Query(parsing: "restricted")
        state.columns = [.vin, .alerts]
        var base = Settings()
        base.theme = .light
        let saved = base.saving(state)
        #expect(saved.theme == .light && saved.sort == .alerts && saved.descending == false && saved.filter == "restricted" && saved.columns == [.vin, .alerts])
        state.descending = true
        state.columns = TableColumn.allCases
        let natural = base.saving(state)
        #expect(natural.descending == nil && natural.columns == nil)  // the natural direction and all columns are not written
    }

    @Test func keyNamesRoundTrip() {
        for key: Key in [.character("q"), .character(" "), .character("王"), .ctrl("a"), .escape, .enter, .tab, .backTab, .backspace, .up, .pageDown, .home, .function(12)] {
            #expect(Key(configName: key.configName) == key, "\(key)")
        }
        #expect(Key(configName: "PgUp") == .pageUp && Key(configName: "F13") == nil && Key(configName: "ctrl-c") == nil && Key(configName: "") == nil)
    }
}
