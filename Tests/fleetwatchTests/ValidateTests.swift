import Foundation
import Testing

@Suite struct ValidateTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Writes `text` to a fresh file in the temporary directory.
    func temporaryFile(_ name: String, _ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func theDefaultScenarioIsValid() throws {
        let path = Self.repository.appendingPathComponent("Scenarios/default.yaml").path
        let run = try Run(["validate", path])
        #expect(run.status == 0)
        #expect(run.stdout == "\(path): ok (600 cars, 10 rules, 0 timeline actions)\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func aBadFileGetsEveryProblemAndStatusOne() throws {
        let good = try temporaryFile("good.yaml", "name: small\nfleet: {size: 20}\n")
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: good).deletingLastPathComponent()) }
        let bad = try temporaryFile("bad.yaml", """
            name: bad
            sede: 4
            routing: {CN: {telemetry: tesla-cn-d}}
            timeline:
              - {at: 1m, action: tirp, car: 1, to-zone: z}
            """)
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: bad).deletingLastPathComponent()) }
        let run = try Run(["validate", good, bad])
        #expect(run.status == 1)
        #expect(run.stdout == "\(good): ok (20 cars, 10 rules, 0 timeline actions)\n")
        #expect(run.stderr == """
            \(bad):2:1: error: unknown key 'sede' in the scenario; did you mean 'seed'?
            \(bad):3:27: error: undefined service 'tesla-cn-d'; did you mean 'tesla-cn-dc'?
            \(bad):5:22: error: unknown timeline action 'tirp'; did you mean 'trip'?

            """)
    }

    @Test func aMissingFileIsAnErrorNamingIt() throws {
        let run = try Run(["validate", "/nonexistent/fleet.yaml"])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("/nonexistent/fleet.yaml:1:1: error: no such file; check the path"), "stderr: \(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}
