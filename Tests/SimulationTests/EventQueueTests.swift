import Testing
@testable import Simulation

@Suite struct EventQueueTests {
    @Test func sameTimeRunsInSchedulingOrder() {
        var q = EventQueue<Int>()
        for i in 0..<100 { q.schedule(i, at: SimTime(nanoseconds: 5)) }
        var out: [Int] = []
        while let (_, e) = q.pop() { out.append(e) }
        #expect(out == Array(0..<100))
    }

    @Test func priorityBreaksTiesBeforeSequence() {
        var q = EventQueue<String>()
        q.schedule("late-normal", at: SimTime(nanoseconds: 10), priority: 1)
        q.schedule("urgent", at: SimTime(nanoseconds: 10), priority: 0)
        q.schedule("early", at: SimTime(nanoseconds: 9), priority: 9)
        q.schedule("second-normal", at: SimTime(nanoseconds: 10), priority: 1)
        var out: [String] = []
        while let (_, e) = q.pop() { out.append(e) }
        #expect(out == ["early", "urgent", "late-normal", "second-normal"])
    }

    @Test func emptyQueue() {
        var q = EventQueue<Int>()
        #expect(q.isEmpty)
        #expect(q.count == 0)
        #expect(q.nextTime == nil)
        #expect(q.peek() == nil)
        let popped = q.pop()
        #expect(popped == nil)
        q.checkInvariants()
    }

    @Test func cancelRemovesOnlyThatEvent() {
        var q = EventQueue<Int>()
        let a = q.schedule(1, at: SimTime(nanoseconds: 1))
        let b = q.schedule(2, at: SimTime(nanoseconds: 2))
        q.schedule(3, at: SimTime(nanoseconds: 3))
        let first = q.cancel(b), second = q.cancel(b)
        #expect(first)
        #expect(!second, "a second cancel is a no-op")
        #expect(q.count == 2)
        let cancelledTop = q.cancel(a)
        #expect(cancelledTop)
        #expect(q.peek()?.event == 3, "the earliest live event is on top after cancelling the top")
        let popped = q.pop()
        #expect(popped?.event == 3)
        #expect(q.isEmpty)
        q.checkInvariants()
    }

    @Test func staleHandleDoesNotCancelTheSlotsNextEvent() {
        var q = EventQueue<Int>()
        let old = q.schedule(1, at: SimTime(nanoseconds: 1))
        _ = q.pop()
        let new = q.schedule(2, at: SimTime(nanoseconds: 2))  // reuses the slot
        #expect(!q.isPending(old))
        let cancelledOld = q.cancel(old)
        #expect(!cancelledOld)
        #expect(q.isPending(new))
        let popped = q.pop()
        #expect(popped?.event == 2)
    }

    @Test func massCancellationCompactsTheHeap() {
        var q = EventQueue<Int>()
        var handles: [EventHandle] = []
        for i in 0..<1000 { handles.append(q.schedule(i, at: SimTime(nanoseconds: Int64(1000 - i)))) }
        for h in handles.dropLast(10) { q.cancel(h) }
        q.checkInvariants()
        #expect(q.count == 10)
        #expect(q.physicalCount < 600, "cancelled entries do not pile up")
        var out: [Int] = []
        while let (_, e) = q.pop() { out.append(e) }
        #expect(out == Array((990..<1000).reversed()))
    }

    /// Thousands of seeded random schedule/cancel/pop sequences against a sorted-array model.
    @Test(arguments: 0..<40) func matchesSortedArrayModel(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        var q = EventQueue<Int>()
        struct ModelEntry { var time: Int64; var priority: UInt8; var seq: Int; var handle: EventHandle }
        var model: [ModelEntry] = []
        var seq = 0
        for _ in 0..<400 {
            let op = rng.index(below: 10)
            if op < 5 {
                let t = Int64(rng.index(below: 50))  // a small range: many ties
                let p = UInt8(rng.index(below: 3))
                let h = q.schedule(seq, at: SimTime(nanoseconds: t), priority: p)
                model.append(ModelEntry(time: t, priority: p, seq: seq, handle: h))
                seq += 1
            } else if op < 7, !model.isEmpty {
                let i = rng.index(below: model.count)
                let cancelled = q.cancel(model[i].handle)
                #expect(cancelled)
                model.remove(at: i)
            } else {
                model.sort { ($0.time, $0.priority, $0.seq) < ($1.time, $1.priority, $1.seq) }
                let expected = model.first
                let got = q.pop()
                #expect(got?.event == expected?.seq)
                #expect(got?.time.nanoseconds == expected?.time)
                if !model.isEmpty { model.removeFirst() }
            }
            #expect(q.count == model.count)
            q.checkInvariants()
        }
    }
}
