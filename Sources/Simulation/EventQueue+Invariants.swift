extension EventQueue {
    /// Checks the bucket order, the day of every event, the handle bookkeeping and the located
    /// earliest event; traps on a violation. Tests call it after every operation; it costs O(n).
    public func checkInvariants() {
        var seen = 0
        var earliest = EventQueueLayout.none
        for b in 0...mask {
            var s = buckets[b].head
            var last = EventQueueLayout.none
            while s != EventQueueLayout.none {
                precondition(generation(s) & 1 == 1, "slot \(s) is in a bucket but not pending")
                precondition(bucket(of: time(s)) == buckets + b, "slot \(s) is in the wrong bucket")
                precondition(time(s) &>> shift >= today, "slot \(s) lies before today")
                if last != EventQueueLayout.none {
                    precondition(!precedes(time(s), priorities[Int(s)], last), "bucket \(b) out of order")
                }
                if earliest == EventQueueLayout.none || precedes(time(s), priorities[Int(s)], earliest) { earliest = s }
                seen += 1
                precondition(seen <= _count, "more events in buckets than counted")
                last = s
                s = next(s)
            }
            precondition(buckets[b].tail == last, "bucket \(b) has a wrong tail")
        }
        precondition(seen == _count, "counted \(_count) events, found \(seen)")
        precondition(minSlot == earliest, "the located earliest event is not the earliest")
        if minSlot != EventQueueLayout.none { precondition(time(minSlot) &>> shift == today, "today is not the earliest day") }
        var free = 0
        var s = freeHead
        while s != EventQueueLayout.none {
            precondition(generation(s) & 1 == 0, "a free slot is pending")
            free += 1
            precondition(free <= slotCount, "the free list loops")
            s = next(s)
        }
        precondition(free + _count == slotCount, "slot leak: \(free) free + \(_count) pending != \(slotCount)")
        precondition(mask + 1 >= Self.minimumBucketCount && (mask + 1) & mask == 0, "bucket count")
    }
}
