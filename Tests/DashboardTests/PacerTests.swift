import Simulation
import Testing
@testable import Dashboard

@Suite struct PacerTests {
    @Test func advancesWallTimeTimesSpeed() {
        var p = Pacer(speed: 10)
        #expect(p.target(atWall: 100) == .zero, "the first frame only starts the clock")
        #expect(p.target(atWall: 100.1) == .seconds(1.0))
        #expect(p.target(atWall: 100.2) == .seconds(2.0))
    }

    @Test func aStallDoesNotMakeTimeJump() {
        var p = Pacer(speed: 100, maxFrameGap: 0.25)
        _ = p.target(atWall: 0)
        #expect(p.target(atWall: 5) == .seconds(25.0), "a 5 s stall advances 0.25 s of wall time")
        #expect(p.target(atWall: 5.1) == .seconds(35.0), "then pacing resumes evenly")
    }

    @Test func pauseFreezesAndJumpMovesForward() {
        var p = Pacer(speed: 1)
        _ = p.target(atWall: 0)
        p.paused = true
        #expect(p.target(atWall: 1) == .zero)
        p.jump(to: .seconds(3.0))
        #expect(p.target(atWall: 2) == .seconds(3.0))
        p.paused = false
        #expect(p.target(atWall: 2.1) == .seconds(3.1))
        p.jump(to: .seconds(1.0))
        #expect(p.simulatedNow == .seconds(3.1), "jumps never go back")
    }

    @Test func clockGoingBackwardsIsIgnored() {
        var p = Pacer(speed: 1)
        _ = p.target(atWall: 10)
        #expect(p.target(atWall: 9) == .zero)
    }
}
