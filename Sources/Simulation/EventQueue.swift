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
/// exactly (SimPy's `(time, priority, eid)`). Events are values of any type `Payload`: no
/// closure, existential or class per event.
///
/// Storage is a ladder queue (Tang, Goh and Thng, 2005) in three tiers:
/// - `near`: a small binary heap holding every event before `nearEnd`; its top is the earliest
///   event, always live, so `peek` does not mutate;
/// - rungs: up to `maxRungs` nested calendars of unsorted buckets, each bucket a singly linked
///   list threaded through the node slab. Bucket widths are powers of two nanoseconds, so a
///   bucket index is a subtraction and a shift. When the near heap runs dry, the next non-empty
///   bucket of the finest rung moves into it; a bucket holding more than `bucketLimit` events
///   that spread over time is first split into a finer rung instead;
/// - `far`: an unsorted list of the events at or after the coarsest rung's end (`farStart`).
///   When every rung is used up, the far events become a new coarsest rung sized to them
///   (about one event per bucket).
/// An event is moved a few times at most (far → rung → finer rung → near), each move O(1), and
/// the heap it is finally ordered in stays small, so `schedule` and `pop` cost O(1) amortised
/// for any time distribution: dense near-future events, far-future wake-ups hours ahead and
/// thousands of events at one instant (a bucket that is mostly one instant goes to the near
/// heap whole: O(log n) each, never worse than a binary heap).
///
/// Every pending event owns a slot of the node slab (time, order, link, generation, payload).
/// Slots are recycled last-in, first-out, so a new event usually reuses the cache line its
/// predecessor just left. Cancellation is lazy: a cancelled node stays where it is, recognised
/// by an even generation, until the queue reaches it, or until cancelled nodes outnumber live
/// ones, when the queue is rebuilt without them.
///
/// The tiers live in one storage object of plain buffers, copied on write: a mutation checks
/// once that the storage is not shared, then works without bounds or uniqueness checks.
///
/// - Complexity: `schedule` and `pop` O(1) amortised (O(log k) within the near heap of k
///   events); `cancel` O(1) amortised; `peek` O(1).
public struct EventQueue<Payload> {
    @usableFromInline var storage: EventQueueStorage<Payload>

    public init() { storage = EventQueueStorage() }

    /// The storage, copied first if another queue shares it.
    @inlinable @inline(__always)
    mutating func unique() -> EventQueueStorage<Payload> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Reserves storage for `n` pending events.
    @inlinable public mutating func reserveCapacity(_ n: Int) { unique().reserve(n) }

    /// Number of pending (scheduled, not yet popped or cancelled) events.
    @inlinable public var count: Int { storage.live }
    @inlinable public var isEmpty: Bool { storage.live == 0 }

    /// Time of the earliest pending event, or `nil` when none is pending.
    @inlinable public var nextTime: SimTime? {
        storage.nearCount == 0 ? nil : SimTime(nanoseconds: storage.near[0].time)
    }

    /// The earliest pending event's payload (no copy of the queue; for a model that prepares
    /// for its next event, e.g. by prefetching that event's data).
    @inlinable public var nextEvent: Payload? {
        storage.nearCount == 0 ? nil : storage.near[0].payload
    }

    /// The earliest pending event without removing it.
    @inlinable public func peek() -> (time: SimTime, event: Payload)? {
        guard storage.nearCount > 0 else { return nil }
        let top = storage.near[0]
        return (SimTime(nanoseconds: top.time), top.payload)
    }

    /// Adds `event` at `time`. Lower `priority` values run first among events at the same time.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Payload, at time: SimTime, priority: UInt8 = 0) -> EventHandle {
        unique().schedule(event, at: time.nanoseconds, priority: priority)
    }

    /// Whether `handle`'s event is still pending.
    @inlinable public func isPending(_ handle: EventHandle) -> Bool { storage.isPending(handle) }

    /// Cancels a pending event. Returns `false` if it had already run or been cancelled.
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard storage.isPending(handle) else { return false }
        unique().cancel(handle)
        return true
    }

    /// Removes and returns the earliest pending event.
    @inlinable public mutating func pop() -> (time: SimTime, event: Payload)? {
        guard storage.nearCount > 0 else { return nil }
        return unique().pop()
    }

    /// Removes every pending event and forgets all handles (they all become stale).
    @inlinable public mutating func removeAll() { unique().removeAll() }

    /// Checks the tiers; traps on a violation (for tests; O(nodes + buckets)).
    public func checkInvariants() { storage.checkInvariants() }
}

extension EventQueue: Sendable where Payload: Sendable {}

/// One pending event in the node slab.
@usableFromInline struct EventQueueNode<Payload> {
    @usableFromInline var time: Int64
    /// Priority in the top 8 bits, insertion sequence in the low 56.
    @usableFromInline var order: UInt64
    /// The next node of the same bucket or list, or of the free list.
    @usableFromInline var next: UInt32
    /// Odd while the event is pending; even once it ran or was cancelled, or the slot is free.
    @usableFromInline var generation: UInt32
    /// The event while it waits in a rung or the far list; nil in the near heap (which holds it
    /// then), once cancelled, and while free.
    @usableFromInline var payload: Payload?

    @inlinable init(time: Int64, order: UInt64, next: UInt32, generation: UInt32, payload: Payload?) {
        self.time = time
        self.order = order
        self.next = next
        self.generation = generation
        self.payload = payload
    }
}

/// An entry of the near heap: the sort key, the node it stands for and the payload (moved out of
/// the node, so that a pop and a look at the next event read the small heap only).
@usableFromInline struct EventQueueNear<Payload> {
    @usableFromInline var time: Int64
    @usableFromInline var order: UInt64
    @usableFromInline var slot: UInt32
    @usableFromInline var payload: Payload

    @inlinable init(time: Int64, order: UInt64, slot: UInt32, payload: Payload) {
        self.time = time
        self.order = order
        self.slot = slot
        self.payload = payload
    }

    @inlinable @inline(__always) func precedes(_ other: EventQueueNear) -> Bool {
        time < other.time || (time == other.time && order < other.order)
    }
}

/// One calendar of `count` buckets of `1 << shift` nanoseconds from `start`; buckets before
/// `current` are empty. Its heads are `heads[base ..< base + count]`.
@usableFromInline struct EventQueueRung {
    @usableFromInline var start: Int64
    /// `start + count << shift`, saturated at `Int64.max`.
    @usableFromInline var end: Int64
    @usableFromInline var shift: Int64
    @usableFromInline var base: Int
    @usableFromInline var count: Int
    @usableFromInline var current: Int

    @inlinable init(start: Int64, end: Int64, shift: Int64, base: Int, count: Int, current: Int) {
        self.start = start
        self.end = end
        self.shift = shift
        self.base = base
        self.count = count
        self.current = current
    }

    /// Start of the current bucket: every event in this rung is at or after it.
    @inlinable var currentStart: Int64 { EventQueueMath.offset(start, by: current, shift: shift) }
}

/// Saturating time arithmetic shared by the queue's tiers.
@usableFromInline enum EventQueueMath {
    /// `t + 1`, or `t` at `Int64.max`.
    @inlinable static func successor(_ t: Int64) -> Int64 { t == .max ? t : t + 1 }

    /// `start + index << shift`, saturated at `Int64.max` (`index << shift` never exceeds the
    /// span of a rung, so only the sum can overflow).
    @inlinable static func offset(_ start: Int64, by index: Int, shift: Int64) -> Int64 {
        let (sum, overflow) = start.addingReportingOverflow(Int64(index) << shift)
        return overflow ? .max : sum
    }

    /// The bucket of `t` in a rung starting at `start` (`t >= start`).
    @inlinable @inline(__always) static func bucket(_ t: Int64, start: Int64, shift: Int64) -> Int {
        Int(truncatingIfNeeded: UInt64(bitPattern: t &- start) &>> UInt64(shift))
    }

    /// The smallest shift that cuts `span` nanoseconds into at most `limit` buckets.
    @inlinable static func shift(span: UInt64, limit: Int) -> Int64 {
        var s: Int64 = 0
        while span &>> UInt64(s) >= UInt64(limit) { s += 1 }
        return s
    }
}

extension EventQueue {
    /// Bytes of heap storage the queue holds (its node slab, near heap, bucket heads and
    /// scratch), which a copy keeps alive once the original is changed: what a checkpoint of
    /// a simulation costs for its queue.
    public var heapBytes: Int {
        let s = storage
        return s.nodeCapacity * MemoryLayout<EventQueueNode<Payload>>.stride
            + s.nearCapacity * MemoryLayout<EventQueueNear<Payload>>.stride
            + s.headCapacity * MemoryLayout<UInt32>.stride + s.scratchCapacity * MemoryLayout<UInt32>.stride
            + Int(EventQueueStorage<Payload>.maxRungs) * MemoryLayout<EventQueueRung>.stride
    }
}
