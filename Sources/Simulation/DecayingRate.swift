#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exponentially decayed rate meter: `r ← r·exp(−Δt/τ) + amount/τ` at each sample.
///
/// With samples arriving at a steady rate the value converges to that rate (amount per second);
/// after a pause it decays with time constant `τ`. Sixteen bytes, no history: the meter of the
/// fleet-flows workload and of the per-car "current rate" columns.
public struct DecayingRate: Hashable, Sendable {
    /// The rate at the last sample, in amount per second.
    @inlinable public var rate: Double { _rate }
    /// Time of the last sample.
    @inlinable public var lastUpdate: SimTime { _last }

    @usableFromInline var _rate: Double = 0
    @usableFromInline var _last: SimTime = .zero

    public init() {}

    /// Adds `amount` observed at `time`; `tau` is the time constant in seconds.
    @inlinable public mutating func add(_ amount: Double, at time: SimTime, tau: Double) {
        _rate = _rate * exp(Double(_last.nanoseconds &- time.nanoseconds) * 1e-9 / tau) + amount / tau
        _last = time
    }

    /// The rate as it reads at `time` (not before the last sample), decayed without a sample.
    @inlinable public func value(at time: SimTime, tau: Double) -> Double {
        _rate * exp(Double(_last.nanoseconds &- time.nanoseconds) * 1e-9 / tau)
    }
}
