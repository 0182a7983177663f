import Dashboard
import Foundation
import Scenario
import Screen
import Simulation
import Testing
@testable import fleetwatch

/// The one frame loop (issue 13): its cache never shows a stale frame, and it builds a frame
/// only when something on screen can have changed, for the live dashboard and the demo alike.
@Suite struct ProgramLoopTests {
    static let keys: [Key] = [
        .up, .down, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .character("s"), .character("S"),
        .character("m"), .character("a"), .character("A"), .character(" "), .character("."), .character("+"),
        .character("-"), .character("?"), .character("/"), .character("v"), .backspace, .left, .right,
        .character("n"), .character("p"), .character("r"),
    ]

    static func live(paused: Bool = false, speed: Double = 1) throws -> App {
        var app = try App(
            scenario: DemoFixtures.scenario(), renderer: DemoFixtures.view, at: .seconds(Int64(120)), speed: speed, paused: paused)
        app.resize(width: 120, height: 40)
        return app
    }

    /// Seeded runs of ticks, keys, clicks and resizes: after every message the loop's frame is
    /// the frame the program draws from scratch. The live dashboard's cache holds a frame for a
    /// simulated second, so here its clock moves in whole seconds (4x, a frame gap of at most
    /// 0.25 s, and no +/- keys); the demo's moves on any wall time (it stops on a 1-s grid).
    @Test(arguments: 0..<6 as Range<UInt64>)
    func theCachedFrameIsAlwaysTheFrameOfTheModel(seed: UInt64) throws {
        var rng = SeededGenerator(seed: 0xF1A3 &+ seed)
        var live = ProgramLoop(try Self.live(speed: 4))
        var player = try DemoFixtures.player()
        _ = player.jump(toChapter: 0)
        var demo = ProgramLoop(player)
        var wall = (live: 0.0, demo: 0.0)
        for step in 0..<60 {
            let message: Message
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<5:
                wall.live += 0.25 * Double(Int.random(in: 0...3, using: &rng))
                wall.demo += Double.random(in: 0...2, using: &rng)
                message = .tick(wall: 0)
            case 5..<8: message = .key(Self.keys.randomElement(using: &rng)!)
            case 8: message = .mouse(.click(x: Int.random(in: 0..<120, using: &rng), y: Int.random(in: 0..<40, using: &rng)))
            default: message = .resize(width: Int.random(in: 40...140, using: &rng), height: Int.random(in: 10...50, using: &rng))
            }
            if case .key(.character("q")) = message { continue }
            for (name, isLive) in [("live", true), ("demo", false)] {
                let m: Message = if case .tick = message { .tick(wall: isLive ? wall.live : wall.demo) } else { message }
                if isLive {
                    if m == .key(.character("+")) || m == .key(.character("-")) { continue }
                    _ = live.send(m)
                    let (cached, _) = live.frame()
                    #expect(cached == live.program.view().0, "\(name), seed \(seed), step \(step): \(m)")
                } else {
                    _ = demo.send(m)
                    let (cached, _) = demo.frame()
                    #expect(cached == demo.program.view().0, "\(name), seed \(seed), step \(step): \(m)")
                }
            }
        }
    }

    /// Paused, nothing changes: a hundred ticks build the first frame only; a key builds one more.
    @Test func aPausedScreenIsBuiltOnce() throws {
        var live = ProgramLoop(try Self.live(paused: true))
        for i in 0..<100 {
            _ = live.send(.tick(wall: Double(i) / 10))
            _ = live.frame()
        }
        #expect(live.framesBuilt == 1)
        _ = live.send(.key(.down))
        #expect(live.frame().isNew && live.framesBuilt == 2)
    }

    /// The demo redraws on change too (issue 13: it used to build every frame): at 1x and 10 fps
    /// a minute of the presentation builds about one frame per simulated second, not 600.
    @Test func theDemoBuildsAFramePerSimulatedSecondAtOneX() throws {
        let text = """
            name: Slow demo
            seed: 3
            fleet: {size: 40}
            timeline:
              - {at: 1m, action: chapter, title: Only}
              - {at: 1m10s, action: caption, text: Ten seconds in}
              - {at: 3m, action: chapter, title: Last}
            """
        var player = try DemoFixtures.player(text)
        _ = player.jump(toChapter: 0)
        var loop = ProgramLoop(player)
        var events: [DemoEvent] = []
        for i in 0...600 {
            for effect in loop.send(.tick(wall: Double(i) / 10)) {
                if case .announce(let e) = effect { events.append(e) }
            }
            _ = loop.frame()
        }
        #expect(loop.program.now == SimTime.zero + .seconds(Int64(120)))
        #expect((60...62).contains(loop.framesBuilt), "built \(loop.framesBuilt) frames for 60 simulated seconds")
        #expect(events == [.caption("Ten seconds in", at: .seconds(Int64(70)))], "cues come back as effects")
    }

    /// A presenter's chapter keys and q reach the player through the loop.
    @Test func presenterKeysGoThroughTheLoop() throws {
        var player = try DemoFixtures.player()
        _ = player.jump(toChapter: 0)
        var loop = ProgramLoop(player)
        _ = loop.frame()
        let effects = loop.send(.key(.pageDown))
        #expect(loop.program.chapter == 1)
        #expect(effects.contains(.announce(.chapter(index: 1, at: .seconds(Int64(120))))))
        #expect(loop.send(.key(.character("q"))) == [.quit])
        var live = ProgramLoop(try Self.live(speed: 4))
        #expect(live.send(.key(.character("q"))) == [.quit])
    }
}
