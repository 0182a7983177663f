/// The storage's raw buffers: reserving and growing them (every grower moves to a larger one with `moved`).
extension EventQueueStorage {
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
}
