import Dashboard
import Fleet
import Foundation
import Linear
import Scenario
import Screen
import Simulation
import Testing
import TestSupport
@testable import fleetwatch

/// The linear mode in process, on a virtual clock: the same App, loop and reducer as the screen,
/// told in lines. Expectations are derived from the run itself (the fleet's cars change with the
/// simulation); the whole transcript is a golden file.
@Suite struct LinearSessionTests {
    /// The default scenario from the start, at 60 simulated seconds per second, names romanised
    /// as the linear mode writes them.
    static func session(speed: Double = 60) throws -> LinearSession<App> {
        var app = try App(scenario: Scenario.builtIn, renderer: DemoFixtures.view, at: .zero, speed: speed, paused: false)
        app.builder.names = .romanised
        return LinearSession(app)
    }

    /// Ticks of 0.1 s on the virtual clock from `from` to `to` (wall seconds); the lines said.
    static func run(_ session: inout LinearSession<App>, from: Double, to: Double) -> [String] {
        var lines: [String] = []
        var wall = from
        while wall < to {
            lines += session.tick(wall: wall).lines
            wall += 0.1
        }
        return lines
    }

    /// A simulated hour and the commands of the issue, as a transcript.
    static func transcript() throws -> (lines: [String], session: LinearSession<App>) {
        var s = try session()
        var lines = s.start(scenarioName: Scenario.builtIn.name)
        lines += run(&s, from: 0, to: 30)
        for command in ["fleet", "regions", "destinations", "top 5 by rate", "alerts", "map"] {
            lines.append("> " + command)
            lines += s.enter(command).lines
        }
        lines += run(&s, from: 30, to: 60)
        if let first = s.app.monitor.alerts.log.first {
            let vin = s.world.vin(of: Int(first.vehicle)).description
            for command in ["car \(vin.prefix(3))…\(vin.suffix(4))", "filter class:military", "top 3", "filter off", "changes", "time", "fly", "quit"] {
                lines.append("> " + command)
                lines += s.enter(command).lines
            }
        }
        return (lines, s)
    }

    @Test func transcriptOfAnHour() throws {
        let (lines, _) = try Self.transcript()
        assertSnapshot(lines.joined(separator: "\n") + "\n", named: "linear-default-1h.txt")
    }

    /// Every line stands alone under 200 characters, with no control character, escape, box
    /// drawing, block or braille in it; each alert is raised once.
    @Test func linesArePlainShortAndEachAlertIsRaisedOnce() throws {
        let (lines, _) = try Self.transcript()
        #expect(lines.count > 20)
        for line in lines {
            #expect(line.count < Lines.maxLength, "\(line.count) characters: \(line)")
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "control character in: \(line)")
            #expect(!line.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) || (0x2800...0x28FF).contains($0.value) }, "drawing character in: \(line)")
        }
        var raised: [String: Int] = [:]
        for line in lines {
            if let r = line.range(of: #"alert \d+ raised"#, options: .regularExpression) { raised[String(line[r]), default: 0] += 1 }
        }
        #expect(!raised.isEmpty, "the default scenario raises alerts within its first hour")
        #expect(raised.values.allSatisfy { $0 == 1 }, "\(raised.filter { $0.value > 1 })")
    }

    /// The same information as the screen: every alert the screen's model lists after the run
    /// (the alert panel's and the history's rows) is announced in the transcript of that run,
    /// with its rule, car, driver and destination, its final severity, and, once closed, its bytes.
    @Test func everyAlertTheScreenShowsIsAnnounced() throws {
        var s = try Self.session()
        var lines = s.start(scenarioName: Scenario.builtIn.name)
        lines += Self.run(&s, from: 0, to: 70)
        let app = s.app
        let screen = app.builder.build(world: app.monitor.world, alerts: app.monitor.alerts, policies: app.monitor.policies, state: app.state, rows: .screen)
        #expect(!screen.alerts.isEmpty)
        let places = s.places
        for a in screen.alerts {
            let mine = lines.filter { $0.contains(": alert \(a.id) ") }
            let raised = mine.filter { $0.contains("alert \(a.id) raised, \(a.ruleID) ") }
            try #require(raised.count == 1, "alert \(a.id) (\(a.ruleID)) raised \(raised.count) times in the transcript")
            let line = raised[0]
            #expect(line.contains("car \(Spoken.vin(a.vin)) of \(a.driver)"), "\(line)")
            #expect(line.hasPrefix(places.time(a.start) + " "), "\(line)")
            #expect(line.contains("to \(a.service), \(ModelBuilder.countryName(a.country))") || !a.isOpen, "\(line)")
            // The severity the screen shows is the last one said.
            let last = mine.last { $0.contains(" raised, ") || $0.contains(" escalated ") }!
            #expect(last.contains(" \(a.severity.rawValue)"), "screen: \(a.severity.rawValue); said: \(last)")
            if !a.isOpen {
                let closed = mine.filter { $0.contains("alert \(a.id) closed, \(a.ruleID) \(a.severity.rawValue): ") }
                #expect(closed.count == 1, "alert \(a.id) closed \(closed.count) times")
                #expect(closed.first?.contains("sent \(Spoken.bytes(a.bytes)) in \(Spoken.count(a.count, "flow"))") == true, "\(closed)")
            }
        }
    }

    /// Commands are the keys' actions through the same reducer: the state changes as a key
    /// would change it; bad input is one line and changes nothing.
    @Test func commandsGoThroughTheReducer() throws {
        var s = try Self.session()
        _ = s.start(scenarioName: "x")
        _ = s.enter("pause")
        #expect(s.state.paused && s.app.pacer.paused)
        _ = s.enter("resume")
        #expect(!s.state.paused && !s.app.pacer.paused)
        _ = s.enter("speed 10")
        #expect(s.state.speed == 10 && s.app.pacer.speed == 10)
        let filtered = s.enter("filter class:military").lines
        #expect(s.state.query.source == "class:military")
        #expect(s.state.promptHistory.entries == ["class:military"], "typed into the / prompt, so its history has it")
        #expect(filtered.first?.hasPrefix("Filter in force: class:military; ") == true)
        let bad = s.enter("filter cls:(").lines
        #expect(bad.count == 1 && bad[0].hasPrefix("That filter does not parse at column "), "\(bad)")
        #expect(s.state.query.source == "class:military")
        _ = s.enter("filter off")
        #expect(s.state.query.isEmpty)
        _ = s.enter("top 5 by total")
        #expect(s.state.sort == .total && s.state.descending)
        let vin = s.world.vin(of: 7).description
        let car = s.enter("car \(vin)").lines
        #expect(s.state.view == .detail(vehicle: 7) && s.state.selectedVehicle == 7)
        #expect(car.first?.hasPrefix("Car \(Spoken.vin(vin)), VIN \(vin), ") == true, "\(car)")
        #expect(s.enter("car ZZZZ").lines == ["No car's VIN starts or ends with ZZZZ; type top 10 to hear some VINs."])
        #expect(s.enter("next").lines == ["next, previous and replay are the demo's; run fleetwatch demo --linear for the demo."])
        #expect(s.enter("").lines.isEmpty)
        let quit = s.enter("quit")
        #expect(quit.quit && quit.lines == ["Goodbye."])
    }

    @Test func acknowledgeAnOpenAlertByItsNumber() throws {
        var s = try Self.session()
        _ = s.start(scenarioName: "x")
        var wall = 0.0
        while s.app.monitor.alerts.openAlerts.isEmpty, wall < 120 {
            _ = s.tick(wall: wall)
            wall += 0.1
        }
        let alert = try #require(s.app.monitor.alerts.openAlerts.first)
        let answer = s.enter("acknowledge \(alert.id)").lines
        #expect(answer == ["Alert \(alert.id) acknowledged, \(alert.ruleID) \(alert.severity.rawValue)."])
        #expect(s.app.monitor.alerts.alert(id: alert.id)?.acknowledged == true)
        #expect(s.state.view == .fleet)
        #expect(s.enter("acknowledge 99999").lines == ["No open alert 99999; type alerts to hear the open ones and their numbers."])
    }

    @Test func quietLeavesClosingsOutVerboseReportsChanges() throws {
        var quiet = try Self.session()
        quiet.verbosity = .quiet
        _ = quiet.start(scenarioName: "x")
        let q = Self.run(&quiet, from: 0, to: 60)
        #expect(!q.contains { $0.contains(" closed, ") })
        #expect(q.contains { $0.contains(" raised, ") })
        var verbose = try Self.session()
        verbose.verbosity = .verbose
        _ = verbose.start(scenarioName: "x")
        let v = Self.run(&verbose, from: 0, to: 60)
        #expect(v.filter { $0.hasPrefix("Since ") }.count == 3, "every quarter of a simulated hour: \(v.filter { $0.hasPrefix("Since ") })")
    }

    /// The demo told in lines: its chapters and captions as they come; the presenter's keys as
    /// commands.
    @Test func demoNarratesChaptersAndCaptions() throws {
        let scenario = try Scenario.parse(text: DemoFixtures.small, file: "small.yaml")
        let script = DemoScript(scenario: scenario)
        var player = try DemoPlayer(scenario: scenario, script: script, view: DemoFixtures.view, names: .romanised, width: 160, height: 48)
        let first = player.jump(toChapter: 0)
        var s = LinearSession(player, isDemo: true)
        s.chapterTitles = script.chapters.map(\.title)
        s.preamble = s.announce(first.map(Effect.announce))
        var lines = s.start(scenarioName: scenario.name)
        var wall = 0.0
        var heldAtCaption = false
        while !s.loop.program.finished, wall < 200 {
            if s.hold != nil, lines.last?.hasPrefix("Caption: ") == true {
                // Paced for reading: no simulated time passes while the caption is read.
                let now = s.app.monitor.now
                let (quiet, _) = s.tick(wall: wall)
                #expect(quiet.isEmpty && s.app.monitor.now == now)
                heldAtCaption = true
            }
            lines += s.tick(wall: wall).lines
            wall += 0.1
        }
        #expect(lines.contains { $0.hasPrefix("Chapter 1 of 4, at ") && $0.hasSuffix(": First.") }, "\(lines)")
        #expect(lines.contains("Caption: Hello"))
        #expect(heldAtCaption)
        #expect(lines.contains("Caption: Car three"))
        #expect(lines.contains { $0.hasPrefix("Chapter 3 of 4, at ") })
        #expect(lines.last == "End of the demo. Type previous or replay to hear a chapter again, or quit.")
        #expect(s.enter("resume").lines == ["The demo has ended and holds; type previous or replay to hear a chapter again."])
        #expect(s.state.paused, "at the end the demo holds")
        let back = s.enter("previous").lines
        #expect(back.first?.hasPrefix("Chapter 3 of 4") == true, "only what the chapter jumped to says: \(back)")
        #expect(!back.contains { $0.hasPrefix("Chapter 1 ") || $0 == "Caption: Hello" })
    }

    @Test func longCaptionsAreCutAtWords() {
        let text = Array(repeating: "word", count: 100).joined(separator: " ")
        let lines = LinearSession<App>.sentences(text, first: "Caption: ", then: "Caption, continued: ")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.count < Lines.maxLength })
        #expect(lines.map { $0.split(separator: " ").filter { $0 == "word" }.count }.reduce(0, +) == 100)
    }
}
