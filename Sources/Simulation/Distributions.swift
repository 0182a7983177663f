#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A generator the simulation draws from: the same outputs for the same state on every machine
/// (`SeededGenerator` for a run's shared streams, `CounterGenerator` for a car's own).
public protocol RandomDraws: RandomNumberGenerator {}

extension SeededGenerator: RandomDraws {}

/// Draws from the distributions the simulation needs. Each draw consumes a documented number of
/// generator outputs, so a run's draw order is part of its definition.
extension RandomDraws {
    /// Uniform in [0, 1) with 53 random bits (one output).
    @inlinable @inline(__always) public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in 0..<n without modulo bias worth measuring (Lemire's multiply-shift on
    /// the top 32 bits when n fits 32 bits; one output).
    @inlinable public mutating func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs a positive bound")
        if n <= Int(UInt32.max) {
            return Int(((next() >> 32) &* UInt64(n)) >> 32)
        }
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// `true` with probability `p` (one output).
    @inlinable public mutating func bernoulli(_ p: Double) -> Bool { uniform() < p }

    /// Exponential with the given mean, by inversion: `-mean·ln(1-u)` (one output).
    @inlinable public mutating func exponential(mean: Double) -> Double {
        -mean * log(1.0 - uniform())
    }

    /// Standard normal by Box–Muller, using the cosine branch only (two outputs).
    @inlinable public mutating func standardNormal() -> Double {
        let u1 = 1.0 - uniform()  // (0, 1]: log is finite
        let u2 = uniform()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// Normal with mean `mu` and standard deviation `sigma` (two outputs).
    @inlinable public mutating func normal(mu: Double, sigma: Double) -> Double {
        mu + sigma * standardNormal()
    }

    /// Lognormal: `exp(N(mu, sigma))` (two outputs).
    @inlinable public mutating func lognormal(mu: Double, sigma: Double) -> Double {
        exp(normal(mu: mu, sigma: sigma))
    }

    /// Lognormal with the given arithmetic mean and log-space `sigma` (two outputs).
    @inlinable public mutating func lognormal(mean: Double, sigma: Double) -> Double {
        mean * exp(sigma * standardNormal() - sigma * sigma / 2)
    }

    /// Poisson with mean `lambda`: Knuth's product method below 30, Hörmann's PTRS
    /// (transformed rejection with squeeze) above. Output count varies with the draw.
    @inlinable public mutating func poisson(mean lambda: Double) -> Int {
        precondition(lambda >= 0 && lambda.isFinite, "poisson mean must be finite and not negative")
        if lambda == 0 { return 0 }
        if lambda < 30 {
            let limit = exp(-lambda)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        // PTRS, W. Hörmann, "The transformed rejection method for generating Poisson random
        // variables", Insurance: Mathematics and Economics 12 (1993).
        let slam = lambda.squareRoot()
        let logLambda = log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invAlpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniform()
            let us = 0.5 - abs(u)
            let k = (2 * a / us + b) * u + lambda + 0.43
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            let kf = k.rounded(.down)
            if log(v) + log(invAlpha) - log(a / (us * us) + b) <= -lambda + kf * logLambda - lgamma(kf + 1) {
                return Int(kf)
            }
        }
    }

    /// An index drawn with probability proportional to `weights[i]` (one output).
    /// Weights must be finite and not negative, with a positive sum.
    @inlinable public mutating func weightedIndex(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights {
            precondition(w >= 0 && w.isFinite, "weights must be finite and not negative")
            total += w
        }
        precondition(total > 0, "weights must have a positive sum")
        var u = uniform() * total
        for (i, w) in weights.enumerated() where w > 0 {
            u -= w
            if u < 0 { return i }
        }
        return weights.lastIndex(where: { $0 > 0 })!
    }
}

/// A weighted choice among a fixed set, drawn in O(1) with Walker's alias method.
/// Build once per distribution (for example a routing mix), draw per event (one output).
public struct WeightedChoice: Sendable, Hashable {
    @usableFromInline var probability: [Double]
    @usableFromInline var alias: [Int32]

    /// Weights must be finite and not negative, with a positive sum; otherwise `nil`.
    public init?(weights: [Double]) {
        let n = weights.count
        guard n > 0, n < Int(Int32.max), weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else { return nil }
        let total = weights.reduce(0, +)
        guard total > 0 else { return nil }
        var scaled = weights.map { $0 * Double(n) / total }
        probability = Array(repeating: 1, count: n)
        alias = Array(0..<Int32(n))
        var small: [Int] = [], large: [Int] = []
        for (i, p) in scaled.enumerated() { if p < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.popLast() {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        // What is left has probability 1 up to rounding.
        for i in small + large { probability[i] = 1; alias[i] = Int32(i) }
    }

    public var count: Int { probability.count }

    @inlinable public func draw<G: RandomDraws>(using rng: inout G) -> Int {
        let x = rng.next()
        let i = Int(((x >> 32) &* UInt64(probability.count)) >> 32)
        let u = Double(x & 0xFFFF_FFFF) * 0x1.0p-32
        return u < probability[i] ? i : Int(alias[i])
    }
}
