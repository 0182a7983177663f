import ArgumentParser
import Export
import Fleet
import Ingest
import Scenario
import Simulation
#if canImport(Glibc)
import Glibc
#endif

extension Bench {
    /// `--workload source`: flow records through `--source`'s path, as `snapshot --source` and
    /// `live --source` read them.
    func runSource() throws {
        if sources.isSet {
            let start = monotonicSeconds()
            var run = try SourceRun(options: sources, scenario: Scenario.builtIn)
            let ready = monotonicSeconds()
            try run.runToEnd()
            let end = monotonicSeconds()
            StandardOutput.write(report(format: run.input.source.format, records: run.input.source.report, parse: nil, setup: ready - start, read: end - ready) + "\n")
            return
        }
        guard vehicles <= WorldConfig.maxFleetSize else {
            throw ValidationError("--vehicles must be at most \(WorldConfig.maxFleetSize) for the source workload, got \(vehicles)")
        }
        var scenario = Scenario.builtIn
        scenario.world.fleetSize = vehicles
        try MemoryCheck.require(scenario.world, source: "--vehicles \(vehicles)")
        if let seed { scenario.world.seed = seed }
        let directory = Snapshot.scratchDirectory
        let flows = "\(directory)/fleetwatch-bench-\(getpid()).ndjson", inventory = "\(directory)/fleetwatch-bench-\(getpid()).yaml"
        defer { unlink(flows); unlink(inventory) }
        // The input: the simulated run's flow log and the inventory of its cars (not timed).
        var monitor = try scenario.makeMonitor()
        do {
            var sink = try FlowLogSink(path: flows, world: monitor.world, policies: monitor.policies, scratchDirectory: directory)
            monitor.run(until: .seconds(duration), sink: &sink)
            try sink.finish()
            try AtomicFile.write(Array(Inventory(world: monitor.world).yaml(header: []).utf8), to: inventory)
        } catch {
            throw Failure("fleetwatch: \(error)")
        }
        // Parsing only: the file's bytes in memory, cut into records and parsed.
        let bytes: [UInt8]
        do { bytes = try readWholeFile(flows) } catch { throw Failure("fleetwatch: \(error)") }
        let parseStart = monotonicSeconds()
        let parsed = Self.parseOnly(bytes)
        let parse = monotonicSeconds() - parseStart
        // The whole path, from the file.
        var options = sources
        options.source = flows
        options.inventory = inventory
        let start = monotonicSeconds()
        var run = try SourceRun(options: options, scenario: scenario)
        let ready = monotonicSeconds()
        try run.runToEnd()
        let end = monotonicSeconds()
        guard parsed == run.input.source.report.records, run.input.source.report.flows == monitor.flowsSeen else {
            throw Failure("fleetwatch: the source workload read \(run.input.source.report.flows) flows of \(monitor.flowsSeen) (parsed \(parsed))")
        }
        StandardOutput.write(report(format: run.input.source.format, records: run.input.source.report, parse: parse, setup: ready - start, read: end - ready) + "\n")
    }

    /// Frames and parses every record of `bytes`, in the chunks a read gives; the records parsed.
    static func parseOnly(_ bytes: [UInt8]) -> UInt64 {
        var framer = RecordFramer()
        var format: SourceFormat?
        var texts = TextInterner()
        var records: UInt64 = 0
        bytes.withUnsafeBytes { all in
            var k = 0
            repeat {
                let n = min(ByteReader.chunkBytes, all.count - k)
                if n > 0 { framer.append(UnsafeRawBufferPointer(rebasing: all[k..<(k + n)])) }
                k += n
                while let frame = framer.next(final: k == all.count) {
                    guard case let .record(range, _) = frame else { continue }
                    framer.bytes.withUnsafeBytes { b in
                        let record = UnsafeRawBufferPointer(rebasing: b[range])
                        if format == nil { format = FlowParser.detect(record) }
                        if let format, (try? FlowParser.parse(record, as: format, texts: &texts)) != nil { records += 1 }
                    }
                }
            } while k < all.count
        }
        return records
    }

    /// `setup`: the inventory read and the monitor built (the first chunk read with them);
    /// `read`: the records after it, through the whole path; the rate is over `read`.
    func report(format: SourceFormat?, records r: SourceReport, parse: Double?, setup: Double, read: Double) -> String {
        var fields: [(String, JSONValue)] = [
            ("workload", .string("source")), ("format", .string(format?.rawValue ?? "none")),
        ]
        if !sources.isSet {
            fields += [("vehicles", .int(Int64(vehicles))), ("duration_s", .double(duration, 3))]
        }
        fields += [
            ("records", .uint(r.records)), ("flows", .uint(r.flows)), ("bytes", .uint(r.bytes)),
            ("unmapped_records", .uint(r.unmappedRecords)), ("rejected_records", .uint(r.rejected)),
        ]
        if let parse {
            fields += [("parse_s", .double(parse, 3)), ("parse_records_per_s", .double(parse > 0 ? Double(r.records) / parse : 0, 0))]
        }
        fields += [
            ("setup_s", .double(setup, 3)), ("read_s", .double(read, 3)),
            ("records_per_s", .double(read > 0 ? Double(r.records) / read : 0, 0)),
            ("peak_rss_mb", .double(peakRSSMegabytes(), 1)),
        ]
        return JSONValue.object(fields).serialized()
    }
}

/// A whole file's bytes.
func readWholeFile(_ path: String) throws -> [UInt8] {
    var reader = try ByteReader(path: path)
    var out: [UInt8] = []
    while try reader.read({ chunk in out.append(contentsOf: chunk) }) == .data {}
    return out
}
