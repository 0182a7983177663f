extension EventQueue {
    /// Nodes held by the queue, cancelled ones not yet reached included (for tests).
    var physicalCount: Int { storage.live + storage.cancelledInside }
    /// Rungs in use (for tests).
    var rungCount: Int { storage.rungCount }
    /// Events in the near heap (for tests).
    var nearCount: Int { storage.nearCount }
    static var bucketLimit: Int { EventQueueStorage<Payload>.bucketLimit }
}

extension EventQueueStorage {
    /// Checks the tiers' time bounds, the near heap's order, the node bookkeeping and the
    /// live-top invariant; traps on a violation. Tests call it after every operation; it costs
    /// O(nodes + buckets).
    func checkInvariants() {
        let near = Array(UnsafeBufferPointer(start: self.near, count: nearCount))
        let nodes = Array(UnsafeBufferPointer(start: self.nodes, count: nodeCount))
        let heads = Array(UnsafeBufferPointer(start: self.heads, count: headsUsed))
        let rungs = Array(UnsafeBufferPointer(start: self.rungs, count: rungCount))
        precondition(nodeCount <= nodeCapacity && nearCount <= nearCapacity && headsUsed <= headCapacity, "buffer overrun")
        var seen = Set<UInt32>()
        var liveFound = 0, cancelledFound = 0
        func visit(_ s: UInt32, _ t: ClosedRange<Int64>, _ tier: String) {
            precondition(Int(s) < nodes.count, "\(tier): slot \(s) out of range")
            precondition(seen.insert(s).inserted, "\(tier): slot \(s) reached twice")
            let node = nodes[Int(s)]
            if node.generation & 1 == 1 {
                liveFound += 1
                // The near heap holds its events' payloads; the rungs and the far list leave
                // them in the nodes.
                precondition((node.payload != nil) == (tier != "near"), "\(tier): live slot \(s), payload misplaced")
                precondition(t.contains(node.time), "\(tier): slot \(s) at \(node.time) outside \(t)")
            } else {
                cancelledFound += 1
                precondition(node.payload == nil, "\(tier): cancelled slot \(s) keeps its payload")
            }
        }
        precondition(near.isEmpty || nearEnd > .min, "near events, but nothing lies before nearEnd")
        for (i, e) in near.enumerated() {
            if i > 0 { precondition(!e.precedes(near[(i - 1) / 2]), "near heap order violated at \(i)") }
            precondition(e.time == nodes[Int(e.slot)].time && e.order == nodes[Int(e.slot)].order, "near entry \(i) stale")
            // A saturated end (`Int64.max`) also holds events at `Int64.max`; later ones at that
            // instant go to the far list, after them in sequence order.
            visit(e.slot, Int64.min...(nearEnd == .max ? .max : nearEnd - 1), "near")
        }
        var lower = nearEnd
        for (r, rung) in rungs.enumerated().reversed() {
            precondition(rung.shift >= 0 && rung.shift < 64, "rung \(r): shift \(rung.shift)")
            precondition(rung.current <= rung.count && rung.base + rung.count <= heads.count, "rung \(r): bounds")
            precondition(rung.end == EventQueueMath.offset(rung.start, by: rung.count, shift: rung.shift), "rung \(r): end")
            if r > 0 {
                let parent = rungs[r - 1]
                precondition(rung.base == parent.base + parent.count, "rung \(r): heads overlap its parent's")
                precondition(rung.start == parent.currentStart, "rung \(r) does not start at its parent's bucket")
            }
            for b in 0..<rung.count {
                let h = rung.base + b
                if b < rung.current {
                    precondition(heads[h] == Self.none, "rung \(r): bucket \(b) before current \(rung.current) not empty")
                    continue
                }
                let from = Swift.max(lower, EventQueueMath.offset(rung.start, by: b, shift: rung.shift))
                let to = EventQueueMath.offset(rung.start, by: b + 1, shift: rung.shift)
                var s = heads[h]
                while s != Self.none {
                    visit(s, from...(to == .max ? .max : to - 1), "rung \(r) bucket \(b)")
                    s = nodes[Int(s)].next
                }
            }
            lower = rung.end
        }
        if let coarsest = rungs.first {
            precondition(farStart == coarsest.end, "far starts at \(farStart), not at the coarsest rung's end")
        } else {
            precondition(farStart == nearEnd || farHead == Self.none, "no rung, but far and near split apart")
        }
        var s = farHead, far = 0
        while s != Self.none {
            visit(s, farStart...Int64.max, "far")
            s = nodes[Int(s)].next
            far += 1
        }
        precondition(far == farCount, "far count \(farCount), found \(far)")
        precondition(liveFound == live, "live count \(live), found \(liveFound)")
        precondition(cancelledFound == cancelledInside, "cancelled count \(cancelledInside), found \(cancelledFound)")
        var free = 0
        s = freeHead
        while s != Self.none {
            precondition(seen.insert(s).inserted, "free slot \(s) is also queued (or free twice)")
            precondition(nodes[Int(s)].generation & 1 == 0 && nodes[Int(s)].payload == nil, "free slot \(s) looks pending")
            s = nodes[Int(s)].next
            free += 1
        }
        precondition(seen.count == nodes.count, "slot leak: \(nodes.count - seen.count) slots unreachable")
        if let top = near.first {
            precondition(nodes[Int(top.slot)].generation & 1 == 1, "the top of the near heap is cancelled")
        } else {
            precondition(live == 0, "events pending but the near heap is empty")
        }
    }
}
