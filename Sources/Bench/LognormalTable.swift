#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Quantiles of a lognormal with mean 1 at the midpoints of 1024 equal-probability bins, as in
/// the C reference: a size is `mean · table[top 10 bits of one generator output]`.
struct LognormalTable {
    static let bits = 10
    let values: [Double]

    init(sigma: Double) {
        let n = 1 << Self.bits
        values = (0..<n).map { i in
            exp(sigma * Self.inverseNormal((Double(i) + 0.5) / Double(n)) - sigma * sigma / 2)
        }
    }

    /// Inverse standard-normal CDF by bisection, exactly as the C reference builds its table.
    static func inverseNormal(_ q: Double) -> Double {
        var lo = -10.0, hi = 10.0
        for _ in 0..<100 {
            let m = (lo + hi) / 2
            if 0.5 * erfc(-m / 2.0.squareRoot()) < q { lo = m } else { hi = m }
        }
        return (lo + hi) / 2
    }
}
