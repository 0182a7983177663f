import Foundation
import Testing
@testable import Bench

@Suite struct FleetFlowsTests {
    /// Events and alerts within four standard deviations of the bench-ref README's expectations
    /// (both counts are Poisson, so the standard deviation is the square root of the mean).
    @Test(arguments: [(1000, 60.0, 42), (2000, 30.0, 7)] as [(Int, Double, UInt64)],
          FleetFlowsParameters.QueueEntries.allCases)
    func countsMatchTheReferenceExpectations(run: (Int, Double, UInt64), entries: FleetFlowsParameters.QueueEntries) {
        let (vehicles, duration, seed) = run
        let p = FleetFlowsParameters(vehicles: vehicles, duration: duration, seed: seed, entries: entries)
        let r = FleetFlows.run(p)
        let expectedEvents = Double(vehicles) * duration * 1.21834
        #expect(abs(p.expectedEvents - expectedEvents) < 1)
        #expect(abs(Double(r.events) - expectedEvents) <= 4 * expectedEvents.squareRoot(), "events \(r.events)")
        let expectedAlerts = Double(vehicles) * duration * (0.02 * 0.2 * 1.21834 + 0.08 * 0.2 / 600)
        #expect(abs(p.expectedAlerts / expectedAlerts - 1) < 1e-5, "the README rounds the rate to 1.21834")
        #expect(abs(Double(r.alerts) - expectedAlerts) <= 4 * expectedAlerts.squareRoot(), "alerts \(r.alerts)")
        // Bytes per category: a compound Poisson sum with relative standard deviation
        // sqrt(E[X²]/λ)/mean = sqrt(exp(σ²)/λ) for λ flows of lognormal size (σ = 0.5). OTA is left
        // out: at this size it has less than one expected flow.
        for (c, category) in p.categories.enumerated() where category.name != "ota" {
            let flows = Double(vehicles) * duration / category.meanInterval
            let expected = flows * category.meanSize
            let relativeSD = (exp(0.25) / flows).squareRoot()
            let got = Double(r.bytesByCategory[c])
            #expect(abs(got / expected - 1) <= 4 * relativeSD, "\(category.name): \(got) bytes, expected \(expected)")
        }
        #expect(r.bytes == r.bytesByCategory.reduce(0, +))
        #expect(r.meterSum > 0)
    }

    /// One entry per vehicle draws in the C reference's `vehicle` order (category, size,
    /// destination, next interval), so small runs match it exactly: the figures below are what
    /// `../shared/bench-ref/run-c.sh V D vehicle` prints. (At larger sizes two events a few
    /// nanoseconds apart can swap: our clock counts whole nanoseconds, C's is a double.)
    @Test(arguments: [
        (1000, 60.0, 73_177, 295, 1_599_450_665, 1.708040e7),
        (2000, 30.0, 73_152, 322, 1_595_795_487, 2.131836e7),
    ] as [(Int, Double, UInt64, UInt64, UInt64, Double)])
    func perVehicleMatchesTheCReferenceExactly(
        vehicles: Int, duration: Double, events: UInt64, alerts: UInt64, bytes: UInt64, meter: Double
    ) {
        let r = FleetFlows.run(FleetFlowsParameters(vehicles: vehicles, duration: duration, seed: 42, entries: .vehicle))
        #expect(r.events == events)
        #expect(r.alerts == alerts)
        #expect(r.bytes == bytes)
        // C prints 7 digits, and our meter decays over whole-nanosecond intervals.
        #expect(abs(r.meterSum / meter - 1) < 1e-5, "meter \(r.meterSum)")
    }

    @Test func sameSeedSameCountsOtherSeedOtherCounts() {
        let a = FleetFlows.run(FleetFlowsParameters(vehicles: 300, duration: 20, seed: 42))
        let b = FleetFlows.run(FleetFlowsParameters(vehicles: 300, duration: 20, seed: 42))
        let c = FleetFlows.run(FleetFlowsParameters(vehicles: 300, duration: 20, seed: 43))
        #expect(a == b)
        #expect(a.bytes != c.bytes)
    }

    /// The size table is the C reference's: mean 1 over its 1024 quantiles.
    @Test func lognormalTableHasMeanOne() {
        let t = LognormalTable(sigma: 0.5).values
        #expect(t.count == 1024)
        let mean = t.reduce(0, +) / Double(t.count)
        #expect(abs(mean - 1) < 0.01)
        #expect(t == t.sorted())
    }
}
