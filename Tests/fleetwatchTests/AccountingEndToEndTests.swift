import Foundation
import Testing
import TestSupport

/// The accounting's laws on what the binary writes, for every scenario we ship (the built-in
/// default and both demos), at several times and fleet sizes: `snapshot --format json` and
/// `--format csv` read back as text (TestSupport's `accountingViolations`, which knows nothing
/// of FleetWatch's code). Before one accounting, the default scenario at 2 h had countries
/// adding up to 4.86 MB/s against a fleet of 2.03 MB/s.
@Suite struct AccountingEndToEndTests {
    static let cases: [(scenario: String?, at: String, vehicles: Int?)] = [
        (nil, "2h", nil), (nil, "17m31s", 1500), (nil, "9m", 120),
        ("Demo/briefing.yaml", "17m40s", nil), ("Demo/briefing.yaml", "23m", nil), ("Demo/booth-loop.yaml", "16m15s", nil),
    ]

    @Test(arguments: cases.indices)
    func lawsHoldOnTheExports(_ index: Int) throws {
        let c = Self.cases[index]
        var arguments = ["snapshot", "--at", c.at]
        if let s = c.scenario { arguments += ["--scenario", Tools.packageRoot.appendingPathComponent(s).path] }
        if let n = c.vehicles { arguments += ["--vehicles", "\(n)"] }
        let json = try Run(arguments + ["--format", "json"]), csv = try Run(arguments + ["--format", "csv"])
        #expect(json.status == 0 && csv.status == 0, "\(json.stderr)\(csv.stderr)")
        let (problems, busy) = try accountingViolations(json: Data(json.output), csv: csv.stdout)
        #expect(problems.isEmpty, "\(arguments): \(problems.joined(separator: "\n"))")
        #expect(busy > 0, "\(arguments): the fleet sends something in the window")
    }

    /// A test of the test: a snapshot edited by one byte in one place breaks a law.
    @Test func theCheckCatchesAPlantedMismatch() throws {
        let run = try Run(["snapshot", "--at", "10m", "--format", "json"])
        var doc = try #require(try JSONSerialization.jsonObject(with: Data(run.output)) as? [String: Any])
        var countries = try #require(doc["countries"] as? [[String: Any]])
        countries[0]["up_bytes"] = (countries[0]["up_bytes"] as? Int ?? 0) + 1
        doc["countries"] = countries
        let edited = try JSONSerialization.data(withJSONObject: doc)
        #expect(try accountingViolations(json: Data(run.output)).problems.isEmpty)
        #expect(try accountingViolations(json: edited).problems.contains { $0.contains("Σ countries") })
    }
}
