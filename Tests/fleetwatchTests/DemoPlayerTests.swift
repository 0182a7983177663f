import Dashboard
import Foundation
import Scenario
import Screen
import Simulation
import Testing
@testable import fleetwatch

@Suite struct DemoPlayerTests {
    func at(_ seconds: Int64) -> SimTime { SimTime.zero + .seconds(seconds) }

    /// The same simulated time shows the same screen (text and styles), however the wall clock
    /// sliced the run: one straight run against frames at irregular wall times (seeded), drawn
    /// through the program loop as the drivers draw them.
    @Test(arguments: [75, 150, 290, 310] as [Int64])
    func sameFrameAtTheSameTimeWhateverTheFrameRate(_ seconds: Int64) throws {
        var straight = try DemoFixtures.player()
        _ = straight.jump(toChapter: 0)
        var events: [DemoEvent] = []
        straight.play(to: at(seconds), events: &events)

        var start = try DemoFixtures.player()
        _ = start.jump(toChapter: 0)
        var loop = ProgramLoop(start)
        var rng = SeededGenerator(seed: UInt64(seconds))
        var wall = 0.0
        while loop.program.app.pacer.simulatedNow < at(seconds) - .seconds(Int64(15)) {
            wall += Double.random(in: 0.001...0.3, using: &rng)
            _ = loop.send(.tick(wall: wall))
            _ = loop.frame()
        }
        var paced = loop.program
        paced.play(to: at(seconds), events: &events)

        #expect(straight.now == paced.now)
        let a = straight.view().0, b = paced.view().0
        #expect(a.lines == b.lines)
        #expect(a == b, "same text, and the same styles cell by cell")
    }

    /// ← lands on the frame a straight run shows at the chapter's start, fast (the briefing).
    @Test func previousChapterLandsOnTheStraightFrameOfTheBriefing() throws {
        let briefing = try Scenario.parse(text: DemoBriefing.yaml, file: "<briefing>")
        let script = DemoScript(scenario: briefing)
        var straight = try DemoPlayer(scenario: briefing, script: script, view: DemoFixtures.view, width: 160, height: 48)
        _ = straight.jump(toChapter: 0)
        var events: [DemoEvent] = []
        straight.play(to: SimTime.zero + script.chapters[4].start, events: &events)
        #expect(straight.chapter == 4)

        var back = try DemoPlayer(scenario: briefing, script: script, view: DemoFixtures.view, width: 160, height: 48)
        _ = back.jump(toChapter: 0)
        back.play(to: SimTime.zero + script.chapters[5].start + .seconds(Int64(90)), events: &events)
        #expect(back.chapter == 5)
        let clock = ContinuousClock()
        let took = clock.measure { _ = back.previousChapter() }
        #expect(back.chapter == 4 && back.now == straight.now)
        let a = straight.view().0, b = back.view().0
        #expect(a.lines == b.lines)
        #expect(a == b)
        // The briefing's longest jump replays 23 simulated minutes: well under a second even in
        // a debug build (about 0.3 s on the 2-core CI machine); the bound leaves room for load.
        let last = clock.measure { _ = back.jump(toChapter: script.chapters.count - 1) }
        print("demo jump to chapter 5: \(took), to the last chapter: \(last)")
        #expect(last < .seconds(3))
    }

    @Test func cuesBecomeDashboardState() throws {
        var p = try DemoFixtures.player()
        var events: [DemoEvent] = []
        _ = p.jump(toChapter: 0)
        #expect(p.state.caption?.title == "1/4 First" && p.state.caption?.text == "Hello")
        #expect(p.state.speed == 20 && p.app.pacer.speed == 20)
        p.play(to: at(95), events: &events)
        #expect(p.state.caption?.text == "", "the caption's 30s ran out")
        #expect(p.state.highlight == .panel(.alerts))
        p.play(to: at(140), events: &events)
        #expect(p.state.highlight == nil, "a chapter clears the highlight")
        #expect(p.state.view == .detail(vehicle: 3) && p.state.selectedVehicle == 3)
        p.play(to: at(245), events: &events)
        #expect(p.state.view == .map && p.state.highlight == .vehicle(5) && p.state.selectedVehicle == 5)
        #expect(p.state.caption?.title == "3/4 Third")
    }

    @Test func aShortChapterSkipsAheadToTheNext() throws {
        var p = try DemoFixtures.player()
        _ = p.jump(toChapter: 1)
        var events: [DemoEvent] = []
        p.play(to: at(200), events: &events)
        #expect(events.contains(.skipped(toChapter: 2, at: .seconds(Int64(180)))))
        #expect(p.chapter == 2 && p.now == at(240), "landed on Third's start")
    }

    @Test func theEndHoldsPausedOrLoops() throws {
        var p = try DemoFixtures.player()
        _ = p.jump(toChapter: 3)
        let events = p.playToEnd()
        #expect(events.last == .finished(at: .seconds(Int64(420))))
        #expect(p.finished && p.state.paused && p.now == at(420))
        #expect(!p.handle(.key(.character(" ")), frame: p.view().1) && p.state.paused, "space does not resume a finished demo")
        #expect(p.nextChapter() == [], "nothing after the last chapter")

        var booth = try DemoFixtures.player(loop: true)
        _ = booth.jump(toChapter: 3)
        var more: [DemoEvent] = []
        booth.play(to: at(430), events: &more)
        #expect(more.contains(.finished(at: .seconds(Int64(420)))))
        #expect(!booth.finished && booth.chapter == 0 && booth.now == at(60), "back at the first chapter")
    }

    @Test func aCarNotInTheFleetIsReportedNotFatal() throws {
        let text = """
            name: m
            fleet: {size: 10}
            timeline:
              - {at: 0s, action: chapter, title: A}
              - {at: 10s, action: highlight, car: LRW3E7EK4NC000012}
            """
        var p = try DemoFixtures.player(text)
        _ = p.jump(toChapter: 0)
        var events: [DemoEvent] = []
        p.play(to: at(20), events: &events)
        #expect(events.contains { if case .cueFailed(let m) = $0 { m.contains("LRW3E7EK4NC000012") } else { false } })
        #expect(p.state.highlight == nil)
    }

    @Test func presenterKeys() {
        #expect(PresenterControl(.right) == .next && PresenterControl(.pageDown) == .next && PresenterControl(.character("n")) == .next)
        #expect(PresenterControl(.left) == .previous && PresenterControl(.pageUp) == .previous && PresenterControl(.character("p")) == .previous)
        #expect(PresenterControl(.function(5)) == .replayChapter)
        #expect(PresenterControl(.character("b")) == .dashboard(.key(.character(" "))))
        #expect(PresenterControl(.character("q")) == .dashboard(.key(.character("q"))))
        for key in [Key.right, .left, .character("n"), .character("p"), .character("b"), .function(5)] {
            #expect(PresenterControl(key, typing: true) == .dashboard(.key(key)), "the open prompt takes \(key)")
        }
        #expect(PresenterControl(.character("+")) == .dashboard(.key(.character("+"))))
    }
}
