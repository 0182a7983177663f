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
        let first = dir + "/" + name
        // Written and synced once; then linked to the first free name.
        let file = try temporary(holding: bytes, beside: first)
        try file.finish(for: first)
        defer { fw_guard_unlink(file.slot, file.path) }
        for n in 1...max(1, attempts) {
            let path = dir + "/" + stem + (n == 1 ? "" : "-\(n)") + ext
            if link(file.path, path) == 0 { return path }
            guard errno == EEXIST else { throw OutputError(path: path, reason: errorText()) }
        }
        throw OutputError(path: first, reason: "\(attempts) files of that name exist already; move some away")
    }

    /// `name` as stem and extension (`a.svg` → `a`, `.svg`).
    static func split(_ name: String) -> (String, String) {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return (name, "") }
        return (String(name[..<dot]), String(name[dot...]))
    }
}
