import Foundation
import Testing
import TestSupport

/// `fleetwatch stream`, run as a user runs it: its flow lines are the snapshot's flow log, its
/// alert events add up to the snapshot's alerts, and it feeds real programs — Debian's
/// mosquitto broker carrying it into `--source -`, and Debian's prometheus scraping `--metrics`.
/// Every process a test starts is a `Background`, stopped when the test ends, also on failure.
@Suite struct StreamEndToEndTests {
    static let kinds: Set<String> = ["raised", "escalated", "updated", "acknowledged", "closed"]

    /// The lines of a stream, split into flow lines and alert events.
    struct Lines {
        var flows: [Substring] = []
        var alerts: [Substring] = []

        init(_ text: String) {
            for line in text.split(separator: "\n") {
                if line.hasPrefix(#"{"alert_event":"#) { alerts.append(line) } else { flows.append(line) }
            }
        }
    }

    static func object(_ line: Substring) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "a JSON object: \(line.prefix(200))")
    }

    static func flowID(_ line: Substring) throws -> Int {
        try #require(try object(line)["flowId"] as? Int)
    }

    static func sortedByFlowID(_ lines: [Substring]) throws -> [Substring] {
        try lines.map { (try flowID($0), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// Debian's mosquitto on a port of its own on loopback, listening: no persistence, every
    /// message kept for a subscriber (QoS 1, no queue limit), its log on standard error. The
    /// caller stops it (`defer { broker.stop() }`).
    static func broker(_ mosquitto: String, config: String) throws -> (Background, UInt16) {
        let port = try Loopback.freePort()
        try """
            listener \(port) 127.0.0.1
            allow_anonymous true
            persistence false
            max_queued_messages 0
            log_dest stderr
            log_type all
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let broker = try Background(mosquitto, ["-c", config])
        #expect(Loopback.wait(seconds: 10) { broker.errors.contains("Opening ipv4 listen socket on port \(port)") }, "mosquitto listens: \(broker.errors)")
        return (broker, port)
    }

    // MARK: - The stream's records

    @Test func theFlowLinesAreTheSnapshotsFlowLogAndTheAlertEventsItsAlerts() throws {
        let at = "15m"
        let stream = try Run(["stream", "--fast", "--until", at], seconds: 60)
        let log = try Run(["snapshot", "--at", at, "--format", "ndjson"], seconds: 60)
        let json = try Run(["snapshot", "--at", at, "--format", "json"], seconds: 60)
        #expect(stream.status == 0 && log.status == 0 && json.status == 0, "\(stream.stderr)\(log.stderr)\(json.stderr)")
        #expect(stream.stderr.isEmpty, "\(stream.stderr)")
        let lines = Lines(stream.stdout)

        // Flows: the same lines, byte for byte, numbered in the order the stream wrote them.
        let snapshotLines = log.stdout.split(separator: "\n")
        #expect(lines.flows.count > 5_000)
        #expect(try lines.flows.map(Self.flowID) == Array(1..<(lines.flows.count + 1)), "flowIds count up in the order written")
        #expect(try Self.sortedByFlowID(lines.flows) == Self.sortedByFlowID(snapshotLines))

        // Alerts: well-formed, and they account for the snapshot's alerts.
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])
        let alerts = try #require(document["alerts"] as? [String: Any])
        let prefix = try Regex(#"^\{"alert_event":"([a-z]+)","time_ns":(-?[0-9]+),"time_s":[-0-9.e]+,"alert":\{"id":"#)
        var raised: [Int] = [], closed: [Int] = [], last: [Int: [String: Any]] = [:]
        var previousTime: Int64 = 0
        for line in lines.alerts {
            let match = try #require(try prefix.firstMatch(in: String(line)), "the keys in their order: \(line.prefix(120))")
            let kind = try #require(match.output[1].substring.map(String.init))
            #expect(Self.kinds.contains(kind), "\(kind)")
            let o = try Self.object(line)
            let time = try #require(o["time_ns"] as? Int64)
            #expect(abs((o["time_s"] as? Double ?? -1) - Double(time) / 1e9) < 1e-3)
            #expect(time >= previousTime - 120_000_000_000, "in time order, step by step")
            previousTime = max(previousTime, time)
            let alert = try #require(o["alert"] as? [String: Any])
            let id = try #require(alert["id"] as? Int)
            switch kind {
            case "raised":
                #expect(last[id] == nil, "alert \(id) is raised once")
                #expect(alert["start_ns"] as? Int64 == time)
                raised.append(id)
            case "closed":
                #expect(last[id] != nil, "alert \(id) closes after it was raised")
                #expect(alert["end_ns"] as? Int64 == time)
                closed.append(id)
            default:
                #expect(last[id] != nil, "alert \(id): \(kind) after it was raised")
            }
            last[id] = alert
        }
        #expect(raised.count == alerts["raised"] as? Int, "one raised event per alert the snapshot counts")
        #expect(raised == Array(1..<(raised.count + 1)), "ids in raise order")
        #expect(raised.count - closed.count == alerts["open_count"] as? Int)
        #expect(lines.alerts.contains { $0.hasPrefix(#"{"alert_event":"updated""#) }, "more flows joined some alert")
        // Each alert's last event carries it as the snapshot shows it at the same time.
        let shown = (alerts["open"] as? [[String: Any]] ?? []) + (alerts["recent"] as? [[String: Any]] ?? [])
        #expect(!shown.isEmpty)
        for alert in shown {
            let id = try #require(alert["id"] as? Int)
            let streamed = try #require(last[id], "alert \(id) was streamed")
            #expect(NSDictionary(dictionary: streamed) == NSDictionary(dictionary: alert), "alert \(id) as the snapshot has it")
        }
    }

    @Test func recordsChoosesWhatIsWritten() throws {
        let flows = try Run(["stream", "--fast", "--until", "5m", "--records", "flows"])
        let alerts = try Run(["stream", "--fast", "--until", "5m", "--records", "alerts"])
        let both = try Run(["stream", "--fast", "--until", "5m", "--records", "alerts,flows"])
        #expect(flows.status == 0 && alerts.status == 0 && both.status == 0, "\(flows.stderr)\(alerts.stderr)\(both.stderr)")
        let all = Lines(both.stdout)
        #expect(!all.flows.isEmpty && !all.alerts.isEmpty)
        #expect(Lines(flows.stdout).alerts.isEmpty && Lines(flows.stdout).flows == all.flows)
        #expect(Lines(alerts.stdout).flows.isEmpty && Lines(alerts.stdout).alerts == all.alerts)
    }

    @Test func aReaderThatGoesAwayEndsTheStreamWithStatusZero() throws {
        let bash = try #require(Tools.onPath("bash"))
        let binary = Run.binary.path
        // Both run forever: only the closed pipe ends them, and head sees lines only if the
        // stream flushes as it goes (the fleet's first flows end some ten simulated seconds in).
        for args in ["--fast", "--speed 10"] {
            let r = Spawn.run(bash, ["-c", "set -o pipefail; '\(binary)' stream \(args) | head -n 3 > /dev/null"], seconds: 20)
            #expect(r.status == 0, "stream \(args) | head: status \(r.status): \(r.stderrText)")
            #expect(r.stderrText.isEmpty, "quietly: \(r.stderrText)")
        }
    }

    @Test func badArgumentsAreOneLineAndNonZero() throws {
        let cases: [([String], String)] = [
            (["--records", "flow"], "--records takes flows, alerts or flows,alerts"),
            (["--fast", "--speed", "2"], "--fast and --speed exclude each other"),
            (["--speed", "0"], "--speed must be between 1 and 10000"),
            (["--until", "0s"], "--until must be later than 0s"),
            (["--metrics", "example.org:9464"], "is no IPv4 address"),
            (["--metrics", "127.0.0.1:70000"], "the port must be a number from 0 to 65535"),
            (["--inventory", "x.yaml"], "--inventory applies to --source"),
        ]
        for (args, message) in cases {
            let r = try Run(["stream"] + args)
            #expect(r.status == 64, "\(args): \(r.status)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        // A port already taken: said, with what to do, status 1.
        let port = try Loopback.freePort()
        let first = try Background(Run.binary.path, ["stream", "--records", "alerts", "--metrics", "127.0.0.1:\(port)"])
        #expect(Loopback.wait(seconds: 10) { first.errors.contains("metrics at http://127.0.0.1:\(port)/metrics") }, "\(first.errors)")
        let second = try Run(["stream", "--metrics", "127.0.0.1:\(port)"])
        #expect(second.status == 1, "\(second.status)")
        #expect(second.stderr.contains("--metrics 127.0.0.1:\(port): cannot listen") && second.stderr.contains("choose another port"), "\(second.stderr)")
        first.stop()
    }

    /// The stream of a source is the source's flows again: a stream read back is the same stream.
    @Test func aStreamReadBackAsASourceStreamsTheSameFlows() throws {
        let dir = try SourceEndToEndTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flows = dir.appendingPathComponent("stream.ndjson").path, inventory = dir.appendingPathComponent("inventory.yaml").path
        let first = try Run(["stream", "--fast", "--until", "5m"])
        let inv = try Run(["snapshot", "--at", "5m", "--format", "inventory", "--out", inventory])
        #expect(first.status == 0 && inv.status == 0, "\(first.stderr)\(inv.stderr)")
        try first.stdout.write(toFile: flows, atomically: true, encoding: .utf8)
        let again = try Run(["stream", "--fast", "--source", flows, "--inventory", inventory, "--until", "5m", "--records", "flows"], seconds: 60)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("not flows, skipped"), "the alert events were skipped: \(again.stderr)")
        #expect(Lines(again.stdout).flows == Lines(first.stdout).flows)
    }

    // MARK: - Real programs

    /// The stream through Debian's mosquitto: published line by line, subscribed into
    /// `snapshot --source -`, it gives the simulated snapshot's JSON (less what a flow record
    /// cannot carry: SourceEndToEndTests.excluded).
    @Test(.timeLimit(.minutes(2))) func theStreamThroughMosquittoGivesTheSimulatedSnapshot() throws {
        try Self.throughMosquitto(at: "10m") { binary, pub, port in
            "set -e; '\(binary)' stream --fast --until 10m | '\(pub)' -h 127.0.0.1 -p \(port) -q 1 -i fleetwatch-test-pub -l -t fleet/flows"
        }
    }

    /// The simulated snapshot at `at` against the one a subscriber of Debian's mosquitto gives
    /// through `snapshot --source -` (with `readerOptions`) while the shell script `publish`
    /// (given the binary, mosquitto_pub and the port) publishes the run's stream into the topic
    /// (`flowsOnly`: its flow lines only): the same JSON, less what a flow record cannot carry
    /// (SourceEndToEndTests.excluded).
    /// Every process it starts is stopped when it returns.
    static func throughMosquitto(
        at: String, flowsOnly: Bool = false, readerOptions: [String] = [], publish: (String, String, UInt16) -> String
    ) throws {
        let mosquitto = try Loopback.require("mosquitto", package: "mosquitto")
        let pub = try Loopback.require("mosquitto_pub", package: "mosquitto-clients")
        let sub = try Loopback.require("mosquitto_sub", package: "mosquitto-clients")
        let dir = try SourceEndToEndTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = Run.binary.path
        let inventory = dir.appendingPathComponent("inventory.yaml").path, config = dir.appendingPathComponent("mosquitto.conf").path
        let simulated = try Run(["snapshot", "--at", at, "--format", "json"], seconds: 60)
        let inv = try Run(["snapshot", "--at", at, "--format", "inventory", "--out", inventory], seconds: 60)
        let count = try Run(["stream", "--fast", "--until", at] + (flowsOnly ? ["--records", "flows"] : []), seconds: 60)
        #expect(simulated.status == 0 && inv.status == 0 && count.status == 0, "\(simulated.stderr)\(inv.stderr)\(count.stderr)")
        let published = count.stdout.split(separator: "\n").count

        let (broker, port) = try broker(mosquitto, config: config)
        defer { broker.stop() }
        // The reader: every message (-C: then it exits, which ends the source) into the snapshot;
        // alert events among them are skipped.
        let reader = try Background(shell: """
            '\(sub)' -h 127.0.0.1 -p \(port) -q 1 -i fleetwatch-test-sub -t fleet/flows -C \(published) \
            | '\(binary)' snapshot --source - \(readerOptions.joined(separator: " ")) --inventory '\(inventory)' --at \(at) --format json
            """, name: "mosquitto_sub | fleetwatch snapshot")
        defer { reader.stop() }
        #expect(Loopback.wait(seconds: 10) { broker.errors.contains("fleetwatch-test-sub 1 fleet/flows") }, "subscribed: \(broker.errors)")

        let writer = Spawn.run("/bin/sh", ["-c", publish(binary, pub, port)], seconds: 90)
        #expect(writer.status == 0, "the publishers: \(writer.status) \(writer.stderrText)")
        let status = reader.wait(seconds: 90)
        #expect(status == 0, "mosquitto_sub | snapshot: \(String(describing: status)) \(reader.errors)")
        #expect(reader.errors.contains(": \(published) records (fleetwatch)"), "every message arrived: \(reader.errors)")
        let a = try SourceEndToEndTests.comparable(simulated.output), b = try SourceEndToEndTests.comparable(Array(reader.output.utf8))
        let diff = SourceEndToEndTests.differences(a, b)
        #expect(diff.isEmpty, "\(diff.count) differences: \(diff.prefix(20).joined(separator: "\n"))")
        #expect(((a["alerts"] as? [String: Any])?["raised"] as? Int ?? 0) > 5, "alerts are raised, and compared")
    }

    /// Debian's prometheus scrapes `stream --metrics` every second: its targets API shows the
    /// target up, its query API returns the series.
    @Test(.timeLimit(.minutes(2))) func prometheusScrapesTheStreamsMetrics() throws {
        let prometheus = try Loopback.require("prometheus", package: "prometheus")
        let dir = try SourceEndToEndTests.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let stream = try Background(Run.binary.path, ["stream", "--speed", "60", "--records", "alerts", "--metrics", "127.0.0.1:0"])
        defer { stream.stop() }
        var address = ""
        #expect(Loopback.wait(seconds: 10) {
            guard let range = stream.errors.range(of: #"127\.0\.0\.1:[0-9]+"#, options: .regularExpression) else { return false }
            address = String(stream.errors[range])
            return true
        }, "the bound address is said: \(stream.errors)")
        try #require(!address.isEmpty)
        let direct = try #require(Loopback.get("http://\(address)/metrics"), "fleetwatch answers /metrics")
        #expect(direct.status == 200 && direct.body.contains("# TYPE fleetwatch_cars gauge"), "\(direct.body.prefix(300))")
        #expect(Loopback.get("http://\(address)/nothing")?.status == 404)

        let config = dir.appendingPathComponent("prometheus.yml").path
        try """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: fleetwatch
                static_configs:
                  - targets: ["\(address)"]
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let port = try Loopback.freePort()
        let server = try Background(prometheus, [
            "--config.file=\(config)", "--storage.tsdb.path=\(dir.appendingPathComponent("tsdb").path)",
            "--web.listen-address=127.0.0.1:\(port)",
        ])
        defer { server.stop() }
        let api = "http://127.0.0.1:\(port)/api/v1"
        func json(_ url: String) -> [String: Any]? {
            Loopback.get(url).flatMap { try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any] }
        }
        var health = ""
        let up = Loopback.wait(seconds: 40) {
            let targets = (json("\(api)/targets")?["data"] as? [String: Any])?["activeTargets"] as? [[String: Any]]
            health = targets?.first { ($0["scrapeUrl"] as? String) == "http://\(address)/metrics" }?["health"] as? String ?? ""
            return health == "up"
        }
        #expect(up, "the target is up (health '\(health)'); prometheus said: \(server.errors.suffix(800))")
        for series in ["fleetwatch_cars", "fleetwatch_country_bytes_total", "fleetwatch_open_alerts", "fleetwatch_simulation_lag_seconds"] {
            var found = 0
            let present = Loopback.wait(seconds: 20) {
                let result = (json("\(api)/query?query=\(series)")?["data"] as? [String: Any])?["result"] as? [Any]
                found = result?.count ?? 0
                return found > 0
            }
            #expect(present, "\(series) is in prometheus (\(found) series)")
        }
        #expect(stream.exitStatus == nil, "the stream still runs")
    }

    /// `live --metrics`: the dashboard in tmux serves its own run, which a pause (space) holds.
    @Test(.enabled(if: LiveDashboard.available, "tmux (with timeout, pgrep, env) is not on PATH"))
    func theLiveDashboardServesItsRunsMetrics() throws {
        let port = try Loopback.freePort()
        let live = try LiveDashboard(["--at", "30m", "--metrics", "127.0.0.1:\(port)"])
        try live.firstFrame()
        func simulated() -> Double? {
            guard let body = Loopback.get("http://127.0.0.1:\(port)/metrics")?.body,
                  let line = body.split(separator: "\n").first(where: { $0.hasPrefix("fleetwatch_simulated_time_seconds ") })
            else { return nil }
            return Double(line.split(separator: " ")[1])
        }
        var first: Double?
        #expect(Loopback.wait(seconds: 10) { first = simulated(); return (first ?? 0) >= 1800 }, "the run on screen, 30 minutes in: \(String(describing: first))")
        let start = try #require(first)
        #expect(Loopback.wait(seconds: 10) { (simulated() ?? 0) >= start + 1 }, "it follows the run, paced")
        live.tmux.sendKeys("Space")
        try live.expect("space pauses") { $0.contains { $0.contains("PAUSED") } }
        usleep(500_000)
        let held = try #require(simulated())
        usleep(1_500_000)
        #expect(simulated() == held, "paused: the run, and so the metrics, hold")
        let body = Loopback.get("http://127.0.0.1:\(port)/metrics")?.body ?? ""
        #expect(body.contains("# TYPE fleetwatch_open_alerts gauge") && body.contains("fleetwatch_cars{"), "\(body.prefix(300))")
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
