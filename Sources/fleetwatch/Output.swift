import Screen
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes all of `bytes` to a file descriptor, retrying short writes and interrupted calls.
/// Returns false on an error (errno says which).
@discardableResult
func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
    bytes.withUnsafeBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }
}

/// Standard output. Text for people (validate's lines, the headless demo) passes the
/// `Sanitizer`, line breaks kept; an export's bytes are written as they are (each format
/// escapes data itself: cells, JSON strings, CSV fields). A reader that went away (EPIPE:
/// `| head -1`) ends the program at once and quietly, as `cat` does; any other failure (a full
/// disk) is one line on standard error and exit status 1.
enum StandardOutput {
    static func write(_ text: String) { write(Array(Sanitizer.clean(text, keepingLineBreaks: true).utf8)) }

    static func write(_ bytes: [UInt8]) {
        if !writeAll(bytes, to: 1) { failed() }
    }

    /// After a failed write to standard output (errno set): never returns.
    static func failed() -> Never {
        if errno == EPIPE { exitQuietlyForBrokenPipe() }
        StandardError.write("fleetwatch: cannot write 'standard output': \(AtomicFile.errorText())\n")
        exit(1)
    }

    /// The status a shell shows when SIGPIPE's default action ends a program (141), also when
    /// SIGPIPE is ignored and the write failed with EPIPE instead: nothing on standard error.
    static func exitQuietlyForBrokenPipe() -> Never {
        exit(128 + SIGPIPE)
    }
}

/// Standard error, for messages and progress. Everything written here passes the `Sanitizer`
/// (line breaks kept): a diagnostic quoting a scenario file, an option's value or a file name
/// can never send an escape sequence to the terminal.
enum StandardError {
    static func write(_ text: String) { writeAll(Array(Sanitizer.clean(text, keepingLineBreaks: true).utf8), to: 2) }

    /// Replaces the current line of a terminal with `text` (sanitized): carriage return and
    /// erase-line, the only control sequence FleetWatch writes to standard error itself.
    static func replaceLine(with text: String) {
        writeAll(Array(("\r\u{1B}[K" + Sanitizer.clean(text)).utf8), to: 2)
    }
}

/// A file written as a stream (the NDJSON flow log can be gigabytes) that still appears
/// atomically: the bytes go to a temporary file beside the target (`TemporaryFile`, removed on
/// a terminating signal), buffered, and `finish` flushes, syncs and renames it over the target.
/// Without a path it streams to standard output.
struct StreamingFile {
    let path: String?
    let temporary: TemporaryFile?
    let fd: Int32
    var buffer: [UInt8] = []
    static let bufferSize = 1 << 16

    init(path: String?) throws(OutputError) {
        self.path = path
        guard let path else {
            temporary = nil
            fd = 1
            return
        }
        try AtomicFile.checkTarget(path)
        let file = try TemporaryFile(beside: path)
        temporary = file
        fd = file.fd
        buffer.reserveCapacity(Self.bufferSize)
    }

    mutating func append(_ text: String) throws(OutputError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    mutating func append(bytes: UnsafeRawBufferPointer) throws(OutputError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.bufferSize { try flush() }
    }

    mutating func flush() throws(OutputError) {
        guard !buffer.isEmpty else { return }
        let ok = writeAll(buffer, to: fd)
        let code = errno
        buffer.removeAll(keepingCapacity: true)
        if !ok {
            errno = code
            if temporary == nil { StandardOutput.failed() }
            throw fail(AtomicFile.errorText())
        }
    }

    /// Makes the file appear under its name.
    mutating func finish() throws(OutputError) {
        try flush()
        guard let path, let temporary else { return }
        try temporary.commit(to: path)
    }

    /// Removes the temporary file; the target is left as it was.
    func abandon() {
        temporary?.discard()
    }

    func fail(_ reason: String) -> OutputError {
        abandon()
        return OutputError(path: path ?? "standard output", reason: reason)
    }
}
