import Simulation
import Testing
@testable import Fleet

/// Each car draws from its own random streams (DECISIONS.md 2026-12-02, issue 19): what one car
/// is made to do never changes what any other car does or sends.
@Suite struct CarStreamTests {
    static func flows(_ world: inout FleetWorld, until t: SimTime) -> [UInt32: [FlowRecord]] {
        var collect = CollectFlows()
        world.run(until: t, observer: &collect)
        return Dictionary(grouping: collect.flows, by: \.vehicle)
    }

    /// Seeded: for each seed, a car sent on a scripted trip (which draws a speed and a stay from
    /// its own stream) and another given a 50 MB upload; every other car's flows, positions and
    /// states over an hour are the same record for record as in the run without them.
    @Test(arguments: [3, 17, 2021] as [UInt64])
    func oneCarsScriptLeavesEveryOtherCarAlone(seed: UInt64) throws {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = 200
        var plain = try FleetWorld(config: config)
        var scripted = try FleetWorld(config: config)
        let sent = Int(seed % 100), uploader = 150
        try scripted.schedule(.sendCar(car: sent, to: .zone("cn-gov-peoples-square")), at: .seconds(300))
        try scripted.schedule(.injectFlow(car: uploader, category: .cameraClip, direction: .up, bytes: 50_000_000, service: "tesla-cn-dc"), at: .seconds(600))
        let end = SimTime.zero + .seconds(Int64(3600))
        let a = Self.flows(&plain, until: end), b = Self.flows(&scripted, until: end)
        var compared = 0
        for car in 0..<plain.carCount where car != sent && car != uploader {
            let v = UInt32(car)
            #expect(a[v] ?? [] == b[v] ?? [], "car \(car)'s flows changed")
            #expect(plain.position(of: car) == scripted.position(of: car), "car \(car) moved elsewhere")
            #expect(plain.car(car).state == scripted.car(car).state)
            compared += a[v]?.count ?? 0
        }
        #expect(compared > 1000, "the other cars sent something to compare")
        // And the two cars themselves did change.
        #expect(a[UInt32(sent)] ?? [] != b[UInt32(sent)] ?? [] || plain.position(of: sent) != scripted.position(of: sent))
        #expect(a[UInt32(uploader)] ?? [] != b[UInt32(uploader)] ?? [])
    }

    /// The generator is a pure function of its key and draw count, and two cars' streams differ.
    @Test func streamsArePureAndDistinct() {
        let k1 = CounterGenerator.key(seed: 2021, entity: 1, stream: 1)
        let k2 = CounterGenerator.key(seed: 2021, entity: 2, stream: 1)
        let k1flows = CounterGenerator.key(seed: 2021, entity: 1, stream: 2)
        #expect(Set([k1, k2, k1flows]).count == 3)
        var g = CounterGenerator(key: k1)
        let first = (0..<8).map { _ in g.next() }
        var resumed = CounterGenerator(key: k1, counter: 4)
        #expect((0..<4).map { _ in resumed.next() } == Array(first[4...]))
        var other = CounterGenerator(key: k2)
        #expect((0..<8).map { _ in other.next() } != first)
        // Uniform enough for the simulation: the mean of 100 000 draws within 0.005 of 1/2.
        var u = CounterGenerator(key: k1flows)
        let mean = (0..<100_000).reduce(0.0) { s, _ in s + u.uniform() } / 100_000
        #expect(abs(mean - 0.5) < 0.005)
    }
}
