import Testing
@testable import Simulation

/// A model that logs every event and schedules follow-ups at random delays.
struct Chain: EventHandler {
    var rng: SeededGenerator
    var log: [(Int64, UInt32)] = []
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func handle(_ event: UInt32, simulator: inout Simulator<UInt32>) {
        log.append((simulator.now.nanoseconds, event))
        for b in [UInt64(bitPattern: simulator.now.nanoseconds), UInt64(event)] {
            hash = (hash ^ b) &* 0x0000_0100_0000_01b3  // FNV-1a over the event log
        }
        simulator.schedule(event, after: .seconds(rng.exponential(mean: Double(event % 7 + 1))))
    }
}

func chainDigest(seed: UInt64, until: Double = 400) -> (UInt64, UInt64) {
    var model = Chain(rng: SeededGenerator(seed: seed))
    var sim = Simulator<UInt32>()
    for i in 0..<50 { sim.schedule(UInt32(i), at: .seconds(model.rng.uniform() * 10)) }
    sim.run(until: .seconds(until), model: &model)
    return (model.hash, sim.eventsProcessed)
}

@Suite struct SimulatorTests {
    @Test func runUntilStopsAtItsBoundAndKeepsLaterEvents() {
        var sim = Simulator<UInt32>()
        sim.schedule(1, at: .seconds(1.0))
        sim.schedule(2, at: .seconds(2.0))
        sim.schedule(3, at: .seconds(3.0))
        var once = OneShot()
        let n = sim.run(until: .seconds(2.0), model: &once)
        #expect(n == 1, "an event exactly at the bound is not run")
        #expect(once.seen == [1])
        #expect(sim.now == .seconds(2.0))
        #expect(sim.queue.count == 2)
        #expect(sim.peek() == .seconds(2.0))
    }

    @Test func stepAdvancesTheClock() {
        var sim = Simulator<UInt32>()
        sim.schedule(7, after: .milliseconds(1500))
        let first = sim.step()
        #expect(first == 7)
        #expect(sim.now == SimTime(nanoseconds: 1_500_000_000))
        let second = sim.step()
        #expect(second == nil)
    }

    @Test func cancelThroughTheSimulator() {
        var sim = Simulator<UInt32>()
        let h = sim.schedule(1, after: .seconds(Int64(1)))
        let cancelled = sim.cancel(h)
        #expect(cancelled)
        var once = OneShot()
        sim.run(until: .seconds(10.0), model: &once)
        #expect(once.seen.isEmpty)
    }

    @Test func sameSeedSameLogDifferentSeedDifferentLog() {
        let a = chainDigest(seed: 42), b = chainDigest(seed: 42), c = chainDigest(seed: 43)
        #expect(a.1 > 5_000, "thousands of events are compared")
        #expect(a == b)
        #expect(a.0 != c.0)
    }
}

struct OneShot: EventHandler {
    var seen: [UInt32] = []
    mutating func handle(_ event: UInt32, simulator: inout Simulator<UInt32>) { seen.append(event) }
}
