#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file the user asked for could not be written; the message names the path and the reason.
struct OutputError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write '\(path)': \(reason)" }
}

/// Writes files so that an interrupted export leaves the old file or none, never half a file:
/// the bytes go to a temporary file in the same directory, are flushed to disk, and the
/// temporary file is renamed over the target (rename is atomic within a file system).
enum AtomicFile {
    /// Refuses a target whose directory is missing or that is itself a directory.
    static func checkTarget(_ path: String) throws(OutputError) {
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        var info = stat()
        if stat(directory.isEmpty ? "/" : directory, &info) != 0 {
            throw OutputError(path: path, reason: "the directory '\(directory)' does not exist")
        }
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw OutputError(path: path, reason: "it is a directory")
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
        try checkTarget(path)
        var template = Array("\(path).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw OutputError(path: path, reason: errorText()) }
        let temporary = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = writeAll(bytes, to: fd)
        let reason = ok ? "" : errorText()
        if ok && fsync(fd) != 0 { ok = false }
        fchmod(fd, 0o644)
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            let why = reason.isEmpty ? errorText() : reason
            unlink(temporary)
            throw OutputError(path: path, reason: why)
        }
    }

    static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Array(text.utf8), to: path)
    }

    /// Creates `path` as a directory if it does not exist yet.
    static func ensureDirectory(_ path: String) throws(OutputError) {
        var info = stat()
        if stat(path, &info) == 0 {
            guard (info.st_mode & S_IFMT) == S_IFDIR else { throw OutputError(path: path, reason: "it is not a directory") }
            return
        }
        if mkdir(path, 0o755) != 0 { throw OutputError(path: path, reason: errorText()) }
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}
