/// The far tiers: placing a node by its time, the rungs of buckets, the far list, refilling the near heap from them, and the free list of nodes.
extension EventQueueStorage {
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
