import Foundation
import Testing

/// Compares `actual` with the golden file `Snapshots/<name>` next to this test file.
///
/// With `FLEETWATCH_RECORD=1` in the environment the file is (re)written instead, and the
/// test fails so that a recording run is never mistaken for a passing one. On a mismatch the
/// failure lists the differing lines, with escape characters shown as ␛.
public func assertSnapshot(_ actual: String, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["FLEETWATCH_RECORD"] == "1" {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("Recorded snapshot \(name); review it, then run the tests again without FLEETWATCH_RECORD", sourceLocation: sourceLocation)
        } catch {
            Issue.record("Could not write snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
        Issue.record("No snapshot at \(url.path): record it with FLEETWATCH_RECORD=1 swift test", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        let message = "Snapshot \(name) differs (re-record with FLEETWATCH_RECORD=1 if the change is wanted):\n" + lineDiff(expected: expected, actual: actual)
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// The lines that differ, numbered, expected then actual, at most 12 of them.
public func lineDiff(expected: String, actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    func visible(_ s: Substring?) -> String {
        guard let s else { return "(no line)" }
        return s.replacingOccurrences(of: "\u{1B}", with: "␛")
    }
    var out: [String] = []
    var differing = 0
    for i in 0..<max(e.count, a.count) {
        let x = i < e.count ? e[i] : nil, y = i < a.count ? a[i] : nil
        guard x != y else { continue }
        differing += 1
        if differing <= 12 { out.append("line \(i + 1):\n  - \(visible(x))\n  + \(visible(y))") }
    }
    if differing > 12 { out.append("… and \(differing - 12) more differing lines") }
    out.append("(\(e.count) lines expected, \(a.count) actual)")
    return out.joined(separator: "\n")
}
