import Dashboard
import Foundation
import Scenario
import Screen
import Simulation
@testable import fleetwatch

/// Small demos for the tests, and the paths of the presentation files.
enum DemoFixtures {
    /// The repository's Demo/ folder, found from this file (tests run from anywhere).
    static let demoDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Demo")

    /// Every presentation scenario in Demo/.
    static func demoFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: demoDirectory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Four chapters over seven simulated minutes, a skip, an expiring caption, every cue kind.
    static let small = """
        name: Small demo
        seed: 7
        fleet: {size: 60}
        timeline:
          - {at: 1m, action: chapter, title: First}
          - {at: 1m, action: set-speed, factor: 20}
          - {at: 1m, action: caption, text: Hello, for: 30s}
          - {at: 1m30s, action: highlight, panel: alerts}
          - {at: 2m, action: chapter, title: Second, for: 1m}
          - {at: 2m, action: assign-class, car: 3, class: military}
          - {at: 2m10s, action: view, name: car, car: 3}
          - {at: 2m20s, action: caption, text: Car three}
          - {at: 4m, action: chapter, title: Third}
          - {at: 4m, action: view, name: map}
          - {at: 4m, action: highlight, car: 5}
          - {at: 4m30s, action: inject-flow, car: 3, category: camera-clip, bytes: 50 MB, service: tesla-ai}
          - {at: 5m, action: chapter, title: Fourth, for: 2m}
          - {at: 5m, action: view, name: dashboard}
          - {at: 5m, action: set-speed, factor: 60}
        """

    static func scenario(_ text: String = small) throws -> Scenario {
        try Scenario.parse(text: text, file: "small.yaml")
    }

    static let view = DashboardView(glyphs: .unicode, theme: Theme.dark)

    static func player(_ text: String = small, loop: Bool = false, width: Int = 120, height: Int = 40) throws -> DemoPlayer {
        let s = try scenario(text)
        return try DemoPlayer(scenario: s, script: DemoScript(scenario: s), view: view, width: width, height: height, loop: loop)
    }

    /// Writes `text` to a fresh temporary file and returns its path.
    static func temporaryFile(_ text: String, name: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }
}
