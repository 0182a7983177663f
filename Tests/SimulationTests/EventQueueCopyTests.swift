import Testing
@testable import Simulation

/// Copy on write under stress: copies of one queue (and of one simulator) taken at many points,
/// then mutated independently through new rungs, split buckets, compactions, cancels and pops,
/// with reference payloads, must each behave like its own sorted model and release every payload.
@Suite struct EventQueueCopyTests {
    /// A reference payload that counts its live instances in a per-test tally.
    final class Tracked {
        let id: Int
        let tally: Tally
        init(_ id: Int, _ tally: Tally) {
            self.id = id
            self.tally = tally
            tally.live += 1
        }
        deinit { tally.live -= 1 }
    }
    final class Tally { var live = 0 }

    /// A queue with the sorted model it must match: (time, priority, id, handle), in pop order.
    struct Branch {
        var queue: EventQueue<Tracked>
        var model: [(time: Int64, priority: UInt8, id: Int, handle: EventHandle)]
        var rng: SeededGenerator

        /// One random operation: schedule (most often), cancel or pop, checked against the model.
        mutating func step(tally: Tally, nextID: inout Int, scale: Int) {
            let roll = rng.index(below: 10)
            if roll < 5 || model.isEmpty {
                let t = Int64(rng.index(below: scale)), p = UInt8(rng.index(below: 3))
                let h = queue.schedule(Tracked(nextID, tally), at: SimTime(nanoseconds: t), priority: p)
                let i = model.firstIndex { ($0.time, $0.priority) > (t, p) } ?? model.count
                model.insert((t, p, nextID, h), at: i)
                nextID += 1
            } else if roll < 7 {
                let i = rng.index(below: model.count)
                let cancelled = queue.cancel(model[i].handle)
                #expect(cancelled)
                model.remove(at: i)
            } else {
                let got = queue.pop()
                #expect(got?.event.id == model.first?.id)
                #expect(got?.time.nanoseconds == model.first?.time)
                model.removeFirst()
            }
        }
    }

    @Test(arguments: 0..<4 as Range<UInt64>)
    func copiesTakenAnywhereEvolveIndependently(seed: UInt64) {
        let tally = Tally()
        do {
            var nextID = 0
            var root = Branch(queue: EventQueue(), model: [], rng: SeededGenerator(seed: seed))
            var branches: [Branch] = []
            // Grow through several rung rebuilds, taking a copy now and then (shared storage).
            for op in 0..<3000 {
                root.step(tally: tally, nextID: &nextID, scale: op < 1500 ? 1_000 : 1_000_000_000)
                if op % 250 == 0 {
                    var copy = root
                    copy.rng = SeededGenerator(seed: seed &* 1000 &+ UInt64(op))
                    branches.append(copy)
                }
            }
            // Every branch, then the root, mutates its own way: growth, churn, then draining to
            // a handful while the others still share or hold the old nodes.
            for round in 0..<3 {
                for b in branches.indices {
                    for _ in 0..<400 { branches[b].step(tally: tally, nextID: &nextID, scale: round == 1 ? 50 : 1 << 40) }
                    branches[b].queue.checkInvariants()
                }
                for _ in 0..<400 { root.step(tally: tally, nextID: &nextID, scale: 1 << 30) }
                root.queue.checkInvariants()
            }
            for var b in branches + [root] {
                #expect(b.queue.count == b.model.count)
                for e in b.model {
                    let got = b.queue.pop()
                    #expect(got?.event.id == e.id)
                }
                #expect(b.queue.isEmpty)
                b.queue.checkInvariants()
            }
            #expect(tally.live > 0, "the branches' own variables still hold their queues")
        }
        #expect(tally.live == 0, "every payload released exactly once")
    }

    /// One queue shared by several tasks: each copies it and drains its copy its own way; every
    /// task sees the same pending events, and the shared queue stays untouched.
    @Test func concurrentCopiesOfOneQueue() async {
        var q = EventQueue<[Int]>()
        var rng = SeededGenerator(seed: 42)
        var handles: [EventHandle] = []
        for i in 0..<6000 { handles.append(q.schedule([i], at: SimTime(nanoseconds: Int64(rng.index(below: 1 << 32))))) }
        for h in handles where rng.index(below: 3) == 0 { q.cancel(h) }
        let shared = q
        var expected: [Int] = []
        var serial = shared
        while let (_, e) = serial.pop() { expected.append(e[0]) }
        let results = await withTaskGroup(of: [Int].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mine = shared
                    var order: [Int] = []
                    // Half the tasks grow their copy first (a far list), then cancel it all (a compaction).
                    if task % 2 == 0 {
                        var extra: [EventHandle] = []
                        for i in 0..<3000 { extra.append(mine.schedule([-i], at: .distantFuture)) }
                        for h in extra { mine.cancel(h) }
                    }
                    while let (_, e) = mine.pop() { order.append(e[0]) }
                    return order
                }
            }
            var all: [[Int]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 8)
        for r in results { #expect(r == expected) }
        #expect(shared.count == expected.count)
        shared.checkInvariants()
    }

    /// Restarting from a copy of the time-zero simulator replays the same run, whatever the
    /// original did since (the demo restarts this way).
    @Test func aSimulatorCopyReplaysTheSameRun() {
        var zero = Simulator<UInt32>()
        var model = Chain(rng: SeededGenerator(seed: 9))
        for i in 0..<2000 { zero.schedule(UInt32(i), at: .seconds(model.rng.uniform() * 10)) }
        let start = model
        var first = zero
        var a = start
        first.run(until: .seconds(60), model: &a)
        var again = zero
        var b = start
        again.run(until: .seconds(60), model: &b)
        #expect(a.hash == b.hash)
        #expect(first.eventsProcessed == again.eventsProcessed && first.eventsProcessed > 2000)
        #expect(zero.eventsProcessed == 0 && zero.queue.count == 2000)
        zero.queue.checkInvariants()
    }
}
