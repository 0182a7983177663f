import Foundation
import Testing

/// Hostile text (escape sequences, C1 controls, bidi controls, NUL, noncharacters) in a scenario
/// file, a file name or an option's value never reaches a terminal intact: every diagnostic
/// kind, from every command that reads scenarios, and every line the commands print, pass the
/// one sanitizer (`Sanitizer.clean`, through `StandardError` and `StandardOutput`).
@Suite struct HostileOutputTests {
    /// YAML double-quoted escapes: OSC 0 (title), OSC 52 (clipboard), OSC 8 (hyperlink), CSI,
    /// C1 CSI, DCS (7- and 8-bit), RLO and LRI, NUL, BEL, U+FFFE. The first part, once
    /// sanitized, is what every case's message must show.
    static let payload = #"\e]0;PWNED\a\e]52;c;aGk=\a\e]8;;http://x\e\\l\e[2J\x9b31m\x90q\eP1$q\e\\\u202e\u2066\0\ufffe"#
    static let shown = "␛]0;PWNED␇"

    /// One scenario per kind of diagnostic that quotes the file's text; `H` stands for the payload.
    static let kinds: [(kind: String, yaml: String)] = [
        ("unknown key", #""H": 1"#),
        ("undefined reference", #"policies: {restricted-classes: ["H"]}"#),
        ("market", #"timeline: [{at: 0s, action: set-routing, market: "H", category: camera-clip, service: tesla-cn-dc}]"#),
        ("car model", #"regions: [{id: r, market: CN, areas: [], models: [{model: "H", factory: shanghai, share: 1, battery-kwh: 60}]}]"#),
        ("factory", #"regions: [{id: r, market: CN, areas: [], models: [{model: "3", factory: "H", share: 1, battery-kwh: 60}]}]"#),
        ("zone kind", rule(#"match: {zone-kind: "H"}"#)),
        ("severity", #"policies: {rules: [{id: R, title: t, source: s, explanation: e, match: {}, severity: "H"}]}"#),
        ("country", rule(#"match: {country: "H"}"#)),
        ("address", #"services: [{id: s, country: CN, address: "H"}]"#),
        ("date", #"fleet: {start: "H"}"#),
        ("duration", #"alerts: {quiet-period: "H"}"#),
        ("size", rule(#"match: {min-bytes: "H"}"#)),
        ("car", #"timeline: [{at: 0s, action: assign-class, car: "H", class: military}]"#),
        ("duplicate id", #"classes: [{id: "H"}, {id: "H"}]"#),
        ("placeholder", #"policies: {rules: [{id: R, title: t, source: s, explanation: "{H}", match: {}, severity: watch}]}"#),
        ("timeline action", #"timeline: [{at: 0s, action: "H"}]"#),
        ("timeline key", #"timeline: [{at: 0s, action: chapter, title: t, "H": 1}]"#),
        ("the name of a file that fails", ""),
    ]

    static func rule(_ match: String) -> String {
        "policies: {rules: [{id: R, title: t, source: s, explanation: e, \(match), severity: watch}]}"
    }

    /// Nothing a terminal would interpret: no C0 but the line feed, no DEL, no C1, no bidi
    /// control, no noncharacter.
    static func isInert(_ text: String) -> Bool {
        !text.unicodeScalars.contains { s in
            let v = s.value
            return (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C || v == 0x2028 || v == 0x2029
                || v & 0xFFFE == 0xFFFE
        }
    }

    static func expectInert(_ run: Run, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(isInert(run.stderr), "\(what): stderr \(String(reflecting: run.stderr))", sourceLocation: sourceLocation)
        #expect(isInert(run.stdout), "\(what): stdout \(String(reflecting: run.stdout))", sourceLocation: sourceLocation)
        #expect(!run.output.contains(0x1B) && !run.stderr.utf8.contains(0x1B), "\(what): an ESC byte", sourceLocation: sourceLocation)
    }

    @Test(arguments: kinds.map(\.kind))
    func everyDiagnosticKindIsSanitizedInEveryCommand(_ kind: String) throws {
        let yaml = try #require(Self.kinds.first { $0.kind == kind }?.yaml)
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // The file's own name is hostile too (a file name is text from outside).
        let name = yaml.isEmpty ? "bad\u{1B}]0;PWNED\u{07}\u{202E}.yaml" : "s.yaml"
        let path = directory.appendingPathComponent(name).path
        let text = yaml.isEmpty ? "name: demo\nsede: 1\n" : "name: demo\n" + yaml.replacingOccurrences(of: "H", with: Self.payload) + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        for arguments in [["validate", path], ["snapshot", "--scenario", path], ["demo", "--headless", path], ["demo", path]] {
            let run = try Run(arguments)
            #expect(run.status == 1, "\(kind), \(arguments[0]): status \(run.status): \(run.stderr)")
            #expect(run.stderr.contains(Self.shown), "\(kind), \(arguments[0]): the payload is not quoted: \(run.stderr)")
            #expect(run.stderr.contains(": error: "), "\(kind): \(run.stderr)")
            Self.expectInert(run, "\(kind), \(arguments[0])")
        }
    }

    /// A scenario whose every name, rule text and class carries `payload`, with a restricted
    /// driver from the start; `timeline` adds entries after the class assignment.
    static func hostileScenario(timeline: [String] = []) -> String {
        let p = payload
        return """
            name: "n\(p)"
            fleet: {size: 30}
            classes: [{id: "c\(p)", name: "C\(p)"}]
            policies:
              rules:
                - {id: "R\(p)", title: "t\(p)", source: "s\(p)", explanation: "e\(p) {driver}", match: {}, severity: watch}
            timeline:
              - {at: 0s, action: assign-class, car: 1, class: "c\(p)"}

            """ + timeline.map { "  - \($0)\n" }.joined()
    }

    /// Every format written to standard output (which may be a terminal) from a scenario full of
    /// hostile names: nothing a terminal interprets, but for the ANSI export's own SGR codes
    /// and the CSV's CRLF.
    @Test(arguments: ["txt", "ansi", "svg", "html", "json", "csv", "ndjson"])
    func everyExportOnStandardOutputIsInert(_ format: String) throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("h.yaml").path
        try Data(Self.hostileScenario().utf8).write(to: URL(fileURLWithPath: path))
        let run = try Run(["snapshot", "--scenario", path, "--at", "2m", "--format", format])
        #expect(run.status == 0, "\(run.stderr)")
        var text = run.stdout
        if format == "ansi" { text = text.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression) }
        if format == "csv" { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        #expect(Self.isInert(text), "\(format): \(String(reflecting: text.unicodeScalars.filter { !Self.isInert(String($0)) }.prefix(5).map(\.value)))")
        #expect(Self.isInert(run.stderr))
        if format == "json" || format == "ndjson" {
            #expect(run.stdout.contains("\\u001b]0;PWNED\\u0007"), "the text is kept, escaped")
            for line in format == "json" ? [Substring(run.stdout)] : run.stdout.split(separator: "\n") {
                #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil)
            }
        }
    }

    /// ArgumentParser's messages quote the command line; they go through the sanitizer too.
    @Test(arguments: [
        ["snapshot", "--view", "\u{1B}]0;PWNED\u{07}"],
        ["snapshot", "--format", "\u{1B}]0;PWNED\u{07}"],
        ["snapshot", "--at", "\u{1B}]0;PWNED\u{07}"],
        ["snapshot", "--color", "\u{1B}]0;PWNED\u{07}"],
        ["snapshot", "--\u{1B}]0;PWNED\u{07}"],
        ["\u{1B}]0;PWNED\u{07}"],
        ["validate", "/nonexistent/\u{1B}]0;PWNED\u{07}\u{9B}2J.yaml"],
        ["snapshot", "--out", "/nonexistent/\u{1B}]0;PWNED\u{07}"],
        ["snapshot", "--view", "detail:\u{1B}]0;PWNED\u{07}"],
        ["demo", "--record", "/nonexistent/\u{1B}]0;PWNED\u{07}.cast", "--headless"],
    ])
    func commandLineTextIsSanitized(_ arguments: [String]) throws {
        let run = try Run(arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(Self.shown), "\(String(reflecting: run.stderr))")
        Self.expectInert(run, arguments.joined(separator: " "))
    }

    @Test func aValidFileWithAHostileNameIsReportedSanitized() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("ok\u{1B}]0;PWNED\u{07}.yaml").path
        try Data("name: fine\nfleet: {size: 5}\n".utf8).write(to: URL(fileURLWithPath: path))
        let run = try Run(["validate", path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix(": ok (5 cars, 10 rules, 0 timeline actions)\n") && run.stdout.contains(Self.shown), "\(run.stdout)")
        Self.expectInert(run, "validate")
    }

    /// The headless demo prints the scenario's name, chapter titles, captions and, in its
    /// summary, rule ids: all from the file.
    @Test func theHeadlessDemoPrintsNothingRaw() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("demo.yaml").path
        try Data("""
            name: "hostile \(Self.payload)"
            fleet: {size: 20}
            policies:
              rules:
                - {id: "R\(Self.payload)", title: "t\(Self.payload)", source: s, explanation: "e \(Self.payload)", match: {}, severity: watch}
            timeline:
              - {at: 0s, action: chapter, title: "One \(Self.payload)"}
              - {at: 1m, action: caption, text: "cap \(Self.payload)"}
              - {at: 2m, action: chapter, title: Two}
            """.utf8).write(to: URL(fileURLWithPath: path))
        let run = try Run(["demo", "--headless", path])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(run.stdout.split(separator: "\n").first { $0.hasPrefix("alerts: ") })
        #expect(summary.contains("by rule: R\(Self.shown)"), "\(summary)")
        #expect(run.stdout.contains("chapter 1/2: One \(Self.shown)") && run.stdout.contains("cap \(Self.shown)"))
        Self.expectInert(run, "demo --headless")
        // A recording's header holds the scenario's name as its title (asciinema shows it).
        let cast = directory.appendingPathComponent("demo.cast").path
        let recorded = try Run(["demo", "--headless", path, "--record", cast, "--fps", "1"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let header = try #require(try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n").first)
        let object = try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any]
        let title = try #require(object?["title"] as? String)
        #expect(title.contains(Self.shown) && Self.isInert(title), "\(String(reflecting: title))")
    }
}
