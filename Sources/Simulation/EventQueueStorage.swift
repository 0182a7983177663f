/// The buffers and bookkeeping of one `EventQueue` (see there for the layout), and every
/// operation on them. Mutated only through a queue that holds the sole reference.
@usableFromInline final class EventQueueStorage<Payload> {
    @usableFromInline typealias Node = EventQueueNode<Payload>
    @usableFromInline typealias Near = EventQueueNear<Payload>
    @usableFromInline typealias Rung = EventQueueRung

    @usableFromInline static var none: UInt32 { UInt32.max }
    /// A bucket with more events than this is split into a finer rung when it can be.
    @usableFromInline static var bucketLimit: Int { 48 }
    @usableFromInline static var maxRungs: Int { 8 }
    @usableFromInline static var nearLimitFloor: Int { 256 }

    /// The node slab: `nodeCount` initialised nodes (pending, cancelled or free).
    @exclusivity(unchecked) @usableFromInline var nodes: UnsafeMutablePointer<Node>
    @exclusivity(unchecked) @usableFromInline var nodeCount = 0
    @exclusivity(unchecked) @usableFromInline var nodeCapacity: Int
    @exclusivity(unchecked) @usableFromInline var freeHead: UInt32 = none
    /// The near heap.
    @exclusivity(unchecked) @usableFromInline var near: UnsafeMutablePointer<Near>
    @exclusivity(unchecked) @usableFromInline var nearCount = 0
    @exclusivity(unchecked) @usableFromInline var nearCapacity: Int
    /// Size of the near heap beyond which the tiers are rebuilt.
    @exclusivity(unchecked) @usableFromInline var nearLimit = nearLimitFloor
    /// Bucket heads of all rungs; `headsUsed` of them initialised.
    @exclusivity(unchecked) @usableFromInline var heads: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) @usableFromInline var headsUsed = 0
    @exclusivity(unchecked) @usableFromInline var headCapacity: Int
    @exclusivity(unchecked) @usableFromInline var rungs: UnsafeMutablePointer<Rung>
    @exclusivity(unchecked) @usableFromInline var rungCount = 0
    /// Reused list of the nodes of the bucket being moved.
    @exclusivity(unchecked) @usableFromInline var scratch: UnsafeMutablePointer<UInt32>
    @exclusivity(unchecked) @usableFromInline var scratchCount = 0
    @exclusivity(unchecked) @usableFromInline var scratchCapacity: Int
    @exclusivity(unchecked) @usableFromInline var farHead: UInt32 = none
    /// Nodes in the far list, cancelled ones included.
    @exclusivity(unchecked) @usableFromInline var farCount = 0
    /// Every event before `nearEnd` is in the near heap.
    @exclusivity(unchecked) @usableFromInline var nearEnd: Int64 = .min
    /// Every event at or after `farStart` is in the far list; `nearEnd` when there is no rung.
    @exclusivity(unchecked) @usableFromInline var farStart: Int64 = .min
    @exclusivity(unchecked) @usableFromInline var live = 0
    /// Cancelled nodes not yet reached.
    @exclusivity(unchecked) @usableFromInline var cancelledInside = 0
    @exclusivity(unchecked) @usableFromInline var nextSequence: UInt64 = 0

    @inlinable init() {
        nodeCapacity = 16
        nodes = .allocate(capacity: nodeCapacity)
        nearCapacity = 64
        near = .allocate(capacity: nearCapacity)
        headCapacity = 64
        heads = .allocate(capacity: headCapacity)
        rungs = .allocate(capacity: Self.maxRungs)
        scratchCapacity = 64
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        near.deinitialize(count: nearCount)
        nodes.deinitialize(count: nodeCount)
        nodes.deallocate()
        near.deallocate()
        heads.deallocate()
        rungs.deallocate()
        scratch.deallocate()
    }

    /// An independent copy (copy on write).
    @inlinable func copy() -> EventQueueStorage {
        let c = EventQueueStorage()
        c.reserveNodes(nodeCapacity)
        c.nodes.initialize(from: nodes, count: nodeCount)
        c.nodeCount = nodeCount
        c.freeHead = freeHead
        c.growNear(to: nearCapacity)
        c.near.initialize(from: near, count: nearCount)
        c.nearCount = nearCount
        c.nearLimit = nearLimit
        c.growHeads(to: headCapacity)
        c.heads.initialize(from: heads, count: headsUsed)
        c.headsUsed = headsUsed
        c.rungs.initialize(from: rungs, count: rungCount)
        c.rungCount = rungCount
        c.farHead = farHead
        c.farCount = farCount
        c.nearEnd = nearEnd
        c.farStart = farStart
        c.live = live
        c.cancelledInside = cancelledInside
        c.nextSequence = nextSequence
        return c
    }

    // MARK: - Operations

    @inlinable func isPending(_ handle: EventHandle) -> Bool {
        Int(handle.slot) < nodeCount && nodes[Int(handle.slot)].generation == handle.generation
    }

    @inlinable func schedule(_ event: Payload, at t: Int64, priority: UInt8) -> EventHandle {
        precondition(nextSequence < (1 << 56), "EventQueue: insertion sequence exhausted")
        let order = UInt64(priority) << 56 | nextSequence
        nextSequence &+= 1
        let slot: UInt32
        let generation: UInt32
        if freeHead != Self.none {
            slot = freeHead
            let node = nodes + Int(slot)
            freeHead = node.pointee.next
            generation = node.pointee.generation &+ 1
            node.pointee.time = t
            node.pointee.order = order
            node.pointee.generation = generation
        } else {
            precondition(nodeCount < Int(Self.none), "EventQueue: too many pending events")
            if nodeCount == nodeCapacity { reserveNodes(nodeCapacity * 2) }
            slot = UInt32(truncatingIfNeeded: nodeCount)
            generation = 1
            (nodes + nodeCount).initialize(to: Node(time: t, order: order, next: Self.none, generation: 1, payload: nil))
            nodeCount &+= 1
        }
        live &+= 1
        if live == 1 && nearCount == 0 {
            // The queue was empty: this event is the earliest, and the tiers start over around it.
            rungCount = 0
            nearEnd = EventQueueMath.successor(t)
            farStart = nearEnd
        }
        place(slot, time: t, order: order, payload: event)
        if nearCount == 0 { settleTopSlowly() }  // only at `Int64.max`, which no near range holds
        return EventHandle(slot: slot, generation: generation)
    }

    @inlinable func pop() -> (time: SimTime, event: Payload) {
        let top = removeNearTop()
        let node = nodes + Int(top.slot)
        node.pointee.generation &+= 1
        node.pointee.next = freeHead
        freeHead = top.slot
        live &-= 1
        settleTop()
        return (SimTime(nanoseconds: top.time), top.payload)
    }

    @inlinable func cancel(_ handle: EventHandle) {
        let node = nodes + Int(handle.slot)
        node.pointee.generation &+= 1
        node.pointee.payload = nil
        live -= 1
        cancelledInside += 1
        if live == 0 {
            rebuild()  // frees what the tiers still hold: O(those nodes), not O(the slab)
            return
        }
        if near[0].slot == handle.slot { settleTop() }
        if cancelledInside > 64 && cancelledInside > live { rebuild() }
    }

    @inlinable func removeAll() {
        near.deinitialize(count: nearCount)
        for i in 0..<nodeCount {
            let node = nodes + i
            node.pointee.generation &+= node.pointee.generation & 1
            node.pointee.payload = nil
            node.pointee.next = i + 1 < nodeCount ? UInt32(i + 1) : Self.none
        }
        freeHead = nodeCount == 0 ? Self.none : 0
        nearCount = 0
        rungCount = 0
        farHead = Self.none
        farCount = 0
        nearEnd = .min
        farStart = .min
        live = 0
        cancelledInside = 0
    }
}

/// Mutated only through an `EventQueue` holding the sole reference (copy on write), so a
/// storage shared between threads is only ever read.
extension EventQueueStorage: @unchecked Sendable where Payload: Sendable {}
