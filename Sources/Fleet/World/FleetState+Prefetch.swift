import CPrefetch
import Simulation

/// Prefetching the next event's car.
///
/// A car's state is spread over the fleet's flat per-field arrays (and the meter bank's), so a
/// tick touches some thirty cache lines that, with a large fleet, are in main memory: the
/// simulation waits on memory far more than it computes. While one event is handled, the car of
/// the next one (the queue's earliest, known in advance) is asked for with prefetch hints, so
/// its lines arrive while this event's work goes on. Hints only: results are unchanged.
extension FleetState {
    @inline(__always)
    func prefetch(car: Int) {
        guard car < count else { return }
        let n = DataCategory.count
        Self.touch(state, car)
        Self.touch(active, car)
        Self.touch(tickEpoch, car)
        Self.touch(epoch, car)
        Self.touch(lastTick, car)
        Self.touch(lastActivity, car)
        Self.touch(position, car)
        Self.touch(zone, car)
        Self.touch(market, car)
        Self.touch(area, car)
        Self.touch(driverClass, car)
        Self.touch(vin, car)
        Self.touch(modelYear, car)
        Self.touch(prcLinked, car)
        Self.touch(tripStart, car)
        Self.touch(tripEnd, car)
        Self.touch(tripOrigin, car)
        Self.touch(tripDestination, car)
        Self.touch(backlog, car &* n, count: n)
        meters.prefetch(car: car)
    }

    /// Hints the lines of `array[first ..< first + count]`.
    @inline(__always)
    static func touch<T>(_ array: [T], _ first: Int, count: Int = 1) {
        array.withUnsafeBufferPointer { buffer in
            guard first >= 0, first &+ count <= buffer.count, let base = buffer.baseAddress else { return }
            // Each 64-byte line the range touches, once.
            let start = UInt(bitPattern: UnsafeRawPointer(base + first))
            let end = start &+ UInt(count &* MemoryLayout<T>.stride)
            var line = start & ~63
            while line < end {
                fleetwatch_prefetch(UnsafeRawPointer(bitPattern: line))
                line &+= 64
            }
        }
    }
}

extension MeterBank {
    @inline(__always)
    func prefetch(car: Int) {
        let n = DataCategory.count
        FleetState.touch(ring, car &* 2 &* Self.ringSlots, count: 2 &* Self.ringSlots)
        FleetState.touch(ringHead, car)
        FleetState.touch(peak, car &* 2, count: 2)
        FleetState.touch(totals, car &* 2, count: 2)
        FleetState.touch(pairKey, car &* Self.pairSlots, count: Self.pairSlots)
        FleetState.touch(pairBytes, car &* Self.pairSlots, count: Self.pairSlots)
        FleetState.touch(history, car &* historyLength, count: historyLength)
        FleetState.touch(historyHead, car)
        FleetState.touch(flowCount, car)
        FleetState.touch(categoryRing, car &* n &* Self.categorySlots, count: n &* Self.categorySlots)
        FleetState.touch(categoryTotals, car &* n, count: n)
    }
}
