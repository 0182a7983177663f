/// Identifies one scheduled event, so that it can be cancelled.
///
/// A handle goes stale once its event has run or been cancelled; cancelling a stale handle does
/// nothing and returns `false`, even after the queue has reused the handle's slot.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let slot: UInt32
    @usableFromInline let generation: UInt32
    @inlinable init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// A pending-event set ordered by (time, priority, insertion sequence).
///
/// Ties in time go to the lower priority value, then first-in, first-out, so a run repeats
/// exactly (SimPy's `(time, priority, eid)`); a plain heap promises no order for equal keys.
/// Events are values of any type `Payload`: no closure, existential or class per event.
///
/// Storage is a binary min-heap in one flat array. Cancellation is lazy: a cancelled entry stays
/// in the heap, recognised by a stale generation, until it reaches the top or until cancelled
/// entries make up half the heap, when the heap is rebuilt without them. The top of the heap is
/// always a live event, so `peek` does not mutate.
///
/// - Complexity: `schedule` and `pop` O(log n); `cancel` O(1) amortised (O(log n) when it
///   cancels the earliest event); `peek` O(1).
public struct EventQueue<Payload> {
    @usableFromInline struct Entry {
        @usableFromInline var time: Int64
        /// Priority in the top 8 bits, insertion sequence in the low 56.
        @usableFromInline var order: UInt64
        @usableFromInline var slot: UInt32
        @usableFromInline var generation: UInt32
        @usableFromInline var payload: Payload

        @inlinable init(time: Int64, order: UInt64, slot: UInt32, generation: UInt32, payload: Payload) {
            self.time = time
            self.order = order
            self.slot = slot
            self.generation = generation
            self.payload = payload
        }

        @inlinable func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    @usableFromInline var heap: [Entry] = []
    /// Current generation of each handle slot; an entry is live while its generation matches.
    @usableFromInline var generations: [UInt32] = []
    @usableFromInline var freeSlots: [UInt32] = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelledInHeap = 0

    public init() {}

    /// Reserves storage for `n` pending events.
    public mutating func reserveCapacity(_ n: Int) {
        heap.reserveCapacity(n)
        generations.reserveCapacity(n)
    }

    /// Number of pending (scheduled, not yet popped or cancelled) events.
    @inlinable public var count: Int { heap.count - cancelledInHeap }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// Time of the earliest pending event, or `nil` when none is pending.
    @inlinable public var nextTime: SimTime? {
        heap.isEmpty ? nil : SimTime(nanoseconds: heap[0].time)
    }

    /// The earliest pending event without removing it.
    @inlinable public func peek() -> (time: SimTime, event: Payload)? {
        guard let top = heap.first else { return nil }
        return (SimTime(nanoseconds: top.time), top.payload)
    }

    /// Adds `event` at `time`. Lower `priority` values run first among events at the same time.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Payload, at time: SimTime, priority: UInt8 = 0) -> EventHandle {
        precondition(nextSequence < (1 << 56), "EventQueue: insertion sequence exhausted")
        let slot: UInt32
        if let reused = freeSlots.popLast() {
            slot = reused
        } else {
            precondition(generations.count < Int(UInt32.max), "EventQueue: too many pending events")
            slot = UInt32(truncatingIfNeeded: generations.count)
            generations.append(0)
        }
        let generation = generations[Int(slot)]
        let order = UInt64(priority) << 56 | nextSequence
        nextSequence &+= 1
        heap.append(Entry(time: time.nanoseconds, order: order, slot: slot, generation: generation, payload: event))
        siftUp(heap.count - 1)
        return EventHandle(slot: slot, generation: generation)
    }

    /// Whether `handle`'s event is still pending.
    @inlinable public func isPending(_ handle: EventHandle) -> Bool {
        Int(handle.slot) < generations.count && generations[Int(handle.slot)] == handle.generation
    }

    /// Cancels a pending event. Returns `false` if it had already run or been cancelled.
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard isPending(handle) else { return false }
        release(slot: handle.slot)
        cancelledInHeap += 1
        dropCancelledTop()
        if cancelledInHeap > 64 && cancelledInHeap * 2 > heap.count { compact() }
        return true
    }

    /// Removes and returns the earliest pending event.
    @inlinable public mutating func pop() -> (time: SimTime, event: Payload)? {
        guard !heap.isEmpty else { return nil }
        let top = removeTop()
        release(slot: top.slot)
        dropCancelledTop()
        return (SimTime(nanoseconds: top.time), top.payload)
    }

    /// Removes every pending event and forgets all handles (they all become stale).
    public mutating func removeAll() {
        for entry in heap where generations[Int(entry.slot)] == entry.generation {
            release(slot: entry.slot)
        }
        heap.removeAll(keepingCapacity: true)
        cancelledInHeap = 0
    }

    // MARK: - Internals

    @inlinable mutating func release(slot: UInt32) {
        generations[Int(slot)] &+= 1
        freeSlots.append(slot)
    }

    /// Restores the invariant that the top of the heap is live.
    @inlinable mutating func dropCancelledTop() {
        while cancelledInHeap > 0, let top = heap.first, generations[Int(top.slot)] != top.generation {
            _ = removeTop()
            cancelledInHeap -= 1
        }
    }

    @inlinable mutating func removeTop() -> Entry {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return last }
        let top = heap[0]
        siftDown(last, from: 0)
        return top
    }

    @inlinable mutating func siftUp(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { h in
            let entry = h[start]
            var i = start
            while i > 0 {
                let parent = (i &- 1) >> 1
                guard entry.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = entry
        }
    }

    /// Places `entry` at slot `start`, moving earlier children up.
    @inlinable mutating func siftDown(_ entry: Entry, from start: Int) {
        heap.withUnsafeMutableBufferPointer { h in
            let n = h.count
            var i = start
            while true {
                var child = 2 &* i &+ 1
                if child >= n { break }
                if child &+ 1 < n && h[child &+ 1].precedes(h[child]) { child &+= 1 }
                guard h[child].precedes(entry) else { break }
                h[i] = h[child]
                i = child
            }
            h[i] = entry
        }
    }

    /// Rebuilds the heap without its cancelled entries. O(n).
    mutating func compact() {
        heap.removeAll(where: { generations[Int($0.slot)] != $0.generation })
        cancelledInHeap = 0
        var i = heap.count / 2
        while i > 0 {
            i -= 1
            siftDown(heap[i], from: i)
        }
    }
}

extension EventQueue: Sendable where Payload: Sendable {}
extension EventQueue.Entry: Sendable where Payload: Sendable {}
