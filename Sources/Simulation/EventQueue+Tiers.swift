// The ladder queue's tiers: placing an event, refilling the near heap from the rungs and the
// far list, and rebuilding without cancelled nodes. See `EventQueue` for the layout.

extension EventQueue {
    /// Puts the node `slot` (time `t`) into the tier that holds its time.
    @inlinable mutating func place(_ slot: UInt32, time t: Int64, order: UInt64) {
        if t < nearEnd {
            pushNear(Near(time: t, order: order, slot: slot))
            if near.count > nearLimit { rebuild() }
            return
        }
        var r = rungs.count &- 1
        while r >= 0 && t >= rungs[r].end { r &-= 1 }
        if r < 0 {
            nodes[Int(slot)].next = farHead
            farHead = slot
            farCount &+= 1
        } else {
            let rung = rungs[r]
            let h = rung.base &+ EventQueueMath.bucket(t, start: rung.start, shift: rung.shift)
            nodes[Int(slot)].next = heads[h]
            heads[h] = slot
        }
    }

    @inlinable mutating func pushNear(_ entry: Near) {
        near.append(entry)
        near.withUnsafeMutableBufferPointer { h in
            var i = h.count &- 1
            while i > 0 {
                let parent = (i &- 1) &>> 1
                guard entry.precedes(h[parent]) else { break }
                h[i] = h[parent]
                i = parent
            }
            h[i] = entry
        }
    }

    @inlinable mutating func removeNearTop() -> Near {
        let last = near.removeLast()
        guard !near.isEmpty else { return last }
        return near.withUnsafeMutableBufferPointer { h in
            let top = h[0]
            let n = h.count
            var i = 0
            while true {
                var child = 2 &* i &+ 1
                if child >= n { break }
                if child &+ 1 < n && h[child &+ 1].precedes(h[child]) { child &+= 1 }
                guard h[child].precedes(last) else { break }
                h[i] = h[child]
                i = child
            }
            h[i] = last
            return top
        }
    }

    /// Restores the invariant that the near heap's top is live, and that the near heap is not
    /// empty while any event is pending.
    @inlinable mutating func settleTop() {
        while true {
            if let top = near.first {
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
    @inlinable mutating func free(_ slot: UInt32) {
        nodes[Int(slot)].next = freeHead
        freeHead = slot
    }

    /// Moves the next events into the empty near heap: the finest rung's next non-empty bucket
    /// (split into a finer rung first when it is crowded), or a new coarsest rung from the far
    /// list when the rungs are used up.
    @inlinable mutating func refill() {
        while near.isEmpty {
            guard let r = rungs.indices.last else {
                if farCount == 0 {
                    farStart = nearEnd
                    return
                }
                rungFromFar()
                continue
            }
            var rung = rungs[r]
            var b = rung.current
            heads.withUnsafeBufferPointer { heads in
                while b < rung.count && heads[rung.base &+ b] == Self.none { b &+= 1 }
            }
            if b == rung.count {
                rungs.removeLast()
                nearEnd = rungs.last?.currentStart ?? farStart
                continue
            }
            rung.current = b
            let (lo, hi, atLo) = takeBucket(rung.base + b)
            if scratch.isEmpty {  // only cancelled nodes
                rungs[r].current = b + 1
                nearEnd = rungs[r].currentStart
                continue
            }
            let bucketStart = EventQueueMath.offset(rung.start, by: b, shift: rung.shift)
            // Split a crowded bucket, unless most of it is one instant (aligned ticks): no
            // finer rung can part those, the near heap orders them as well as anything.
            if scratch.count > Self.bucketLimit && rungs.count < Self.maxRungs && atLo &* 2 <= scratch.count,
                let child = finerRung(from: bucketStart, lo: lo, hi: hi, base: rung.base + rung.count)
            {
                rungs[r].current = b  // what comes after the child's end stays in this bucket
                rungs.append(child)
                spread(into: child)
                nearEnd = child.currentStart
            } else {
                rungs[r].current = b + 1
                nearEnd = min(rungs[r].currentStart, rung.end)
                fillNear()
            }
        }
    }

    /// Empties the list at `heads[h]` into `scratch`, freeing cancelled nodes; returns the
    /// earliest and latest time of the live ones, and how many are at the earliest.
    @inlinable mutating func takeBucket(_ h: Int) -> (lo: Int64, hi: Int64, atLo: Int) {
        let head = heads[h]
        heads[h] = Self.none
        return takeList(head)
    }

    /// Empties a linked list into `scratch`, freeing cancelled nodes.
    @inlinable mutating func takeList(_ head: UInt32) -> (lo: Int64, hi: Int64, atLo: Int) {
        scratch.removeAll(keepingCapacity: true)
        var lo = Int64.max, hi = Int64.min, atLo = 0
        var s = head
        var dropped = 0
        var freeHead = self.freeHead
        nodes.withUnsafeMutableBufferPointer { nodes in
            while s != Self.none {
                let i = Int(s)
                let next = nodes[i].next
                if nodes[i].generation & 1 == 1 {
                    scratch.append(s)
                    let t = nodes[i].time
                    if t < lo {
                        lo = t
                        atLo = 1
                    } else if t == lo {
                        atLo &+= 1
                    }
                    hi = Swift.max(hi, t)
                } else {
                    nodes[i].next = freeHead
                    freeHead = s
                    dropped &+= 1
                }
                s = next
            }
        }
        self.freeHead = freeHead
        cancelledInside &-= dropped
        return (lo, hi, atLo)
    }

    /// A rung splitting the bucket that starts at `bucketStart` and holds the events of
    /// `scratch` (times `lo...hi`) into about `scratch.count` buckets, or `nil` when they would
    /// all fall into one.
    @inlinable func finerRung(from bucketStart: Int64, lo: Int64, hi: Int64, base: Int) -> Rung? {
        let span = UInt64(bitPattern: hi &- bucketStart)
        let shift = EventQueueMath.shift(span: span, limit: scratch.count)
        let first = EventQueueMath.bucket(lo, start: bucketStart, shift: shift)
        let count = Int(span &>> UInt64(shift)) + 1
        guard first != count - 1 else { return nil }
        return Rung(
            start: bucketStart, end: EventQueueMath.offset(bucketStart, by: count, shift: shift), shift: shift,
            base: base, count: count, current: first)
    }

    /// Links the nodes of `scratch` into the buckets of `rung`, whose heads it clears first.
    @inlinable mutating func spread(into rung: Rung) {
        let needed = rung.base + rung.count
        if heads.count < needed { heads.append(contentsOf: repeatElement(Self.none, count: needed - heads.count)) }
        heads.withUnsafeMutableBufferPointer { heads in
            nodes.withUnsafeMutableBufferPointer { nodes in
                for h in rung.base..<needed { heads[h] = Self.none }
                for s in scratch {
                    let i = Int(s)
                    let h = rung.base &+ EventQueueMath.bucket(nodes[i].time, start: rung.start, shift: rung.shift)
                    nodes[i].next = heads[h]
                    heads[h] = s
                }
            }
        }
    }

    /// Puts the nodes of `scratch` into the (empty) near heap. Events scheduled into it later
    /// may double it before the tiers are rebuilt around them.
    @inlinable mutating func fillNear() {
        nearLimit = Swift.max(Self.nearLimitFloor, 2 &* scratch.count)
        near.reserveCapacity(scratch.count)
        nodes.withUnsafeBufferPointer { nodes in
            for s in scratch {
                near.append(Near(time: nodes[Int(s)].time, order: nodes[Int(s)].order, slot: s))
            }
        }
        near.withUnsafeMutableBufferPointer { h in
            var start = h.count / 2
            while start > 0 {
                start -= 1
                let entry = h[start]
                var i = start
                while true {
                    var child = 2 &* i &+ 1
                    if child >= h.count { break }
                    if child &+ 1 < h.count && h[child &+ 1].precedes(h[child]) { child &+= 1 }
                    guard h[child].precedes(entry) else { break }
                    h[i] = h[child]
                    i = child
                }
                h[i] = entry
            }
        }
    }

    /// Turns the far list into a new coarsest rung of about one event per bucket (or straight
    /// into the near heap when it is small or all at one time).
    @inlinable mutating func rungFromFar() {
        let (lo, hi, _) = takeList(farHead)
        farHead = Self.none
        farCount = 0
        guard !scratch.isEmpty else {
            farStart = nearEnd
            return
        }
        if scratch.count <= Self.bucketLimit || lo == hi {
            nearEnd = EventQueueMath.successor(hi)
            farStart = nearEnd
            fillNear()
            return
        }
        let span = UInt64(bitPattern: hi &- lo)
        let shift = EventQueueMath.shift(span: span, limit: scratch.count)
        let count = Int(span &>> UInt64(shift)) + 1
        let rung = Rung(
            start: lo, end: EventQueueMath.offset(lo, by: count, shift: shift), shift: shift, base: 0, count: count,
            current: 0)
        rungs.append(rung)
        spread(into: rung)
        farStart = rung.end
        nearEnd = lo
    }

    /// Rebuilds the tiers from the live events alone, freeing every cancelled node: when
    /// cancelled nodes outnumber live ones, and when events scheduled before `nearEnd` have
    /// crowded the near heap (the first event of an empty queue was late, or a small far list
    /// set a wide near range that then filled up).
    @inlinable mutating func rebuild() {
        var all: [UInt32] = []
        all.reserveCapacity(live)
        for e in near { all.append(e.slot) }
        for rung in rungs {
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
        near.removeAll(keepingCapacity: true)
        rungs.removeAll(keepingCapacity: true)
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
        settleTop()
    }
}
