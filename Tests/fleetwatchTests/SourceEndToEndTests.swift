import Foundation
import Testing
import TestSupport

/// Flows in, exactly: the flow log that `snapshot --format ndjson` writes, read back with
/// `--source` and the inventory that `snapshot --format inventory` writes, gives the simulated
/// snapshot's JSON, in order and shuffled within the tolerance.
///
/// What a flow record cannot carry is left out of the comparison, and only that (docs/source.md):
/// - the car's state (`fleet.states`, `regions[].driving`, `vehicles[].state`): a recorded car
///   is asleep until its first record and parked after it;
/// - where a car is and its battery between records (`vehicles[].position`, `vehicles[].zone`,
///   `vehicles[].battery`): a record says where the car was when its flow ended;
/// - `source`: what the records were, which a simulated snapshot has not.
@Suite struct SourceEndToEndTests {
    static let excluded: Set<String> = [
        "fleet.states", "regions[].driving", "vehicles[].state", "vehicles[].position", "vehicles[].zone",
        "vehicles[].battery", "source",
    ]

    /// The document with the excluded paths removed.
    static func comparable(_ data: [UInt8]) throws -> NSDictionary {
        func strip(_ value: Any, path: String) -> Any {
            if let object = value as? [String: Any] {
                var out: [String: Any] = [:]
                for (key, v) in object {
                    let p = path.isEmpty ? key : path + "." + key
                    if !excluded.contains(p) { out[key] = strip(v, path: p) }
                }
                return out
            }
            if let array = value as? [Any] { return array.map { strip($0, path: path + "[]") } }
            return value
        }
        let doc = try JSONSerialization.jsonObject(with: Data(data))
        return try #require(strip(doc, path: "") as? [String: Any]) as NSDictionary
    }

    /// The paths at which two documents differ, for a readable failure.
    static func differences(_ a: Any, _ b: Any, path: String = "") -> [String] {
        if let x = a as? [String: Any], let y = b as? [String: Any] {
            return Set(x.keys).union(y.keys).sorted().flatMap { key -> [String] in
                let p = path.isEmpty ? key : path + "." + key
                guard let u = x[key], let v = y[key] else { return [p + " (missing on one side)"] }
                return differences(u, v, path: p)
            }
        }
        if let x = a as? [Any], let y = b as? [Any] {
            guard x.count == y.count else { return ["\(path) (\(x.count) against \(y.count) entries)"] }
            return zip(x, y).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        }
        return (a as? NSObject) == (b as? NSObject) ? [] : ["\(path): \(a) against \(b)"]
    }

    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Records moved by less than the tolerance: each keyed by its start plus a seeded draw
    /// below `tolerance` nanoseconds, then sorted by that key.
    static func shuffled(_ lines: [Substring], tolerance: Int64, seed: UInt64) throws -> [Substring] {
        var state = seed
        func next() -> UInt64 {  // SplitMix64: the test's own draws, independent of the product's
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let keyed = try lines.map { line -> (Int64, Substring) in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let start = try #require(object["flowStartNanoseconds"] as? Int64)
            return (start + Int64(next() % UInt64(tolerance)), line)
        }
        return keyed.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    @Test(arguments: [false, true])
    func theFlowLogReadBackGivesTheSimulatedSnapshot(shuffle: Bool) throws {
        let at = "40m", dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flows = dir.appendingPathComponent("flows.ndjson").path, inventory = dir.appendingPathComponent("inventory.yaml").path
        let simulated = try Run(["snapshot", "--at", at, "--format", "json"], seconds: 60)
        let log = try Run(["snapshot", "--at", at, "--format", "ndjson", "--out", flows], seconds: 60)
        let inv = try Run(["snapshot", "--at", at, "--format", "inventory", "--out", inventory], seconds: 60)
        #expect(simulated.status == 0 && log.status == 0 && inv.status == 0, "\(simulated.stderr)\(log.stderr)\(inv.stderr)")
        var lines = try String(contentsOfFile: flows, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 10_000)
        if shuffle {
            let reordered = try Self.shuffled(lines, tolerance: 60_000_000_000, seed: 18)
            #expect(reordered != lines, "the shuffle moves records")
            lines = reordered
            try (lines.joined(separator: "\n") + "\n").write(toFile: flows, atomically: true, encoding: .utf8)
        }
        let read = try Run(["snapshot", "--at", at, "--source", flows, "--inventory", inventory, "--format", "json"], seconds: 120)
        #expect(read.status == 0, "\(read.stderr)")
        #expect(read.stderr.contains(": \(lines.count) records (fleetwatch)"), "\(read.stderr)")
        let a = try Self.comparable(simulated.output), b = try Self.comparable(read.output)
        let diff = Self.differences(a, b)
        #expect(diff.isEmpty, "\(diff.count) differences: \(diff.prefix(20).joined(separator: "\n"))")
        // The comparison is not empty: the fields that carry the accounts are in it.
        #expect((a["vehicles"] as? [Any])?.count ?? 0 > 100)
        #expect(((a["alerts"] as? [String: Any])?["raised"] as? Int ?? 0) > 5, "alerts are raised, and compared")
    }

    /// A record moved by more than the tolerance is refused and counted, with where it is.
    @Test func aRecordOutOfOrderBeyondTheToleranceIsCountedAndStrictStopsAtIt() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flows = dir.appendingPathComponent("flows.ndjson").path, inventory = dir.appendingPathComponent("inventory.yaml").path
        let log = try Run(["snapshot", "--at", "5m", "--vehicles", "60", "--format", "ndjson", "--out", flows])
        let inv = try Run(["snapshot", "--at", "5m", "--vehicles", "60", "--format", "inventory", "--out", inventory])
        #expect(log.status == 0 && inv.status == 0)
        var lines = try String(contentsOfFile: flows, encoding: .utf8).split(separator: "\n")
        let early = lines.removeFirst()
        lines.append(early)  // the first record, minutes late
        try (lines.joined(separator: "\n") + "\n").write(toFile: flows, atomically: true, encoding: .utf8)
        let lenient = try Run(["snapshot", "--at", "5m", "--source", flows, "--inventory", inventory, "--source-tolerance", "10s", "--format", "json"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("rejected: 1 record ("), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("out of order by more than the tolerance"), "\(lenient.stderr)")
        #expect(lenient.stderr.contains("flows.ndjson:\(lines.count):"), "\(lenient.stderr)")
        let strict = try Run(["snapshot", "--at", "5m", "--source", flows, "--inventory", inventory, "--source-tolerance", "10s", "--strict", "--format", "json"])
        #expect(strict.status != 0 && strict.output.isEmpty)
        #expect(strict.stderr.contains("flows.ndjson:\(lines.count):"), "\(strict.stderr)")
    }

    /// Records of no car in the inventory, and bad ones, are counted where a reader sees them:
    /// the header's source line, the JSON's `source` object, the summary on standard error; the
    /// unmapped ones are flows all the same, of the unknown car of their address.
    @Test func unmappedAndRejectedRecordsAreShownAndExported() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let flows = dir.appendingPathComponent("flows.ndjson").path, inventory = dir.appendingPathComponent("inventory.yaml").path
        let args = ["snapshot", "--at", "5m", "--vehicles", "60"]
        #expect(try Run(args + ["--format", "ndjson", "--out", flows]).status == 0)
        #expect(try Run(args + ["--format", "inventory", "--out", inventory]).status == 0)
        var lines = try String(contentsOfFile: flows, encoding: .utf8).split(separator: "\n").map(String.init)
        // Ten records of a car the inventory does not know: no VIN, an address outside it.
        var unknownBytes = 0
        for k in 0..<10 {
            var line = lines[k].replacingOccurrences(of: #""vin":"[A-Z0-9]+""#, with: #""vin":null"#, options: .regularExpression)
            line = line.replacingOccurrences(of: #""100\.64\.[0-9]+\.[0-9]+""#, with: #""10.9.9.9""#, options: .regularExpression)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            unknownBytes += try #require(object["octetDeltaCount"] as? Int)
            lines[k] = line
        }
        lines.insert("{\"flowEndNanoseconds\": \"soon\"}", at: 20)
        try (lines.joined(separator: "\n") + "\n").write(toFile: flows, atomically: true, encoding: .utf8)
        let source = args + ["--source", flows, "--inventory", inventory]
        let json = try Run(source + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        try validateAgainstSchema(json.stdout)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.output)) as? [String: Any])
        let status = try #require(doc["source"] as? [String: Any])
        let unmapped = try #require(status["unmapped"] as? [String: Any]), rejected = try #require(status["rejected"] as? [String: Any])
        #expect(status["records"] as? Int == lines.count)
        #expect(status["flows"] as? Int == lines.count - 1, "every record but the refused one")
        #expect(unmapped["no_car_records"] as? Int == 10 && unmapped["no_car_bytes"] as? Int == unknownBytes)
        #expect(rejected["records"] as? Int == 1)
        let reasons = try #require(rejected["by_reason"] as? [[String: Any]])
        #expect(reasons.first?["first_at"] as? String == "\(flows):21:25", "\(reasons)")
        #expect(json.stderr.contains("unmapped: 10 records (\(unknownBytes) bytes) of no car in the inventory"), "\(json.stderr)")
        let picture = try Run(source + ["--format", "txt", "--width", "160", "--height", "40"])
        let header = picture.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("source flows.ndjson \(lines.count) records, ended") && header.contains("10 unmapped")
                && header.contains("1 rejected"), "\(header)")
    }
}
