import Geography
import Simulation
import Testing
@testable import Fleet
import TestSupport

/// The compliance counts (ARCHITECTURE.md, "Compliance over time") against a brute-force count
/// of every flow a sink saw: distinct cars and people, exactly, for several seeds, at two times,
/// with routing changes that send data abroad and drivers replaced mid-run; and the windows'
/// edges (12 months to the second; the China year at midnight).
@Suite struct ComplianceLedgerTests {
    /// Every flow the monitor judged, in order, with what a count needs.
    struct Brute: FlowSink {
        struct Flow { var time: Int64; var vehicle: Int; var facts: FlowFacts }
        var flows: [Flow] = []
        mutating func receive(_ record: FlowRecord, facts: FlowFacts, verdicts: [PolicyVerdict]) {
            flows.append(Flow(time: facts.time.nanoseconds, vehicle: Int(record.vehicle), facts: facts))
        }
    }

    static let location: Set<DataCategory> = [.telemetry, .navigation, .cameraClip]
    static let sensitive: Set<DataCategory> = [.telemetry, .navigation, .cameraClip, .sentryLive, .cabinCamera, .voice]
    static let cnZones: Set<ZoneKind> = [.governmentOrgan, .defenceIndustry, .militaryZone, .seasonal]
    static let concern: Set<String> = ["CN", "HK", "MO", "CU", "IR", "KP", "RU", "VE"]

    static func counts(_ m: ComplianceMeasure, _ f: FlowFacts) -> Bool {
        guard f.direction == .up, f.market == m.market else { return false }
        switch m {
        case .usBulkGeolocation: return location.contains(f.category) && concern.contains(f.destinationCountry.rawValue)
        case .usGovernmentSites: return counts(.usBulkGeolocation, f) && f.zoneKind == .usGovernmentSite
        case .cnPersonalInformation: return f.destinationCountry != .china
        case .cnSensitivePersonalInformation: return f.destinationCountry != .china && sensitive.contains(f.category)
        case .cnImportantData:
            return f.destinationCountry != .china
                && (f.category == .cameraClip || (location.contains(f.category) && f.zoneKind.map(cnZones.contains) == true))
        }
    }

    /// Who a flow counts for: the car, or (people) the car and how many drivers it had before.
    static func who(_ m: ComplianceMeasure, flowIndex: Int, vehicle: Int, changes: [ComplianceReport.DriverChange]) -> [Int] {
        guard m.unit == .people else { return [vehicle] }
        return [vehicle, changes.filter { $0.vehicle == vehicle && Int($0.flowsBefore) <= flowIndex }.count]
    }

    /// The brute-force figures at `now` (runs shorter than 12 months, all in one China year).
    static func expectCounts(_ report: ComplianceReport, _ brute: Brute, _ context: Comment) {
        for s in report.standings {
            let m = s.measure
            var first: [[Int]: Int64] = [:]
            for (i, flow) in brute.flows.enumerated() where counts(m, flow.facts) && flow.time >= s.windowStart.nanoseconds {
                let key = who(m, flowIndex: i, vehicle: flow.vehicle, changes: report.driverChanges)
                if first[key] == nil { first[key] = flow.time }
            }
            #expect(s.toDate == first.count, "\(m.rawValue) to date; \(context)")
            #expect(s.newInRatePeriod == first.values.filter { $0 >= s.rateStart.nanoseconds }.count, "\(m.rawValue) new; \(context)")
            #expect(s.projected >= s.toDate && s.projected <= max(s.toDate, s.population), "\(m.rawValue) projection bounds; \(context)")
            if let c = s.crossing {
                #expect(c <= s.horizon && !s.crossed, context)
            }
        }
    }

    static func monitor(seed: UInt64) -> FleetMonitor {
        var rng = SeededGenerator(seed: seed)
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = Int.random(in: 40...160, using: &rng)
        config.behaviour.initialAwakeShare = Double.random(in: 0.2...0.9, using: &rng)
        var timeline: [TimelineEntry] = []
        func at(_ seconds: Int, _ action: ScriptedAction) {
            timeline.append(TimelineEntry(at: .seconds(Int64(seconds)), action: action, location: SourceLocation(file: "compliance", line: 1, column: 1)))
        }
        // Data sent abroad, so that every measure has something to count.
        at(Int.random(in: 0...1200, using: &rng), .setRouting(market: .us, category: .telemetry, service: "tesla-cn-dc"))
        at(Int.random(in: 0...1200, using: &rng), .setRouting(market: .cn, category: .cameraClip, service: "tesla-us-cloud"))
        at(Int.random(in: 0...3600, using: &rng), .setRouting(market: .cn, category: .navigation, service: "us-maps"))
        at(Int.random(in: 0...3600, using: &rng), .setRouting(market: .cn, category: .media, service: "us-streaming"))
        for _ in 0..<Int.random(in: 2...8, using: &rng) {
            let car = CarReference.index(Int.random(in: 0..<config.fleetSize, using: &rng))
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: at(Int.random(in: 0...7200, using: &rng), .assignDriver(car: car, name: "新司机", romanized: "Xin Siji", userClass: nil))
            case 1: at(Int.random(in: 0...7200, using: &rng), .trip(car: car, to: .zone("cn-gov-peoples-square")))
            default: at(Int.random(in: 0...7200, using: &rng), .addCars(count: Int.random(in: 1...10, using: &rng), region: "shanghai", userClass: nil))
            }
        }
        return try! FleetMonitor(config: config, timeline: timeline)
    }

    @Test(arguments: [UInt64(1), 7, 19, 2021, 40_503])
    func theLedgerEqualsABruteForceCount(seed: UInt64) {
        var monitor = Self.monitor(seed: seed)
        var brute = Brute()
        monitor.run(until: SimTime.zero + SimDuration.seconds(Int64(1800)), sink: &brute)
        Self.expectCounts(monitor.compliance, brute, "seed \(seed) at 30 min")
        monitor.run(until: SimTime.zero + SimDuration.seconds(Int64(3 * 3600)), sink: &brute)
        let report = monitor.compliance
        Self.expectCounts(report, brute, "seed \(seed) at 3 h")
        // Something was counted in each market, or the property says little.
        #expect(report.standing(.usBulkGeolocation)!.toDate > 0, "seed \(seed)")
        #expect(report.standing(.cnPersonalInformation)!.toDate > 0, "seed \(seed)")
    }

    // MARK: - Windows

    static let startUTC: Int64 = Civil.days(year: 2026, month: 11, day: 30) * 86_400
    static let second: Int64 = 1_000_000_000

    static func usFlow(at t: Int64, vehicle: UInt32 = 0) -> (FlowRecord, FlowFacts) {
        let r = FlowRecord(start: SimTime(nanoseconds: t), end: SimTime(nanoseconds: t), vehicle: vehicle, category: .telemetry,
                           direction: .up, bytes: 100, packets: 1, service: 0, position: GeoPoint(latitude: 37.4, longitude: -122))
        let f = FlowFacts(time: SimTime(nanoseconds: t), vehicle: vehicle, market: .us, category: .telemetry, service: "cn", destinationCountry: .china)
        return (r, f)
    }

    @Test func aCarCountedTwelveMonthsAndOneSecondAgoNoLongerCounts() {
        var ledger = ComplianceLedger(serviceCountries: [.china], startUTC: Self.startUTC)
        let t0 = 3600 * Self.second
        let (r, f) = Self.usFlow(at: t0)
        ledger.observe(r, f)
        let year = ComplianceLedger.shifted(t0, byMonths: 12, startUTC: Self.startUTC)
        // 2026-11-30 01:00 UTC to 2027-11-30 01:00 UTC: 365 days.
        #expect(year - t0 == 365 * 86_400 * Self.second)
        func count(at t: Int64) -> Int {
            ledger.report(now: SimTime(nanoseconds: t), markets: [.us], usZone: .usPacific).standing(.usBulkGeolocation)!.toDate
        }
        #expect(count(at: t0) == 1)
        #expect(count(at: year) == 1, "exactly 12 months ago still counts")
        #expect(count(at: year + Self.second) == 0, "12 months and 1 s ago no longer counts")
        // Back after the gap: it enters the window again, and is new.
        let back = year + 2 * Self.second
        let (r2, f2) = Self.usFlow(at: back)
        ledger.observe(r2, f2)
        let s = ledger.report(now: SimTime(nanoseconds: back), markets: [.us], usZone: .usPacific).standing(.usBulkGeolocation)!
        #expect(s.toDate == 1 && s.newInRatePeriod == 1)
        // A car seen every day stays in and is not new again.
        var daily = ComplianceLedger(serviceCountries: [.china], startUTC: Self.startUTC)
        for d in 0..<400 {
            let (rd, fd) = Self.usFlow(at: Int64(d) * 86_400 * Self.second)
            daily.observe(rd, fd)
        }
        let late = daily.report(now: SimTime(nanoseconds: 399 * 86_400 * Self.second), markets: [.us], usZone: .usPacific).standing(.usBulkGeolocation)!
        #expect(late.toDate == 1 && late.newInRatePeriod == 0)
    }

    @Test func twelveMonthsBackClampsTheDay() {
        let start = Civil.days(year: 2028, month: 2, day: 29) * 86_400
        let back = ComplianceLedger.monthsBack(12, from: 0, startUTC: start)
        #expect(back / Self.second + start == Civil.days(year: 2027, month: 2, day: 28) * 86_400)
        let may31 = Civil.days(year: 2027, month: 5, day: 31) * 86_400
        #expect(ComplianceLedger.shifted(0, byMonths: -3, startUTC: may31) / Self.second + may31 == Civil.days(year: 2027, month: 2, day: 28) * 86_400)
    }

    @Test func theChinaYearStartsAtMidnightInShanghai() {
        var ledger = ComplianceLedger(serviceCountries: [.unitedStates], startUTC: Self.startUTC)
        // 2026-12-31 15:59:59 UTC is 23:59:59 in Shanghai; one second later the year is new.
        let midnight = (Civil.days(year: 2027, month: 1, day: 1) * 86_400 - 8 * 3600 - Self.startUTC) * Self.second
        let r = FlowRecord(start: SimTime(nanoseconds: midnight - Self.second), end: SimTime(nanoseconds: midnight - Self.second), vehicle: 0,
                           category: .telemetry, direction: .up, bytes: 1, packets: 1, service: 0, position: GeoPoint(latitude: 31, longitude: 121))
        let f = FlowFacts(time: SimTime(nanoseconds: midnight - Self.second), market: .cn, category: .telemetry, service: "us", destinationCountry: .unitedStates)
        ledger.observe(r, f)
        func pi(at t: Int64) -> ComplianceStanding {
            ledger.report(now: SimTime(nanoseconds: t), markets: [.cn], usZone: .usPacific).standing(.cnPersonalInformation)!
        }
        #expect(pi(at: midnight - Self.second).toDate == 1)
        #expect(pi(at: midnight).toDate == 0, "a new year counts from nothing")
        #expect(pi(at: midnight).windowStart.nanoseconds == midnight)
        var g = f
        g.time = SimTime(nanoseconds: midnight + Self.second)
        ledger.observe(r, g)
        #expect(pi(at: midnight + Self.second).toDate == 1)
        #expect(pi(at: midnight + Self.second).newInRatePeriod == 1)
    }

    @Test func theProjectionAndTheCrossingFollowTheRate() {
        // 10 devices in the first day at a constant pace: 10 a day; 1,001 is 99.1 days away.
        var ledger = ComplianceLedger(serviceCountries: [.china], startUTC: Self.startUTC)
        for v in 0..<10 {
            let (r, f) = Self.usFlow(at: Int64(v) * 8_640 * Self.second, vehicle: UInt32(v))
            ledger.observe(r, f)
        }
        let day = 86_400 * Self.second
        let s = ledger.report(now: SimTime(nanoseconds: day), markets: Array(repeating: .us, count: 5000), usZone: .usPacific)
            .standing(.usBulkGeolocation)!
        #expect(s.toDate == 10 && s.newInRatePeriod == 10 && s.ratePerDay == 10)
        #expect(s.horizon.nanoseconds == 365 * day)
        #expect(s.projected == 10 + 10 * 364)
        #expect(s.crossing?.nanoseconds == day + (1001 - 10) * day / 10)
        // With only 300 cars the fleet cannot get there.
        let small = ledger.report(now: SimTime(nanoseconds: day), markets: Array(repeating: .us, count: 300), usZone: .usPacific)
            .standing(.usBulkGeolocation)!
        #expect(small.projected == 300 && small.crossing == nil)
    }
}
