import Dashboard
import Fleet
import Foundation
import Scenario
import Screen
import Simulation
import Testing
import TestSupport
@testable import fleetwatch

/// What-if, side by side (issue 17): `snapshot --what-if` writes both runs and their
/// difference, the baseline being the plain snapshot and the variant the snapshot of the
/// scenario with the what-if merged in; the live view's `i` forks the run and keeps the fork
/// in lockstep through jumps in time.
@Suite struct WhatIfTests {
    static let whatIf = "Pre-2021 routing"

    /// The default scenario with the what-if's entries written into its timeline at `from`, as
    /// a user would write the merged scenario by hand.
    static func mergedScenarioFile(from: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-merged-\(UUID().uuidString.prefix(8)).yaml")
        let text = DefaultScenario.yaml + """

            timeline:
              - {at: \(from), action: set-routing, market: CN, category: telemetry, service: tesla-us-cloud}
              - {at: \(from), action: set-routing, market: CN, category: diagnostics, service: tesla-us-cloud}
              - {at: \(from), action: set-routing, market: CN, category: camera-clip, service: tesla-ai}

            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static func object(_ run: Run) throws -> [String: Any] {
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any])
    }

    static func same(_ a: Any?, _ b: Any?) -> Bool {
        guard let a = a as? NSObject, let b = b as? NSObject else { return a == nil && b == nil }
        return a.isEqual(b)
    }

    /// A car's bytes abroad, as its own export states them: its destinations across the border.
    static func abroad(_ vehicle: [String: Any]) -> Int {
        ((vehicle["by_destination"] as? [[String: Any]]) ?? []).filter { $0["cross_border"] as? Bool == true }.map { $0["bytes"] as? Int ?? 0 }.reduce(0, +)
    }

    @Test func baselineIsThePlainSnapshotAndVariantTheMergedScenarios() throws {
        let merged = try Self.mergedScenarioFile(from: "10m")
        defer { try? FileManager.default.removeItem(at: merged) }
        let doc = try Self.object(try Run(["snapshot", "--what-if", Self.whatIf, "--from", "10m", "--at", "40m", "--format", "json"]))
        let plain = try Self.object(try Run(["snapshot", "--at", "40m", "--format", "json"]))
        let mergedRun = try Self.object(try Run(["snapshot", "--scenario", merged.path, "--at", "40m", "--format", "json"]))
        #expect(Self.same(doc["baseline"], plain), "the baseline is the plain snapshot of the same arguments")
        #expect(Self.same(doc["variant"], mergedRun), "the variant is the snapshot of the merged scenario")
        #expect(!Self.same(doc["baseline"], doc["variant"]), "the what-if changed nothing")

        let whatIf = try #require(doc["what_if"] as? [String: Any])
        #expect(whatIf["name"] as? String == Self.whatIf && whatIf["from_ns"] as? Int == 600_000_000_000)

        // The delta is re-derived from the two documents.
        let baseline = try #require(doc["baseline"] as? [String: Any]), variant = try #require(doc["variant"] as? [String: Any])
        let delta = try #require(doc["delta"] as? [String: Any])
        func regionsAbroad(_ d: [String: Any]) -> Int { ((d["regions"] as? [[String: Any]]) ?? []).map { $0["cross_border_bytes"] as? Int ?? 0 }.reduce(0, +) }
        let total = try #require(delta["cross_border_bytes"] as? [String: Int])
        #expect(total["baseline"] == regionsAbroad(baseline) && total["variant"] == regionsAbroad(variant))
        #expect(total["delta"] == regionsAbroad(variant) - regionsAbroad(baseline) && total["delta"]! > 0)

        let carsB = try #require(baseline["vehicles"] as? [[String: Any]]), carsV = try #require(variant["vehicles"] as? [[String: Any]])
        var changed: [String: (Int, Int)] = [:]
        for (b, v) in zip(carsB, carsV) {
            let openB = (b["open_alerts"] as? [Any])?.count ?? 0, openV = (v["open_alerts"] as? [Any])?.count ?? 0
            let bytesB = (b["bytes"] as? [String: Int])?["total"], bytesV = (v["bytes"] as? [String: Int])?["total"]
            let classB = (b["driver"] as? [String: Any])?["class"] as? String, classV = (v["driver"] as? [String: Any])?["class"] as? String
            if Self.abroad(b) != Self.abroad(v) || bytesB != bytesV || openB != openV || classB != classV { changed[b["vin"] as! String] = (Self.abroad(b), Self.abroad(v)) }
        }
        let listed = try #require(delta["vehicles"] as? [[String: Any]])
        #expect(delta["vehicles_changed"] as? Int == changed.count && listed.count == changed.count)
        for car in listed {
            let pair = car["cross_border_bytes"] as? [String: Int]
            let want = changed[car["vin"] as? String ?? ""]
            #expect(pair?["baseline"] == want?.0 && pair?["variant"] == want?.1, "\(car["vin"] ?? "?")")
        }
        // Largest change abroad first.
        let deltas = listed.compactMap { ($0["cross_border_bytes"] as? [String: Int])?["delta"] }.map(abs)
        #expect(deltas == deltas.sorted(by: >))

        // Alerts by rule: the counts raised sum to each run's raised count.
        let alerts = try #require(delta["alerts"] as? [String: Any])
        let byRule = try #require(alerts["by_rule"] as? [[String: Any]])
        let raised = try #require(alerts["raised"] as? [String: Int])
        #expect(byRule.compactMap { ($0["raised"] as? [String: Int])?["variant"] }.reduce(0, +) == raised["variant"])
        #expect(raised["baseline"] == (baseline["alerts"] as? [String: Any])?["raised"] as? Int)
        #expect(raised["variant"] == (variant["alerts"] as? [String: Any])?["raised"] as? Int)
    }

    /// The what-if's policies change alerts: the US rules of 2027 restrict government staff, so
    /// US-4 raises alerts it does not raise in the baseline.
    @Test func aPolicyWhatIfRaisesWhatTheBaselineDoesNot() throws {
        let doc = try Self.object(try Run(["snapshot", "--what-if", "us rules of 2027", "--at", "2h", "--format", "json"]))
        let byRule = try #require(((doc["delta"] as? [String: Any])?["alerts"] as? [String: Any])?["by_rule"] as? [[String: Any]])
        let us4 = try #require(byRule.first { $0["rule"] as? String == "US-4" }?["raised"] as? [String: Int])
        #expect(us4["baseline"] == 0 && us4["variant"]! > 0, "\(us4)")
        let variant = try #require(doc["variant"] as? [String: Any]), baseline = try #require(doc["baseline"] as? [String: Any])
        let restricted = { (d: [String: Any]) in (d["fleet"] as? [String: Any])?["restricted_vehicles"] as? Int ?? -1 }
        #expect(restricted(variant) > restricted(baseline))
    }

    /// A what-if's zones: the variant is the scenario with a `set-zones` written by hand at the
    /// what-if's time, byte for byte, and the district governments raise CN-2 alerts that the
    /// baseline does not.
    @Test func aZoneWhatIfIsTheScenarioWithSetZones() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-zones-\(UUID().uuidString.prefix(8)).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try (DefaultScenario.yaml + """

            timeline:
              - at: 20m
                action: set-zones
                add:
                  - {id: cn-gov-pudong, name: Pudong New Area government, market: CN, kind: government-organ, center: [31.2215, 121.5440], radius-m: 600}
                  - {id: cn-gov-xuhui, name: Xuhui district government, market: CN, kind: government-organ, center: [31.1885, 121.4365], radius-m: 600}
                  - {id: cn-gov-minhang, name: Minhang district government, market: CN, kind: government-organ, center: [31.1128, 121.3817], radius-m: 600}
                  - {id: cn-gov-jiading, name: Jiading district government, market: CN, kind: government-organ, center: [31.3830, 121.2460], radius-m: 600}

            """).write(to: url, atomically: true, encoding: .utf8)
        let doc = try Self.object(try Run(["snapshot", "--what-if", "District governments listed", "--from", "20m", "--at", "3h", "--format", "json"]))
        let merged = try Self.object(try Run(["snapshot", "--scenario", url.path, "--at", "3h", "--format", "json"]))
        let plain = try Self.object(try Run(["snapshot", "--at", "3h", "--format", "json"]))
        #expect(Self.same(doc["variant"], merged), "the variant is the snapshot of the scenario with set-zones")
        #expect(Self.same(doc["baseline"], plain))
        let byRule = try #require(((doc["delta"] as? [String: Any])?["alerts"] as? [String: Any])?["by_rule"] as? [[String: Any]])
        let cn2 = try #require(byRule.first { $0["rule"] as? String == "CN-2" }?["raised"] as? [String: Int])
        #expect(cn2["variant"]! > cn2["baseline"]!, "\(cn2)")
        // Only the law changed: every car sent the same bytes to the same places.
        let carsB = try #require((doc["baseline"] as? [String: Any])?["vehicles"] as? [[String: Any]])
        let carsV = try #require((doc["variant"] as? [String: Any])?["vehicles"] as? [[String: Any]])
        #expect(zip(carsB, carsV).allSatisfy { Self.same($0["by_destination"], $1["by_destination"]) })
    }

    /// A what-if's apps: the variant is the scenario with a `set-apps` written by hand, byte for
    /// byte; the US cars' bytes to the app server in China stop, and US-2 (a US car's precise
    /// location reaching China) raises less.
    @Test func anAppsWhatIfIsTheScenarioWithSetApps() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-apps-\(UUID().uuidString.prefix(8)).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try (DefaultScenario.yaml + """

            timeline:
              - {at: 10m, action: set-apps, region: us, third-party-telemetry: []}

            """).write(to: url, atomically: true, encoding: .utf8)
        let doc = try Self.object(try Run(["snapshot", "--what-if", "car apps hosted in china barred in the us", "--from", "10m", "--at", "2h", "--format", "json"]))
        let merged = try Self.object(try Run(["snapshot", "--scenario", url.path, "--at", "2h", "--format", "json"]))
        #expect(Self.same(doc["variant"], merged), "the variant is the snapshot of the scenario with set-apps")
        let regions = try #require((doc["delta"] as? [String: Any])?["regions"] as? [[String: Any]])
        let us = try #require(regions.first { $0["region"] as? String == "us" }?["cross_border_bytes"] as? [String: Int])
        #expect(us["delta"]! < 0 && us["variant"]! < us["baseline"]! / 10, "US cars' bytes abroad mostly stop: \(us)")
        let byRule = try #require(((doc["delta"] as? [String: Any])?["alerts"] as? [String: Any])?["by_rule"] as? [[String: Any]])
        let us2 = try #require(byRule.first { $0["rule"] as? String == "US-2" }?["raised"] as? [String: Int])
        #expect(us2["baseline"]! > 0 && us2["variant"]! < us2["baseline"]!, "US-2: \(us2)")
    }

    /// A what-if's class mix: the variant is the scenario with a `set-class-mix` written by hand,
    /// byte for byte; more drivers are restricted and CN-3 raises more.
    @Test func aClassMixWhatIfIsTheScenarioWithSetClassMix() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-mix-\(UUID().uuidString.prefix(8)).yaml")
        defer { try? FileManager.default.removeItem(at: url) }
        try (DefaultScenario.yaml + """

            timeline:
              - {at: 10m, action: set-class-mix, region: shanghai, classes: {private: 76, corporate: 12, government: 4, military: 3, key-soe: 5}}

            """).write(to: url, atomically: true, encoding: .utf8)
        let doc = try Self.object(try Run(["snapshot", "--what-if", "twice the state staff in shanghai", "--from", "10m", "--at", "2h", "--format", "json"]))
        let merged = try Self.object(try Run(["snapshot", "--scenario", url.path, "--at", "2h", "--format", "json"]))
        #expect(Self.same(doc["variant"], merged), "the variant is the snapshot of the scenario with set-class-mix")
        let restricted = { (d: Any?) in ((d as? [String: Any])?["fleet"] as? [String: Any])?["restricted_vehicles"] as? Int ?? -1 }
        #expect(restricted(doc["variant"]) > restricted(doc["baseline"]), "\(restricted(doc["baseline"])) → \(restricted(doc["variant"]))")
        let pair = try #require((doc["delta"] as? [String: Any])?["restricted_vehicles"] as? [String: Int])
        #expect(pair == ["baseline": restricted(doc["baseline"]), "variant": restricted(doc["variant"]), "delta": restricted(doc["variant"]) - restricted(doc["baseline"])])
        let byRule = try #require(((doc["delta"] as? [String: Any])?["alerts"] as? [String: Any])?["by_rule"] as? [[String: Any]])
        let cn3 = byRule.filter { ($0["rule"] as? String)?.hasPrefix("CN-3") == true }.compactMap { $0["raised"] as? [String: Int] }
        #expect(cn3.map { $0["variant"]! }.reduce(0, +) > cn3.map { $0["baseline"]! }.reduce(0, +))
        // Every car whose driver changed class is listed, with both classes, as the two documents state them.
        let carsB = try #require((doc["baseline"] as? [String: Any])?["vehicles"] as? [[String: Any]])
        let carsV = try #require((doc["variant"] as? [String: Any])?["vehicles"] as? [[String: Any]])
        let classOf = { (car: [String: Any]) in (car["driver"] as? [String: Any])?["class"] as? String ?? "" }
        let moved = Dictionary(uniqueKeysWithValues: zip(carsB, carsV).filter { classOf($0) != classOf($1) }.map { (b, v) in (b["vin"] as! String, (classOf(b), classOf(v))) })
        let listed = try #require((doc["delta"] as? [String: Any])?["vehicles"] as? [[String: Any]])
        let listedMoves = listed.filter { $0["class"] as? String != $0["variant_class"] as? String }
        #expect(!moved.isEmpty && listedMoves.count == moved.count)
        for car in listedMoves {
            #expect(moved[car["vin"] as? String ?? ""].map { [$0.0, $0.1] } == [car["class"] as? String ?? "", car["variant_class"] as? String ?? ""])
        }
    }

    @Test func theSplitScreenIsDrawnInEveryPictureFormat() throws {
        for format in ["txt", "svg", "html", "ansi"] {
            let run = try Run(["snapshot", "--what-if", Self.whatIf, "--from", "5m", "--at", "30m", "--format", format, "--width", "120", "--height", "40"])
            #expect(run.status == 0, "\(format): \(run.stderr)")
            for text in ["Baseline", "What-if: Pre-2021 routing", "Cars that differ", "Left their country"] {
                #expect(run.stdout.contains(text), "\(format): no '\(text)'")
            }
        }
    }

    @Test(arguments: [
        (["--what-if", "nothing such"], "is no file and no what-if of \"Default fleet\"; its what-ifs: 'Pre-2021 routing', 'Camera clips to US AI training', 'US rules of 2027', 'District governments listed', 'Twice the state staff in Shanghai', 'Car apps hosted in China barred in the US'"),
        (["--from", "2h"], "--from applies to --what-if"),
        (["--what-if", "Pre-2021 routing", "--format", "csv"], "--what-if writes json, txt, ansi, svg or html, not csv"),
        (["--what-if", "Pre-2021 routing", "--view", "map"], "--what-if draws its own split screen"),
    ])
    func aBadWhatIfArgumentSaysWhy(_ arguments: [String], _ message: String) throws {
        let run = try Run(["snapshot"] + arguments)
        #expect(run.status != 0 && run.output.isEmpty)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test func aWhatIfFileIsCheckedAgainstTheScenario() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-whatif-\(UUID().uuidString.prefix(8)).yaml")
        try "name: typo\nrouting: {CN: {camera-clip: tesla-aj}}\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let run = try Run(["snapshot", "--what-if", url.path, "--format", "json"])
        #expect(run.status != 0 && run.output.isEmpty)
        #expect(run.stderr.contains("\(url.path):2:29: error: undefined service 'tesla-aj'; did you mean 'tesla-ai'?"), "\(run.stderr)")
    }

    // MARK: the live view

    /// What the split screen should say at `time`: the baseline and the merged scenario, each
    /// run straight there.
    static func straight(_ app: App, at time: SimTime, from: SimTime) throws -> WhatIfComparison {
        let w = try #require(Scenario.builtIn.whatIf(named: whatIf))
        var b = try Scenario.builtIn.makeMonitor()
        b.run(until: time)
        var v = try Scenario.builtIn.applying(w, from: from - .zero).makeMonitor()
        v.run(until: time)
        var state = app.state
        state.view = .whatIf
        var c = WhatIfComparison(
            name: w.name, description: w.description, from: from,
            baseline: app.builder.build(monitor: b, state: state, rows: .all), variant: app.builder.build(monitor: time >= from ? v : b, state: state, rows: .all),
            baselineCrossBorder: b.crossBorderBytes(of:), variantCrossBorder: (time >= from ? v : b).crossBorderBytes(of:))
        c.pending = time < from
        return c
    }

    @Test func theLiveForkFollowsJumpsInTime() throws {
        var s = TimeTravelTests.Session(loop: ProgramLoop(try TimeTravelTests.app(at: 1800, paused: true)))
        s.settle()
        s.press([.character("i")])
        #expect(s.loop.program.state.whatIfMenu == 0, "i opens the menu")
        #expect(s.frame().description.contains("Pre-2021 routing"))
        s.press([.enter])
        #expect(s.loop.program.state.view == .whatIf && s.loop.program.whatIf?.from == SimTime.zero + .seconds(Int64(1800)))
        let from = SimTime.zero + .seconds(Int64(1800))
        func check(_ seconds: Int64, _ what: String) throws {
            let t = SimTime.zero + .seconds(seconds)
            #expect(s.loop.program.monitor.now == t, "\(what): the time")
            let got = try #require(s.loop.program.whatIfComparison(), "\(what): no comparison")
            let want = try Self.straight(s.loop.program, at: t, from: from)
            #expect(got == want, "\(what): \(got.crossBorder) against \(want.crossBorder), \(got.cars.count) cars against \(want.cars.count)")
            #expect(s.frame().description.contains("What-if: Pre-2021 routing"), "\(what): the split screen")
        }
        s.go("+20m")
        try check(3000, "on 20 minutes")
        s.go("20m")
        try check(1200, "back before the what-if: both sides the baseline")
        s.go("1h")
        try check(3600, "on past the what-if's time: it forked on the way")
        s.go("40m")
        try check(2400, "back to after the what-if: rebuilt from a checkpoint")
        s.press([.character("i"), .end, .enter])
        #expect(s.loop.program.whatIf == nil && s.loop.program.state.view != .whatIf, "the last row takes the what-if away")
    }
}

/// The real binary in tmux: paused at 30m, `i` Enter applies "Pre-2021 routing" from 30m; after
/// `}` (ten minutes on) and `{` `{` (back to 20m, before the what-if) and `g 50m` (past it
/// again), each screen is the split screen `fleetwatch snapshot --what-if … --from 30m --at T`
/// writes at the same size.
@Suite(.serialized) struct WhatIfEndToEndTests {
    static func snapshot(at seconds: Int) throws -> [String] {
        let run = try Run([
            "snapshot", "--what-if", WhatIfTests.whatIf, "--from", "30m", "--at", "\(seconds)s", "--format", "txt", "--width", "120", "--height", "40",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        return run.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(TimeTravelEndToEndTests.trimmed)
    }

    func expectSplitScreen(_ live: LiveDashboard, at seconds: Int, _ what: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let clock = String(format: "T+%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        let expected = try Self.snapshot(at: seconds)
        var shown: [String] = []
        let same = live.tmux.wait(seconds: 20) { lines in
            shown = lines.prefix(40).map(TimeTravelEndToEndTests.trimmed)
            return shown.first?.contains(clock) == true && shown == expected
        }
        if same == nil {
            for (i, (want, got)) in zip(expected, shown).enumerated() where want != got {
                Issue.record("\(what), line \(i + 1) differs:\n  pane:     \(got)\n  snapshot: \(want)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func theLiveSplitScreenIsTheSnapshotsSplitScreen() throws {
        try #require(LiveDashboard.available, "tmux is needed")
        let live = try LiveDashboard(["--at", "30m", "--paused"])
        try live.expect("the dashboard at 30m", seconds: 20) { $0.first?.contains("T+00:30:00") == true && $0.count >= 40 && $0[39].hasPrefix("↑↓ move") }
        live.tmux.type("i")
        try live.expect("the what-if menu", seconds: 5) { $0.contains { $0.contains("Pre-2021 routing") } }
        live.tmux.sendKeys("Enter")
        try expectSplitScreen(live, at: 1800, "applied at 30m")
        live.tmux.type("}")
        try expectSplitScreen(live, at: 2400, "ten minutes on")
        live.tmux.type("{")
        live.tmux.type("{")
        try expectSplitScreen(live, at: 1200, "back to 20m, before the what-if")
        live.tmux.sendKeys("g")
        live.tmux.type("50m")
        live.tmux.sendKeys("Enter")
        try expectSplitScreen(live, at: 3000, "on to 50m: forked again at 30m on the way")
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}

/// The briefing's chapter 7 shows the what-if its captions describe: the same cars from 08:18,
/// had their data gone on to the US. Only where the bytes go differs: no car's bytes change,
/// the Shanghai cars' bytes abroad grow, the US cars' stay as they were.
@Suite struct WhatIfBriefingTests {
    @Test func chapterSevenIsTheSplitScreenOfItsCaption() throws {
        let briefing = try Scenario.parse(text: DemoBriefing.yaml, file: "<briefing>")
        let script = DemoScript(scenario: briefing)
        let index = try #require(script.chapters.firstIndex { $0.title.hasPrefix("Had the data not moved") })
        var player = try DemoPlayer(scenario: briefing, script: script, view: DemoFixtures.view, width: 160, height: 48, loop: false)
        _ = player.jump(toChapter: index)
        for wall in stride(from: 0.5, through: 12, by: 0.5) { _ = player.advance(toWall: wall) }
        let app = player.app
        #expect(app.state.view == .whatIf && app.monitor.now > SimTime.zero + .seconds(Int64(20 * 60 + 30)))
        let got = try #require(app.whatIfComparison())
        let w = try #require(briefing.whatIf(named: "Had the data stayed in the US"))
        let from = SimTime.zero + .seconds(Int64(18 * 60))
        #expect(got.from == from)

        var b = try briefing.makeMonitor(), v = try briefing.applying(w, from: from - .zero).makeMonitor()
        b.run(until: app.monitor.now)
        v.run(until: app.monitor.now)
        var state = app.state
        state.view = .whatIf
        let want = WhatIfComparison(
            name: w.name, description: w.description, from: from,
            baseline: app.builder.build(monitor: b, state: state, rows: .all), variant: app.builder.build(monitor: v, state: state, rows: .all),
            baselineCrossBorder: b.crossBorderBytes(of:), variantCrossBorder: v.crossBorderBytes(of:))
        #expect(got == want, "the demo's fork is the merged scenario's run")

        #expect(got.cars.allSatisfy { !$0.bytes.changed }, "only where the bytes go differs")
        let shanghai = try #require(got.regions.first { $0.market == .cn }), us = try #require(got.regions.first { $0.market == .us })
        #expect(shanghai.crossBorder.variant > shanghai.crossBorder.baseline && !us.crossBorder.changed)
        #expect(player.view().0.description.contains("What-if: Had the data stayed in the US"))
    }
}
