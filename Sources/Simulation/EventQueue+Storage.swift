/// One calendar bucket: a singly linked list of node slots sorted by (time, priority), first-in
/// first-out among equal keys. `tail` makes the common case (a key not before the last) O(1).
@usableFromInline struct CalendarBucket: Sendable {
    @usableFromInline var head: UInt32
    @usableFromInline var tail: UInt32
    @inlinable init(head: UInt32, tail: UInt32) {
        self.head = head
        self.tail = tail
    }
    @inlinable static var empty: CalendarBucket { CalendarBucket(head: EventQueueLayout.none, tail: EventQueueLayout.none) }
}

/// Where the fields of a node live. A node is a 16-byte header (time as an unaligned `Int64` at 0,
/// the next slot at 8, the generation at 12) followed by the payload; nodes are packed with a
/// 4-byte alignment, so a `UInt32` payload makes a 20-byte node.
@usableFromInline enum EventQueueLayout {
    /// The "no slot" link.
    @usableFromInline static let none: UInt32 = .max
    @inlinable static func payloadOffset<P>(_: P.Type) -> Int {
        let a = MemoryLayout<P>.alignment
        return (16 + a - 1) & ~(a - 1)
    }
    @inlinable static func stride<P>(_: P.Type) -> Int {
        let a = max(MemoryLayout<P>.alignment, 4)
        return (payloadOffset(P.self) + MemoryLayout<P>.size + a - 1) & ~(a - 1)
    }
    @inlinable static func alignment<P>(_: P.Type) -> Int { max(MemoryLayout<P>.alignment, 8) }
}

/// Owns the queue's three allocations and frees them (and the payloads still pending) when the
/// last copy of the queue goes away. The queue keeps its own copies of the pointers, so the hot
/// path never goes through this object; it is only asked whether it is uniquely referenced.
@usableFromInline final class EventQueueStorage<Payload> {
    @usableFromInline var nodes: UnsafeMutableRawPointer
    @usableFromInline var priorities: UnsafeMutablePointer<UInt8>
    @usableFromInline var buckets: UnsafeMutablePointer<CalendarBucket>
    @usableFromInline var slotCount = 0

    @usableFromInline init(slotCapacity: Int, bucketCount: Int) {
        nodes = .allocate(
            byteCount: max(slotCapacity, 1) * EventQueueLayout.stride(Payload.self),
            alignment: EventQueueLayout.alignment(Payload.self))
        priorities = .allocate(capacity: max(slotCapacity, 1))
        buckets = .allocate(capacity: bucketCount)
        buckets.initialize(repeating: .empty, count: bucketCount)
    }

    deinit {
        if !_isPOD(Payload.self) {
            let stride = EventQueueLayout.stride(Payload.self), offset = EventQueueLayout.payloadOffset(Payload.self)
            for s in 0..<slotCount {
                let node = nodes + s * stride
                // Odd generation: the slot holds a pending event and so an initialized payload.
                if node.load(fromByteOffset: 12, as: UInt32.self) & 1 == 1 {
                    (node + offset).assumingMemoryBound(to: Payload.self).deinitialize(count: 1)
                }
            }
        }
        nodes.deallocate()
        priorities.deallocate()
        buckets.deallocate()
    }
}

extension EventQueue {
    // MARK: Node access (raw loads and stores of plain integers; the payload is typed memory)

    @inlinable @inline(__always) static var stride: Int { EventQueueLayout.stride(Payload.self) }

    @inlinable @inline(__always) func node(_ s: UInt32) -> UnsafeMutableRawPointer {
        nodes + Int(truncatingIfNeeded: s) &* Self.stride
    }
    @inlinable @inline(__always) func time(_ s: UInt32) -> Int64 {
        UnsafeRawPointer(node(s)).loadUnaligned(as: Int64.self)
    }
    @inlinable @inline(__always) func next(_ s: UInt32) -> UInt32 {
        node(s).load(fromByteOffset: 8, as: UInt32.self)
    }
    @inlinable @inline(__always) func setNext(_ s: UInt32, _ n: UInt32) {
        node(s).storeBytes(of: n, toByteOffset: 8, as: UInt32.self)
    }
    @inlinable @inline(__always) func generation(_ s: UInt32) -> UInt32 {
        node(s).load(fromByteOffset: 12, as: UInt32.self)
    }
    @inlinable @inline(__always) func payload(_ s: UInt32) -> UnsafeMutablePointer<Payload> {
        (node(s) + EventQueueLayout.payloadOffset(Payload.self)).assumingMemoryBound(to: Payload.self)
    }

    /// Gives the slot back: its generation turns even (handles go stale), it joins the free list.
    /// The payload must already have been moved out or deinitialized.
    @inlinable @inline(__always) mutating func release(_ s: UInt32) {
        let n = node(s)
        n.storeBytes(of: n.load(fromByteOffset: 12, as: UInt32.self) &+ 1, toByteOffset: 12, as: UInt32.self)
        n.storeBytes(of: freeHead, toByteOffset: 8, as: UInt32.self)
        freeHead = s
    }

    // MARK: Ownership

    /// Copy on write: a copy of the queue shares storage until one of them mutates.
    @inlinable @inline(__always) mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&owner) { cloneStorage() }
    }

    @usableFromInline mutating func cloneStorage() {
        let copy = EventQueueStorage<Payload>(slotCapacity: slotCapacity, bucketCount: mask + 1)
        copy.buckets.update(from: buckets, count: mask + 1)
        copy.priorities.update(from: priorities, count: slotCount)
        copyNodes(to: copy.nodes, moving: false)
        copy.slotCount = slotCount
        owner = copy
        nodes = copy.nodes
        priorities = copy.priorities
        buckets = copy.buckets
    }

    /// Copies the node headers and the live payloads to `target` (moving the payloads if asked).
    @usableFromInline func copyNodes(to target: UnsafeMutableRawPointer, moving: Bool) {
        let stride = Self.stride, offset = EventQueueLayout.payloadOffset(Payload.self)
        if _isPOD(Payload.self) {
            target.copyMemory(from: nodes, byteCount: slotCount * stride)
            return
        }
        for s in 0..<slotCount {
            let from = nodes + s * stride, to = target + s * stride
            to.copyMemory(from: from, byteCount: 16)
            guard from.load(fromByteOffset: 12, as: UInt32.self) & 1 == 1 else { continue }
            let source = (from + offset).assumingMemoryBound(to: Payload.self)
            let destination = (to + offset).bindMemory(to: Payload.self, capacity: 1)
            if moving { destination.moveInitialize(from: source, count: 1) } else { destination.initialize(to: source.pointee) }
        }
    }

    /// Moves the nodes to an allocation of `capacity` slots.
    @usableFromInline mutating func growSlots(to capacity: Int) {
        let fresh = UnsafeMutableRawPointer.allocate(
            byteCount: capacity * Self.stride, alignment: EventQueueLayout.alignment(Payload.self))
        let freshPriorities = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        copyNodes(to: fresh, moving: true)
        freshPriorities.moveInitialize(from: priorities, count: slotCount)
        nodes.deallocate()
        priorities.deallocate()
        nodes = fresh
        priorities = freshPriorities
        owner.nodes = fresh
        owner.priorities = freshPriorities
        slotCapacity = capacity
    }

    /// A free slot, from the free list or a new one (growing the node storage when full).
    @inlinable @inline(__always) mutating func allocateSlot() -> UInt32 {
        if freeHead != EventQueueLayout.none {
            let s = freeHead
            freeHead = next(s)
            return s
        }
        return newSlot()
    }

    @usableFromInline mutating func newSlot() -> UInt32 {
        precondition(slotCount < Int(UInt32.max) - 1, "EventQueue: too many pending events")
        if slotCount == slotCapacity { growSlots(to: max(16, slotCapacity * 2)) }
        let s = UInt32(slotCount)
        node(s).storeBytes(of: 0 as UInt32, toByteOffset: 12, as: UInt32.self)
        slotCount += 1
        owner.slotCount = slotCount
        return s
    }
}
