/// A counter-based generator: draw *i* of the stream with key *k* is a pure function of
/// (*k*, *i*), `mix(mix(i·γ) ⊕ k)` with splitmix64's finaliser as `mix`. A stream's whole
/// state is its draw count, so a car can carry one in eight bytes, and which car is simulated
/// first, on which thread or in which process never changes what any car draws.
///
/// Keys come from `key(seed:entity:stream:)`, which is injective in (`entity`, `stream`) for
/// entities below 2⁶⁰ and 16 streams; the outer mix means that two streams never run along the
/// same sequence shifted (as splitmix64 streams seeded at different points would), so a
/// coincidence between two cars' draws is a single random coincidence, not a correlation.
public struct CounterGenerator: RandomDraws, Hashable, Sendable {
    public let key: UInt64
    /// Draws made so far; the next draw is number `counter + 1`.
    public var counter: UInt64

    @inlinable public init(key: UInt64, counter: UInt64 = 0) {
        self.key = key
        self.counter = counter
    }

    /// The key of stream `stream` (0..<16) of entity `entity` (a car) in a run seeded with `seed`.
    @inlinable public static func key(seed: UInt64, entity: UInt64, stream: UInt64) -> UInt64 {
        precondition(stream < 16 && entity < 1 << 60, "CounterGenerator.key: entity or stream out of range")
        return mix(mix(seed ^ 0x6a09_e667_f3bc_c909) ^ mix((entity << 4) | stream))
    }

    /// splitmix64's output function (Steele, Lea and Flood; Stafford's variant 13), a bijection.
    @inlinable @inline(__always) public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    @inlinable @inline(__always) public mutating func next() -> UInt64 {
        counter &+= 1
        return Self.mix(Self.mix(counter &* 0x9e37_79b9_7f4a_7c15) ^ key)
    }
}
