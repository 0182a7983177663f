#if canImport(Glibc)
import Glibc
#endif
import Dashboard
import Fleet

/// A fleet too big for this machine's memory is refused before it is built: the build would
/// grow for minutes, then the kernel would kill the process (a signal no program can catch,
/// with the terminal left as curses had it). The estimate is the measured cost of a car
/// (`WorldConfig.estimatedMemoryBytes`); only a fleet that cannot fit in the whole of the
/// machine's memory is refused.
enum MemoryCheck {
    /// The machine's physical memory in bytes, nil when the system does not say.
    static var physicalBytes: Int? {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        return pages > 0 && size > 0 ? pages * size : nil
    }

    /// Throws when the fleet of `config` needs more than `physical` bytes (this machine's by
    /// default); `source` names where the size came from ("--vehicles", the scenario file).
    static func require(_ config: WorldConfig, source: String, physical: Int? = physicalBytes) throws {
        guard let physical, config.estimatedMemoryBytes > physical else { return }
        let fits = config.largestFleet(fitting: physical / 10 * 9)
        let rounded = fits >= 1_000_000 ? fits / 100_000 * 100_000 : fits >= 10_000 ? fits / 1_000 * 1_000 : fits
        func gb(_ bytes: Int) -> String { String(Double(bytes / 100_000_000) / 10) }
        throw Failure(
            "fleetwatch: \(source): a fleet of \(ComplianceText.grouped(config.fleetSize)) cars needs about "
                + "\(gb(config.estimatedMemoryBytes)) GB of memory (\(ComplianceText.grouped(config.estimatedBytesPerCar)) bytes a car) and this machine has "
                + "\(gb(physical)) GB; ask for at most \(ComplianceText.grouped(rounded)) cars (--vehicles \(rounded))")
    }
}
