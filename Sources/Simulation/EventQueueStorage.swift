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

    // MARK: - Buffers

    @inlinable func reserve(_ n: Int) {
        reserveNodes(n)
        growHeads(to: n + n / 2)
    }

    @inlinable func reserveNodes(_ n: Int) {
        guard n > nodeCapacity else { return }
        nodes = Self.moved(nodes, count: nodeCount, to: n)
        nodeCapacity = n
    }

    @inlinable func growNear(to n: Int) {
        guard n > nearCapacity else { return }
        near = Self.moved(near, count: nearCount, to: n)
        nearCapacity = n
    }

    @inlinable func growHeads(to n: Int) {
        guard n > headCapacity else { return }
        heads = Self.moved(heads, count: headsUsed, to: n)
        headCapacity = n
    }

    /// A buffer of `capacity` elements holding the `count` elements of `old`, which it frees.
    @inlinable static func moved<T>(_ old: UnsafeMutablePointer<T>, count: Int, to capacity: Int) -> UnsafeMutablePointer<T> {
        let new = UnsafeMutablePointer<T>.allocate(capacity: capacity)
        new.moveInitialize(from: old, count: count)
        old.deallocate()
        return new
    }

    @inlinable @inline(__always) func appendScratch(_ s: UInt32) {
        if scratchCount == scratchCapacity { growScratch() }
        scratch[scratchCount] = s
        scratchCount &+= 1
    }

    @inlinable func growScratch() {
        scratch = Self.moved(scratch, count: scratchCount, to: scratchCapacity * 2)
        scratchCapacity *= 2
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

    // MARK: - Tiers

    /// Puts the node `slot` (time `t`) into the tier that holds its time.
    @inlinable @inline(__always) func place(_ slot: UInt32, time t: Int64, order: UInt64, payload: Payload) {
        if t < nearEnd {
            pushNear(Near(time: t, order: order, slot: slot, payload: payload))
            if nearCount > nearLimit { rebuild() }
            return
        }
        let node = nodes + Int(slot)
        node.pointee.payload = payload
        var r = rungCount &- 1
        while r >= 0 && t >= rungs[r].end { r &-= 1 }
        if r < 0 {
            node.pointee.next = farHead
            farHead = slot
            farCount &+= 1
        } else {
            let rung = rungs + r
            let h = heads + (rung.pointee.base &+ EventQueueMath.bucket(t, start: rung.pointee.start, shift: rung.pointee.shift))
            node.pointee.next = h.pointee
            h.pointee = slot
        }
    }

    @inlinable @inline(__always) func pushNear(_ entry: Near) {
        if nearCount == nearCapacity { growNear(to: nearCapacity * 2) }
        var i = nearCount
        (near + i).initialize(to: entry)
        nearCount &+= 1
        while i > 0 {
            let parent = (i &- 1) &>> 1
            guard entry.precedes(near[parent]) else { break }
            near[i] = near[parent]
            i = parent
        }
        near[i] = entry
    }

    @inlinable @inline(__always) func removeNearTop() -> Near {
        nearCount &-= 1
        let n = nearCount
        guard n > 0 else { return near.move() }
        let top = near[0]
        siftDown((near + n).move(), from: 0, count: n)
        return top
    }

    /// Places `entry` at `start` of the near heap's first `count` entries, moving earlier
    /// children up (the slot at `start` is overwritten).
    @inlinable @inline(__always) func siftDown(_ entry: Near, from start: Int, count n: Int) {
        var i = start
        while true {
            var child = 2 &* i &+ 1
            if child >= n { break }
            if child &+ 1 < n && near[child &+ 1].precedes(near[child]) { child &+= 1 }
            guard near[child].precedes(entry) else { break }
            near[i] = near[child]
            i = child
        }
        near[i] = entry
    }

    /// Restores the invariant that the near heap's top is live, and that the near heap is not
    /// empty while any event is pending.
    @inlinable @inline(__always) func settleTop() {
        if nearCount > 0 && cancelledInside == 0 { return }
        settleTopSlowly()
    }

    @inlinable func settleTopSlowly() {
        while true {
            if nearCount > 0 {
                let top = near[0]
                if nodes[Int(top.slot)].generation & 1 == 1 { return }
                _ = removeNearTop()
                free(top.slot)
                cancelledInside &-= 1
            } else {
                if live == 0 && cancelledInside == 0 { return }
                refill()
            }
        }
    }

    /// Puts a node that has left the queue on the free list.
    @inlinable func free(_ slot: UInt32) {
        nodes[Int(slot)].next = freeHead
        freeHead = slot
    }

    /// Moves the next events into the empty near heap: the finest rung's next non-empty bucket
    /// (split into a finer rung first when it is crowded), or a new coarsest rung from the far
    /// list when the rungs are used up.
    @inlinable func refill() {
        while nearCount == 0 {
            guard rungCount > 0 else {
                if farCount == 0 {
                    farStart = nearEnd
                    return
                }
                rungFromFar()
                continue
            }
            let r = rungCount - 1
            let rung = rungs[r]
            var b = rung.current
            while b < rung.count && heads[rung.base &+ b] == Self.none { b &+= 1 }
            if b == rung.count {
                rungCount -= 1
                nearEnd = rungCount > 0 ? rungs[rungCount - 1].currentStart : farStart
                continue
            }
            let h = rung.base + b
            let (lo, hi, atLo) = takeList(heads[h])
            heads[h] = Self.none
            if scratchCount == 0 {  // only cancelled nodes
                rungs[r].current = b + 1
                nearEnd = rungs[r].currentStart
                continue
            }
            let bucketStart = EventQueueMath.offset(rung.start, by: b, shift: rung.shift)
            // Split a crowded bucket, unless most of it is one instant (aligned ticks): no
            // finer rung can part those, and the near heap orders them as well as anything.
            if scratchCount > Self.bucketLimit && rungCount < Self.maxRungs && atLo &* 2 <= scratchCount,
                let child = finerRung(from: bucketStart, lo: lo, hi: hi, base: rung.base + rung.count)
            {
                rungs[r].current = b  // what comes after the child's end stays in this bucket
                rungs[rungCount] = child
                rungCount += 1
                spread(into: child)
                nearEnd = child.currentStart
            } else {
                rungs[r].current = b + 1
                nearEnd = min(rungs[r].currentStart, rung.end)
                fillNear()
            }
        }
    }

    /// Empties a linked list into `scratch`, freeing cancelled nodes; returns the earliest and
    /// latest time of the live ones, and how many are at the earliest.
    @inlinable func takeList(_ head: UInt32) -> (lo: Int64, hi: Int64, atLo: Int) {
        scratchCount = 0
        var lo = Int64.max, hi = Int64.min, atLo = 0
        var s = head
        var dropped = 0
        while s != Self.none {
            let node = nodes + Int(s)
            let next = node.pointee.next
            if node.pointee.generation & 1 == 1 {
                appendScratch(s)
                let t = node.pointee.time
                if t < lo {
                    lo = t
                    atLo = 1
                } else if t == lo {
                    atLo &+= 1
                }
                hi = Swift.max(hi, t)
            } else {
                node.pointee.next = freeHead
                freeHead = s
                dropped &+= 1
            }
            s = next
        }
        cancelledInside &-= dropped
        return (lo, hi, atLo)
    }

    /// A rung splitting the bucket that starts at `bucketStart` and holds the events of
    /// `scratch` (times `lo...hi`) into about `scratchCount` buckets, or `nil` when they would
    /// all fall into one.
    @inlinable func finerRung(from bucketStart: Int64, lo: Int64, hi: Int64, base: Int) -> Rung? {
        let span = UInt64(bitPattern: hi &- bucketStart)
        let shift = EventQueueMath.shift(span: span, limit: scratchCount)
        let first = EventQueueMath.bucket(lo, start: bucketStart, shift: shift)
        let count = Int(span &>> UInt64(shift)) + 1
        guard first != count - 1 else { return nil }
        return Rung(
            start: bucketStart, end: EventQueueMath.offset(bucketStart, by: count, shift: shift), shift: shift,
            base: base, count: count, current: first)
    }

    /// Links the nodes of `scratch` into the buckets of `rung`, whose heads it clears first.
    @inlinable func spread(into rung: Rung) {
        let needed = rung.base + rung.count
        if needed > headCapacity { growHeads(to: Swift.max(needed, headCapacity * 2)) }
        (heads + rung.base).update(repeating: Self.none, count: rung.count)
        headsUsed = Swift.max(headsUsed, needed)
        for i in 0..<scratchCount {
            let s = scratch[i]
            let node = nodes + Int(s)
            let h = heads + (rung.base &+ EventQueueMath.bucket(node.pointee.time, start: rung.start, shift: rung.shift))
            node.pointee.next = h.pointee
            h.pointee = s
        }
    }

    /// Puts the nodes of `scratch` into the (empty) near heap. Events scheduled into it later
    /// may double it before the tiers are rebuilt around them.
    @inlinable func fillNear() {
        nearLimit = Swift.max(Self.nearLimitFloor, 2 &* scratchCount)
        if scratchCount > nearCapacity { growNear(to: Swift.max(scratchCount, nearCapacity * 2)) }
        for i in 0..<scratchCount {
            let s = scratch[i]
            let node = nodes + Int(s)
            (near + i).initialize(
                to: Near(time: node.pointee.time, order: node.pointee.order, slot: s,
                         payload: node.pointee.payload.take().unsafelyUnwrapped))
        }
        let n = scratchCount
        nearCount = n
        var start = n / 2
        while start > 0 {
            start -= 1
            siftDown(near[start], from: start, count: n)
        }
    }

    /// Turns the far list into a new coarsest rung of about one event per bucket (or straight
    /// into the near heap when it is small or all at one time).
    @inlinable func rungFromFar() {
        let (lo, hi, _) = takeList(farHead)
        farHead = Self.none
        farCount = 0
        guard scratchCount > 0 else {
            farStart = nearEnd
            return
        }
        if scratchCount <= Self.bucketLimit || lo == hi {
            nearEnd = EventQueueMath.successor(hi)
            farStart = nearEnd
            fillNear()
            return
        }
        let span = UInt64(bitPattern: hi &- lo)
        let shift = EventQueueMath.shift(span: span, limit: scratchCount)
        let count = Int(span &>> UInt64(shift)) + 1
        let rung = Rung(
            start: lo, end: EventQueueMath.offset(lo, by: count, shift: shift), shift: shift, base: 0, count: count,
            current: 0)
        rungs[0] = rung
        rungCount = 1
        spread(into: rung)
        farStart = rung.end
        nearEnd = lo
    }

    /// Rebuilds the tiers from the live events alone, freeing every cancelled node: when
    /// cancelled nodes outnumber live ones, and when events scheduled before `nearEnd` have
    /// crowded the near heap (the first event of an empty queue was late, or a small far list
    /// set a wide near range that then filled up).
    @inlinable func rebuild() {
        var all: [UInt32] = []
        all.reserveCapacity(live + cancelledInside)
        for i in 0..<nearCount {
            let entry = (near + i).move()
            if nodes[Int(entry.slot)].generation & 1 == 1 { nodes[Int(entry.slot)].payload = entry.payload }
            all.append(entry.slot)
        }
        for r in 0..<rungCount {
            let rung = rungs[r]
            for h in (rung.base + rung.current)..<(rung.base + rung.count) {
                var s = heads[h]
                while s != Self.none {
                    all.append(s)
                    s = nodes[Int(s)].next
                }
            }
        }
        var s = farHead
        while s != Self.none {
            all.append(s)
            s = nodes[Int(s)].next
        }
        nearCount = 0
        rungCount = 0
        farHead = Self.none
        farCount = 0
        for s in all {
            if nodes[Int(s)].generation & 1 == 1 {
                nodes[Int(s)].next = farHead
                farHead = s
                farCount += 1
            } else {
                free(s)
            }
        }
        cancelledInside = 0
        nearEnd = .min
        farStart = .min
        settleTopSlowly()
    }
}

/// Mutated only through an `EventQueue` holding the sole reference (copy on write), so a
/// storage shared between threads is only ever read.
extension EventQueueStorage: @unchecked Sendable where Payload: Sendable {}
