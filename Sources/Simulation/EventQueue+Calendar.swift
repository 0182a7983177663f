/// The calendar's buckets: insertion, removal, finding the earliest event, and rebuilding with a
/// new bucket count or day width.
extension EventQueue {
    @usableFromInline static var minimumBucketCount: Int { 64 }
    /// Most events a bucket holds on average before the bucket count doubles; below a quarter of
    /// it, the count halves.
    @usableFromInline static var maximumLoad: Int { 2 }

    /// Whether an event at `t` with priority `p` runs before the pending event in slot `s`
    /// (equal keys: the one already queued runs first).
    @inlinable @inline(__always) func precedes(_ t: Int64, _ p: UInt8, _ s: UInt32) -> Bool {
        let ts = time(s)
        return t < ts || (t == ts && p < priorities[Int(truncatingIfNeeded: s)])
    }

    @inlinable @inline(__always) func bucket(of t: Int64) -> UnsafeMutablePointer<CalendarBucket> {
        buckets + (Int(truncatingIfNeeded: t &>> shift) & mask)
    }

    /// Links slot `s` into its bucket, after every event with a key not after its own.
    @inlinable @inline(__always) mutating func insert(_ s: UInt32, time t: Int64, priority p: UInt8) {
        let b = bucket(of: t)
        setNext(s, EventQueueLayout.none)
        let head = b.pointee.head
        if head == EventQueueLayout.none {
            b.pointee = CalendarBucket(head: s, tail: s)
            return
        }
        // The head first: a bucket often holds only later years' events, and then the new event
        // goes in front after one node load. The tail check keeps a burst of equal times O(1).
        if precedes(t, p, head) {
            setNext(s, head)
            b.pointee.head = s
            return
        }
        let tail = b.pointee.tail
        if tail == head || !precedes(t, p, tail) {
            setNext(tail, s)
            b.pointee.tail = s
            return
        }
        insertInside(s, time: t, priority: p, after: head)
    }

    /// The slow path of `insert`: somewhere strictly between the head and the tail.
    @inlinable mutating func insertInside(_ s: UInt32, time t: Int64, priority p: UInt8, after head: UInt32) {
        var previous = head
        var walked = 1
        while true {
            let n = next(previous)
            if precedes(t, p, n) { break }
            previous = n
            walked += 1
        }
        setNext(s, next(previous))
        setNext(previous, s)
        cost &+= walked
    }

    /// Unlinks pending slot `s` from its bucket.
    @usableFromInline mutating func unlink(_ s: UInt32) {
        let b = bucket(of: time(s))
        let head = b.pointee.head
        if head == s {
            b.pointee.head = next(s)
            if b.pointee.head == EventQueueLayout.none { b.pointee.tail = EventQueueLayout.none }
            return
        }
        var previous = head
        while next(previous) != s { previous = next(previous) }
        setNext(previous, next(s))
        if b.pointee.tail == s { b.pointee.tail = previous }
    }

    /// Sets `minSlot` and `today` to the earliest pending event, scanning days forward from
    /// `today` (a lower bound); after a whole year of days without one, searches every bucket.
    @inlinable mutating func locateMin() {
        guard _count > 0 else {
            minSlot = EventQueueLayout.none
            return
        }
        var d = today
        for scanned in 0...mask {
            let h = buckets[Int(truncatingIfNeeded: d) & mask].head
            // A bucket's head is its earliest event; if it falls on day `d` it is the earliest
            // of all, since no event lies before `d` and day `d` only maps to this bucket.
            if h != EventQueueLayout.none && time(h) &>> shift == d {
                today = d
                minSlot = h
                cost &+= scanned
                return
            }
            d &+= 1
        }
        directSearch()
    }

    /// The earliest of all bucket heads (no two heads share a time, so no tie to break).
    @usableFromInline mutating func directSearch() {
        var best = EventQueueLayout.none
        for b in 0...mask {
            let h = buckets[b].head
            guard h != EventQueueLayout.none else { continue }
            if best == EventQueueLayout.none || precedes(time(h), priorities[Int(h)], best) { best = h }
        }
        minSlot = best
        today = time(best) &>> shift
        cost &+= 2 * (mask + 1)
    }

    /// Every `count` pops or so: if pops scanned many empty days or inserts walked long lists,
    /// the day width no longer fits the events; measure it again.
    @usableFromInline mutating func checkHealth() {
        let expensive = cost > 6 * pops
        pops = 0
        cost = 0
        if expensive { rebuild(bucketCount: mask + 1) }
    }

    @inlinable mutating func shrinkIfSparse() {
        if 4 * _count < Self.maximumLoad * (mask + 1) && mask + 1 > Self.minimumBucketCount { rebuild(bucketCount: (mask + 1) / 2) }
    }

    /// Re-files every pending event into `bucketCount` buckets of a newly estimated day width.
    /// The lists are first chained into one, in bucket order, so the old bucket array is freed
    /// before the new one is allocated (the peak memory is one array, not two), and events with
    /// equal keys (always in one bucket) keep their first-in, first-out order.
    @usableFromInline mutating func rebuild(bucketCount: Int) {
        let newShift = estimateShift()
        if bucketCount == mask + 1 && newShift == shift { return }
        var first = EventQueueLayout.none, last = EventQueueLayout.none
        for b in 0...mask where buckets[b].head != EventQueueLayout.none {
            if last == EventQueueLayout.none { first = buckets[b].head } else { setNext(last, buckets[b].head) }
            last = buckets[b].tail
        }
        if bucketCount != mask + 1 {
            buckets.deallocate()
            buckets = .allocate(capacity: bucketCount)
            owner.buckets = buckets
            mask = bucketCount - 1
        }
        buckets.initialize(repeating: .empty, count: bucketCount)
        shift = newShift
        var s = first
        while s != EventQueueLayout.none {
            let n = next(s)
            insert(s, time: time(s), priority: priorities[Int(s)])
            s = n
        }
        if minSlot != EventQueueLayout.none { today = time(minSlot) &>> shift }
        pops = 0
        cost = 0
    }

    /// Brown's estimate: the mean gap between the earliest distinct event times (ignoring gaps
    /// over twice the mean), times two, rounded to a power of two. Ties share a bucket whatever
    /// the width, so only distinct times count. Keeps the current width when there are fewer
    /// than two distinct times.
    @usableFromInline func estimateShift() -> Int64 {
        let k = 32
        var sample: [Int64] = []
        sample.reserveCapacity(k + 1)
        for s in 0..<UInt32(slotCount) where generation(s) & 1 == 1 {
            let t = time(s)
            if sample.count == k, t >= sample[k - 1] { continue }
            var lo = 0, hi = sample.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if sample[mid] < t { lo = mid + 1 } else { hi = mid }
            }
            if lo < sample.count && sample[lo] == t { continue }
            sample.insert(t, at: lo)
            if sample.count > k { sample.removeLast() }
        }
        guard sample.count >= 2 else { return shift }
        let gaps = zip(sample.dropFirst(), sample).map { Double($0) - Double($1) }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let typical = gaps.filter { $0 <= 2 * mean }
        let width = 2 * typical.reduce(0, +) / Double(typical.count)
        guard width >= 2 else { return 0 }
        return Int64(min(62, max(0, width.log2Rounded)))
    }
}

extension Double {
    /// The nearest integer to log2 of a positive finite value.
    @usableFromInline var log2Rounded: Int {
        Int(exponent) + (significand >= 2.0.squareRoot() ? 1 : 0)
    }
}
