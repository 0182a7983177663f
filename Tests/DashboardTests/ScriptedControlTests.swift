import Testing
@testable import Dashboard

/// The actions a demo script sends through the reducer besides keys.
@Suite struct ScriptedControlTests {
    @Test func setSpeedChangesTheStateAndTellsTheDriver() {
        var s = DashboardState()
        #expect(s.reduce(.setSpeed(20), frame: FrameContext()) == [.setSpeed(20)])
        #expect(s.speed == 20)
        #expect(s.reduce(.setSpeed(0), frame: FrameContext()) == [.setSpeed(0.01)], "clamped to the lowest speed")
        #expect(s.reduce(.setSpeed(.infinity), frame: FrameContext()) == [.setSpeed(0.01)], "a non-finite speed changes nothing")
        #expect(s.reduce(.setSpeed(1e9), frame: FrameContext()) == [.setSpeed(100_000)])
    }

    @Test func setPausedIsIdempotentUnlikeSpace() {
        var s = DashboardState()
        #expect(s.reduce(.setPaused(true), frame: FrameContext()) == [.setPaused(true)])
        #expect(s.reduce(.setPaused(true), frame: FrameContext()) == [.setPaused(true)])
        #expect(s.paused)
        #expect(s.reduce(.key(.character(" ")), frame: FrameContext()) == [.setPaused(false)])
        #expect(!s.paused)
    }

    @Test func plusStepsUpFromAScriptedSpeedBetweenSteps() {
        var s = DashboardState()
        _ = s.reduce(.setSpeed(3), frame: FrameContext())
        #expect(s.reduce(.key(.character("+")), frame: FrameContext()) == [.setSpeed(5)])
        _ = s.reduce(.setSpeed(3), frame: FrameContext())
        #expect(s.reduce(.key(.character("-")), frame: FrameContext()) == [.setSpeed(2)])
    }

    @Test func clearSelectionForgetsTheCarAndScrollsToTheTop() {
        let frame = FrameContext(visibleVehicles: [7, 3, 9, 1, 4], tableRows: 2)
        var s = DashboardState()
        _ = s.reduce(.select(vehicle: 4), frame: frame)
        #expect(s.selectedVehicle == 4 && s.scroll == 3)
        #expect(s.reduce(.clearSelection, frame: frame) == [])
        #expect(s.selectedVehicle == nil && s.scroll == 0)
    }
}
