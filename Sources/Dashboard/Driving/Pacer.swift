import Simulation

/// Paces the simulation to the wall clock times a speed, as SimPy's `RealtimeEnvironment` does:
/// the same model runs paced in the terminal and as fast as possible headless.
///
/// The driver reads the clock and passes wall times in (this type never reads one). Each frame
/// advances simulated time by the wall time since the last frame times the speed, but never by
/// more than `maxFrameGap` of wall time: after a stall (a slow terminal, a suspended process)
/// simulated time resumes smoothly instead of jumping to catch up. Pausing freezes it.
public struct Pacer: Hashable, Sendable {
    public private(set) var simulatedNow: SimTime
    public var speed: Double
    public var paused: Bool
    /// The longest wall-time gap a single frame may turn into simulated time, in seconds.
    public var maxFrameGap: Double
    var lastWall: Double?

    public init(start: SimTime = .zero, speed: Double = 1, paused: Bool = false, maxFrameGap: Double = 0.25) {
        simulatedNow = start
        self.speed = speed
        self.paused = paused
        self.maxFrameGap = maxFrameGap
    }

    /// The simulated time the model should reach for a frame drawn at wall time `wall` (seconds
    /// on a monotonic clock).
    public mutating func target(atWall wall: Double) -> SimTime {
        defer { lastWall = wall }
        guard let last = lastWall, !paused else { return simulatedNow }
        let gap = min(max(0, wall - last), maxFrameGap)
        simulatedNow += .seconds(gap * speed)
        return simulatedNow
    }

    /// Moves simulated time by hand (a `.` step while paused, a demo jump).
    public mutating func jump(to time: SimTime) {
        simulatedNow = max(simulatedNow, time)
    }

    /// Holds simulated time back at `time` while the wall clock goes on (a source whose
    /// records have not come yet): the next frame goes on from there, without a jump.
    public mutating func hold(at time: SimTime) {
        simulatedNow = min(simulatedNow, time)
    }

    /// Goes on from `time`, earlier or later (a jump in time, after its run): the next frame
    /// starts the clock again, so the wall time the jump took is not turned into simulated time.
    public mutating func restart(at time: SimTime) {
        simulatedNow = time
        lastWall = nil
    }
}
