import Simulation
import Testing
@testable import Fleet

/// The allocation-free reads the dashboard makes for every car give exactly what the full
/// reads (`car(_:)`, `reading(car:at:)`, `history(car:at:)`) give.
@Suite struct DashboardReadsTests {
    static let world: FleetWorld = {
        var config = WorldConfig.default
        config.seed = 99
        config.fleetSize = 150
        config.behaviour.initialAwakeShare = 1
        var w = try! FleetWorld(config: config)
        w.run(until: .zero + .minutes(14))
        return w
    }()

    /// Now, between buckets, and later than the last flows (stale rings and histories).
    static let times: [SimTime] = [world.now, world.now + .seconds(1.3), world.now + .seconds(37.0), world.now + .minutes(9)]

    @Test func bothDirectionsRatesEqualTheOneDirectionReads() {
        let w = Self.world, m = w.meters
        var moving = 0
        for now in Self.times {
            for car in 0..<w.carCount {
                for seconds in MeterBank.windows {
                    let both = m.windowBytes(car: car, seconds: seconds, at: now)
                    #expect(both.up == m.windowBytes(car: car, direction: .up, seconds: seconds, at: now))
                    #expect(both.down == m.windowBytes(car: car, direction: .down, seconds: seconds, at: now))
                    if both.up > 0 { moving += 1 }
                }
            }
        }
        #expect(moving > 100, "the fleet is busy enough to read non-zero rates")
    }

    @Test func historySumsEqualSummingTheHistoryArrays() {
        let w = Self.world, m = w.meters
        let n = m.historyLength, divisor = 20.0
        for now in Self.times {
            var expected = Array(repeating: 0.0, count: n)
            var sums = expected, more = expected
            var nonZero = 0
            for car in 0..<w.carCount {
                let h = m.history(car: car, at: now)
                nonZero += h.filter { $0 > 0 }.count
                for (j, v) in h.enumerated() { expected[j] += Double(v) / divisor }
                m.addHistory(car: car, at: now, dividedBy: divisor, into: &sums, and: &more)
                #expect(sums == expected && more == expected, "car \(car) at \(now)")
            }
            if now == w.now { #expect(nonZero > 1000) }
        }
    }

    @Test func pairsAndCategoryRatesEqualTheReading() {
        let w = Self.world, m = w.meters
        var bytes = Array(repeating: UInt64.max, count: DataCategory.count)
        for now in Self.times {
            for car in 0..<w.carCount {
                var pairs: [CategoryServiceTotal] = []
                m.forEachPair(car: car) { pairs.append($0) }
                pairs.sort { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.service < $1.service }
                #expect(pairs == m.reading(car: car, at: now).byCategoryAndService)
                m.categoryWindowBytes(car: car, at: now, into: &bytes)
                #expect(bytes == m.categoryWindowBytes(car: car, at: now))
                #expect(bytes.map { MeterWindow.rate(bytes: $0, seconds: MeterWindow.rateSeconds) } == m.categoryRates(car: car, at: now))
            }
        }
    }

    @Test func carReadsEqualTheSnapshot() {
        let w = Self.world
        var names: [UInt32: Driver] = [:]
        for car in 0..<w.carCount {
            let snapshot = w.car(car)
            #expect(w.model(of: car) == snapshot.model)
            #expect(w.userClasses[w.userClassIndex(of: car)] == snapshot.driver.userClass)
            var driver = snapshot.driver
            driver.userClass = .privateOwner
            if let seen = names[w.driverNameID(of: car)] { #expect(seen == driver) } else { names[w.driverNameID(of: car)] = driver }
        }
        #expect(names.count > 50, "ids tell names apart")
    }

    @Test func vinOrderKeysOrderAsTheText() throws {
        let w = Self.world
        var vins = (0..<w.carCount).map { w.vin(of: $0) }
        // Differences at the first, the eighth, the ninth, the sixteenth and the last character.
        for text in ["5YJ3E1EA7PF100005", "LRW3E1EA7PF100005", "5YJ3E1EB7PF100005", "5YJ3E1EA8PF100005", "5YJ3E1EA7PF100006",
                     "5YJ3E1EA7PF100015", "5YJ3E1EA7PF100004", "00000000000000000", "ZZZZZZZZZZZZZZZZZ"] {
            vins.append(try #require(VIN(text)))
        }
        for a in vins {
            for b in vins {
                let ka = a.orderKey, kb = b.orderKey
                #expect((ka < kb) == (a.description < b.description), "\(a) \(b)")
                #expect((ka == kb) == (a == b))
            }
        }
    }
}
