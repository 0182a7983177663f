import Export
import Testing
import TestSupport

/// The flow log's numbering and order: flowIds by end, then vehicle, then the order judged
/// (`FlowLogOrder.Numbering`); lines by start, then vehicle, then flowId; a permutation of what
/// the monitor judged, nothing lost or doubled.
@Suite struct FlowLogOrderTests {
    @Test(arguments: 0..<20 as Range<UInt64>)
    func numberedByEndVehicleAndJudgedAndSortedByStartVehicleAndID(seed: UInt64) {
        var rng = SplitMix(seed: 0x5EED &+ seed)
        var order = FlowLogOrder()
        var offset: Int64 = 0
        var end: Int64 = 0
        let n = Int(rng.next() % 500)
        for _ in 0..<n {
            // Ends come in time order, as the monitor judges them; few distinct ends, starts and
            // cars, so ties on each are common.
            if rng.next() % 4 == 0 { end += 1_000_000_000 }
            let start = end - Int64(rng.next() % 3) * 1_000_000_000
            let length = Int(rng.next() % 900) + 1
            order.add(start: start, end: end, vehicle: UInt32(rng.next() % 6), offset: offset, length: length)
            offset += Int64(length)
        }
        let sorted = order.sorted()
        #expect(sorted.count == n)
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(a.start < b.start || (a.start == b.start && (a.vehicle < b.vehicle || (a.vehicle == b.vehicle && a.id < b.id))))
        }
        #expect(Set(sorted.map(\.offset)) == Set(order.entries.map(\.offset)), "the same lines")
        #expect(sorted.map(\.id).sorted() == (0..<n).map { UInt64($0) + 1 }, "flowIds 1…n, each once")
        // The numbering, from its definition: judged order (the entries' order) sorted stably by (end, vehicle).
        let judged = order.entries
        let expected = judged.indices.sorted { (judged[$0].end, judged[$0].vehicle, $0) < (judged[$1].end, judged[$1].vehicle, $1) }
        let idByOffset = Dictionary(uniqueKeysWithValues: sorted.map { ($0.offset, $0.id) })
        #expect(expected.map { idByOffset[judged[$0].offset]! } == (0..<n).map { UInt64($0) + 1 })
    }

    @Test func flowsOfOneInstantAreNumberedByCarThenInTheOrderJudged() {
        var order = FlowLogOrder()
        order.add(start: 5, end: 10, vehicle: 2, offset: 0, length: 10)
        order.add(start: 5, end: 10, vehicle: 1, offset: 10, length: 10)
        order.add(start: 4, end: 10, vehicle: 2, offset: 20, length: 10)
        order.add(start: 9, end: 12, vehicle: 0, offset: 30, length: 10)
        // Numbered: car 1's flow (2), then car 2's two in the order judged (1, 3), then the later one.
        let sorted = order.sorted()
        #expect(sorted.map(\.offset) == [20, 10, 0, 30], "by start, vehicle, flowId")
        #expect(sorted.map(\.id) == [3, 1, 2, 4])
    }
}
