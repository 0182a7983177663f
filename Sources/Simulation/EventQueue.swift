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
/// Storage is a calendar queue (Brown 1988) that resizes itself: time is cut into "days" of a
/// power-of-two number of nanoseconds, and day `d` lives in bucket `d mod bucketCount`, a list
/// sorted by (time, priority) in which a new event goes after every equal key, so no sequence
/// number is stored. The bucket count follows the population (½ to 2 events a bucket), and the
/// day width is re-estimated from the spacing of the earliest events whenever the buckets are
/// rebuilt, including when pops start scanning many empty days or inserts walk long lists, so
/// any time distribution is served. Nodes live in one flat allocation indexed by slot (20 bytes
/// for a `UInt32` payload), recycled through a free list; a slot's generation makes stale
/// handles harmless. The earliest event is always located after each change, so `peek` does not
/// mutate.
///
/// - Complexity: `schedule`, `pop` and `cancel` O(1) expected (amortised over rebuilds, which
///   are O(n)); `peek` O(1). Many events at one instant are O(1) each when scheduled in order
///   of priority (the usual case); inserting ahead of a long run of equal times walks it.
public struct EventQueue<Payload> {
    @usableFromInline var owner: EventQueueStorage<Payload>
    @usableFromInline var nodes: UnsafeMutableRawPointer
    @usableFromInline var priorities: UnsafeMutablePointer<UInt8>
    @usableFromInline var buckets: UnsafeMutablePointer<CalendarBucket>
    /// Bucket count minus one (the count is a power of two).
    @usableFromInline var mask: Int
    /// A day is `1 << shift` nanoseconds: the day of time `t` is `t >> shift`.
    @usableFromInline var shift: Int64
    /// A lower bound of every pending event's day; the day of `minSlot` when there is one.
    @usableFromInline var today: Int64 = 0
    /// The earliest pending event, or `none`.
    @usableFromInline var minSlot: UInt32 = EventQueueLayout.none
    @usableFromInline var _count = 0
    @usableFromInline var freeHead: UInt32 = EventQueueLayout.none
    @usableFromInline var slotCount = 0
    @usableFromInline var slotCapacity: Int
    /// Pops since the last health check, and the days scanned plus nodes walked meanwhile.
    @usableFromInline var pops = 0
    @usableFromInline var cost = 0

    public init() {
        let bucketCount = Self.minimumBucketCount
        owner = EventQueueStorage(slotCapacity: 16, bucketCount: bucketCount)
        nodes = owner.nodes
        priorities = owner.priorities
        buckets = owner.buckets
        mask = bucketCount - 1
        shift = 20  // about a millisecond, until the first rebuild measures the events
        slotCapacity = 16
    }

    /// Reserves storage for `n` pending events.
    public mutating func reserveCapacity(_ n: Int) {
        makeUnique()
        if n > slotCapacity { growSlots(to: n) }
    }

    /// Number of pending (scheduled, not yet popped or cancelled) events.
    @inlinable public var count: Int { _count }
    @inlinable public var isEmpty: Bool { _count == 0 }

    /// Time of the earliest pending event, or `nil` when none is pending.
    @inlinable public var nextTime: SimTime? {
        minSlot == EventQueueLayout.none ? nil : SimTime(nanoseconds: time(minSlot))
    }

    /// The earliest pending event without removing it.
    @inlinable public func peek() -> (time: SimTime, event: Payload)? {
        guard minSlot != EventQueueLayout.none else { return nil }
        return (SimTime(nanoseconds: time(minSlot)), payload(minSlot).pointee)
    }

    /// Adds `event` at `time`. Lower `priority` values run first among events at the same time.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Payload, at time: SimTime, priority: UInt8 = 0) -> EventHandle {
        makeUnique()
        let t = time.nanoseconds
        let s = allocateSlot()
        let n = node(s)
        let generation = n.load(fromByteOffset: 12, as: UInt32.self) &+ 1  // odd: pending
        n.storeBytes(of: t, as: Int64.self)
        n.storeBytes(of: generation, toByteOffset: 12, as: UInt32.self)
        priorities[Int(truncatingIfNeeded: s)] = priority
        payload(s).initialize(to: event)
        _count &+= 1
        if _count > Self.maximumLoad &* (mask &+ 1) { rebuild(bucketCount: 2 &* (mask &+ 1)) }
        insert(s, time: t, priority: priority)
        if minSlot == EventQueueLayout.none || precedes(t, priority, minSlot) {
            minSlot = s
            today = t &>> shift
        }
        return EventHandle(slot: s, generation: generation)
    }

    /// Whether `handle`'s event is still pending.
    @inlinable public func isPending(_ handle: EventHandle) -> Bool {
        Int(handle.slot) < slotCount && generation(handle.slot) == handle.generation
    }

    /// Cancels a pending event. Returns `false` if it had already run or been cancelled.
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard isPending(handle) else { return false }
        makeUnique()
        let s = handle.slot
        unlink(s)
        payload(s).deinitialize(count: 1)
        release(s)
        _count -= 1
        if s == minSlot { locateMin() }
        shrinkIfSparse()
        return true
    }

    /// Removes and returns the earliest pending event.
    @inlinable public mutating func pop() -> (time: SimTime, event: Payload)? {
        guard minSlot != EventQueueLayout.none else { return nil }
        makeUnique()
        let s = minSlot
        let bucket = buckets + (Int(truncatingIfNeeded: today) & mask)
        let after = next(s)
        bucket.pointee.head = after
        if after == EventQueueLayout.none { bucket.pointee.tail = after }
        let t = time(s)
        let event = payload(s).move()
        release(s)
        _count &-= 1
        pops &+= 1
        if pops > _count &+ 1024 { checkHealth() }
        locateMin()
        return (SimTime(nanoseconds: t), event)
    }

    /// Removes every pending event and forgets all handles (they all become stale).
    public mutating func removeAll() {
        makeUnique()
        for s in 0..<UInt32(slotCount) where generation(s) & 1 == 1 {
            payload(s).deinitialize(count: 1)
            release(s)
        }
        buckets.update(repeating: .empty, count: mask + 1)
        _count = 0
        minSlot = EventQueueLayout.none
    }
}

extension EventQueue: @unchecked Sendable where Payload: Sendable {}
