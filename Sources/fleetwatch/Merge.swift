import ArgumentParser
import Export
import Ingest
#if canImport(Glibc)
import Glibc
#endif

/// `fleetwatch merge FILE...`: the streams of a fleet's partitions (`stream --partition I/N`)
/// merged into the whole fleet's stream (docs/stream.md, "Partitions").
struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge the streams of a fleet's partitions into the whole fleet's stream.",
        discussion: """
            Reads the JSON lines `fleetwatch stream --partition I/N` wrote, one input per partition \
            (a file, or - for standard input once), and writes to standard output the lines of all of \
            them in the stream's order (step by simulated second, its flows by end and car, then its \
            alert events by time, alert and kind), the flows numbered again from 1 and the alerts by \
            the order they were raised in. The N partitions of one scenario, seed and --until give \
            exactly the bytes of the whole fleet's `fleetwatch stream`. Memory: a line per input, and \
            an entry per open alert. Exit status: 0, or 1 for an input that cannot be read, a line \
            that is not a stream's, or an input out of the stream's order (FILE:LINE says which).
            """
    )

    @Argument(help: "The partitions' streams: files, or - for standard input (once).")
    var inputs: [String]

    func validate() throws {
        guard inputs.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("standard input (-) can be read once only") }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        var readers: [MergeInput] = []
        for path in inputs {
            do { readers.append(MergeInput(path: path, reader: try ByteReader(path: path))) } catch { throw Failure("fleetwatch: \(error)") }
        }
        for i in readers.indices { try readers[i].advance() }
        var numbering = StreamMerge.Renumbering()
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        while true {
            var best: Int?
            for i in readers.indices {
                guard let line = readers[i].current else { continue }
                if let b = best, !(line.parsed.key < readers[b].current!.parsed.key) { continue }
                best = i
            }
            guard let i = best else { break }
            let line = readers[i].current!
            numbering.write(line.bytes, line.parsed, input: i, into: &out)
            if out.count >= 1 << 20 {
                StandardOutput.write(out)
                out.removeAll(keepingCapacity: true)
            }
            try readers[i].advance()
        }
        if !out.isEmpty { StandardOutput.write(out) }
    }
}

/// One input of `merge`: its lines, read and parsed one at a time, each checked to come in the
/// stream's order.
struct MergeInput {
    struct Current {
        var bytes: [UInt8]
        var parsed: StreamMerge.Line
    }

    let path: String
    var reader: ByteReader
    /// Bytes read and not yet taken, from `head` on.
    var pending: [UInt8] = []
    var head = 0
    var ended = false
    var lineNumber = 0
    var current: Current?

    init(path: String, reader: ByteReader) {
        self.path = path
        self.reader = reader
    }

    /// Moves to the next line (none at the end of the input).
    mutating func advance() throws {
        let previous = current?.parsed.key
        current = nil
        while true {
            if let newline = pending[head...].firstIndex(of: 0x0A) {
                let bytes = Array(pending[head..<newline])
                head = newline + 1
                lineNumber += 1
                if bytes.isEmpty { continue }
                return try take(bytes, after: previous)
            }
            pending.removeSubrange(..<head)
            head = 0
            if ended {
                guard !pending.isEmpty else { return }
                lineNumber += 1
                let bytes = pending
                pending = []
                return try take(bytes, after: previous)
            }
            guard pending.count <= RecordFramer.maxRecordBytes else {
                throw Failure("fleetwatch: \(path):\(lineNumber + 1): a line of over \(RecordFramer.maxRecordBytes) bytes: not a stream's")
            }
            do {
                switch try reader.read({ chunk throws(SourceError) in pending.append(contentsOf: chunk) }) {
                case .data, .none: break
                case .end: ended = true
                }
            } catch {
                throw Failure("fleetwatch: cannot read '\(path)': \(error)")
            }
        }
    }

    mutating func take(_ bytes: [UInt8], after previous: StreamMerge.Key?) throws {
        let parsed: StreamMerge.Line
        do { parsed = try StreamMerge.parse(bytes) } catch { throw Failure("fleetwatch: \(path):\(lineNumber): \(error)") }
        if let previous, parsed.key < previous {
            throw Failure("fleetwatch: \(path):\(lineNumber): out of the stream's order (a line of an earlier step after a later one); "
                + "merge the streams as `fleetwatch stream` wrote them, each unsorted and whole")
        }
        current = Current(bytes: bytes, parsed: parsed)
    }
}
