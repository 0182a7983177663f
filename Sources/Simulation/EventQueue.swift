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
/// thousands of events at one instant (those end in the near heap together: O(log n) each,
/// never worse than a binary heap).
///
/// Every pending event owns a slot of the node slab (time, order, link, generation, payload).
/// Slots are recycled last-in, first-out, so a new event usually reuses the cache line its
/// predecessor just left. Cancellation is lazy: a cancelled node stays where it is, recognised
/// by an even generation, until the queue reaches it, or until cancelled nodes outnumber live
/// ones, when the queue is rebuilt without them.
///
/// - Complexity: `schedule` and `pop` O(1) amortised (O(log k) within the near heap of k
///   events); `cancel` O(1) amortised; `peek` O(1).
public struct EventQueue<Payload> {
    @usableFromInline struct Node {
        @usableFromInline var time: Int64
        /// Priority in the top 8 bits, insertion sequence in the low 56.
        @usableFromInline var order: UInt64
        /// The next node of the same bucket or list, or of the free list.
        @usableFromInline var next: UInt32
        /// Odd while the event is pending; even once it ran or was cancelled, or the slot is free.
        @usableFromInline var generation: UInt32
        @usableFromInline var payload: Payload?

        @inlinable init(time: Int64, order: UInt64, next: UInt32, generation: UInt32, payload: Payload?) {
            self.time = time
            self.order = order
            self.next = next
            self.generation = generation
            self.payload = payload
        }
    }

    /// An entry of the near heap: the sort key and the node it stands for.
    @usableFromInline struct Near: Sendable {
        @usableFromInline var time: Int64
        @usableFromInline var order: UInt64
        @usableFromInline var slot: UInt32

        @inlinable init(time: Int64, order: UInt64, slot: UInt32) {
            self.time = time
            self.order = order
            self.slot = slot
        }

        @inlinable func precedes(_ other: Near) -> Bool {
            time < other.time || (time == other.time && order < other.order)
        }
    }

    /// One calendar of `count` buckets of `1 << shift` nanoseconds from `start`; buckets before
    /// `current` are empty. Its heads are `heads[base ..< base + count]`.
    @usableFromInline struct Rung: Sendable {
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

    @usableFromInline static var none: UInt32 { UInt32.max }
    /// A bucket with more events than this is split into a finer rung when it can be.
    @usableFromInline static var bucketLimit: Int { 48 }
    @usableFromInline static var maxRungs: Int { 8 }
    @usableFromInline static var nearLimitFloor: Int { 256 }

    @usableFromInline var nodes: [Node] = []
    @usableFromInline var freeHead: UInt32 = none
    @usableFromInline var near: [Near] = []
    @usableFromInline var heads: [UInt32] = []
    @usableFromInline var rungs: [Rung] = []
    @usableFromInline var farHead: UInt32 = none
    /// Nodes in the far list, cancelled ones included.
    @usableFromInline var farCount = 0
    /// Size of the near heap beyond which the tiers are rebuilt.
    @usableFromInline var nearLimit = nearLimitFloor
    /// Every event before `nearEnd` is in the near heap.
    @usableFromInline var nearEnd: Int64 = .min
    /// Every event at or after `farStart` is in the far list; `nearEnd` when there is no rung.
    @usableFromInline var farStart: Int64 = .min
    @usableFromInline var live = 0
    /// Cancelled nodes not yet reached.
    @usableFromInline var cancelledInside = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Reused list of the nodes of the bucket being moved.
    @usableFromInline var scratch: [UInt32] = []

    public init() {}

    /// Reserves storage for `n` pending events.
    @inlinable public mutating func reserveCapacity(_ n: Int) {
        nodes.reserveCapacity(n)
        heads.reserveCapacity(n + n / 2)
    }

    /// Number of pending (scheduled, not yet popped or cancelled) events.
    @inlinable public var count: Int { live }
    @inlinable public var isEmpty: Bool { live == 0 }

    /// Time of the earliest pending event, or `nil` when none is pending.
    @inlinable public var nextTime: SimTime? {
        near.isEmpty ? nil : SimTime(nanoseconds: near[0].time)
    }

    /// The earliest pending event without removing it.
    @inlinable public func peek() -> (time: SimTime, event: Payload)? {
        guard let top = near.first else { return nil }
        return (SimTime(nanoseconds: top.time), nodes[Int(top.slot)].payload.unsafelyUnwrapped)
    }

    /// The earliest pending event's payload (no copy of the queue; for a model that prepares
    /// for its next event, e.g. by prefetching that event's data).
    @inlinable public var nextEvent: Payload? {
        guard let top = near.first else { return nil }
        return nodes[Int(top.slot)].payload
    }

    /// Adds `event` at `time`. Lower `priority` values run first among events at the same time.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Payload, at time: SimTime, priority: UInt8 = 0) -> EventHandle {
        precondition(nextSequence < (1 << 56), "EventQueue: insertion sequence exhausted")
        let t = time.nanoseconds
        let order = UInt64(priority) << 56 | nextSequence
        nextSequence &+= 1
        let slot: UInt32
        let generation: UInt32
        if freeHead != Self.none {
            slot = freeHead
            let i = Int(slot)
            freeHead = nodes[i].next
            generation = nodes[i].generation &+ 1
            nodes[i] = Node(time: t, order: order, next: Self.none, generation: generation, payload: event)
        } else {
            precondition(nodes.count < Int(Self.none), "EventQueue: too many pending events")
            slot = UInt32(truncatingIfNeeded: nodes.count)
            generation = 1
            nodes.append(Node(time: t, order: order, next: Self.none, generation: generation, payload: event))
        }
        live &+= 1
        if near.isEmpty && live == 1 && cancelledInside == 0 {
            // The queue was empty: this event is the earliest, and the tiers start over around it.
            rungs.removeAll(keepingCapacity: true)
            nearEnd = EventQueueMath.successor(t)
            farStart = nearEnd
        }
        place(slot, time: t, order: order)
        return EventHandle(slot: slot, generation: generation)
    }

    /// Whether `handle`'s event is still pending.
    @inlinable public func isPending(_ handle: EventHandle) -> Bool {
        Int(handle.slot) < nodes.count && nodes[Int(handle.slot)].generation == handle.generation
    }

    /// Cancels a pending event. Returns `false` if it had already run or been cancelled.
    @discardableResult
    @inlinable public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard isPending(handle) else { return false }
        let i = Int(handle.slot)
        nodes[i].generation &+= 1
        nodes[i].payload = nil
        live -= 1
        cancelledInside += 1
        if live == 0 {
            removeAll()
            return true
        }
        if near[0].slot == handle.slot { settleTop() }
        if cancelledInside > 64 && cancelledInside > live { rebuild() }
        return true
    }

    /// Removes and returns the earliest pending event.
    @inlinable public mutating func pop() -> (time: SimTime, event: Payload)? {
        guard !near.isEmpty else { return nil }
        let top = removeNearTop()
        let i = Int(top.slot)
        let event = nodes[i].payload.unsafelyUnwrapped
        nodes[i].payload = nil
        nodes[i].generation &+= 1
        nodes[i].next = freeHead
        freeHead = top.slot
        live &-= 1
        settleTop()
        return (SimTime(nanoseconds: top.time), event)
    }

    /// Removes every pending event and forgets all handles (they all become stale).
    @inlinable public mutating func removeAll() {
        for i in nodes.indices where nodes[i].generation & 1 == 1 || nodes[i].payload != nil {
            nodes[i].generation &+= nodes[i].generation & 1
            nodes[i].payload = nil
        }
        // Every slot becomes free, lowest first.
        for i in nodes.indices {
            nodes[i].next = i + 1 < nodes.count ? UInt32(i + 1) : Self.none
        }
        freeHead = nodes.isEmpty ? Self.none : 0
        near.removeAll(keepingCapacity: true)
        rungs.removeAll(keepingCapacity: true)
        farHead = Self.none
        farCount = 0
        nearEnd = .min
        farStart = .min
        live = 0
        cancelledInside = 0
    }
}

extension EventQueue: Sendable where Payload: Sendable {}
extension EventQueue.Node: Sendable where Payload: Sendable {}

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
    @inlinable static func bucket(_ t: Int64, start: Int64, shift: Int64) -> Int {
        Int(truncatingIfNeeded: UInt64(bitPattern: t &- start) &>> UInt64(shift))
    }

    /// The smallest shift that cuts `span` nanoseconds into at most `limit` buckets.
    @inlinable static func shift(span: UInt64, limit: Int) -> Int64 {
        var s: Int64 = 0
        while span &>> UInt64(s) >= UInt64(limit) { s += 1 }
        return s
    }
}
