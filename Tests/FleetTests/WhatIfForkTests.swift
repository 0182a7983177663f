@testable import Fleet
import Simulation
import Testing
import TestSupport

/// A what-if's fork (`FleetMonitor.forked(adding:)`) is the run of the scenario whose timeline
/// had the what-if's entries all along: the live split screen and `snapshot --what-if` rest on
/// it (the variant must be the merged scenario's run, byte for byte).
@Suite struct WhatIfForkTests {
    static let place = SourceLocation(file: "what-if", line: 1, column: 1)

    /// A routing change, restricted classes, a replaced rule and a new one, at `from`.
    static func entries(at from: SimDuration, policies: PolicySet) -> [TimelineEntry] {
        var stricter = policies.rules[0]
        stricter.severities = [PolicyRule.SeverityCase(.critical, label: "what-if")]
        var telemetry = RuleMatch()
        telemetry.markets = [.cn]
        telemetry.categories = [.telemetry]
        let added = PolicyRule(id: "WI-1", title: "CN telemetry", source: "test", explanation: "{bytes} from {vin}", match: telemetry, severity: .watch)
        return [
            TimelineEntry(at: from, action: .setRouting(market: .cn, category: .cameraClip, service: "tesla-ai"), location: place),
            TimelineEntry(at: from, action: .setPolicies(PolicyChange(restrictedClasses: [.us: [.military, .government]], rules: [stricter, added])), location: place),
        ]
    }

    static func fingerprint(_ m: FleetMonitor) -> [UInt64] {
        [m.world.digest, m.alertDigest, UInt64(bitPattern: m.now.nanoseconds), m.flowsSeen, m.flowsFlagged, UInt64(m.policies.rules.count)]
    }

    @Test(arguments: [UInt64(3), 11, 29, 47, 90])
    func aForkIsTheRunOfTheMergedTimeline(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let start = RandomFleet.monitor(seed: seed)
        let timeline = Array(start.pendingTimeline)
        let from = SimDuration.seconds(Int64(rng.next() % 1800))
        let end = SimTime.zero + from + .seconds(Int64(1800))
        let entries = Self.entries(at: from, policies: start.policies)

        var baseline = start
        baseline.run(until: SimTime.zero + from)
        var fork = baseline.forked(adding: entries)
        fork.run(until: end)
        baseline.run(until: end)

        var merged = try FleetMonitor(config: start.world.config, policies: start.policies, timeline: timeline + entries)
        // In random pieces: where a run is cut never matters.
        while merged.now < end { merged.run(until: min(end, merged.now + .seconds(Int64(1 + rng.next() % 400)))) }
        #expect(Self.fingerprint(fork) == Self.fingerprint(merged), "seed \(seed), from \(from)")

        // The what-if took effect: the rule list grew by the new rule, which raised alerts, and
        // the baseline knows nothing of it.
        #expect(fork.policies.rules.count == start.policies.rules.count + 1)
        #expect(fork.policies.restrictedClasses(in: .us) == [.military, .government])
        #expect(fork.policies.rules[0].severities.map(\.severity) == [.critical], "a rule replaced in place keeps its index")
        #expect(baseline.policies == start.policies)
        #expect(fork.alerts.raisedByRule.count == start.policies.rules.count + 1 && fork.alerts.raisedByRule.last! > 0,
                "the added rule raised alerts: \(fork.alerts.raisedByRule)")
        #expect(fork.alertDigest != baseline.alertDigest)
    }

    /// A what-if's zones: a zone added around a car, the world's first zone out of force, and a
    /// rule on the added zone. The fork is the merged timeline's run; the added zone is the car's,
    /// its flows are judged in it (the rule raised alerts), and the zone out of force is no
    /// flow's; the baseline has none of it.
    @Test(arguments: [UInt64(5), 23, 71])
    func aForkWithZonesIsTheRunOfTheMergedTimeline(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let start = RandomFleet.monitor(seed: seed)
        let from = SimDuration.seconds(Int64(300 + rng.next() % 1200))
        let end = SimTime.zero + from + .seconds(Int64(1800))
        var baseline = start
        baseline.run(until: SimTime.zero + from)
        let car = Int(rng.next() % UInt64(baseline.world.carCount))
        let id = ZoneID(rawValue: "what-if-zone")
        let added = ZoneConfig(
            id: id, name: "Added", kind: .militaryZone, country: baseline.world.market(of: car).country,
            shape: .circle(center: baseline.world.position(of: car), radiusMeters: 2000))
        let removed = start.world.config.zones.first?.id
        var match = RuleMatch()
        match.zones = [id]
        let rule = PolicyRule(id: "WI-Z", title: "In the added zone", source: "test", explanation: "{bytes} from {vin}", match: match, severity: .watch)
        let entries = [
            TimelineEntry(at: from, action: .setZones(ZoneChange(add: [added], remove: removed.map { [$0] } ?? [])), location: Self.place),
            TimelineEntry(at: from, action: .setPolicies(PolicyChange(rules: [rule])), location: Self.place),
        ]
        var fork = baseline.forked(adding: entries)
        #expect(fork.timelineFailures.isEmpty)
        fork.run(until: SimTime.zero + from + .seconds(Int64(1)))
        let z = try #require(fork.world.config.zoneIndex(id))
        let areas = fork.world.config.zones.map(\.shape.areaSquareMeters)
        let inside = try #require(fork.world.zone(of: car), "the car is in the added zone (or a smaller one)")
        #expect(inside == z || areas[inside] <= areas[z])
        fork.run(until: end)
        baseline.run(until: end)
        var merged = try FleetMonitor(config: start.world.config, policies: start.policies, timeline: Array(start.pendingTimeline) + entries)
        while merged.now < end { merged.run(until: min(end, merged.now + .seconds(Int64(1 + rng.next() % 400)))) }
        #expect(Self.fingerprint(fork) == Self.fingerprint(merged), "seed \(seed), from \(from)")
        #expect(fork.timelineFailures.isEmpty && merged.timelineFailures.isEmpty)

        #expect(fork.world.config.zones.count == start.world.config.zones.count + 1 && baseline.world.config.zones == start.world.config.zones)
        #expect(fork.alerts.raisedByRule.last! > 0, "flows in the added zone were judged in it: \(fork.alerts.raisedByRule)")
        if removed != nil {
            #expect(!fork.world.isZoneActive(0, at: fork.now) && baseline.world.isZoneActive(0, at: baseline.now))
        }
        // Taking a zone out of force twice, or adding one that is there, fails at its time and the run goes on.
        var again = fork.forked(adding: [TimelineEntry(at: end - .zero, action: .setZones(ZoneChange(add: [added])), location: Self.place)])
        again.run(until: end + .seconds(Int64(1)))
        #expect(again.timelineFailures.map(\.reason) == ["a zone 'what-if-zone' is already in zones"])
    }

    /// A what-if's class mix: the region's active cars take the new quotas exactly, the fewest
    /// cars change class (those above their quota), the other region's cars keep theirs, and
    /// the fork is the merged timeline's run.
    @Test(arguments: [UInt64(8), 31, 64])
    func aClassMixTakesItsQuotasMovingTheFewestCars(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let start = RandomFleet.monitor(seed: seed)
        let from = SimDuration.seconds(Int64(60 + rng.next() % 1500))
        var baseline = start
        baseline.run(until: SimTime.zero + from)
        let world = baseline.world
        let r = Int(rng.next() % UInt64(world.config.regions.count))
        let region = world.config.regions[r].id
        let mix = [ClassShare(.privateOwner, percent: 60), ClassShare(.military, percent: 25), ClassShare("contractor", percent: 15)]
        let entry = TimelineEntry(at: from, action: .setClassMix(region: region, classes: mix), location: Self.place)
        var fork = baseline.forked(adding: [entry])
        fork.run(until: SimTime.zero + from + .seconds(Int64(1)))
        #expect(fork.timelineFailures.isEmpty, "\(fork.timelineFailures)")

        let cars = (0..<world.carCount).filter { world.isActive($0) && world.regionIndex(of: $0) == r }
        let quotas = FleetState.apportion(cars.count, weights: mix.map(\.percent))
        var before: [UserClassID: Int] = [:], after: [UserClassID: Int] = [:]
        for car in cars {
            before[world.userClass(of: car), default: 0] += 1
            after[fork.world.userClass(of: car), default: 0] += 1
        }
        #expect(mix.map { after[$0.userClass] ?? 0 } == quotas && after.values.reduce(0, +) == cars.count, "the quotas, exactly")
        let moved = cars.filter { world.userClass(of: $0) != fork.world.userClass(of: $0) }.count
        let fewest = before.map { c, n in max(0, n - (mix.firstIndex { $0.userClass == c }.map { quotas[$0] } ?? 0)) }.reduce(0, +)
        #expect(moved == fewest, "only the cars above their class's quota move")
        #expect((0..<world.carCount).filter { world.regionIndex(of: $0) != r }.allSatisfy { world.userClass(of: $0) == fork.world.userClass(of: $0) })
        #expect(fork.world.config.regions[r].classMix == mix, "cars added later are drawn from the new mix")

        let end = SimTime.zero + from + .seconds(Int64(1200))
        fork.run(until: end)
        var merged = try FleetMonitor(config: start.world.config, policies: start.policies, timeline: Array(start.pendingTimeline) + [entry])
        while merged.now < end { merged.run(until: min(end, merged.now + .seconds(Int64(1 + rng.next() % 400)))) }
        #expect(Self.fingerprint(fork) == Self.fingerprint(merged), "seed \(seed), from \(from)")
    }

    /// A what-if's apps: the region's active cars take the apps' quotas exactly (the rest no
    /// app), the fewest cars change app, the other region's cars keep theirs, the same shares
    /// again move nobody, and the fork is the merged timeline's run.
    @Test(arguments: [UInt64(5), 40])
    func appsTakeTheirQuotasMovingTheFewestCars(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let start = RandomFleet.monitor(seed: seed)
        let from = SimDuration.seconds(Int64(60 + rng.next() % 1500))
        var baseline = start
        baseline.run(until: SimTime.zero + from)
        let world = baseline.world
        let r = Int(rng.next() % UInt64(world.config.regions.count))
        let region = world.config.regions[r].id
        let services = world.config.services.map(\.id)
        let apps = [ThirdPartyTelemetry(service: services[0], share: 0.2), ThirdPartyTelemetry(service: services[1], share: 0.05)]
        let entry = TimelineEntry(at: from, action: .setApps(region: region, apps: apps), location: Self.place)
        var fork = baseline.forked(adding: [entry])
        fork.run(until: SimTime.zero + from + .seconds(Int64(1)))
        #expect(fork.timelineFailures.isEmpty, "\(fork.timelineFailures)")

        let cars = (0..<world.carCount).filter { world.isActive($0) && world.regionIndex(of: $0) == r }
        let quotas = FleetState.apportion(cars.count, weights: apps.map(\.share) + [0.75])
        let targets: [ServiceID?] = apps.map(\.service) + [nil]
        var before: [ServiceID?: Int] = [:], after: [ServiceID?: Int] = [:]
        for car in cars {
            before[world.app(of: car), default: 0] += 1
            after[fork.world.app(of: car), default: 0] += 1
        }
        #expect(targets.map { after[$0] ?? 0 } == quotas, "the quotas, exactly: \(after)")
        let moved = cars.filter { world.app(of: $0) != fork.world.app(of: $0) }.count
        let fewest = before.map { app, n in max(0, n - (targets.firstIndex(of: app).map { quotas[$0] } ?? 0)) }.reduce(0, +)
        #expect(moved == fewest, "only the cars above their app's quota move")
        #expect((0..<world.carCount).filter { world.regionIndex(of: $0) != r }.allSatisfy { world.app(of: $0) == fork.world.app(of: $0) })
        #expect(fork.world.config.regions[r].thirdPartyTelemetry == apps, "cars added later are drawn from the new shares")

        var again = fork
        let now = fork.now
        again = again.forked(adding: [TimelineEntry(at: now - SimTime.zero, action: .setApps(region: region, apps: apps), location: Self.place)])
        again.run(until: now + .seconds(Int64(1)))
        #expect(cars.allSatisfy { again.world.app(of: $0) == fork.world.app(of: $0) }, "the same shares again move nobody")

        let end = SimTime.zero + from + .seconds(Int64(1200))
        fork.run(until: end)
        var merged = try FleetMonitor(config: start.world.config, policies: start.policies, timeline: Array(start.pendingTimeline) + [entry])
        while merged.now < end { merged.run(until: min(end, merged.now + .seconds(Int64(1 + rng.next() % 400)))) }
        #expect(Self.fingerprint(fork) == Self.fingerprint(merged), "seed \(seed), from \(from)")
    }

    @Test func aChangeNamesOnlyWhatItChanges() {
        let base = PolicySet.default
        let change = PolicyChange(restrictedClasses: [.us: [.government]])
        let changed = base.applying(change)
        #expect(changed.restrictedClasses(in: .us) == [.government])
        #expect(changed.restrictedClasses(in: .cn) == base.restrictedClasses(in: .cn), "a market left out keeps its classes")
        #expect(changed.rules == base.rules)
        #expect(base.applying(PolicyChange()) == base)
    }
}
