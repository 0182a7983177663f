import CFileGuard
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension AtomicFile {
    /// Writes `bytes` atomically to a new file `name` in `directory`, never over an existing
    /// file: when `name` is taken, `name-2`, `name-3`… (before the extension). Returns the path
    /// written (`./name` for the current directory). The temporary file is linked to the new
    /// name (link(2) fails rather than replace a file, so two savers cannot both win one name),
    /// then removed.
    static func create(_ bytes: [UInt8], directory: String, name: String, attempts: Int = 999) throws(OutputError) -> String {
        let dir = directory.isEmpty ? "." : directory
        let (stem, ext) = Self.split(name)
        for n in 1...max(1, attempts) {
            let path = dir + "/" + stem + (n == 1 ? "" : "-\(n)") + ext
            try checkTarget(path)
            let file = try TemporaryFile(beside: path)
            guard writeAll(bytes, to: file.fd) else {
                let reason = errorText()
                file.discard()
                throw OutputError(path: path, reason: reason)
            }
            if try file.linkNew(to: path) { return path }
        }
        throw OutputError(path: dir + "/" + name, reason: "\(attempts) files of that name exist already; move some away")
    }

    /// `name` as stem and extension (`a.svg` → `a`, `.svg`).
    static func split(_ name: String) -> (String, String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }
}

extension TemporaryFile {
    /// Syncs the bytes to disk and gives the file the name `target` unless that name exists
    /// (false: nothing changed); the temporary name is removed either way.
    func linkNew(to target: String) throws(OutputError) -> Bool {
        if fsync(fd) != 0 {
            let reason = AtomicFile.errorText()
            discard()
            throw OutputError(path: target, reason: reason)
        }
        fchmod(fd, 0o644)
        close(fd)
        let linked = link(path, target) == 0
        let exists = !linked && errno == EEXIST
        let reason = linked ? "" : AtomicFile.errorText()
        fw_guard_unlink(slot, path)
        if linked { return true }
        if exists { return false }
        throw OutputError(path: target, reason: reason)
    }
}
