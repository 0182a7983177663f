import Testing
@testable import Simulation

/// The queue against a sorted-array model under seeded random schedule/cancel/pop sequences that
/// grow and shrink the calendar and change the spacing of events under it.
@Suite struct EventQueueModelTests {
    struct ModelEntry { var time: Int64; var priority: UInt8; var seq: Int; var handle: EventHandle }

    /// How event times are drawn.
    enum Spacing: CaseIterable {
        case narrow  // 0..<50 ns: ties everywhere, scheduling before the earliest
        case wide  // up to 10^12 ns, anywhere
        case bursts  // a few instants, hundreds of events each
        case forward  // after the last popped time, exponential gaps that change scale by phase
    }

    /// The model keeps entries sorted by (time, priority, seq); a new entry goes after its equals.
    static func insert(_ e: ModelEntry, into model: inout [ModelEntry]) {
        var lo = 0, hi = model.count
        while lo < hi {
            let mid = (lo + hi) / 2
            let m = model[mid]
            if (m.time, m.priority) <= (e.time, e.priority) { lo = mid + 1 } else { hi = mid }
        }
        model.insert(e, at: lo)
    }

    @Test(arguments: Spacing.allCases, 0..<12 as Range<UInt64>)
    func matchesSortedArrayModel(spacing: Spacing, seed: UInt64) {
        var rng = SeededGenerator(seed: seed &* 31 &+ UInt64(Spacing.allCases.firstIndex(of: spacing) ?? 0))
        var q = EventQueue<Int>()
        var model: [ModelEntry] = []
        var seq = 0
        var lastPopped: Int64 = 0
        var cancelledEarliest = 0, grew = false, shrank = false, rewidened = false
        let startShift = q.shift
        // Phases: fill past several bucket-count doublings, churn, drain to a handful, refill.
        let phases: [(ops: Int, scheduleShare: Int, scale: Double)] = [
            (1200, 8, 1e3), (600, 5, 1e6), (900, 2, 1e3), (500, 6, 1e9),
        ]
        for (phase, plan) in phases.enumerated() {
            for op in 0..<plan.ops {
                let roll = rng.index(below: 10)
                if roll < plan.scheduleShare {
                    let t: Int64
                    switch spacing {
                    case .narrow: t = Int64(rng.index(below: 50))
                    case .wide: t = Int64(rng.index(below: 1_000_000_000_000))
                    case .bursts: t = Int64(rng.index(below: 4)) * 1_000_000_007
                    case .forward: t = lastPopped + Int64(rng.exponential(mean: plan.scale))
                    }
                    let p = UInt8(rng.index(below: 3))
                    let h = q.schedule(seq, at: SimTime(nanoseconds: t), priority: p)
                    Self.insert(ModelEntry(time: t, priority: p, seq: seq, handle: h), into: &model)
                    seq += 1
                } else if roll == 9, !model.isEmpty {
                    // Cancel: half the time the earliest event, otherwise any.
                    let i = rng.index(below: 2) == 0 ? 0 : rng.index(below: model.count)
                    if i == 0 { cancelledEarliest += 1 }
                    let cancelled = q.cancel(model[i].handle)
                    #expect(cancelled)
                    let again = q.cancel(model[i].handle)
                    #expect(!again, "a cancelled handle is stale")
                    model.remove(at: i)
                } else {
                    let peeked = q.peek()
                    let got = q.pop()
                    let expected = model.first
                    #expect(peeked?.event == got?.event)
                    #expect(got?.event == expected?.seq, "phase \(phase) op \(op)")
                    #expect(got?.time.nanoseconds == expected?.time)
                    if let e = expected {
                        #expect(!q.isPending(e.handle), "a popped handle is stale")
                        lastPopped = e.time
                        model.removeFirst()
                    }
                }
                #expect(q.count == model.count)
                if q.mask + 1 >= 256 { grew = true }
                if grew && q.mask + 1 <= 128 { shrank = true }
                if q.shift != startShift { rewidened = true }
                if op % 13 == 0 { q.checkInvariants() }
            }
            q.checkInvariants()
        }
        #expect(cancelledEarliest > 10)
        #expect(grew, "the calendar grew")
        #expect(shrank || spacing == .bursts || model.count > 60, "the calendar shrank when it drained")
        #expect(rewidened || spacing == .bursts, "the day width was measured")
        // Drain: everything left comes out in model order.
        for e in model {
            let got = q.pop()
            #expect(got?.event == e.seq)
        }
        #expect(q.isEmpty)
        q.checkInvariants()
    }

    /// A long run at one spacing, then at one a million times wider: the queue re-measures its
    /// day width from the pops alone (no change in population triggers it).
    @Test func adaptsTheDayWidthWhenTheSpacingChanges() {
        var q = EventQueue<UInt32>()
        var rng = SeededGenerator(seed: 5)
        for i in 0..<2000 { q.schedule(UInt32(i), at: SimTime(nanoseconds: Int64(rng.exponential(mean: 2000 * 100)))) }
        var last: Int64 = 0
        var widths: Set<Int64> = []
        for round in 0..<40_000 {
            let mean = round < 20_000 ? 2000.0 * 100 : 2000.0 * 100_000_000
            guard let (t, e) = q.pop() else { break }
            #expect(t.nanoseconds >= last)
            last = t.nanoseconds
            q.schedule(e, at: t + SimDuration(nanoseconds: Int64(rng.exponential(mean: mean))))
            if round % 1000 == 0 { widths.insert(q.shift) }
        }
        q.checkInvariants()
        #expect((widths.max() ?? 0) - (widths.min() ?? 0) >= 15, "width exponents seen: \(widths.sorted())")
    }

    @Test func copiesAreIndependent() {
        var a = EventQueue<String>()
        for i in 0..<300 { a.schedule("e\(i)", at: SimTime(nanoseconds: Int64(i % 17))) }
        var b = a
        let fromB = b.pop()
        b.schedule("only-b", at: .zero)
        #expect(a.count == 300)
        #expect(a.peek()?.event == "e0")
        #expect(fromB?.event == "e0")
        #expect(b.peek()?.event == "e17", "time 0 again: after the earlier events at 0")
        #expect(b.count == 300)
        a.checkInvariants()
        b.checkInvariants()
    }

    final class Token {
        static let live = Counter()
        init() { Token.live.add(1) }
        deinit { Token.live.add(-1) }
    }

    /// Payloads are released when popped, cancelled, removed or dropped with the queue.
    @Test func releasesPayloads() {
        let before = Token.live.value
        do {
            var q = EventQueue<Token>()
            var handles: [EventHandle] = []
            for i in 0..<500 { handles.append(q.schedule(Token(), at: SimTime(nanoseconds: Int64(i * 7 % 101)))) }
            q.reserveCapacity(2000)
            #expect(Token.live.value - before == 500)
            for h in handles.prefix(100) { q.cancel(h) }
            for _ in 0..<100 { _ = q.pop() }
            #expect(Token.live.value - before == 300)
            let copy = q
            q.removeAll()
            #expect(Token.live.value - before == 300, "the copy still holds its events")
            #expect(copy.count == 300)
            for _ in 0..<50 { q.schedule(Token(), at: .zero) }
        }
        #expect(Token.live.value == before)
    }
}

/// A counter the payload test can share across its instances.
final class Counter: @unchecked Sendable {
    private var count = 0
    func add(_ n: Int) { count += n }
    var value: Int { count }
}
