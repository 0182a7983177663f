import Simulation
import Testing
@testable import Fleet

/// Going back in time (issue 17): the state at T reached from any checkpoint, or by a run cut
/// into any pieces, is the state of one run to T, and the checkpoints keep to their budget.
@Suite struct CheckpointTests {
    static func monitor(seed: UInt64, cars: Int = 120) throws -> FleetMonitor {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = cars
        return try FleetMonitor(config: config)
    }

    /// Everything a screen or an export reads of a monitor, as one comparable value.
    static func fingerprint(_ m: FleetMonitor) -> [UInt64] {
        [m.world.digest, m.alertDigest, UInt64(bitPattern: m.now.nanoseconds), m.flowsSeen, m.flowsFlagged,
         UInt64(m.recentFlows.count), UInt64(m.alerts.openCount), UInt64(m.alerts.unacknowledgedCount)]
    }

    /// Seeded: a run cut into random pieces (the live dashboard's frames, a jump's slices) ends
    /// in the same state as one run to the same time.
    @Test(arguments: [5, 77, 2021] as [UInt64])
    func aRunCutIntoPiecesIsOneRun(seed: UInt64) throws {
        var whole = try Self.monitor(seed: seed)
        var pieces = whole
        let end = SimTime.zero + .seconds(Int64(5400))
        whole.run(until: end)
        var rng = SeededGenerator(seed: seed)
        while pieces.now < end {
            let step = SimDuration.seconds(Double(rng.next() % 400_000) / 1000)  // 0 to 400 s, to the ms
            pieces.run(until: min(end, pieces.now + step))
        }
        #expect(Self.fingerprint(pieces) == Self.fingerprint(whole))
    }

    /// Seeded: for random times of the first two hours, the monitor the checkpoints give (the
    /// latest copy before, run on) is the monitor of a straight run to that time, whichever
    /// time the live run stood at.
    @Test(arguments: [9, 2021] as [UInt64])
    func aJumpFromACheckpointIsTheStraightRun(seed: UInt64) throws {
        let origin = try Self.monitor(seed: seed)
        var live = origin
        var history = Checkpoints(interval: .seconds(Int64(600)))
        let end = SimTime.zero + .seconds(Int64(7200))
        while live.now < end {
            live.run(until: min(end, live.now + .seconds(Int64(97))))
            history.note(live)
        }
        #expect(history.monitors.count >= 9, "a copy about every 10 minutes")
        #expect(history.furthest == end)
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<6 {
            let t = SimTime(nanoseconds: Int64(rng.next() % UInt64(end.nanoseconds)))
            var straight = origin
            straight.run(until: t)
            let jumped = history.monitor(at: t, current: live, origin: { origin })
            #expect(Self.fingerprint(jumped) == Self.fingerprint(straight), "at \(t)")
            // And on from there, as the screen goes on after a jump.
            var after = jumped, reference = straight
            after.run(until: t + .seconds(Int64(300)))
            reference.run(until: t + .seconds(Int64(300)))
            #expect(Self.fingerprint(after) == Self.fingerprint(reference))
        }
        // Forward from an earlier screen: the copies ahead of it are used, not a run from it.
        let early = history.monitor(at: SimTime.zero + .seconds(Int64(100)), current: live, origin: { origin })
        guard case .copy(let start) = history.start(for: SimTime.zero + .seconds(Int64(7000)), current: early) else {
            Issue.record("no copy ahead of an early screen")
            return
        }
        #expect(start.now > early.now && start.now <= SimTime.zero + .seconds(Int64(7000)))
        // Before the first copy, the start is built again.
        guard case .rebuild = history.start(for: SimTime.zero + .seconds(Int64(100)), current: live) else {
            Issue.record("a time before every copy does not rebuild")
            return
        }
    }

    /// Within the budget whatever the run's length: the copies thin out, evenly, the interval
    /// doubling, and the first (the start) stays.
    @Test func theCopiesKeepToTheirBudget() throws {
        // Warmed up: its flow log and alert log full, a copy is as big as it gets.
        var origin = try Self.monitor(seed: 3, cars: 60)
        origin.run(until: SimTime.zero + .seconds(Int64(3600)))
        let each = origin.checkpointBytes
        #expect(each > 60 * 200, "the per-car arrays are counted (\(each) bytes for 60 cars)")
        var history = Checkpoints(interval: .seconds(Int64(60)), budgetBytes: each * 9, start: origin.now)
        var live = origin
        for _ in 0..<80 {
            live.run(until: live.now + .seconds(Int64(60)))
            history.note(live)
            #expect(history.bytes <= history.budgetBytes)
        }
        #expect(history.monitors.count >= 4 && history.monitors.count <= 9)
        #expect(history.interval >= .seconds(Int64(480)), "thinned: the interval grew from 60 s to \(history.interval)")
        let gaps = zip(history.monitors.dropFirst(), history.monitors).map { ($0.now - $1.now).seconds }
        #expect(gaps.allSatisfy { $0 <= 2 * history.interval.seconds + 1 }, "no hole wider than two intervals: \(gaps)")
        // A bigger fleet, bigger copies (the flow log's 4096 flows are the same for both).
        #expect(try Self.monitor(seed: 3, cars: 6000).checkpointBytes > 2 * each)
        // A budget for less than two copies keeps none: jumps back build the start again.
        var tight = Checkpoints(interval: .seconds(Int64(60)), budgetBytes: each * 3 / 2, start: origin.now)
        var run = origin
        for _ in 0..<5 {
            run.run(until: run.now + .seconds(Int64(60)))
            tight.note(run)
        }
        #expect(tight.monitors.isEmpty && tight.furthest == run.now)
    }
}
