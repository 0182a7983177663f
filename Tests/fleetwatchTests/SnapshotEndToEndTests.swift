import Foundation
import FoundationXML
import Testing
import TestSupport

/// `fleetwatch snapshot` run as a pipeline runs it: the bytes of each format, their validity,
/// series, and what happens when a file cannot be written.
@Suite struct SnapshotEndToEndTests {
    static let formats = ["txt", "ansi", "svg", "html", "json", "csv", "ndjson"]

    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-snapshot-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test(arguments: formats)
    func theSameArgumentsGiveTheSameBytes(_ format: String) throws {
        let arguments = ["snapshot", "--at", "5m", "--format", format, "--width", "100", "--height", "30", "--seed", "7"]
        let first = try Run(arguments), second = try Run(arguments)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        #expect(first.output.count > 1000, "\(format): \(first.output.count) bytes")
        #expect(first.output == second.output, "\(format): two runs differ")
        #expect(first.stderr.isEmpty, "stderr is a pipe: no progress, no messages: \(first.stderr)")
        let other = try Run(arguments.dropLast(2) + ["--seed", "8"])
        #expect(other.output != first.output, "\(format): the seed makes no difference")
    }

    /// The data formats have no screen: a size below the dashboard's minimum (refused for the
    /// pictures) is accepted and changes nothing, so one set of arguments serves every format.
    @Test(arguments: ["json", "csv", "ndjson"])
    func theDataFormatsDoNotDependOnTheSize(_ format: String) throws {
        let small = try Run(["snapshot", "--at", "2m", "--format", format, "--width", "5", "--height", "3"])
        let usual = try Run(["snapshot", "--at", "2m", "--format", format])
        #expect(small.status == 0 && usual.status == 0, "\(small.stderr)\(usual.stderr)")
        #expect(small.output == usual.output && !small.output.isEmpty)
    }

    @Test func jsonValidatesAgainstTheSchema() throws {
        let run = try Run(["snapshot", "--at", "10m", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        try validateAgainstSchema(run.stdout)
        let object = try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any]
        #expect((object?["vehicles"] as? [Any])?.count == 600)
    }

    @Test func csvParsesBackWithOneRowPerCar() throws {
        let run = try Run(["snapshot", "--at", "10m", "--format", "csv", "--vehicles", "250"])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = parseCSV(run.stdout)
        let header = try #require(rows.first)
        #expect(header.prefix(3) == ["vin", "model", "market"])
        #expect(rows.count == 251, "header and one row per car")
        #expect(rows.allSatisfy { $0.count == header.count }, "every row has every column")
        let vins = rows.dropFirst().map { $0[0] }
        #expect(Set(vins).count == 250 && vins.allSatisfy { $0.count == 17 })
    }

    @Test func ndjsonIsOneFlowPerLineWithIPFIXNamesAndAVerdict() throws {
        let run = try Run(["snapshot", "--at", "3m", "--format", "ndjson"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "ends with a newline")
        let flows = lines.dropLast()
        #expect(flows.count > 100)
        let ipfix = ["flowStartMilliseconds", "flowEndMilliseconds", "sourceIPv4Address", "destinationIPv4Address",
                     "sourceTransportPort", "destinationTransportPort", "protocolIdentifier", "octetDeltaCount", "packetDeltaCount"]
        var latest = 0
        for (i, line) in flows.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "line \(i + 1) is not an object")
            let missing = ipfix.filter { object[$0] == nil }
            #expect(missing.isEmpty, "line \(i + 1) lacks \(missing)")
            let verdict = object["verdict"] as? String
            #expect(verdict != nil && object["rules"] is [Any], "line \(i + 1): no verdict")
            let start = try #require(object["flowStartMilliseconds"] as? Int)
            latest = max(latest, start)
            if !missing.isEmpty || verdict == nil { break }
        }
        #expect(latest <= 180_000, "a flow starts after --at 3m: \(latest) ms")
        #expect(latest > 120_000, "flows cover the run up to --at")
    }

    @Test func aSeriesOfSVGsIsWellFormedAndRenders() throws {
        let directory = try Self.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("series").path
        let run = try Run(["snapshot", "--at", "15m", "--every", "5m", "--out", out, "--format", "svg", "--width", "100", "--height", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.output.isEmpty && run.stderr.isEmpty)
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["fleetwatch-0001-t00h05m00s.svg", "fleetwatch-0002-t00h10m00s.svg", "fleetwatch-0003-t00h15m00s.svg"])
        let contents = try names.map { try Data(contentsOf: URL(fileURLWithPath: "\(out)/\($0)")) }
        #expect(Set(contents).count == 3, "each file is a different time")
        for (name, data) in zip(names, contents) {
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(name) is not well-formed XML: \(String(describing: parser.parserError))")
        }
        #expect(String(decoding: contents[2], as: UTF8.self).contains("at 00:15:00"), "the last file is --at")

        let rsvg = try #require(Tools.onPath("rsvg-convert"), "rsvg-convert is not on PATH (librsvg2-bin)")
        let png = directory.appendingPathComponent("last.png").path
        let converted = Spawn.run(rsvg, ["-o", png, "\(out)/\(names[2])"], seconds: 30)
        #expect(converted.status == 0, "rsvg-convert: \(converted.stderrText)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: png)))
        try #require(bytes.count > 24 && bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        func be32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        // The SVG says 856x526 for 100x30 cells; the PNG has that size.
        let svg = String(decoding: contents[2], as: UTF8.self)
        #expect(svg.contains("width=\"856\" height=\"526\""))
        #expect((be32(16), be32(20)) == (856, 526), "PNG is \(be32(16))x\(be32(20))")
        if let keep = ProcessInfo.processInfo.environment["FLEETWATCH_KEEP_PNG"] { try? FileManager.default.copyItem(atPath: png, toPath: keep) }
    }
}
