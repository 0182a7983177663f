import Geography
import Simulation
import Testing
@testable import Fleet
import TestSupport

/// The conservation laws of the accounting (ARCHITECTURE.md, "The accounting"), as seeded
/// properties: for many seeds, fleet sizes, scripted timelines (routing changes, injected
/// flows, drivers changing class, cars added and removed) and times, every whole equals the sum
/// of its parts, in bytes since the start and in the window bytes of every rate window, exactly.
@Suite struct AccountingLawTests {
    static func expectLaws(_ world: FleetWorld, _ context: Comment) {
        let a = world.aggregates, m = world.meters, now = world.now
        let serviceCount = world.config.services.count
        for seconds in MeterWindow.windows {
            let all = a.allWindow(seconds: seconds, at: now)
            var cars = WindowBytes(up: 0, down: 0, seconds: seconds)
            var byRegion = Array(repeating: WindowBytes(up: 0, down: 0, seconds: seconds), count: world.config.regions.count)
            for i in 0..<world.carCount {
                let w = m.windowBytes(car: i, seconds: seconds, at: now)
                #expect(w.up == m.windowBytes(car: i, direction: .up, seconds: seconds, at: now), context)
                cars.up += w.up
                cars.down += w.down
                byRegion[world.regionIndex(of: i)].up += w.up
                byRegion[world.regionIndex(of: i)].down += w.down
                if seconds == MeterWindow.rateSeconds {
                    // A car's up + down is the sum of its categories, over the same window.
                    #expect(m.categoryWindowBytes(car: i, at: now).reduce(0, +) == w.up + w.down, context)
                }
            }
            #expect(cars == all, "fleet = Σ cars over \(seconds) s; \(context)")
            for r in byRegion.indices { #expect(byRegion[r] == a.regionWindow(r, seconds: seconds, at: now), "region \(r), \(seconds) s; \(context)") }
            func sum(_ n: Int, _ w: (Int) -> WindowBytes) -> WindowBytes {
                (0..<n).reduce(WindowBytes(up: 0, down: 0, seconds: seconds)) { s, i in
                    let x = w(i)
                    return WindowBytes(up: s.up + x.up, down: s.down + x.down, seconds: seconds)
                }
            }
            #expect(sum(byRegion.count) { a.regionWindow($0, seconds: seconds, at: now) } == all, context)
            #expect(sum(world.countries.count) { a.countryWindow($0, seconds: seconds, at: now) } == all, context)
            #expect(sum(serviceCount) { a.serviceWindow($0, seconds: seconds, at: now) } == all, context)
            #expect(sum(DataCategory.count) { a.categoryWindow(DataCategory.byIndex[$0], seconds: seconds, at: now) } == all, context)
            #expect(sum(world.userClasses.count) { a.userClassWindow($0, seconds: seconds, at: now) } == all, context)
        }

        // Bytes since the start.
        var up: UInt64 = 0, down: UInt64 = 0
        var regionBytes = Array(repeating: UInt64(0), count: world.config.regions.count)
        for i in 0..<world.carCount {
            let u = m.total(car: i, direction: .up), d = m.total(car: i, direction: .down)
            up += u
            down += d
            regionBytes[world.regionIndex(of: i)] += u + d
            #expect(m.categoryTotals(car: i).reduce(0, +) == u + d, "car \(i): Σ categories; \(context)")
            var pairs: UInt64 = 0
            m.forEachPair(car: i) { pairs += $0.bytes }
            #expect(pairs == u + d, "car \(i): Σ destinations; \(context)")
        }
        #expect(up == a.all.bytesUp && down == a.all.bytesDown, "fleet = Σ cars; \(context)")
        #expect(regionBytes == a.byRegion.map(\.bytes), context)
        for slices in [a.byRegion, a.byCountry, a.byService, a.byCategory, a.byUserClass] {
            #expect(slices.reduce(0) { $0 + $1.bytesUp } == a.all.bytesUp, context)
            #expect(slices.reduce(0) { $0 + $1.bytesDown } == a.all.bytesDown, context)
            #expect(slices.reduce(0) { $0 + $1.flows } == a.all.flows, context)
        }
        for (r, row) in a.byRegionAndCountry.enumerated() { #expect(row.reduce(0) { $0 + $1.bytes } == a.byRegion[r].bytes, context) }
    }

    @Test(arguments: 0..<24)
    func lawsHoldForSeededRuns(index: Int) {
        let seed = 0xACC0_0000 + UInt64(index) &* 7919
        var monitor = RandomFleet.monitor(seed: seed)
        var rng = SeededGenerator(seed: seed ^ 0xFEED)
        var t = 0.0
        for _ in 0..<5 {
            // Stops anywhere, bucket edges included.
            t += Bool.random(using: &rng) ? Double(Int.random(in: 1...400, using: &rng)) * 2 : Double.random(in: 0.001...600, using: &rng)
            monitor.run(until: .zero + .seconds(t))
            Self.expectLaws(monitor.world, "seed \(seed), t \(t), \(monitor.world.carCount) cars")
        }
    }

    @Test func aBurstCountsInEveryWindowItSpans() {
        // One 30 MB flow over 6 s, ending at t = 11 s: 5 MB/s in buckets [4,6) .. [10,12).
        var bank = MeterBank(cars: 1)
        bank.record(FlowRecord(start: .seconds(5), end: .seconds(11), vehicle: 0, category: .cameraClip, direction: .up,
                               bytes: 30_000_000, packets: 1, service: 0, position: GeoPoint(latitude: 0, longitude: 0)))
        #expect(bank.windowBytes(car: 0, direction: .up, seconds: 2, at: .seconds(12)) == 5_000_000)
        #expect(bank.windowBytes(car: 0, direction: .up, seconds: 10, at: .seconds(12)) == 30_000_000)
        #expect(bank.categoryWindowBytes(car: 0, at: .seconds(12))[DataCategory.cameraClip.index] == 30_000_000)
        #expect(bank.categoryWindowBytes(car: 0, at: .seconds(23)).reduce(0, +) == 0)
        #expect(bank.rate(car: 0, direction: .up, seconds: 10, at: .seconds(12)) == 3_000_000)
    }
}
