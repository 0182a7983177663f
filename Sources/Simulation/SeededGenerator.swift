/// xoshiro256** (Blackman and Vigna), seeded through splitmix64.
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded; this one gives the same sequence for
/// the same seed on every machine, and is the generator of ../shared/bench-ref's C programs, so
/// the two can be compared draw for draw.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the four state words with four splitmix64 outputs of `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9e37_79b9_7f4a_7c15
            var z = x
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// An independent generator for a sub-stream (a car, a category), derived from this
    /// generator's seed material and `stream`, without advancing this generator.
    public func derived(stream: UInt64) -> SeededGenerator {
        SeededGenerator(seed: s0 ^ (stream &* 0xd1b5_4a32_d192_ed03) ^ s3.rotatedLeft(17))
    }

    @inlinable @inline(__always) public mutating func next() -> UInt64 {
        let result = (s1 &* 5).rotatedLeft(7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3.rotatedLeft(45)
        return result
    }
}

extension UInt64 {
    @inlinable @inline(__always) func rotatedLeft(_ k: UInt64) -> UInt64 { (self &<< k) | (self &>> (64 &- k)) }
}
