import ArgumentParser
import Dashboard
import Fleet
import Ingest
import Scenario
import Simulation
#if canImport(Glibc)
import Glibc
#endif

/// `--source`, `--inventory` and their settings, shared by the commands that read flow
/// records from outside (docs/source.md).
struct SourceOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Flow records to read instead of simulating: a file, or - for standard input (docs/source.md).", valueName: "path"))
    var source: String?

    @Option(name: .long, help: "fleetwatch, goflow2, nfdump or zeek; default: detected from the first record.")
    var sourceFormat: SourceFormat?

    @Option(name: .long, help: ArgumentHelp("Cars and servers the records cannot name (YAML or CSV, docs/inventory.md); `snapshot --format inventory` writes one.", valueName: "file"))
    var inventory: String?

    @Option(name: .long, parsing: .unconditional,
            help: "How far records may come out of order (by their start), 0s to 1h (default 60s).", transform: durationArgument)
    var sourceTolerance = SimDuration.seconds(Int64(60))

    @Flag(name: .long, help: "Stop at the first record that cannot be read, with its line and column.")
    var strict = false

    static let maxTolerance = SimDuration.seconds(Int64(3600))

    func validate() throws {
        if source == nil {
            if inventory != nil { throw ValidationError("--inventory applies to --source: name the flow records to read") }
            if sourceFormat != nil || strict { throw ValidationError("--source-format and --strict apply to --source") }
        } else if inventory == nil {
            throw ValidationError("--source needs --inventory FILE: the cars and servers the records name (write one with `fleetwatch snapshot --format inventory --out FILE`)")
        }
        guard sourceTolerance <= Self.maxTolerance else {
            throw ValidationError("--source-tolerance must be at most 1h, got \(sourceTolerance)")
        }
    }

    var isSet: Bool { source != nil }
}

extension SourceFormat: ExpressibleByArgument {}

/// A run fed by a source: the monitor of the inventory's cars, the records read into it.
struct SourceRun {
    var monitor: FleetMonitor
    var input: SourceInput

    /// Opens the source, reads until the format and the first record's time are known, and
    /// builds the monitor: the scenario's regions, services, policies and timeline, the
    /// inventory's cars; for sources with Unix times, the run starts at the first record's
    /// minute. `follow`: a regular file's end is not the source's end (it may grow, as
    /// `tail -f` reads it); `fd`: the records' descriptor when it is not the path's (the live
    /// dashboard's standard input, moved aside for the terminal's keys).
    init(options: SourceOptions, scenario: Scenario, follow: Bool = false, fd: Int32? = nil) throws {
        let inventoryPath = options.inventory!
        let inventory: Inventory
        do { inventory = try Inventory.load(path: inventoryPath) } catch { throw Failure(String(describing: error)) }
        var config = scenario.world
        let build = SourceResolver.cars(inventory, config: config)
        if !build.problems.isEmpty {
            throw Failure(build.problems.map { "\($0.location): error: \($0.message)" }.joined(separator: "\n"))
        }
        guard !build.cars.isEmpty else { throw Failure("\(inventoryPath): error: the inventory has no cars") }
        let path = options.source!
        let name = path == "-" ? "standard input" : path
        var reader: ByteReader
        do { reader = try fd.map { ByteReader(fd: $0) } ?? ByteReader(path: path) } catch { throw Failure("fleetwatch: \(error)") }
        var input = SourceInput(
            source: FlowSource(file: name, format: options.sourceFormat, tolerance: options.sourceTolerance, strict: options.strict),
            reader: reader, follow: follow && reader.isRegularFile)
        try input.prime()
        var offset: Int64 = 0
        if let format = input.source.format, format.hasEpochTimes, let first = input.source.firstStart {
            let minute: Int64 = 60_000_000_000
            offset = first >= 0 ? first / minute * minute : (first - minute + 1) / minute * minute
            let seconds = offset / 1_000_000_000
            let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
            let date = Civil.date(days: days)
            config.start = StartDate(year: date.year, month: date.month, day: date.day,
                                     hour: Double(seconds - days * 86_400) / 3600, utcOffsetMinutes: 0)
        }
        do {
            monitor = try FleetMonitor(config: config, recorded: build.cars, policies: scenario.policies, alerts: scenario.alerts,
                                       timeline: scenario.timeline, parameters: scenario.monitor)
        } catch { throw Failure.of(error) }
        do { try input.source.attach(SourceResolver(world: monitor.world, inventory: inventory), offset: offset) } catch { throw Failure(error.description) }
        self.input = input
    }

    /// Reads and counts every flow of the source, to its end (a file's end, or a pipe closed).
    mutating func runToEnd() throws {
        var ignore = IgnoreSink()
        while true {
            input.release(into: &monitor, before: SimTime(nanoseconds: .max), sink: &ignore)
            if input.ended { break }
            try input.readChunk()
        }
    }
}

/// The records' side of a source: the reader, the parsed and ordered flows waiting, and
/// whether the input has ended. Hands flows to whichever monitor it is given.
struct SourceInput {
    var source: FlowSource
    var reader: ByteReader
    /// A regular file followed as it grows: its end is only "nothing more yet".
    let follow: Bool
    private(set) var ended = false

    init(source: FlowSource, reader: ByteReader, follow: Bool) {
        self.source = source
        self.reader = reader
        self.follow = follow
    }

    /// Reads until the format and the first flow's time are known (blocking: a pipe is waited
    /// for; a followed file is polled ten times a second), or the input ends.
    mutating func prime() throws {
        while !source.isPrimed, !ended {
            if try !readChunk(), follow { usleep(100_000) }
        }
    }

    /// Reads one chunk into the source (the source is told when the input ends); false when
    /// nothing came: the end, or, non-blocking or following, nothing more yet.
    @discardableResult
    mutating func readChunk() throws -> Bool {
        guard !ended else { return false }
        do {
            switch try reader.read({ chunk throws(SourceError) in try source.feed(chunk) }) {
            case .data: return true
            case .none: return false
            case .end:
                if follow { return false }
                try source.feed(UnsafeRawBufferPointer(start: nil, count: 0), final: true)
                ended = true
                return false
            }
        } catch let error as SourceError {
            throw Failure(error.description)
        } catch {
            throw Failure("fleetwatch: \(error)")
        }
    }

    /// Reads what is there, without waiting, up to `budget` bytes (a frame's share).
    @discardableResult
    mutating func pump(budget: Int) throws -> Bool {
        var read = 0
        while read < budget, try readChunk() { read += ByteReader.chunkBytes }
        return read > 0
    }

    /// The time a monitor may be run to without passing a flow still to come: the input's end
    /// (nil: no bound), else the time before which every flow has been put in order.
    var bound: SimTime? { ended ? nil : (source.watermark ?? .zero) }

    /// Reads (waiting for the input) and counts into `monitor` every flow that ends before
    /// `end`, handing each to `sink`, then runs `monitor` to `end`. The caller keeps the one
    /// monitor: a copy beside it would be copied whole at its next change.
    mutating func run<S: FlowSink>(_ monitor: inout FleetMonitor, until end: SimTime, sink: inout S, progress: Progress? = nil) throws {
        while true {
            release(into: &monitor, before: end, sink: &sink)
            if ended || source.isPast(end) { break }
            try readChunk()
            progress?.show(min(end, source.watermark ?? .zero))
        }
        if end > monitor.now { monitor.run(until: end, sink: &sink) }
    }

    /// The input has ended and every flow read from it has been counted.
    var isExhausted: Bool { ended && source.report.pending == 0 }

    /// Hands the flows put in order that end before `end` to `monitor`.
    mutating func release<S: FlowSink>(into monitor: inout FleetMonitor, before end: SimTime, sink: inout S) {
        source.release(before: end, final: ended) { batch in monitor.ingest(batch, sink: &sink) }
    }

    /// What has been read into `world`, for the header and the JSON export.
    func status(of world: FleetWorld) -> SourceStatus {
        let r = source.report
        var s = SourceStatus(name: source.file, format: source.format?.rawValue)
        s.records = r.records
        s.flows = r.flows
        s.bytes = r.bytes
        s.skipped = r.skipped
        s.guessedCategory = r.guessedCategoryRecords
        s.pending = r.pending
        s.unmappedCarRecords = r.unmappedCarRecords
        s.unmappedCarBytes = r.unmappedCarBytes
        s.unmappedServerRecords = r.unmappedServerRecords
        s.unmappedServerBytes = r.unmappedServerBytes
        s.unknownCars = world.unknownCarCount
        s.unknownCarLimit = FleetWorld.unknownCarLimit
        s.otherUnknownFlows = world.foldedUnknownFlows
        s.rejectedBy = r.rejectedBy.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map {
            SourceStatus.Reason(reason: $0.key, records: $0.value, firstAt: r.firstRejected[$0.key] ?? "")
        }
        s.ended = ended
        return s
    }

    /// The summary for standard error: what was read, counted, counted as unknown and refused.
    func summary(of world: FleetWorld) -> String { Self.summary(status(of: world)) }

    static func summary(_ s: SourceStatus) -> String {
        var lines = ["fleetwatch: \(s.name): \(s.records) records (\(s.format ?? "no format")): "
            + "\(s.flows) flows counted, \(s.bytes) bytes; \(s.skipped) not flows, skipped"]
        if s.unmappedRecords > 0 {
            lines.append("  unmapped: \(s.unmappedCarRecords) records (\(s.unmappedCarBytes) bytes) of no car in the inventory, "
                + "\(s.unmappedServerRecords) (\(s.unmappedServerBytes) bytes) to no known server; counted as unknown, "
                + "\(s.unknownCars) unknown car\(s.unknownCars == 1 ? "" : "s")"
                + (s.otherUnknownFlows > 0 ? " (addresses past the first \(s.unknownCarLimit): \(s.otherUnknownFlows) flows of 'other unknown cars')" : "")
                + ", not judged by the rules (name them in the inventory)")
        }
        if s.guessedCategory > 0 {
            lines.append("  \(s.guessedCategory) records name no category and go to a service of several: counted under the routing's first "
                + "(name each server's category in the inventory)")
        }
        if s.pending > 0 { lines.append("  \(s.pending) flows end after the time shown and are not counted yet") }
        if s.rejected > 0 {
            lines.append("  rejected: \(s.rejected) record\(s.rejected == 1 ? "" : "s") (--strict stops at the first):")
            for r in s.rejectedBy { lines.append("    \(r.records) × \(r.reason) (first at \(r.firstAt))") }
        }
        return lines.joined(separator: "\n") + "\n"  // StandardError.write sanitizes
    }
}

/// A source that cannot be opened or read.
struct InputError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot read '\(path)': \(reason)" }
}

/// Reads a file or standard input in chunks.
struct ByteReader {
    let fd: Int32
    var buffer: [UInt8]
    /// Whether the input is a regular file (it may be followed as it grows); else a pipe, a
    /// socket or a terminal, whose end is its writer's.
    let isRegularFile: Bool
    static let chunkBytes = 1 << 20

    enum Outcome { case data, none, end }

    init(path: String) throws(InputError) {
        if path == "-" {
            self.init(fd: 0)
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw InputError(path: path, reason: errno == ENOENT ? "no such file; check the path" : String(cString: strerror(errno)))
        }
        self.init(fd: fd)
    }

    init(fd: Int32) {
        self.fd = fd
        var st = stat()
        isRegularFile = fstat(fd, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
        buffer = [UInt8](repeating: 0, count: Self.chunkBytes)
    }

    /// Stops reads from waiting: a read with nothing there returns `.none`.
    func setNonBlocking() {
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
    }

    /// Reads one chunk into `body`: `.data`, `.end` at the end of the input, `.none` when a
    /// non-blocking read finds nothing yet.
    mutating func read(_ body: (UnsafeRawBufferPointer) throws(SourceError) -> Void) throws -> Outcome {
        while true {
            let fd = self.fd
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return .none }
                throw InputError(path: fd == 0 ? "standard input" : "the source", reason: String(cString: strerror(errno)))
            }
            if n == 0 { return .end }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            return .data
        }
    }
}
