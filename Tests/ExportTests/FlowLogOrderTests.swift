import Export
import Testing
import TestSupport

/// The flow log's order (issue 16): by start, then vehicle, then flowId; a permutation of what
/// the monitor judged, nothing lost or doubled.
@Suite struct FlowLogOrderTests {
    @Test(arguments: 0..<20 as Range<UInt64>)
    func sortedByStartVehicleAndIDAndTheSameEntries(seed: UInt64) {
        var rng = SplitMix(seed: 0x5EED &+ seed)
        var order = FlowLogOrder()
        var offset: Int64 = 0
        let n = Int(rng.next() % 500)
        for _ in 0..<n {
            // Few distinct starts and cars, so ties on both are common.
            let length = Int(rng.next() % 900) + 1
            order.add(start: Int64(rng.next() % 40) * 2_000_000_000, vehicle: UInt32(rng.next() % 6), offset: offset, length: length)
            offset += Int64(length)
        }
        let sorted = order.sorted()
        #expect(sorted.count == n)
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(a.start < b.start || (a.start == b.start && (a.vehicle < b.vehicle || (a.vehicle == b.vehicle && a.id < b.id))))
        }
        #expect(Set(sorted) == Set(order.entries), "the same entries")
        #expect(sorted.map(\.id).sorted() == (0..<n).map { UInt64($0) + 1 }, "flowIds 1…n, each once")
    }

    @Test func theNextIDCountsFromOne() {
        var order = FlowLogOrder()
        #expect(order.nextID == 1)
        order.add(start: 5, vehicle: 2, offset: 0, length: 10)
        order.add(start: 5, vehicle: 1, offset: 10, length: 10)
        order.add(start: 4, vehicle: 9, offset: 20, length: 10)
        #expect(order.nextID == 4)
        #expect(order.sorted().map(\.id) == [3, 2, 1])
    }
}
