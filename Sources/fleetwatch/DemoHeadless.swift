import ArgumentParser
import Dashboard
import Fleet
import Scenario
import Screen
import Simulation

/// `fleetwatch demo --headless`: the demo played with no terminal, as fast as it goes (or, with
/// `--record`, frame by frame on a virtual clock at the scripted pace, so the recording is the
/// same on every machine). Prints one line per chapter and caption with its simulated time and
/// the wall time at the scripted pace, then the alert summary; problems go to standard error.
struct DemoHeadless {
    let demo: Demo
    let scenario: Scenario
    let script: DemoScript

    func run() throws {
        var player: DemoPlayer
        do {
            let look = try demo.look.resolved(terminal: false)
            player = try DemoPlayer(scenario: scenario, script: script, view: look.view(depth: look.snapshotDepth), names: look.names, width: demo.width, height: demo.height)
        } catch {
            throw Failure.of(error)
        }
        let first = script.chapters[demo.chapter - 1].start
        StandardOutput.write(Self.heading(scenario: scenario, script: script))
        // The replay to the first chapter also passes earlier chapters: print from the start one.
        report(player.jump(toChapter: demo.chapter - 1).filter { Self.time(of: $0).map { $0 >= first } ?? true })
        if let recorder = try demo.makeRecorder(scenario: scenario, width: demo.width, height: demo.height, depth: demo.depth) {
            var loop = ProgramLoop(player)
            var driver = HeadlessDriver(fps: demo.fps, recorder: recorder)
            do {
                try driver.run(&loop, until: \.finished) { effects in
                    report(effects.compactMap { if case .announce(let event) = $0 { event } else { nil } })
                }
                try driver.recorder.finish()
            } catch {
                throw Failure.of(error)
            }
            player = loop.program
        } else {
            report(player.playToEnd())
        }
        for failure in player.app.monitor.timelineFailures {
            StandardError.write("fleetwatch: warning: \(failure)\n")
        }
        StandardOutput.write(Self.summary(player.app.monitor).joined(separator: "\n") + "\n")
    }

    func report(_ events: [DemoEvent]) {
        var out = ""
        for event in events {
            switch event {
            case .chapter(let i, let at):
                let c = script.chapters[i]
                out += line(at, "chapter \(c.number)/\(script.chapters.count): \(c.title)")
            case .caption(let text, let at):
                out += line(at, "  " + text)
            case .skipped(let i, let at):
                out += line(at, "  (skips to \(Self.clock(script.chapters[i].start)))")
            case .finished(let at):
                out += line(at, "end")
            case .cueFailed(let reason):
                StandardError.write("fleetwatch: warning: \(reason)\n")
            }
        }
        StandardOutput.write(out)
    }

    /// `00:04:10  1:25  text`: simulated time since the start, then wall time at the scripted pace.
    func line(_ at: SimDuration, _ text: String) -> String {
        "\(Self.clock(at))  \(Self.minutes(script.wallSeconds(at: at) - script.wallSeconds(at: script.chapters[demo.chapter - 1].start)))  \(Sanitizer.clean(text))\n"
    }

    static func heading(scenario: Scenario, script: DemoScript) -> String {
        let first = script.chapters[0].start
        let wall = script.wallSeconds(at: script.end)
        return "demo: \(Sanitizer.clean(scenario.name)) (\(scenario.file)): \(script.chapters.count) chapters, "
            + "simulated \(clock(first)) to \(clock(script.end)), about \(minutes(wall)) at the scripted speeds\n"
            + "simulated wall\n"
    }

    static func time(of event: DemoEvent) -> SimDuration? {
        switch event {
        case .chapter(_, let at), .caption(_, let at), .skipped(_, let at), .finished(let at): at
        case .cueFailed: nil
        }
    }

    static func clock(_ d: SimDuration) -> String { String(d.clock.prefix(while: { $0 != "." })) }

    /// `4:05` (minutes:seconds).
    static func minutes(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded())
        return "\(s / 60):" + (s % 60 < 10 ? "0" : "") + "\(s % 60)"
    }

    /// The alerts the run raised (by severity and rule), what is open at the end, and the flows.
    static func summary(_ monitor: FleetMonitor) -> [String] {
        let book = monitor.alerts
        let all = Array(book.log) + book.openAlerts
        var bySeverity: [Severity: Int] = [:]
        var byRule: [String: Int] = [:]
        for a in all {
            bySeverity[a.severity, default: 0] += 1
            byRule[a.ruleID, default: 0] += 1
        }
        let severities = Severity.allCases.reversed().map { "\(bySeverity[$0] ?? 0) \($0.rawValue)" }.joined(separator: ", ")
        let rules = byRule.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\(Sanitizer.clean($0.key)) \($0.value)" }.joined(separator: ", ")
        let open = Severity.allCases.reversed().map { "\(book.openCount($0)) \($0.rawValue)" }.joined(separator: ", ")
        var lines = [
            "alerts: \(all.count + book.droppedFromLog) raised (\(severities))" + (rules.isEmpty ? "" : "; by rule: \(rules)"),
            "open at the end: \(book.openCount) (\(open))",
            "flows: \(monitor.flowsSeen) judged, \(monitor.flowsFlagged) flagged by a rule",
        ]
        if book.droppedFromLog > 0 { lines[0] += " (\(book.droppedFromLog) dropped from the log are counted, not listed)" }
        return lines
    }
}
