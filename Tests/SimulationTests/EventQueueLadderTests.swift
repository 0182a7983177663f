import Testing
@testable import Simulation

/// The ladder queue against a plain reference heap, on the time patterns a simulation produces:
/// dense near-future events, far-future wake-ups, floods at one instant, a mixture of stream
/// rates (the fleet-flows shape), and times before the current minimum.
@Suite struct EventQueueLadderTests {
    /// A textbook binary heap on (time, priority, sequence): the order the queue must reproduce.
    struct ReferenceHeap {
        struct Key: Comparable {
            var time: Int64, priority: UInt8, seq: Int
            static func < (a: Key, b: Key) -> Bool { (a.time, a.priority, a.seq) < (b.time, b.priority, b.seq) }
        }
        var items: [Key] = []
        var cancelled = Set<Int>()
        var count: Int { items.count - cancelled.count }

        mutating func push(_ k: Key) {
            items.append(k)
            var i = items.count - 1
            while i > 0, items[i] < items[(i - 1) / 2] {
                items.swapAt(i, (i - 1) / 2)
                i = (i - 1) / 2
            }
        }

        mutating func pop() -> Key? {
            while let top = items.first {
                items.swapAt(0, items.count - 1)
                items.removeLast()
                var i = 0
                while true {
                    let l = 2 * i + 1, r = l + 1
                    var m = i
                    if l < items.count, items[l] < items[m] { m = l }
                    if r < items.count, items[r] < items[m] { m = r }
                    if m == i { break }
                    items.swapAt(i, m)
                    i = m
                }
                if cancelled.remove(top.seq) == nil { return top }
            }
            return nil
        }
    }

    enum Pattern: String, CaseIterable, CustomTestStringConvertible {
        /// Exponential delays of five stream rates from 1 s to a day, as fleet-flows.
        case streams
        /// Mostly near-future delays plus 2 % wake-ups hours ahead.
        case nearAndFar
        /// Bursts of hundreds of events at one instant (aligned ticks), a few stragglers.
        case floods
        /// Delays over nine orders of magnitude.
        case logUniform
        /// Times anywhere, including before the current minimum (not a simulation's pattern).
        case anywhere

        var testDescription: String { rawValue }

        func delay(_ rng: inout SeededGenerator, stream: Int) -> Int64 {
            switch self {
            case .streams:
                let means = [1.0, 600, 86_400, 5, 60]
                return Int64(rng.exponential(mean: means[stream % 5]) * 1e9)
            case .nearAndFar:
                return rng.index(below: 50) == 0
                    ? Int64(rng.uniform() * 8 * 3600e9) : Int64(rng.exponential(mean: 10) * 1e9)
            case .floods:
                return rng.index(below: 20) == 0 ? Int64(rng.index(below: 10_000_000)) : 10_000_000_000
            case .logUniform:
                return Int64(pow10(rng.uniform() * 9))
            case .anywhere:
                return Int64(rng.index(below: 1 << 40)) - (1 << 39)
            }
        }

        private func pow10(_ x: Double) -> Double {
            var r = 1.0, y = x
            while y >= 1 { r *= 10; y -= 1 }
            return r * (1 + y * 9)  // monotone, good enough to spread delays
        }
    }

    /// A simulation-shaped run: each pop schedules its stream's next event; now and then events
    /// are cancelled or extra ones added. Every pop matches the reference; the invariants hold.
    @Test(arguments: Pattern.allCases, 0..<3 as Range<UInt64>)
    func matchesTheReferenceHeap(pattern: Pattern, seed: UInt64) {
        var rng = SeededGenerator(seed: seed &+ 1000 &* UInt64(Pattern.allCases.firstIndex(of: pattern)!))
        var q = EventQueue<Int>()
        var ref = ReferenceHeap()
        var handles: [Int: EventHandle] = [:]
        var seq = 0
        var now: Int64 = 0
        func add(_ stream: Int, at t: Int64, priority: UInt8 = 0) {
            let h = q.schedule(seq, at: SimTime(nanoseconds: t), priority: priority)
            ref.push(.init(time: t, priority: priority, seq: seq))
            handles[seq] = h
            seq += 1
        }
        let streams = 3000
        for s in 0..<streams { add(s, at: now + pattern.delay(&rng, stream: s)) }
        for step in 0..<40_000 {
            let roll = rng.index(below: 100)
            if roll < 3, let victim = handles.keys.min(by: { (($0 &* 2_654_435_761) % 1009, $0) < (($1 &* 2_654_435_761) % 1009, $1) }) {
                let cancelled = q.cancel(handles[victim]!)
                #expect(cancelled)
                ref.cancelled.insert(victim)
                handles[victim] = nil
                add(victim % 5, at: now + pattern.delay(&rng, stream: victim % 5), priority: UInt8(rng.index(below: 3)))
            } else {
                let expected = ref.pop()
                let got = q.pop()
                #expect(got?.event == expected?.seq, "step \(step)")
                #expect(got?.time.nanoseconds == expected?.time, "step \(step)")
                guard let e = expected else { break }
                handles[e.seq] = nil
                if pattern != .anywhere { now = e.time }
                add(e.seq % 5, at: now + pattern.delay(&rng, stream: e.seq % 5), priority: UInt8(rng.index(below: 2)))
            }
            #expect(q.count == ref.count)
            if step % 997 == 0 { q.checkInvariants() }
        }
        q.checkInvariants()
        #expect(q.rungCount > 0 || q.count <= EventQueue<Int>.bucketLimit || pattern == .floods,
                "a queue of thousands uses rungs")
    }

    /// Ten thousand events at one instant among a few others: pops come in scheduling order,
    /// and the flood is ordered by one heap rather than by repeated splitting.
    @Test func aFloodAtOneInstantKeepsFirstInFirstOut() {
        var q = EventQueue<Int>()
        for i in 0..<200 { q.schedule(-1 - i, at: SimTime(nanoseconds: Int64(i) * 1_000_000_000 + 7)) }
        for i in 0..<10_000 { q.schedule(i, at: SimTime(nanoseconds: 50_000_000_000)) }
        q.checkInvariants()
        var flood: [Int] = []
        while let (t, e) = q.pop() {
            if t.nanoseconds == 50_000_000_000 && e >= 0 { flood.append(e) }
        }
        #expect(flood == Array(0..<10_000))
    }

    /// The rungs split crowded buckets: a million-to-one spread of delays still leaves the near
    /// heap small.
    @Test func crowdedBucketsAreSplitIntoFinerRungs() {
        var q = EventQueue<Int>()
        var rng = SeededGenerator(seed: 5)
        q.schedule(0, at: SimTime(nanoseconds: 86_400_000_000_000))  // one far outlier widens rung 0
        for i in 1..<20_000 { q.schedule(i, at: SimTime(nanoseconds: Int64(rng.exponential(mean: 1e9)))) }
        _ = q.pop()
        q.checkInvariants()
        #expect(q.rungCount >= 2, "the crowded first bucket became a finer rung")
        #expect(q.nearCount <= 64, "the near heap holds one small bucket, not \(q.nearCount) events")
        var last: Int64 = .min
        while let (t, _) = q.pop() {
            #expect(t.nanoseconds >= last)
            last = t.nanoseconds
        }
    }

    /// Scheduling and cancelling one event at a time after the queue once held many stays
    /// cheap (emptying by cancel frees what the tiers hold, not the whole slab) and correct.
    @Test func cancellingTheLastEventAfterAPeak() {
        var q = EventQueue<Int>()
        for i in 0..<50_000 { q.schedule(i, at: SimTime(nanoseconds: Int64(i) * 1000)) }
        while q.count > 1 { _ = q.pop() }
        _ = q.pop()
        for i in 0..<20_000 {
            let h = q.schedule(i, at: SimTime(nanoseconds: 10_000_000_000 + Int64(i)))
            let cancelled = q.cancel(h)
            #expect(cancelled && q.isEmpty && q.nextTime == nil)
        }
        q.checkInvariants()
        q.schedule(7, at: SimTime(nanoseconds: 1))
        #expect(q.pop()?.event == 7)
    }

    /// An event at the very end of time, alone in the queue, is still the next one.
    @Test func theEndOfTimeAloneIsStillPending() {
        var q = EventQueue<Int>()
        q.schedule(1, at: .distantFuture)
        q.checkInvariants()
        #expect(q.nextTime == .distantFuture)
        q.schedule(2, at: .distantFuture)
        let first = q.pop(), second = q.pop()
        #expect(first?.event == 1 && second?.event == 2)
        #expect(q.isEmpty)
        q.checkInvariants()
    }

    /// Extreme times: the ends of the time line, in every tier.
    @Test func extremeTimesStayOrdered() {
        var q = EventQueue<Int>()
        let times: [Int64] = [.max, .max - 1, 0, .min, .min + 1, .max, 1 << 62, -(1 << 62), 5, .max]
        for round in 0..<30 {
            for (i, t) in times.enumerated() { q.schedule(round * 100 + i, at: SimTime(nanoseconds: t)) }
        }
        q.checkInvariants()
        var got: [(Int64, Int)] = []
        while let (t, e) = q.pop() { got.append((t.nanoseconds, e)) }
        let expected = (0..<30).flatMap { r in times.enumerated().map { (t: $0.element, e: r * 100 + $0.offset) } }
            .sorted { ($0.t, $0.e) < ($1.t, $1.e) }
        #expect(got.map(\.0) == expected.map(\.t))
        #expect(got.map(\.1) == expected.map(\.e))
    }
}
