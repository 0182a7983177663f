extension EventQueue {
    /// Checks the heap order, the handle bookkeeping and the live-top invariant; traps on a
    /// violation. Tests call it after every operation; it costs O(n).
    public func checkInvariants() {
        for i in 1..<max(heap.count, 1) where i < heap.count {
            precondition(!heap[i].precedes(heap[(i - 1) / 2]), "heap order violated at \(i)")
        }
        var stale = 0
        var liveSlots = Set<UInt32>()
        for entry in heap {
            if generations[Int(entry.slot)] == entry.generation {
                precondition(liveSlots.insert(entry.slot).inserted, "slot \(entry.slot) live twice")
            } else {
                stale += 1
            }
        }
        precondition(stale == cancelledInHeap, "cancelled count \(cancelledInHeap), found \(stale)")
        precondition(liveSlots.count + freeSlots.count == generations.count, "slot leak")
        precondition(Set(freeSlots).isDisjoint(with: liveSlots), "a free slot is live")
        if let top = heap.first {
            precondition(generations[Int(top.slot)] == top.generation, "the top of the heap is cancelled")
        }
    }
}
