import Foundation
import Testing
@testable import Simulation

@Suite struct RandomTests {
    /// The first outputs for seed 42, as printed by the C reference (bench-ref/common.h:
    /// `seed_rng(42); next_u64()…` and `exp_draw(1.0)`), so the two can be compared draw for draw.
    @Test func matchesTheCReferenceGenerator() {
        var g = SeededGenerator(seed: 42)
        let first = (0..<3).map { _ in g.next() }
        #expect(first == [1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009])
        var e = SeededGenerator(seed: 42)
        let draw = e.exponential(mean: 1)
        #expect(draw == 0.087589330583417571)
        var one = SeededGenerator(seed: 1), two = SeededGenerator(seed: 2)
        let a = one.next(), b = two.next()
        #expect(a != b)
    }

    /// Checks that the sample mean of `n` draws lies within the 99.9 % interval (z = 3.29) of the
    /// distribution's mean, given its standard deviation.
    func expectMean(_ draws: [Double], mean: Double, sd: Double, _ what: String) {
        let n = Double(draws.count)
        let sample = draws.reduce(0, +) / n
        let half = 3.2905 * sd / n.squareRoot()
        #expect(abs(sample - mean) <= half, "\(what): sample mean \(sample), expected \(mean) ± \(half)")
    }

    @Test(arguments: [1, 7, 42] as [UInt64]) func exponentialMean(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let mean = 3.5
        expectMean((0..<50_000).map { _ in g.exponential(mean: mean) }, mean: mean, sd: mean, "exponential")
    }

    @Test(arguments: [1, 7, 42] as [UInt64]) func lognormalMean(seed: UInt64) {
        var g = SeededGenerator(seed: seed)
        let mu = 1.0, sigma = 0.5
        let mean = exp(mu + sigma * sigma / 2)
        let sd = ((exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)).squareRoot()
        expectMean((0..<50_000).map { _ in g.lognormal(mu: mu, sigma: sigma) }, mean: mean, sd: sd, "lognormal")
        var h = SeededGenerator(seed: seed)
        expectMean(
            (0..<50_000).map { _ in h.lognormal(mean: 300, sigma: 0.5) }, mean: 300,
            sd: 300 * (exp(0.25) - 1).squareRoot(), "lognormal by mean")
    }

    @Test(arguments: [(1, 2.5), (7, 12.0), (42, 80.0), (3, 1000.0)] as [(UInt64, Double)])
    func poissonMean(seed: UInt64, lambda: Double) {
        var g = SeededGenerator(seed: seed)
        let draws = (0..<40_000).map { _ in Double(g.poisson(mean: lambda)) }
        expectMean(draws, mean: lambda, sd: lambda.squareRoot(), "poisson(\(lambda))")
        let n = Double(draws.count)
        let m = draws.reduce(0, +) / n
        let variance = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        #expect(abs(variance / lambda - 1) < 0.05, "poisson variance \(variance) for mean \(lambda)")
    }

    @Test func bernoulliAndWeightedChoice() {
        var g = SeededGenerator(seed: 9)
        let n = 100_000
        let hits = (0..<n).filter { _ in g.bernoulli(0.3) }.count
        let sd = (0.3 * 0.7).squareRoot()
        #expect(abs(Double(hits) / Double(n) - 0.3) <= 3.2905 * sd / Double(n).squareRoot())

        let weights = [1.0, 0, 3, 6]
        var counts = [0, 0, 0, 0], aliasCounts = [0, 0, 0, 0]
        let alias = WeightedChoice(weights: weights)!
        for _ in 0..<n {
            counts[g.weightedIndex(weights)] += 1
            aliasCounts[alias.draw(using: &g)] += 1
        }
        for (i, w) in weights.enumerated() {
            let p = w / 10
            let tol = 3.2905 * (p * (1 - p)).squareRoot() / Double(n).squareRoot() + 1e-12
            #expect(abs(Double(counts[i]) / Double(n) - p) <= tol, "weightedIndex \(i)")
            #expect(abs(Double(aliasCounts[i]) / Double(n) - p) <= tol, "alias \(i)")
        }
        #expect(WeightedChoice(weights: []) == nil)
        #expect(WeightedChoice(weights: [0, 0]) == nil)
        #expect(WeightedChoice(weights: [-1, 2]) == nil)
    }

    @Test func indexBelowIsInRangeAndCoversIt() {
        var g = SeededGenerator(seed: 5)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let i = g.index(below: 7)
            #expect((0..<7).contains(i))
            seen.insert(i)
        }
        #expect(seen.count == 7)
    }
}
