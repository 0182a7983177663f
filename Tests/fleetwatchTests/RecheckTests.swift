import Foundation
import Testing
import TestSupport

/// The auditor's check, run as an auditor runs it: the program writes a run's NDJSON flow log
/// and JSON snapshot, and `scripts/recheck.py` (an independent Python re-implementation of the
/// rules and the alert book) re-derives every verdict and every alert from them and the
/// scenario file. Over several seeds, times, fleet sizes and scenarios; and on planted
/// mismatches, which it must catch.
@Suite struct RecheckTests {
    /// A scenario that exercises what the default one rarely does: suppressed repeats (a long
    /// minimum interval after a short quiet period), a log that drops closed alerts, escalation
    /// (routing that sends a restricted driver's telemetry abroad for a while), a removed car,
    /// anonymised clips, a restricted driver in a zone (People's Square, which car 4 reaches within
    /// 15 minutes; the Jinshan military zone is an hour's drive from every home), size and
    /// model-year conditions, and cases without labels.
    static let strictScenario = """
        name: Recheck, strict alerts
        seed: 99
        fleet:
          size: 300
          start: 2026-08-31 20:00
        flows:
          camera-clip: {anonymised: true}
        policies:
          restricted-classes: [military, key-soe, government]
          rules:
            - id: T-1
              title: Restricted driver sends data out
              source: test
              explanation: "{driver} sent {bytes} of {category} to {service}"
              match: {restricted: true, direction: up}
              severity:
                - {when: {cross-border: true}, level: critical}
                - {when: {category: [camera-clip, sentry-live]}, level: high, label: camera}
                - {level: watch}
            - id: T-2
              title: Big downloads
              source: test
              explanation: "{bytes} of {category} from {service}"
              match: {direction: down, min-bytes: 2 MB}
              severity: high
            - id: T-3
              title: Zones
              source: test
              explanation: "{bytes} in {zone}"
              match: {in-zone: true}
              severity:
                - {when: {zone-kind: seasonal}, level: critical, label: seasonal}
                - {when: {anonymised: false, user-class: [private, corporate]}, level: watch, label: plain}
            - id: T-4
              title: US newer cars
              source: test
              explanation: "{vin} {model-year}"
              match: {market: US, min-model-year: 2024, prc-connectivity: false, region: us, service: [tesla-us-cloud, us-maps], country: US}
              severity: watch
        alerts: {min-interval: 1h, quiet-period: 20s, log-size: 5}
        timeline:
          - {at: 1m, action: assign-class, car: 4, class: military}
          - {at: 1m, action: trip, car: 4, to-zone: cn-gov-peoples-square}
          - {at: 2m, action: inject-flow, car: 4, category: camera-clip, bytes: 20 MB}
          - {at: 3m, action: set-routing, market: CN, category: telemetry, service: tesla-us-cloud}
          - {at: 20m, action: set-routing, market: CN, category: telemetry, service: tesla-cn-dc}
          - {at: 25m, action: remove-cars, count: 5, region: shanghai}
          # Policies that change mid-run (a what-if's): restricted classes, a rule replaced in
          # place, a rule added; recheck.py judges each flow with the policies of its end time.
          - {at: 30m, action: set-policies, restricted-classes: {US: [military, government], CN: [military]}}
          - at: 45m
            action: set-policies
            rules:
              - {id: CN-4, title: Cabin camera (watch only), source: test, explanation: "{bytes} from {vin}",
                 match: {market: CN, category: cabin-camera, direction: up}, severity: watch}
              - {id: X-1, title: CN telemetry abroad, source: test, explanation: "{bytes} from {vin} to {service}",
                 match: {market: CN, category: telemetry, direction: up}, severity: high}
          # Zones that change mid-run (a what-if's): People's Square out of force from 50m, a
          # wider zone over central Shanghai from 55m; recheck.py finds each flow's zone among
          # the zones in force at its end.
          - {at: 50m, action: set-zones, remove: cn-gov-peoples-square}
          - at: 55m
            action: set-zones
            add:
              - {id: cn-gov-central, name: Central Shanghai (test), market: CN, kind: government-organ, center: [31.23, 121.47], radius-m: 3000}
        """

    /// The built-in scenario with a large seasonal zone over central Shanghai that is in force
    /// on the start day only: from 20:00, the season ends 4 hours in. People's Square, smaller and
    /// always in force, beats it while it lasts; after midnight its flows have no zone.
    static func seasonScenario() throws -> String {
        let text = try String(contentsOf: Tools.packageRoot.appendingPathComponent("Scenarios/default.yaml"), encoding: .utf8)
        let zone = """
                  - {id: cn-seasonal-visit, name: "Leadership visit (synthetic), central Shanghai", kind: seasonal,
                     center: [31.23, 121.47], radius-m: 6000, season: {from: 11-30, to: 11-30}}

            """
        let anchor = "      # No Beidaihe (seasonal"
        guard text.contains(anchor), text.contains("  start: 2026-11-30 08:00") else {
            throw HarnessError("Scenarios/default.yaml changed: update RecheckTests.seasonScenario")
        }
        return text.replacingOccurrences(of: anchor, with: zone + anchor)
            .replacingOccurrences(of: "  start: 2026-11-30 08:00", with: "  start: 2026-11-30 20:00")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// A scenario file under the package root, `strict` for `strictScenario`, nil for the built-in one.
        var scenario: String?
        var arguments: [String]
        var testDescription: String { name }
    }

    static let cases = [
        Case(name: "default, 2h", scenario: nil, arguments: ["--at", "2h"]),
        Case(name: "default, seed 7, 1200 cars, 75m", scenario: nil, arguments: ["--at", "75m", "--seed", "7", "--vehicles", "1200"]),
        Case(name: "default, seed 3, 40 cars, 6h", scenario: nil, arguments: ["--at", "6h", "--seed", "3", "--vehicles", "40"]),
        Case(name: "default, 90s", scenario: nil, arguments: ["--at", "90s"]),
        Case(name: "briefing", scenario: "Demo/briefing.yaml", arguments: ["--at", "45m"]),
        Case(name: "booth loop", scenario: "Demo/booth-loop.yaml", arguments: ["--at", "20m"]),
        Case(name: "strict alerts, 2h", scenario: "strict", arguments: ["--at", "2h"]),
        Case(name: "a season that ends, 5h", scenario: "season", arguments: ["--at", "5h", "--vehicles", "120"]),
    ]

    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-recheck-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The exports of one run, and the scenario file they came from (nil: the built-in one).
    struct Exports: Sendable {
        var directory: URL
        var scenario: String?
        var ndjson: URL { directory.appendingPathComponent("flows.ndjson") }
        var json: URL { directory.appendingPathComponent("snapshot.json") }
    }

    static func export(_ c: Case) throws -> Exports {
        let directory = try scratchDirectory()
        var scenario: String? = nil
        if c.scenario == "strict" || c.scenario == "season" {
            let url = directory.appendingPathComponent("\(c.scenario!).yaml")
            try Data((c.scenario == "strict" ? strictScenario : try seasonScenario()).utf8).write(to: url)
            scenario = url.path
        } else if let path = c.scenario {
            scenario = Tools.packageRoot.appendingPathComponent(path).path
        }
        let exports = Exports(directory: directory, scenario: scenario)
        let base = ["snapshot"] + (scenario.map { ["--scenario", $0] } ?? []) + c.arguments
        for (format, url) in [("ndjson", exports.ndjson), ("json", exports.json)] {
            let run = try Run(base + ["--format", format, "--out", url.path], seconds: 120)
            guard run.status == 0 else { throw HarnessError("\(c.name) \(format): exit \(run.status): \(run.stderr)") }
        }
        return exports
    }

    /// Runs the auditor's command on `exports`.
    static func recheck(_ exports: Exports, json: URL? = nil, ndjson: URL? = nil) throws -> SpawnResult {
        guard let python = Tools.onPath("python3") else { throw HarnessError("python3 is not on PATH (scripts/recheck.py needs it with PyYAML)") }
        let script = Tools.packageRoot.appendingPathComponent("scripts/recheck.py").path
        let arguments = [script, "--ndjson", (ndjson ?? exports.ndjson).path, "--json", (json ?? exports.json).path]
            + (exports.scenario.map { ["--scenario", $0] } ?? [])
        return Spawn.run(python, arguments, seconds: 120)
    }

    /// "N flows, M verdicts, K alerts re-derived (...), 0 mismatches" (the first line) as numbers.
    static func summary(_ output: String) -> (flows: Int, verdicts: Int, alerts: Int, suppressed: Int, mismatches: Int)? {
        let text = output.split(separator: "\n").first.map(String.init) ?? ""
        let numbers = text.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard numbers.count == 8, text.contains("mismatches") else { return nil }
        return (numbers[0], numbers[1], numbers[2], numbers[6], numbers[7])
    }

    @Test(arguments: cases)
    func everyVerdictAndAlertIsRederivedFromTheExports(_ c: Case) throws {
        let exports = try Self.export(c)
        defer { try? FileManager.default.removeItem(at: exports.directory) }
        let result = try Self.recheck(exports)
        #expect(result.status == 0, "\(c.name): \(result.stdoutText)\(result.stderrText)")
        let summary = try #require(Self.summary(result.stdoutText), "\(c.name): no summary in '\(result.stdoutText)' \(result.stderrText)")
        #expect(summary.mismatches == 0)
        #expect(summary.flows > 100, "\(c.name): \(result.stdoutText)")
        let lines = try String(contentsOf: exports.ndjson, encoding: .utf8).split(separator: "\n")
        #expect(summary.flows == lines.count, "every line of the flow log was read")
        #expect(result.stdoutText.contains("compliance: 5 thresholds recounted from the log"), "\(c.name): \(result.stdoutText)")
        if c.name != "default, 90s" {
            #expect(summary.verdicts > 0 && summary.alerts > 0, "\(c.name): nothing flagged, nothing checked: \(result.stdoutText)")
        }
        if c.scenario == "strict" {
            #expect(summary.suppressed > 0, "the strict scenario suppresses repeats: \(result.stdoutText)")
            let snapshot = try JSONSerialization.jsonObject(with: Data(contentsOf: exports.json)) as? [String: Any]
            let alerts = try #require(snapshot?["alerts"] as? [String: Any])
            #expect((alerts["dropped_from_log"] as? Int ?? 0) > 0, "the strict scenario's log of 5 drops closed alerts")
        }
        if c.scenario == "season" {
            // The season's flows were judged in it, and none after it ended (4 h in).
            let seasonal = lines.filter { $0.contains("\"zone\":\"cn-seasonal-visit\"") }
            #expect(!seasonal.isEmpty, "flows inside the seasonal zone while in force")
            let ends = seasonal.compactMap { line -> Int? in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                return object?["flowEndNanoseconds"] as? Int
            }
            #expect(ends.allSatisfy { $0 < 4 * 3_600_000_000_000 }, "a flow ending after the season is in the zone")
        }
    }

    // MARK: - Planted mismatches

    /// One run's exports, shared by the planted-mismatch tests (written once; nil if the run failed).
    static let planted: Exports? = try? export(Case(name: "planted", scenario: "strict", arguments: ["--at", "40m"]))

    /// The JSON with `edit` applied to its `alerts` object.
    static func editedJSON(_ exports: Exports, section: String = "alerts", _ edit: (inout [String: Any]) throws -> Void) throws -> URL {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: exports.json)) as? [String: Any])
        var alerts = try #require(object[section] as? [String: Any])
        try edit(&alerts)
        object[section] = alerts
        let url = exports.directory.appendingPathComponent("edited-\(UUID().uuidString.prefix(6)).json")
        try JSONSerialization.data(withJSONObject: object).write(to: url)
        return url
    }

    /// The flow log with `edit` applied to the last flow of the first open alert (true: keep the
    /// line): a flagged flow whose bytes and time the JSON shows (a suppressed repeat's would
    /// show only in the `suppressed` count).
    /// With `inZone`, the first flow logged inside a zone instead.
    static func editedNDJSON(_ exports: Exports, inZone: Bool = false, _ edit: (inout [String: Any]) -> Bool) throws -> URL {
        let text = try String(contentsOf: exports.ndjson, encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        let snapshot = try JSONSerialization.jsonObject(with: Data(contentsOf: exports.json)) as? [String: Any]
        let open = try #require((snapshot?["alerts"] as? [String: Any])?["open"] as? [[String: Any]])
        let alert = try #require(open.first, "the run has an open alert")
        let vin = try #require(alert["vin"] as? String), lastSeen = try #require(alert["last_seen_ns"] as? Int)
        let index = try #require(inZone ? lines.firstIndex { $0.contains("\"zone\":\"") } : lines.lastIndex {
            $0.contains("\"flowEndNanoseconds\":\(lastSeen),") && $0.contains("\"vin\":\"\(vin)\"") && !$0.contains("\"verdict\":\"pass\"")
        })
        var flow = try #require(try JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [String: Any])
        if edit(&flow) {
            lines[index] = String(decoding: try JSONSerialization.data(withJSONObject: flow), as: UTF8.self)
        } else {
            lines.remove(at: index)
        }
        let url = exports.directory.appendingPathComponent("edited-\(UUID().uuidString.prefix(6)).ndjson")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        return url
    }

    static func firstAlert(_ alerts: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        for list in ["open", "recent"] {
            guard var items = alerts[list] as? [[String: Any]], !items.isEmpty else { continue }
            edit(&items[0])
            alerts[list] = items
            return
        }
    }

    enum Plant: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case alertBytes, alertLastSeen, alertSeverity, breakdownCategory, suppressedCount, droppedAlert
        case complianceToDate, complianceProjection
        case flowVerdict, flowRuleList, flowRestrictedFact, flowCountry, flowRemoved, flowBytes, flowPositionOutsideItsZone
        var testDescription: String { rawValue }
    }

    @Test(arguments: Plant.allCases)
    func aPlantedMismatchIsCaught(_ plant: Plant) throws {
        let exports = try #require(Self.planted, "the run for the planted mismatches failed")
        // The unedited exports pass: the failure below is the plant's.
        let clean = try Self.recheck(exports)
        try #require(clean.status == 0, "\(clean.stdoutText)\(clean.stderrText)")
        var json: URL? = nil, ndjson: URL? = nil
        switch plant {
        case .alertBytes:
            json = try Self.editedJSON(exports) { a in Self.firstAlert(&a) { $0["bytes"] = ($0["bytes"] as? Int ?? 0) + 1 } }
        case .alertLastSeen:
            json = try Self.editedJSON(exports) { a in Self.firstAlert(&a) { $0["last_seen_ns"] = ($0["last_seen_ns"] as? Int ?? 0) + 1 } }
        case .alertSeverity:
            json = try Self.editedJSON(exports) { a in
                Self.firstAlert(&a) { $0["severity"] = ($0["severity"] as? String) == "watch" ? "high" : "watch" }
            }
        case .breakdownCategory:
            json = try Self.editedJSON(exports) { a in
                Self.firstAlert(&a) { alert in
                    var b = alert["breakdown"] as? [String: Any] ?? [:]
                    var cats = b["by_category"] as? [[String: Any]] ?? []
                    if !cats.isEmpty { cats[0]["category"] = "voice" == (cats[0]["category"] as? String) ? "media" : "voice" }
                    b["by_category"] = cats
                    alert["breakdown"] = b
                }
            }
        case .suppressedCount:
            json = try Self.editedJSON(exports) { a in a["suppressed"] = (a["suppressed"] as? Int ?? 0) + 1 }
        case .droppedAlert:
            json = try Self.editedJSON(exports) { a in
                let list = (a["recent"] as? [Any] ?? []).isEmpty ? "open" : "recent"
                var items = a[list] as? [[String: Any]] ?? []
                if !items.isEmpty { items.removeLast() }
                a[list] = items
            }
        case .complianceToDate, .complianceProjection:
            // The CN personal-information count, or its projection, one more than the log gives.
            json = try Self.editedJSON(exports, section: "compliance") { c in
                var measures = c["measures"] as? [[String: Any]] ?? []
                let key = plant == .complianceToDate ? "to_date" : "projected"
                if measures.count > 2 { measures[2][key] = (measures[2][key] as? Int ?? 0) + 1 }
                c["measures"] = measures
            }
        case .flowVerdict:
            ndjson = try Self.editedNDJSON(exports) { f in f["verdict"] = "pass"; return true }
        case .flowRuleList:
            ndjson = try Self.editedNDJSON(exports) { f in f["rules"] = []; f["verdict"] = "pass"; return true }
        case .flowRestrictedFact:
            ndjson = try Self.editedNDJSON(exports) { f in f["restricted"] = !(f["restricted"] as? Bool ?? false); return true }
        case .flowCountry:
            ndjson = try Self.editedNDJSON(exports) { f in f["country"] = (f["country"] as? String) == "CN" ? "US" : "CN"; return true }
        case .flowRemoved:
            ndjson = try Self.editedNDJSON(exports) { _ in false }
        case .flowPositionOutsideItsZone:
            // Only the position changes: the zone no longer follows from it.
            ndjson = try Self.editedNDJSON(exports, inZone: true) { f in
                f["latitude"] = (f["latitude"] as? Double ?? 0) + 0.5
                return true
            }
        case .flowBytes:
            ndjson = try Self.editedNDJSON(exports) { f in f["octetDeltaCount"] = (f["octetDeltaCount"] as? Int ?? 0) + 1; return true }
        }
        let result = try Self.recheck(exports, json: json, ndjson: ndjson)
        #expect(result.status == 1, "\(plant): the planted mismatch went unnoticed: \(result.stdoutText)\(result.stderrText)")
        #expect(result.stderrText.contains("mismatch:"), "\(plant): \(result.stderrText)")
        let summary = try #require(Self.summary(result.stdoutText), "\(result.stdoutText)")
        #expect(summary.mismatches > 0)
    }

    @Test func anExportWithoutTheFactsIsRefusedNotPassed() throws {
        let exports = try #require(Self.planted, "the run for the planted mismatches failed")
        let ndjson = try Self.editedNDJSON(exports) { f in f["restricted"] = nil; return true }
        let result = try Self.recheck(exports, ndjson: ndjson)
        #expect(result.status == 2, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stderrText.contains("lacks restricted"), "\(result.stderrText)")
    }
}

extension RecheckTests {
    /// The log is in start order (docs/flow-log.md); two flows swapped are a mismatch, though the
    /// replay (in flowId order) still re-derives every alert.
    @Test func flowsOutOfTheLogsOrderAreAMismatch() throws {
        let exports = try #require(Self.planted, "the run for the planted mismatches failed")
        var lines = try String(contentsOf: exports.ndjson, encoding: .utf8).split(separator: "\n").map(String.init)
        let i = try #require(lines.indices.dropLast().first { lines[$0].prefix(40) != lines[$0 + 1].prefix(40) })
        lines.swapAt(i, i + 1)
        let url = exports.directory.appendingPathComponent("swapped.ndjson")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        let result = try Self.recheck(exports, ndjson: url)
        #expect(result.status == 1)
        #expect(result.stderrText.contains("log order (flowStartNanoseconds, vehicle, flowId)"), "\(result.stderrText)")
        let summary = try #require(Self.summary(result.stdoutText), "\(result.stdoutText)")
        #expect(summary.mismatches == 1, "only the order: \(result.stderrText)")
    }
}
