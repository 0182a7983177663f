import Dashboard
import Fleet
import Linear
import Scenario
import Simulation
import Testing
@testable import fleetwatch

/// The linear mode's long jumps, as `fleetwatch --linear` runs them (`runUp: .inFrames`): a
/// slice a tick, progress in tenths at most once a second, `stop` where it has got to, the
/// lines typed meanwhile answered once it is over; the run-up to `--at` is such a jump. On a
/// virtual clock of 0.1 s a tick.
@Suite struct LinearJumpTests {
    static func session(at seconds: Int64) throws -> LinearSession<App> {
        var app = try App(scenario: Scenario.builtIn, renderer: DemoFixtures.view, at: .seconds(seconds), speed: 1, paused: true, runUp: .inFrames)
        app.builder.names = .romanised
        return LinearSession(app)
    }

    /// Ticks until the jump is over (or `limit` ticks); the lines said, and the wall time each was.
    static func settle(_ s: inout LinearSession<App>, wall: inout Double, limit: Int = 20_000) -> [(line: String, wall: Double)] {
        var said: [(String, Double)] = []
        for _ in 0..<limit where s.jump != nil {
            wall += 0.1
            said += s.tick(wall: wall).lines.map { ($0, wall) }
        }
        return said
    }

    @Test func aLongGoToSaysItsProgressInTenthsAtMostOnceASecond() throws {
        var s = try Self.session(at: 0)
        _ = s.start(scenarioName: "x")
        let answer = s.enter("go to 3h").lines
        #expect(answer.count == 1 && answer[0].hasPrefix("Going to 11:00:00 from 08:00:00; type stop"), "\(answer)")
        #expect(s.jump != nil && s.isBusy, "the jump runs in ticks")
        var wall = 0.0
        let said = Self.settle(&s, wall: &wall)
        #expect(s.jump == nil && s.app.monitor.now == SimTime.zero + .seconds(Int64(3 * 3600)))
        let progress = said.filter { $0.line.hasPrefix("Going to 11:00:00: ") }
        #expect(progress.count >= 2, "a jump of many ticks says how far it has got: \(said.map(\.line))")
        let tenths = progress.map { Int($0.line.dropFirst("Going to 11:00:00: ".count).prefix { $0.isNumber })! }
        #expect(tenths == tenths.sorted() && Set(tenths).count == tenths.count && tenths.allSatisfy { $0 % 10 == 0 && $0 < 100 }, "\(tenths)")
        for (a, b) in zip(progress, progress.dropFirst()) { #expect(b.wall - a.wall >= 1 - 1e-9, "at most once a second") }
        #expect(!said.contains { $0.line.contains(" raised, ") }, "alerts on the way are not told one by one")
        #expect(said.suffix(2).map(\.line).first == "On to 11:00:00.", "\(said.suffix(3).map(\.line))")
        #expect(said.last?.line.hasPrefix("Simulated time ") == true)
        // After it, alerts are told as they come again, none open at the landing told again.
        let openThere = Set(s.app.monitor.alerts.openAlerts.map(\.id))
        _ = s.enter("resume")
        _ = s.enter("speed 60")
        var lines: [String] = []
        for _ in 0..<600 {
            wall += 0.1
            lines += s.tick(wall: wall).lines
        }
        let raised = lines.filter { $0.contains(" raised, ") }
        #expect(!raised.isEmpty, "an hour of the run raises alerts")
        for id in openThere { #expect(!raised.contains { $0.contains(": alert \(id) raised") }, "alert \(id) was open at the landing") }
    }

    @Test func stopEndsTheJumpWhereItHasGotToAndTheWaitingLinesFollow() throws {
        var s = try Self.session(at: 0)
        _ = s.start(scenarioName: "x")
        _ = s.enter("go to 1d")
        var wall = 0.0
        for _ in 0..<5 {
            wall += 0.1
            _ = s.tick(wall: wall)
        }
        let waits = s.enter("time").lines
        #expect(waits.count == 1 && waits[0].hasPrefix("That waits for the jump to ") && waits[0].hasSuffix("; type stop to stop the jump where it is."), "\(waits)")
        #expect(s.enter("fleet").lines.isEmpty, "told once a jump")
        #expect(s.enter("speed 0").lines.isEmpty, "a line that does not parse waits too, to be answered in order")
        let reached = s.app.monitor.now
        #expect(reached > .zero && reached < SimTime.zero + .seconds(Int64(86_400)))
        let stopped = s.enter("stop").lines
        #expect(s.jump == nil && !s.isBusy && s.app.seek == nil)
        #expect(s.app.monitor.now == reached, "stopped where it had got to")
        #expect(stopped.first?.hasPrefix("Stopped at ") == true && stopped.first?.contains(" percent of the way to ") == true, "\(stopped)")
        #expect(stopped.contains { $0.hasPrefix("Simulated time ") })
        #expect(stopped.contains { $0.hasPrefix("Fleet at ") }, "the waiting lines are answered after the stop: \(stopped)")
        #expect(stopped.last == "speed needs one number from 1 to 10000: speed 10", "in the order typed: \(stopped)")
        #expect(s.enter("stop").lines == ["No jump under way; stop stops a long go to where it has got to."])
    }

    @Test func quitDuringAJumpQuitsAtOnceUnlessLinesWait() throws {
        var s = try Self.session(at: 0)
        _ = s.start(scenarioName: "x")
        _ = s.enter("go to 1d")
        #expect(s.enter("quit") == (["Goodbye."], true))
        s = try Self.session(at: 0)
        _ = s.start(scenarioName: "x")
        _ = s.enter("go to 5h")
        _ = s.enter("time")
        #expect(s.enter("quit").quit == false, "after the time, which waits")
        var wall = 0.0, quit = false, lines: [String] = []
        for _ in 0..<20_000 where !quit {
            wall += 0.1
            let t = s.tick(wall: wall)
            lines += t.lines
            quit = t.quit
        }
        #expect(quit && lines.suffix(2).first?.hasPrefix("Simulated time ") == true && lines.last == "Goodbye.", "\(lines.suffix(3))")
    }

    /// `--at` runs up in ticks: the greeting at once, where the fleet stands once there, with
    /// the open alerts told (at most ten; the rest counted).
    @Test func theRunUpToTheStartTimeIsAJump() throws {
        var s = try Self.session(at: 6 * 3600)
        let first = s.start(scenarioName: "Default fleet")
        #expect(first.count == 2 && first[1] == "Going to 14:00:00, the start time; type stop to start where it has got to.", "\(first)")
        var wall = 0.0
        let said = Self.settle(&s, wall: &wall).map(\.line)
        #expect(s.app.monitor.now == SimTime.zero + .seconds(Int64(6 * 3600)))
        let time = try #require(said.firstIndex { $0.hasPrefix("Simulated time ") }, "\(said)")
        #expect(said[..<time].allSatisfy { $0.hasPrefix("Going to 14:00:00: ") })
        let open = s.app.monitor.alerts.openAlerts.count
        let told = said.filter { $0.contains(" raised, ") }
        #expect(told.count == min(open, LinearSession<App>.startAlertLimit))
        if open > LinearSession<App>.startAlertLimit {
            #expect(said.contains("And \(open - LinearSession<App>.startAlertLimit) more open alerts; type alerts to hear them."), "\(said)")
        }
        #expect(said.contains { $0.hasSuffix("closed before the start; type alerts to hear the last ones.") })
    }
}
