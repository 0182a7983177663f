import Foundation
import Testing
import TestSupport

/// Driver names full of emoji sequences, flags, skin tones, combining marks, VS16 and CJK keep
/// every panel's right-hand border in its column in tmux 3.3, live and in the ANSI export
/// (`Grapheme.drawn` is the policy).
@Suite("grapheme clusters in tmux", .enabled(if: LiveDashboard.available, "tmux (with timeout, pgrep, env) is not on PATH"))
struct GraphemeTmuxTests {
    static let names = [
        "👨‍👩‍👧 Family Wang", "👩🏽‍🚀 Astronaut", "🇨🇳 Li 🇺🇸", "👍🏿 Thumbs", "❤️ Heart", "José́ Ñúñez", "王伟 🧑🏽‍💻",
        "1️⃣ Keycap", "🏴‍☠️ Pirate", "🏳️‍🌈 Rainbow", "e\u{301}\u{302}\u{303} Marks", "張 👨‍👩‍👧‍👦 張",
    ]

    static var scenario: String {
        var lines = ["name: Emoji drivers", "fleet: {size: 12}", "timeline:"]
        for (i, name) in names.enumerated() {
            let quoted = "\"" + name + "\""
            lines.append("  - {at: 0s, action: assign-driver, car: \(i), name: \(quoted), romanized: \(quoted), class: \(i % 2 == 0 ? "military" : "private")}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every line of `expected` (the snapshot of the same frame) that ends in a box-drawing
    /// border at the last column ends with it in the pane too (captured with trailing blanks:
    /// a swallowed character leaves a blank there, a wider drawing cuts the border off).
    static func bordersInPlace(_ pane: [String], _ expected: [String], width: Int) -> [String] {
        var problems: [String] = []
        var checked = 0
        for (i, want) in expected.enumerated() {
            guard let last = want.last, "┃│┐┘┓┛╮╯".contains(last) else { continue }
            checked += 1
            let got = i < pane.count ? pane[i] : ""
            if got.last != last { problems.append("line \(i + 1) ends with \(String(reflecting: got.suffix(3))), not \(last):\n  pane: \(got)\n  want: \(want)") }
        }
        if checked < 10 { problems.append("only \(checked) bordered lines to check") }
        return problems
    }

    /// The ANSI snapshot (and so a recording's frames), which sends each cell's text as it is,
    /// printed into tmux: before the policy a ZWJ family or a flag there broke 12 rows.
    @Test func theANSISnapshotKeepsItsBordersInTmux() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("emoji.yaml").path, ansi = directory.appendingPathComponent("fleet.ansi").path
        try Data(Self.scenario.utf8).write(to: URL(fileURLWithPath: path))
        let common = ["snapshot", "--scenario", path, "--at", "30m", "--width", "120", "--height", "40"]
        let text = try Run(common + ["--format", "txt"])
        #expect(try Run(common + ["--format", "ansi", "--out", ansi]).status == 0)
        let expected = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
        let cat = try #require(Tools.onPath("cat"))
        // 41 rows: the file's last line feed scrolls nothing away.
        let tmux = try TmuxHarness(binary: cat, arguments: [ansi], width: 120, height: 41)
        let shown = try #require(tmux.wait(seconds: 10) { tmux.file("done") != nil && $0.first?.hasPrefix("FleetWatch │ ") == true }, "the snapshot was not shown:\n\(tmux.screen)")
        #expect(shown.count >= 40)
        let pane = tmux.tmux(["capture-pane", "-p", "-N"]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let problems = Self.bordersInPlace(pane, expected, width: 120)
        #expect(problems == [], "\(problems.prefix(5).joined(separator: "\n"))")
    }

    @Test(arguments: ["fleet", "map"])
    func rightHandBordersStayInTheirColumn(_ view: String) throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("emoji.yaml").path
        try Data(Self.scenario.utf8).write(to: URL(fileURLWithPath: path))
        var snapshot = ["snapshot", "--scenario", path, "--at", "30m", "--format", "txt", "--width", "120", "--height", "40"]
        if view == "map" { snapshot += ["--view", "map"] }
        let run = try Run(snapshot)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = run.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
        if view == "fleet" { #expect(expected.contains { $0.contains("👨 Family Wang") }, "the snapshot shows the names as drawn") }

        let live = try LiveDashboard(["--scenario", path, "--at", "30m", "--paused"])
        try live.expect("no paused first frame", seconds: 10) { $0.first?.contains("│ PAUSED │") == true && $0.count >= 40 && $0[39].hasPrefix("↑↓ move") }
        if view == "map" {
            live.tmux.sendKeys("m")
            try live.expect("m did not show the map") { LiveDashboard.has($0, "╭ Shanghai · ") }
        }
        usleep(300_000)
        let pane = live.tmux.tmux(["capture-pane", "-p", "-N"]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let problems = Self.bordersInPlace(pane, expected, width: 120)
        #expect(problems == [], "\(problems.prefix(5).joined(separator: "\n"))")
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
