import Foundation
import Linear
import Testing
import TestSupport

/// `fleetwatch --linear` as a screen reader's user runs it: in a terminal (a tmux pane, whose
/// bytes are recorded as the pseudo-terminal carries them), typing commands, leaving by quit,
/// Ctrl-D, Ctrl-C or SIGTERM.
@Suite struct LinearEndToEndTests {
    /// The pane's bytes as lines (CR LF split), without the shell's `[ended]`.
    static func lines(_ recorded: String) -> [String] {
        recorded.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).filter { !$0.isEmpty && $0 != "[ended]" }
    }

    func start(_ arguments: [String], environment: [String: String?] = [:]) throws -> LiveDashboard {
        let live = try LiveDashboard(arguments + ["--no-config"], environment: environment, startOnGo: true)
        live.tmux.recordPane(to: "pane")
        usleep(200_000)  // pipe-pane starts its cat in the background
        live.tmux.touch("go")
        try live.expect("no greeting") { $0.contains { $0.hasPrefix("FleetWatch, linear mode: ") } }
        // The run-up to --at runs in ticks (Ctrl-C meanwhile would stop it, not quit): its end.
        try live.expect("the run-up did not end", seconds: 20) { $0.contains { $0.hasPrefix("Simulated time ") } }
        return live
    }

    /// A long go to in a terminal: it says where it goes at once; Ctrl-C stops it where it has
    /// got to (and says so), a command typed meanwhile is answered after it, a second Ctrl-C
    /// quits; the echo of the editing keys holds no escape.
    @Test func ctrlCStopsALongJumpThenQuits() throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let live = try start(["--linear", "--at", "0s", "--paused"])
        live.tmux.type("go to 3x")
        live.tmux.sendKeys("Left")
        live.tmux.type("6")
        live.tmux.sendKeys("Delete")
        live.tmux.sendKeys("Home")
        live.tmux.sendKeys("End")
        live.tmux.type("d")
        live.tmux.sendKeys("Enter")
        try live.expect("the line as edited is not on the screen", seconds: 10) { $0.contains("go to 36d") }
        try live.expect("no jump under way", seconds: 10) { $0.contains { $0.hasPrefix("Going to ") && $0.contains("type stop") } }
        live.tmux.type("time")
        live.tmux.sendKeys("Enter")
        try live.expect("the time was not told it waits", seconds: 10) { $0.contains { $0.hasPrefix("That waits for the jump to ") } }
        let pid = try #require(live.tmux.appPid())
        kill(pid, SIGINT)
        try live.expect("Ctrl-C did not stop the jump", seconds: 10) { $0.contains { $0.hasPrefix("Stopped at ") && $0.contains(" percent of the way to ") } }
        try live.expect("the waiting time was not told", seconds: 10) { $0.filter { $0.hasPrefix("Simulated time ") }.count >= 3 }
        kill(pid, SIGINT)
        try live.expectRestored(status: "130", "after the second Ctrl-C")
        let recorded = try #require(live.tmux.waitForFile("pane", seconds: 3))
        #expect(!recorded.unicodeScalars.contains("\u{1B}"), "an escape character in the transcript")
        #expect(!recorded.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\u{8}" })
        let lines = Self.lines(recorded)
        #expect(lines.last == "Stopped by signal 2; goodbye.", "\(lines.suffix(3))")
    }

    /// The transcript of a run in a pseudo-terminal: not one escape sequence (no alternate
    /// screen, no cursor addressing, no colour), every line under 200 characters, each alert
    /// raised once, the terminal's modes as they were, exit status 0 after quit.
    @Test func ptyTranscriptIsPlainLines() throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let live = try start(["--linear", "--at", "0s", "--speed", "1000"])
        try live.expect("no alert within the first simulated hour", seconds: 15) { $0.contains { $0.contains(" raised, ") } }
        usleep(1_000_000)
        for command in ["fleet", "alerts", "top 3 by rate", "map", "car ZZZ", "filter class:"] {
            live.tmux.type(command)
            live.tmux.sendKeys("Enter")
            usleep(150_000)
        }
        // Tab completes "tim" to "time "; Up brings "time" back from the history; a typo erased.
        live.tmux.type("tim")
        live.tmux.sendKeys("Tab")
        live.tmux.sendKeys("Enter")
        usleep(150_000)
        live.tmux.sendKeys("Up")
        live.tmux.sendKeys("Enter")
        usleep(150_000)
        live.tmux.type("quitx")
        live.tmux.sendKeys("BSpace")
        live.tmux.sendKeys("Enter")
        try live.expectRestored(status: "0", "after quit")
        let recorded = try #require(live.tmux.waitForFile("pane", seconds: 3))
        #expect(!recorded.unicodeScalars.contains("\u{1B}"), "an escape character in the transcript")
        // The prompt's echo: typed characters, line feeds, and backspace-space-backspace to erase.
        #expect(!recorded.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\u{8}" })
        let lines = Self.lines(recorded.replacingOccurrences(of: "x\u{8} \u{8}", with: ""))
        for line in lines { #expect(line.count < 200, "\(line.count) characters: \(line)") }
        var raised: [String: Int] = [:]
        for line in lines {
            if let r = line.range(of: #"alert \d+ raised"#, options: .regularExpression) { raised[String(line[r]), default: 0] += 1 }
        }
        #expect(!raised.isEmpty)
        #expect(raised.values.allSatisfy { $0 == 1 }, "\(raised.filter { $0.value > 1 })")
        #expect(lines.contains { $0.hasPrefix("Fleet at ") })
        #expect(lines.contains { $0.hasPrefix("Top 3 of 600 cars by rate:") })
        #expect(lines.contains("No car's VIN starts or ends with ZZZ; type top 10 to hear some VINs."))
        #expect(lines.contains { $0.hasPrefix("That filter does not parse at column ") })
        #expect(lines.filter { $0.hasPrefix("Simulated time ") }.count == 3, "the greeting, time by Tab, then by Up: \(lines.suffix(8))")
        #expect(lines.contains("time "), "the echo of the completed line")
        #expect(lines.suffix(2) == ["quit", "Goodbye."], "\(lines.suffix(4))")
        #expect(live.tmux.format("#{alternate_on}") == "0")
    }

    @Test func endsCleanlyOnEndOfInput() throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let live = try start(["--linear"])
        live.tmux.sendKeys("C-d")
        try live.expectRestored(status: "0", "after Ctrl-D")
        let lines = Self.lines(try #require(live.tmux.waitForFile("pane", seconds: 3)))
        #expect(lines.last == "End of input; goodbye.", "\(lines)")
    }

    /// Ctrl-C is SIGINT to the foreground job (sent to the program itself here: the pane's
    /// `sh -c` has no job control and would take it too), SIGTERM and SIGHUP as a system sends
    /// them: a last line, the terminal as it was, exit status 128 + N.
    @Test(arguments: [(SIGINT, "130"), (SIGTERM, "143"), (SIGHUP, "129")])
    func endsCleanlyOnSignals(_ signal: Int32, _ status: String) throws {
        try #require(LiveDashboard.available, "tmux is not on PATH")
        let live = try start(["--linear"])
        let pid = try #require(live.tmux.appPid())
        kill(pid, signal)
        try live.expectRestored(status: status, "after signal \(signal)")
        let lines = Self.lines(try #require(live.tmux.waitForFile("pane", seconds: 3)))
        #expect(lines.last == "Stopped by signal \(signal); goodbye.", "\(lines)")
    }

    /// FLEETWATCH_LINEAR=1 asks for the linear mode, and it needs no terminal: standard input
    /// and output may be files.
    @Test func environmentAndNoTerminal() throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("fw-linear-\(getpid())-\(UUID().uuidString.prefix(6))")
        try Data("time\nverbosity loud\nquit\n".utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let binary = try #require(Tools.builtProduct("fleetwatch"))
        let run = Spawn.run(binary, ["--no-config"], environment: ["FLEETWATCH_LINEAR": "1", "XDG_CONFIG_HOME": Run.noConfigHome], stdinPath: input.path)
        #expect(run.status == 0, "\(run.stderrText)")
        let lines = run.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("FleetWatch, linear mode: Default fleet, 600 cars.") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Simulated time 2026-") })
        #expect(lines.contains("verbosity is quiet, normal or verbose: verbosity quiet"))
        #expect(lines.last == "Goodbye.")
    }

    /// `fleetwatch` with `input` on standard input (a file) and `arguments`.
    static func run(_ arguments: [String], input: String, environment: [String: String?] = [:]) throws -> SpawnResult {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("fw-linear-in-\(getpid())-\(UUID().uuidString.prefix(6))")
        try Data(input.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let binary = try #require(Tools.builtProduct("fleetwatch"))
        var env = environment
        if env["XDG_CONFIG_HOME"] == nil { env["XDG_CONFIG_HOME"] = Run.noConfigHome }
        return Spawn.run(binary, arguments, environment: env, stdinPath: file.path)
    }

    /// `linear: true` in the config file starts the linear mode, `verbosity` sets what it says.
    @Test func configFileAsksForIt() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = directory.appendingPathComponent("config.yaml").path
        try Data("linear: true\nverbosity: quiet\n".utf8).write(to: URL(fileURLWithPath: config))
        let run = try Self.run(["--config", config, "--at", "1h"], input: "time\nquit\n")
        #expect(run.status == 0, "\(run.stderrText)")
        #expect(run.stdoutText.hasPrefix("FleetWatch, linear mode: "), "\(run.stdoutText.prefix(200))")
        #expect(!run.stdoutText.contains(" closed, "), "quiet: no closings")
    }

    /// Text from a scenario file (names, rules, zones, captions) reaches the lines inert: an
    /// escape sequence shows as ␛, never as itself.
    @Test func hostileScenarioTextIsInert() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("h.yaml").path
        let p = HostileOutputTests.payload
        try Data(HostileOutputTests.hostileScenario(timeline: [
            "{at: 0s, action: chapter, title: \"One \(p)\"}",
            "{at: 1m, action: caption, text: \"cap \(p)\"}",
            "{at: 2m, action: chapter, title: Two}",
        ]).utf8).write(to: URL(fileURLWithPath: path))
        let live = try Self.run(["--linear", "--scenario", path, "--at", "2m"], input: "fleet\nalerts\ntop 5 by class\nmap\nregions\nquit\n")
        #expect(live.status == 0, "\(live.stderrText)")
        #expect(live.stdoutText.contains("R\(HostileOutputTests.shown)"), "\(live.stdoutText.prefix(600))")
        #expect(HostileOutputTests.isInert(live.stdoutText) && !live.stdout.contains(0x1B))
        let demo = try Self.run(["demo", "--linear", path], input: "next\nquit\n")
        #expect(demo.status == 0, "\(demo.stderrText)")
        #expect(demo.stdoutText.contains("One \(HostileOutputTests.shown)"), "\(demo.stdoutText.prefix(600))")
        #expect(HostileOutputTests.isInert(demo.stdoutText) && !demo.stdout.contains(0x1B))
    }

    /// The demo in linear mode narrates its chapters and captions, with the presenter's keys as
    /// commands.
    @Test func demoInLinearMode() throws {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("fw-linear-demo-\(getpid())-\(UUID().uuidString.prefix(6))")
        try Data("next\nquit\n".utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let binary = try #require(Tools.builtProduct("fleetwatch"))
        let run = Spawn.run(binary, ["demo", "--linear", "--no-config"], environment: ["XDG_CONFIG_HOME": Run.noConfigHome], stdinPath: input.path)
        #expect(run.status == 0, "\(run.stderrText)")
        let lines = run.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Chapter 1 of ") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("Chapter 2 of ") }, "next is the presenter's next chapter: \(lines)")
        #expect(lines.contains { $0.hasPrefix("Caption: ") })
        #expect(!run.stdout.contains(0x1B))
    }
}

/// The transcript through Debian's espeak-ng (`-q -x`: its phonemes, no sound): no symbol of
/// the transcript is spoken by itself. Each character that is neither a letter, a digit nor a
/// space is said between two words; it must add nothing but a pause to what the two words say
/// alone. So no drawing, braille or bare symbol ("slash", "percent", "right arrow", "braille
/// one two…") is spelled out. The check is shown to work on characters the screen draws.
@Suite struct LinearSpeechTests {
    static var espeak: String? { Tools.onPath("espeak-ng") }

    static func phonemes(_ text: String) -> String {
        let run = Spawn.run(espeak!, ["-q", "-x", text])
        // Pauses (`_:`, `_!`) are no sounds.
        return run.stdoutText.replacingOccurrences(of: #"_[:!]*"#, with: "", options: .regularExpression)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Whether espeak-ng says something for `c`, between two words and at the end of the
    /// first (as punctuation stands: "2.4" is read "two point four", a full stop is a pause).
    static func speaks(_ c: Character) -> Bool {
        let silent = phonemes("alpha beta")
        return phonemes("alpha \(c) beta") != silent && phonemes("alpha\(c) beta") != silent
    }

    @Test func noSymbolIsSpelledOut() throws {
        try #require(Self.espeak != nil, "espeak-ng is not installed (apt-get install espeak-ng; .ci/run installs it)")
        // The check catches what the screen draws and what a unit would say.
        for c: Character in ["⣿", "→", "●", "%", "/"] { #expect(Self.speaks(c), "espeak-ng says nothing for \(c)") }
        let (lines, _) = try LinearSessionTests.transcript()
        let text = (lines + LinearCommand.helpLines).joined(separator: "\n")
        var symbols = Set<Character>()
        for c in text where !(c.isLetter || c.isNumber || c.isWhitespace) { symbols.insert(c) }
        #expect(!symbols.isEmpty)
        let spoken = symbols.sorted().filter(Self.speaks)
        #expect(spoken.isEmpty, "espeak-ng spells out: \(spoken.map { String($0) })")
    }
}
