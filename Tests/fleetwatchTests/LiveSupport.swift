import Foundation
import Testing
import TestSupport

/// The live dashboard (`fleetwatch`) in a private tmux server, and what its screen shows.
struct LiveDashboard {
    let tmux: TmuxHarness

    static var available: Bool { TmuxHarness.tools != nil }

    init(_ arguments: [String] = ["--at", "30m"], width: Int = 120, height: Int = 40, environment: [String: String?] = [:],
         suspendable: Bool = false, stderrToFile: Bool = false, stdoutToPipe: Bool = false, startOnGo: Bool = false,
         rerun: Bool = false, inDirectory: Bool = false) throws {
        let binary = try #require(Tools.builtProduct("fleetwatch"), "fleetwatch not built next to the test bundle: run swift build")
        // No user's config file reaches a test: the XDG location is empty unless a test sets it.
        var environment = environment
        if environment["XDG_CONFIG_HOME"] == nil { environment["XDG_CONFIG_HOME"] = Run.noConfigHome }
        tmux = try TmuxHarness(binary: binary, arguments: arguments, environment: environment, width: width, height: height,
                               suspendable: suspendable, stderrToFile: stderrToFile, stdoutToPipe: stdoutToPipe,
                               startOnGo: startOnGo, rerun: rerun, inDirectory: inDirectory)
    }

    /// The header's first line starts so in the fleet, detail and map views at 120 columns.
    static let header = "FleetWatch │ Default fleet │ "

    /// Waits for a screen where `condition` holds; fails with the pane's text otherwise.
    @discardableResult
    func expect(_ what: String, seconds: Double = 5, sourceLocation: SourceLocation = #_sourceLocation,
                _ condition: @escaping ([String]) -> Bool) throws -> [String] {
        try #require(tmux.wait(seconds: seconds, until: condition), "\(what); the pane shows:\n\(tmux.screen)", sourceLocation: sourceLocation)
    }

    /// The first full frame of the fleet view: the header, the table and the footer.
    @discardableResult
    func firstFrame(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String] {
        try expect("no first frame", seconds: 10, sourceLocation: sourceLocation) {
            Self.has($0, Self.header) && Self.has($0, "┏ Vehicles · ") && Self.has($0, "↑↓ move ")
        }
    }

    static func has(_ lines: [String], _ prefix: String) -> Bool { lines.contains { $0.hasPrefix(prefix) } }

    /// The simulated clock in the header (`T+00:30:01`).
    static func clock(_ lines: [String]) -> String? {
        guard let header = lines.first(where: { $0.hasPrefix(Self.header) }), let t = header.range(of: "T+") else { return nil }
        return String(header[t.lowerBound...].prefix(10))
    }

    /// Seconds of a `T+HH:MM:SS` clock.
    static func seconds(_ clock: String) -> Int? {
        let parts = clock.dropFirst(2).split(separator: ":").compactMap { Int($0) }
        return parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : nil
    }

    /// The vehicle table's title line and its data rows (the cells between the borders, blank
    /// rows dropped).
    static func table(_ lines: [String]) -> (title: String, columns: String, rows: [String])? {
        guard let top = lines.firstIndex(where: { $0.hasPrefix("┏ Vehicles") }), top + 1 < lines.count else { return nil }
        let rows = lines[(top + 2)...].prefix { $0.hasPrefix("┃") }
            .map { String($0.dropFirst().dropLast()) }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return (lines[top], lines[top + 1], rows)
    }

    /// The VIN of a table row: its first 17-character word.
    static func vin(_ row: String) -> String? {
        let words = row.split(separator: " ")
        return words.first { $0.count == 17 && $0.allSatisfy { $0.isLetter || $0.isNumber } }.map(String.init)
    }

    /// After the program ended: same tty modes as before it, alternate screen off, and `status`.
    func expectRestored(status: String, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let done = tmux.waitForFile("done")
        try #require(done != nil, "fleetwatch did not end (\(comment)); the pane shows:\n\(tmux.screen)", sourceLocation: sourceLocation)
        #expect(tmux.file("status") == status, "exit status \(tmux.file("status") ?? "-") (\(comment))", sourceLocation: sourceLocation)
        let before = tmux.file("before"), after = tmux.file("after")
        #expect(before != nil && before == after, "stty -g before \(before ?? "-") after \(after ?? "-") (\(comment))", sourceLocation: sourceLocation)
        #expect(tmux.format("#{alternate_on}") == "0", "alternate screen still on (\(comment))", sourceLocation: sourceLocation)
    }
}
