import Scenario
import Simulation
import Testing
@testable import fleetwatch

@Suite struct DemoScriptTests {
    let script: DemoScript

    init() throws { script = DemoScript(scenario: try DemoFixtures.scenario()) }

    func s(_ seconds: Int64) -> SimDuration { .seconds(seconds) }

    @Test func chaptersRunToTheNextOneOrForTheirLength() {
        #expect(script.chapters.map(\.title) == ["First", "Second", "Third", "Fourth"])
        #expect(script.chapters.map(\.number) == [1, 2, 3, 4])
        #expect(script.chapters.map(\.start) == [s(60), s(120), s(240), s(300)])
        #expect(script.chapters.map(\.end) == [s(120), s(180), s(300), s(420)], "Second lasts its 1m; Fourth ends the demo")
        #expect(script.end == s(420))
        #expect(script.chapterIndex(at: s(0)) == 0 && script.chapterIndex(at: s(239)) == 1 && script.chapterIndex(at: s(300)) == 3)
    }

    @Test func cuesAreInTimeOrderWithTheMadeUpOnes() {
        let cues = script.cues.map { "\($0.at) \($0.cue)" }
        #expect(script.cues.map(\.at) == script.cues.map(\.at).sorted())
        #expect(cues.contains("1m30s clearCaption"), "the caption's 30s ran out before anything replaced it")
        #expect(cues.contains("3m skip(toChapter: 2)"), "Second ends at 3m, Third starts at 4m")
        #expect(cues.last == "7m end")
        #expect(cues.first == "1m chapter(index: 0)", "a chapter comes before the cues at its time")
        #expect(!script.cues.contains { if case .caption = $0.cue { $0.at == s(120) } else { false } })
    }

    @Test func wallTimeFollowsTheScriptedSpeedsAndSkipsTheGap() {
        // 1m at x20 = 3s; Second 1m at x20 = 3s; 3m-4m skipped; Third 1m at x20 = 3s; Fourth 2m at x60 = 2s.
        #expect(script.wallSeconds(at: s(60)) == 0)
        #expect(abs(script.wallSeconds(at: s(240)) - 6) < 1e-9)
        #expect(abs(script.wallSeconds(at: script.end) - 11) < 1e-9)
    }

    @Test func aScenarioWithoutChaptersPlaysAsOne() throws {
        let plain = try DemoFixtures.scenario("name: Plain\nfleet: {size: 10}\ntimeline:\n  - {at: 2m, action: set-speed, factor: 5}\n")
        let script = DemoScript(scenario: plain)
        #expect(script.chapters == [DemoScript.Chapter(number: 1, title: "Plain", start: .zero, end: s(180))])
        #expect(script.cues.first == DemoScript.TimedCue(at: .zero, cue: .chapter(index: 0)))
    }

    @Test func aCaptionReplacedBeforeItsTimeDoesNotClearTheNewOne() throws {
        let text = """
            name: c
            fleet: {size: 10}
            timeline:
              - {at: 0s, action: chapter, title: A}
              - {at: 0s, action: caption, text: one, for: 1m}
              - {at: 30s, action: caption, text: two}
            """
        let script = DemoScript(scenario: try DemoFixtures.scenario(text))
        #expect(!script.cues.contains { $0.cue == .clearCaption })
    }
}
