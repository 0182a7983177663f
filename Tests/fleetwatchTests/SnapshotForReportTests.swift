import Foundation
import Testing
import TestSupport

/// `snapshot --clean` (issue 16): a picture for a report has no PAUSED badge and no key
/// hints, and is otherwise the snapshot cell for cell.
@Suite struct SnapshotForReportTests {
    @Test(arguments: [["--view", "dashboard"], ["--view", "map"]])
    func cleanDropsTheBadgeAndTheHintsOnly(_ view: [String]) throws {
        let common = ["snapshot", "--at", "5m", "--format", "txt", "--width", "120", "--height", "40"] + view
        let plain = try Run(common)
        let clean = try Run(common + ["--clean"])
        #expect(plain.status == 0 && clean.status == 0, "\(clean.stderr)")
        let a = plain.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let b = clean.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(a.count == b.count && a.count == 41)
        #expect(a[0].contains("PAUSED") && !b[0].contains("PAUSED"))
        #expect(a[39].contains("? help") && !b[39].contains("help"))
        #expect(b[39].drop(while: { $0 == " " }).hasPrefix("seed "), "the seed stays: \(b[39])")
        #expect(Array(a[1..<39]) == Array(b[1..<39]), "the rest is the snapshot")
        #expect(try Run(common + ["--clean"]).output == clean.output, "the same bytes again")
    }

    @Test func cleanMakesNoDifferenceToTheData() throws {
        for format in ["json", "csv"] {
            let plain = try Run(["snapshot", "--at", "2m", "--format", format])
            let clean = try Run(["snapshot", "--at", "2m", "--format", format, "--clean"])
            #expect(plain.status == 0 && plain.output == clean.output, "\(format)")
        }
    }
}
