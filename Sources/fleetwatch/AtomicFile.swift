import CFileGuard
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
/// temporary file is renamed over the target (rename is atomic within a file system). A
/// terminating signal (SIGTERM, SIGINT, SIGHUP) meanwhile removes the temporary file before the
/// process dies of it (`TemporaryFile`). A target that is a symbolic link is replaced by the
/// new file; the link's target is left as it was.
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
        try temporary(holding: bytes, beside: path).commit(to: path)
    }

    /// A temporary file beside `path` (checked as a target first) holding all of `bytes`; on
    /// failure it is removed and the error names `path`.
    static func temporary(holding bytes: [UInt8], beside path: String) throws(OutputError) -> TemporaryFile {
        try checkTarget(path)
        let file = try TemporaryFile(beside: path)
        guard writeAll(bytes, to: file.fd) else {
            let reason = errorText()
            file.discard()
            throw OutputError(path: path, reason: reason)
        }
        return file
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

    /// The reason of the last failed call, with what to do for the failures a user can fix.
    static func errorText() -> String {
        let code = errno
        let text = String(cString: strerror(code))
        switch code {
        case ENOSPC, EDQUOT: return "\(text); free some space or write elsewhere"
        case EACCES, EPERM: return "\(text); choose a directory you may write to"
        case EROFS: return "\(text); choose a directory on a writable file system"
        default: return text
        }
    }
}

/// The temporary file of an atomic write, beside its target (`TARGET.tmp-XXXXXX`, mode 0644 once
/// complete), registered with the signal guard (CFileGuard) from its creation to its rename or
/// removal: a SIGTERM, SIGINT or SIGHUP in between unlinks it before the process dies of the
/// signal, with the conventional status 128 + N.
struct TemporaryFile {
    let path: String
    let fd: Int32
    let slot: Int32

    init(beside target: String) throws(OutputError) {
        var template = Array("\(target).tmp-XXXXXX".utf8CString)
        var slot: Int32 = -1
        let fd = template.withUnsafeMutableBufferPointer { fw_guard_mkstemp($0.baseAddress!, &slot) }
        guard fd >= 0 else { throw OutputError(path: target, reason: AtomicFile.errorText()) }
        self.fd = fd
        self.slot = slot
        path = String(decoding: template.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Syncs the bytes to disk, gives the file its final mode and closes it; on failure removes
    /// it (the error names `target`).
    func finish(for target: String) throws(OutputError) {
        if fsync(fd) != 0 {
            let reason = AtomicFile.errorText()
            discard()
            throw OutputError(path: target, reason: reason)
        }
        fchmod(fd, 0o644)
        close(fd)
    }

    /// Syncs the bytes to disk and renames the file over `target`; on failure removes it.
    func commit(to target: String) throws(OutputError) {
        try finish(for: target)
        if fw_guard_rename(slot, path, target) != 0 {
            let reason = AtomicFile.errorText()
            fw_guard_unlink(slot, path)
            throw OutputError(path: target, reason: reason)
        }
    }

    /// Closes and removes the file; the target is left as it was.
    func discard() {
        close(fd)
        fw_guard_unlink(slot, path)
    }
}
