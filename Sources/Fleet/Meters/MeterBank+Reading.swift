#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulation

/// One car's meters as the dashboard reads them (built on request, not per event).
public struct CarMeterReading: Hashable, Sendable {
    /// Bytes per second over the iftop windows (2 s, 10 s, 40 s), up and down.
    public var up: WindowRates
    public var down: WindowRates
    /// Highest 2-second rate seen, in bytes per second.
    public var peakUp: Double
    public var peakDown: Double
    public var totalUp: UInt64
    public var totalDown: UInt64
    public var flows: UInt32
    /// Totals per (category, destination service index), largest first; a `nil` category with
    /// service `MeterBank.otherService` is the overflow slot.
    public var byCategoryAndService: [CategoryServiceTotal]
    /// Bytes per history sample, oldest first; the last sample is the current, partial one.
    public var history: [UInt32]
}

/// Rates in bytes per second over the three iftop windows.
public struct WindowRates: Hashable, Sendable {
    public var twoSeconds: Double
    public var tenSeconds: Double
    public var fortySeconds: Double

    public init(twoSeconds: Double, tenSeconds: Double, fortySeconds: Double) {
        self.twoSeconds = twoSeconds
        self.tenSeconds = tenSeconds
        self.fortySeconds = fortySeconds
    }
}

/// Bytes one car sent or received for one category to one service.
public struct CategoryServiceTotal: Hashable, Sendable {
    public var category: DataCategory?
    public var service: UInt16
    public var bytes: UInt64
}

extension MeterBank {
    /// Bytes counted in the window of `seconds` at `now`, in one direction.
    public func windowBytes(car: Int, direction: Direction, seconds: Int, at now: SimTime) -> UInt64 {
        let w = windowBytes(car: car, seconds: seconds, at: now)
        return direction == .up ? w.up : w.down
    }

    /// Bytes per second over the window of `seconds` at `now`, in one direction.
    public func rate(car: Int, direction: Direction, seconds: Int, at now: SimTime) -> Double {
        let w = windowBytes(car: car, seconds: seconds, at: now)
        return direction == .up ? w.upRate : w.downRate
    }

    /// All three windows in one direction.
    public func rates(car: Int, direction: Direction, at now: SimTime) -> WindowRates {
        WindowRates(twoSeconds: rate(car: car, direction: direction, seconds: 2, at: now),
                    tenSeconds: rate(car: car, direction: direction, seconds: 10, at: now),
                    fortySeconds: rate(car: car, direction: direction, seconds: 40, at: now))
    }

    /// Peak 2-second rate in bytes per second.
    public func peak(car: Int, direction: Direction) -> Double {
        Double(peak[car * 2 + (direction == .up ? 0 : 1)]) / (Double(Self.bucketNanoseconds) * 1e-9)
    }

    public func total(car: Int, direction: Direction) -> UInt64 { totals[car * 2 + (direction == .up ? 0 : 1)] }

    /// The sparkline samples ending with the one containing `now`, oldest first.
    public func history(car: Int, at now: SimTime) -> [UInt32] {
        let n = Int32(historyLength)
        let current = Int32(truncatingIfNeeded: now.nanoseconds / historyNanoseconds)
        let head = historyHead[car]
        var out: [UInt32] = []
        out.reserveCapacity(historyLength)
        for b in (current - n + 1)...current {
            out.append(b <= head && b > head - n && b >= 0 ? history[car * historyLength + Int(b % n)] : 0)
        }
        return out
    }

    /// The car's bytes per category (both directions) in the window of `MeterWindow.rateSeconds`
    /// at `now`, indexed by `DataCategory.index`.
    public func categoryWindowBytes(car: Int, at now: SimTime) -> [UInt64] {
        var bytes = Array(repeating: UInt64(0), count: DataCategory.count)
        categoryWindowBytes(car: car, at: now, into: &bytes)
        return bytes
    }

    /// The car's rate per category (bytes per second over `MeterWindow.rateSeconds`), indexed by
    /// `DataCategory.index`.
    public func categoryRates(car: Int, at now: SimTime) -> [Double] {
        categoryWindowBytes(car: car, at: now).map { MeterWindow.rate(bytes: $0, seconds: MeterWindow.rateSeconds) }
    }

    /// The car's bytes per category since the start (both directions), indexed by
    /// `DataCategory.index`. They add up to the car's up and down totals.
    public func categoryTotals(car: Int) -> [UInt64] {
        Array(categoryTotals[(car * DataCategory.count)..<((car + 1) * DataCategory.count)])
    }

    /// Everything about one car's meters at `now`.
    public func reading(car: Int, at now: SimTime) -> CarMeterReading {
        var pairs: [CategoryServiceTotal] = []
        for slot in (car * Self.pairSlots)..<((car + 1) * Self.pairSlots) where pairKey[slot] != 0 {
            let key = pairKey[slot]
            let category = key == UInt32(Self.otherService) ? nil : DataCategory.byIndex[Int(key >> 16) - 1]
            let service = key == UInt32(Self.otherService) ? Self.otherService : UInt16(key & 0xFFFF)
            pairs.append(CategoryServiceTotal(category: category, service: service, bytes: pairBytes[slot]))
        }
        pairs.sort { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.service < $1.service }
        return CarMeterReading(
            up: rates(car: car, direction: .up, at: now), down: rates(car: car, direction: .down, at: now),
            peakUp: peak(car: car, direction: .up), peakDown: peak(car: car, direction: .down),
            totalUp: total(car: car, direction: .up), totalDown: total(car: car, direction: .down),
            flows: flowCount[car], byCategoryAndService: pairs, history: history(car: car, at: now))
    }
}
