import Dashboard
import Foundation
import Scenario
import Testing
@testable import fleetwatch

@Suite struct DemoCommandTests {
    /// Every presentation in Demo/ validates and plays headlessly to its end: chapter lines in
    /// order, the end, the alert summary, and no warning (a step that could not be played).
    @Test func everyDemoFileValidatesAndPlaysToItsEnd() throws {
        let files = try DemoFixtures.demoFiles()
        #expect(files.map(\.lastPathComponent) == ["booth-loop.yaml", "briefing.yaml"])
        for file in files {
            let validate = try Run(["validate", file.path])
            #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
            let run = try Run(["demo", file.path, "--headless"])
            #expect(run.status == 0, "\(file.lastPathComponent): \(run.stderr)")
            #expect(run.stderr == "", "\(file.lastPathComponent)")
            let script = DemoScript(scenario: try Scenario.load(path: file.path))
            let lines = run.stdout.split(separator: "\n").map(String.init)
            let chapters = lines.filter { $0.contains("  chapter ") }
            let n = script.chapters.count
            #expect(chapters.count == n)
            for (i, (line, chapter)) in zip(chapters, script.chapters).enumerated() {
                #expect(line.hasSuffix("chapter \(i + 1)/\(n): \(chapter.title)"), "\(line)")
                #expect(line.hasPrefix(DemoHeadless.clock(chapter.start)))
            }
            #expect(lines.contains { $0.hasPrefix(DemoHeadless.clock(script.end)) && $0.hasSuffix("  end") })
            #expect(lines.contains { $0.hasPrefix("alerts: ") } && lines.contains { $0.hasPrefix("open at the end: ") })
        }
    }

    @Test func theBriefingIsPlayedWithoutAFileAndIsTheFileInDemo() throws {
        let data = try Data(contentsOf: DemoFixtures.demoDirectory.appendingPathComponent("briefing.yaml"))
        #expect(Array(DemoBriefing.yaml.utf8) == Array(data), "run .ci/embed-demo-briefing after editing Demo/briefing.yaml")
        let run = try Run(["demo", "--headless", "--chapter", "8"])
        #expect(run.status == 0)
        let chapters = run.stdout.split(separator: "\n").filter { $0.contains("  chapter ") }
        #expect(chapters.first?.hasSuffix("chapter 8/9: The mirror image: US rules") == true, "starts at --chapter")
        #expect(chapters.count == 2)
        #expect(run.stdout.hasPrefix("demo: 2021: connected cars under suspicion (<briefing>): 9 chapters"))
    }

    @Test(arguments: [
        (["demo", "--headless", "--loop"], "--loop never ends"),
        (["demo", "--headless", "--width", "5"], "--width and --height of a recording must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 5x48"),
        (["demo", "--headless", "--height", "3"], "must be between 60x15 (the dashboard's smallest screen) and 1000x1000, got 160x3"),
        (["demo", "/nonexistent/demo.yaml", "--headless"], "/nonexistent/demo.yaml"),
        (["demo"], "--headless plays without one"),
    ])
    func refusesWhatItCannotPlay(_ arguments: [String], _ message: String) throws {
        let run = try Run(arguments)
        #expect(run.status != 0)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    /// A chapter number out of range is a usage error whichever side it is on: the same exit
    /// status (64, as ArgumentParser gives every usage error) and a message naming the range.
    @Test(arguments: ["0", "10", "-1"])
    func aChapterOutOfRangeIsAUsageErrorNamingTheRange(_ chapter: String) throws {
        let run = try Run(["demo", "--headless", "--chapter", chapter])
        #expect(run.status == 64, "exit status \(run.status): \(run.stderr)")
        #expect(run.stderr.hasPrefix(
            "Error: --chapter must be between 1 and 9 ('2021: connected cars under suspicion' has 9 chapters), got \(chapter)"),
            "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func theScenarioLayerKnowsTheDashboardsPanels() {
        #expect(PresentationNames.panels == Panel.allCases.map(\.rawValue))
    }
}
