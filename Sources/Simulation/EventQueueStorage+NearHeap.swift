/// The near tier: a binary min-heap of the events due soonest, ordered by (time, priority, sequence).
extension EventQueueStorage {
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
}
