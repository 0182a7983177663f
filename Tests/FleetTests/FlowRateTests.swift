#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulation
import Testing
@testable import Fleet

/// Long-run volume per category and state against the configuration. Each category is active
/// in one state only, so the bytes it sends measure that state's profile alone.
@Suite struct FlowRateTests {
    static let profiles: [(DataCategory, CarState, FlowProfile)] = [
        (.navigation, .driving, FlowProfile(rate: 360, meanBytes: 35_000, sizeSigma: 0.5)),
        (.diagnostics, .parked, FlowProfile(rate: 60, meanBytes: 10_000, sizeSigma: 1.0)),
        (.appCommands, .charging, FlowProfile(rate: 30, meanBytes: 1500, sizeSigma: 0.3)),
        (.voice, .charging, FlowProfile(rate: 6, meanBytes: 30_000, sizeSigma: 0.5)),
    ]

    func config(seed: UInt64) -> WorldConfig {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = 150
        var categories: [DataCategory: CategoryFlowConfig] = [:]
        for (category, state, profile) in Self.profiles {
            var c = categories[category] ?? CategoryFlowConfig(
                parked: .none, driving: .none, charging: .none, upShare: 0.3, throughput: 1e10)
            c.setProfile(profile, for: state)
            categories[category] = c
        }
        // Telemetry streams its fields (`TelemetryConfig`), in every awake state; no app copies.
        categories[.telemetry] = CategoryFlowConfig(
            parked: .none, driving: .none, charging: .none, upShare: 1, throughput: 1e10, packetBytes: 480)
        config.flows.categories = categories
        config.flows.telemetry = .defaults
        for r in config.regions.indices { config.regions[r].thirdPartyTelemetry = [] }
        // Short stays and low batteries, so that every state gets hours of car time.
        config.behaviour.dwellHours = DwellHours(home: 1, work: 1, poi: 0.5, charger: 0.2, zone: 0.5)
        config.behaviour.initialBattery = 0.1...0.5
        config.behaviour.chargeBelow = 0.35
        config.behaviour.homeChargeBelow = 0.9
        return config
    }

    @Test(arguments: [1, 2] as [UInt64])
    func volumesMatchTheirProfiles(seed: UInt64) throws {
        var world = try FleetWorld(config: config(seed: seed))
        var sums = SumFlows()
        world.run(until: .seconds(3 * 3600), observer: &sums)
        world.flushAll(observer: &sums)
        var bytes: [DataCategory: Double] = [:]
        for c in DataCategory.allCases { bytes[c] = Double(sums.up[c.index] + sums.down[c.index]) }
        for (category, state, p) in Self.profiles {
            let seconds = world.secondsIn(state)
            #expect(seconds > 3600 * 15, "only \(seconds) s \(state)")
            let flowsExpected = p.rate / 3600 * seconds
            let expected = flowsExpected * p.meanBytes
            // Compound Poisson: variance n·E[X²] with E[X²] = mean²·exp(σ²).
            let sd = (flowsExpected * exp(p.sizeSigma * p.sizeSigma)).squareRoot() * p.meanBytes
            let got = bytes[category] ?? 0
            #expect(abs(got - expected) <= 5 * sd + 0.001 * expected,
                    "\(category) in \(state): \(got) bytes, expected \(expected) ± \(sd)")
        }
        // Telemetry in all states at once: the rounded record counts are exact in expectation,
        // within one record a tick (spread ≤ ½ record) of it.
        var expected = 0.0, ticks = 0.0
        for state in CarState.awake {
            let seconds = world.secondsIn(state)
            expected += config(seed: seed).flows.telemetry.bytesPerSecond(state) * seconds
            ticks += seconds / 10
        }
        let got = bytes[.telemetry] ?? 0
        let sd = ticks.squareRoot() * 0.5 * 300
        #expect(abs(got - expected) <= 5 * sd + 0.001 * expected, "telemetry: \(got) bytes, expected \(expected)")
        // The up/down split follows upShare.
        let up = Double(sums.up[DataCategory.navigation.index])
        #expect(abs(up / (bytes[.navigation] ?? 1) - 0.3) < 0.001)
    }

    @Test func telemetryIsAggregatedPerTick() throws {
        var config = config(seed: 3)
        // Fields that move only while driving, so every telemetry record is a driving one.
        for i in config.flows.telemetry.fields.indices {
            config.flows.telemetry.fields[i].change.parked = 0
            config.flows.telemetry.fields[i].change.charging = 0
            config.flows.telemetry.fields[i].resendIntervalSeconds = 0
        }
        var world = try FleetWorld(config: config)
        var flows = CollectFlows()
        world.run(until: .seconds(3600), observer: &flows)
        let telemetry = flows.flows.filter { $0.category == .telemetry && $0.direction == .up }
        #expect(!telemetry.isEmpty)
        #expect(telemetry.allSatisfy { $0.end - $0.start <= .seconds(Int64(10)) && $0.end > $0.start })
        // Ten records' worth of bytes each: a record a second while driving.
        let full = telemetry.filter { $0.end - $0.start == .seconds(Int64(10)) }
        let mean = full.reduce(0.0) { $0 + Double($1.bytes) } / Double(full.count)
        let perTick = config.flows.telemetry.bytesPerSecond(.driving) * 10
        #expect(abs(mean - perTick) < 0.01 * perTick, "\(mean) B a tick, expected \(perTick)")
        #expect(full.allSatisfy { abs(Double($0.bytes) - perTick) <= config.flows.telemetry.profile(.driving).meanBytes + 1 })
    }

    @Test func largeFlowsDrainAtTheirThroughput() throws {
        var config = WorldConfig.default
        config.fleetSize = 20
        #expect(config.flows.categories[.ota]?.throughput == 3_000_000)
        config.flows.categories[.ota]?.parked = .none  // only the backlog planted below
        var world = try FleetWorld(config: config)
        let car = try #require((0..<world.carCount).first { world.state(of: $0) == .parked })
        // An OTA of 30 MB at 3 MB/s drains over about 10 s of flow records, not at once.
        world.fleet.backlog[car * DataCategory.count + DataCategory.ota.index] = 30_000_000
        var flows = CollectFlows()
        world.run(until: .seconds(30), observer: &flows)
        let ota = flows.flows.filter { $0.category == .ota && $0.vehicle == UInt32(car) }
        #expect(ota.reduce(0) { $0 + $1.bytes } == 30_000_000)
        #expect(ota.allSatisfy { Double($0.bytes) <= 3_000_000 * ($0.end - $0.start).seconds + 1 })
    }
}

/// Sums bytes per category and direction, keeping nothing else.
struct SumFlows: FlowObserver {
    var up = [UInt64](repeating: 0, count: DataCategory.count)
    var down = [UInt64](repeating: 0, count: DataCategory.count)
    mutating func observe(_ flow: FlowRecord, context: FlowContext) {
        if flow.direction == .up { up[flow.category.index] += flow.bytes } else { down[flow.category.index] += flow.bytes }
    }
}
