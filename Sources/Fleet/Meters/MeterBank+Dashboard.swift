#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulation

/// Meter reads for a pass over the whole fleet on every frame: the same numbers as
/// `reading(car:at:)`, `history(car:at:)` and `categoryRates(car:at:)`, without allocating.
extension MeterBank {
    /// Adds the car's sparkline samples (as `history(car:at:)` gives them, oldest first), each
    /// divided by `divisor`, to both `sums` and `more` (`[0..<historyLength]`): a fleet's and a
    /// region's history in one read. Samples of 0 are skipped, which changes no sum of
    /// non-negative numbers (`x + 0 == x` for every `x` but -0).
    ///
    /// - Precondition: both arrays hold at least `historyLength` elements.
    public func addHistory(car: Int, at now: SimTime, dividedBy divisor: Double, into sums: inout [Double], and more: inout [Double]) {
        let n = Int32(historyLength)
        let current = Int32(truncatingIfNeeded: now.nanoseconds / historyNanoseconds)
        let head = historyHead[car]
        let oldest = current - n + 1
        // The samples `history(car:at:)` reads from the ring; the others are 0.
        let first = max(oldest, head - n + 1, 0), last = min(current, head)
        guard first <= last else { return }
        let base = car * historyLength
        var slot = Int(first % n), j = Int(first - oldest)
        for _ in first...last {
            let sample = history[base + slot]
            if sample != 0 {
                let v = Double(sample) / divisor
                sums[j] += v
                more[j] += v
            }
            slot = slot + 1 == historyLength ? 0 : slot + 1
            j += 1
        }
    }

    /// The car's bytes in the window of `seconds` (2, 10 or 40; rounded to whole buckets) at
    /// `now`, both directions read in one pass (`MeterWindow`).
    public func windowBytes(car: Int, seconds: Int, at now: SimTime) -> WindowBytes {
        let k = MeterWindow.buckets(seconds: seconds)
        let n = Int32(Self.ringSlots)
        let current = MeterWindow.bucket(at: now)
        let head = ringHead[car]
        let up = car * 2 * Self.ringSlots, down = up + Self.ringSlots
        var upSum: UInt64 = 0, downSum: UInt64 = 0
        var b = max(current - k, head - n + 1)
        while b < current {
            if b <= head && b >= 0 {
                let slot = Int(b % n)
                upSum += UInt64(ring[up + slot])
                downSum += UInt64(ring[down + slot])
            }
            b += 1
        }
        return WindowBytes(up: upSum, down: downSum, seconds: Int(k) * 2)
    }

    /// Calls `body` with each used (category, destination) slot of the car, in slot order (not
    /// sorted by bytes as in `reading(car:at:)`).
    public func forEachPair(car: Int, _ body: (CategoryServiceTotal) -> Void) {
        for slot in (car * Self.pairSlots)..<((car + 1) * Self.pairSlots) where pairKey[slot] != 0 {
            let key = pairKey[slot]
            let category = key == UInt32(Self.otherService) ? nil : DataCategory.byIndex[Int(key >> 16) - 1]
            let service = key == UInt32(Self.otherService) ? Self.otherService : UInt16(key & 0xFFFF)
            body(CategoryServiceTotal(category: category, service: service, bytes: pairBytes[slot]))
        }
    }

    /// Writes `categoryWindowBytes(car:at:)` into `bytes`, indexed by `DataCategory.index`.
    ///
    /// - Precondition: `bytes.count >= DataCategory.count`.
    public func categoryWindowBytes(car: Int, at now: SimTime, into bytes: inout [UInt64]) {
        let k = Int32(Self.categorySlots - 1), n = Int32(Self.categorySlots)
        let current = MeterWindow.bucket(at: now)
        let head = ringHead[car]
        let base = car * DataCategory.count * Self.categorySlots
        for c in 0..<DataCategory.count { bytes[c] = 0 }
        var b = max(current - k, head - n + 1)
        while b < current {
            if b <= head && b >= 0 {
                let slot = base + Int(b % n) * DataCategory.count
                for c in 0..<DataCategory.count { bytes[c] += UInt64(categoryRing[slot + c]) }
            }
            b += 1
        }
    }
}
