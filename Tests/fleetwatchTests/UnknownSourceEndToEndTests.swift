import Foundation
import Testing
import TestSupport

/// A source run with unmapped records, as a user runs it (docs/source.md, "Unmapped records"):
/// goflow2 records of inventory cars and of addresses no inventory names, to known servers and
/// to servers nobody names. The screen (a golden file), the JSON (the schema, the accounting's
/// laws with the JSON's CSV, the unknown rows), and the run's own flow log read back.
@Suite struct UnknownSourceEndToEndTests {
    /// 150 goflow2 records over five minutes from 2025-11-30 00:00 UTC, ten seconds apart, five
    /// kinds: a known car to a known server, a known car to a server nobody names, an unknown car
    /// to Baidu Maps, an unknown car to a server nobody names, Chinese streaming to an unknown car.
    static func records() -> String {
        let t0: Int64 = 1_764_460_800_000_000_000
        var lines: [String] = []
        func record(_ src: String, _ dst: String, _ bytes: Int, at k: Int, srcPort: Int = 50_000, dstPort: Int = 443) {
            let start = t0 + Int64(k) * 10_000_000_000, end = start + 5_000_000_000
            lines.append("{\"type\":\"IPFIX\",\"time_received_ns\":\(end),\"sampling_rate\":1,\"sampler_address\":\"192.0.2.1\","
                + "\"time_flow_start_ns\":\(start),\"time_flow_end_ns\":\(end),\"bytes\":\(bytes),\"packets\":\(max(1, bytes / 1200)),"
                + "\"src_addr\":\"\(src)\",\"dst_addr\":\"\(dst)\",\"etype\":\"IPv4\",\"proto\":\"TCP\",\"src_port\":\(srcPort),\"dst_port\":\(dstPort)}")
        }
        for k in 0..<30 {
            record("100.64.0.1", "203.0.113.10", 4000 + k, at: k)
            record("100.64.0.2", "198.18.7.7", 20_000 + k, at: k)
            record("10.9.9.9", "203.0.113.40", 3000, at: k)
            record("10.9.9.10", "192.0.2.99", 1500, at: k)
            record("203.0.113.60", "10.9.9.11", 90_000, at: k, srcPort: 443, dstPort: 50_001)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The records and an inventory of the built-in scenario's 60 cars, in a new directory.
    static func fixture() throws -> (dir: URL, flows: String, inventory: String) {
        let dir = try SourceEndToEndTests.directory()
        let flows = dir.appendingPathComponent("goflow.json").path, inventory = dir.appendingPathComponent("inventory.yaml").path
        try records().write(toFile: flows, atomically: true, encoding: .utf8)
        let inv = try Run(["snapshot", "--at", "5m", "--vehicles", "60", "--format", "inventory", "--out", inventory])
        #expect(inv.status == 0, "\(inv.stderr)")
        return (dir, flows, inventory)
    }

    @Test func theScreenShowsTheUnknownRowsAndCountsTheUnmapped() throws {
        let (dir, flows, inventory) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try Run(["snapshot", "--source", flows, "--inventory", inventory, "--at", "4m", "--format", "txt", "--width", "140", "--height", "45"])
        #expect(run.status == 0, "\(run.stderr)")
        // The file's directory is a new one each run: the header names the file as given.
        assertSnapshot(run.stdout.replacingOccurrences(of: dir.path + "/", with: ""), named: "source-unknown-140x45.txt")
        #expect(run.stderr.contains("unmapped: 90 records (2835000 bytes) of no car in the inventory, 30 (600435 bytes) to no known server; counted as unknown, 3 unknown cars"),
                "\(run.stderr)")
    }

    @Test func theJSONHasTheUnknownRowsAndTheLawsHold() throws {
        let (dir, flows, inventory) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["snapshot", "--source", flows, "--inventory", inventory, "--at", "4m"]
        let json = try Run(args + ["--format", "json"]), csv = try Run(args + ["--format", "csv"])
        #expect(json.status == 0 && csv.status == 0, "\(json.stderr)\(csv.stderr)")
        try validateAgainstSchema(json.stdout)
        let (problems, window) = try accountingViolations(json: Data(json.output), csv: csv.stdout)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(window > 0)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])
        let regions = try #require(doc["regions"] as? [[String: Any]])
        let unknown = try #require(regions.first { $0["id"] as? String == "unknown" })
        #expect(unknown["market"] as? String == "??" && unknown["vehicles"] as? Int == 3 && unknown["cross_border_bytes"] as? Int == 0)
        let countries = try #require(doc["countries"] as? [[String: Any]])
        #expect(countries.contains { $0["country"] as? String == "??" && $0["name"] as? String == "unknown" && ($0["bytes"] as? Int ?? 0) > 0 })
        let services = try #require(doc["services"] as? [[String: Any]])
        #expect(services.contains { $0["service"] as? String == "unknown" && $0["country"] as? String == "??" })
        let vehicles = try #require(doc["vehicles"] as? [[String: Any]])
        let cars = vehicles.filter { $0["market"] as? String == "??" }
        #expect(cars.map { $0["address"] as? String } == ["10.9.9.9", "10.9.9.10", "10.9.9.11"], "made in the order first seen")
        #expect(cars.allSatisfy { $0["vin"] is NSNull && $0["region"] as? String == "unknown" && $0["open_alerts"] as? Int == 0 })
        let source = try #require(doc["source"] as? [String: Any]), unmapped = try #require(source["unmapped"] as? [String: Any])
        #expect(unmapped["no_car_records"] as? Int == 90 && unmapped["no_server_records"] as? Int == 30)
        #expect(unmapped["unknown_cars"] as? Int == 3 && unmapped["other_unknown_flows"] as? Int == 0)
        // The CSV names them by their address, with no VIN.
        let rows = parseCSV(csv.stdout)
        let header = try #require(rows.first), vin = try #require(header.firstIndex(of: "vin")), address = try #require(header.firstIndex(of: "address"))
        let market = try #require(header.firstIndex(of: "market"))
        #expect(rows.dropFirst().filter { $0[market] == "??" }.map { [$0[vin], $0[address]] } == [["", "10.9.9.9"], ["", "10.9.9.10"], ["", "10.9.9.11"]])
    }

    /// The run's own flow log (`--format ndjson`) keeps the unknown: read back with the same
    /// inventory, it gives the same JSON.
    @Test func theFlowLogOfASourceRunReadBackKeepsTheUnknownRows() throws {
        let (dir, flows, inventory) = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = dir.appendingPathComponent("log.ndjson").path
        let args = ["snapshot", "--inventory", inventory, "--at", "4m"]
        let first = try Run(args + ["--source", flows, "--format", "json"])
        let written = try Run(args + ["--source", flows, "--format", "ndjson", "--out", log])
        let again = try Run(args + ["--source", log, "--format", "json"])
        #expect(first.status == 0 && written.status == 0 && again.status == 0, "\(written.stderr)\(again.stderr)")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("\"sourceIPv4Address\":\"10.9.9.9\"") && text.contains("\"service\":\"unknown\",\"serverName\":\"\",\"country\":\"??\""))
        let a = try SourceEndToEndTests.comparable(first.output), b = try SourceEndToEndTests.comparable(again.output)
        // The goflow2 run's calendar starts at its first record's minute, the log's at the
        // scenario's start (FleetWatch's times are from the run's start): the clocks and the
        // compliance windows' dates aside (no unknown flow counts toward them), alike.
        let clocks = ["calendar_time", "utc_time", "local_time", "compliance."]
        let diff = SourceEndToEndTests.differences(a, b).filter { d in !clocks.contains { d.contains($0) } }
        #expect(diff.isEmpty, "\(diff.count) differences: \(diff.prefix(20).joined(separator: "\n"))")
        #expect(again.stderr.contains("counted as unknown, 3 unknown cars"), "\(again.stderr)")
    }
}
