import Simulation
import Testing
@testable import Fleet

/// A simulated day and night of the default fleet: trips start by each area's hourly profile
/// in its local time, and the daily volumes per car fall in DOMAIN.md's ranges (telemetry
/// 1-5 MB a day; about an hour of driving a day [S: AAA Foundation, New American Driving
/// Survey 2019-2020: 59 minutes, 2.5 trips a day]). The test prints the tables of the report
/// (`swift test --skip-build --filter DayNightTests`).
@Suite struct DayNightTests {
    /// What a few simulated days measured, per region and per kind of local day.
    struct Measure {
        /// [region][weekend 0/1][local hour]: trip starts, and car-samples driving.
        var starts: [[[Double]]]
        var driving: [[[Double]]]
        /// [region][weekend 0/1]: car-samples in all.
        var samples: [[Double]]
        var carDays: Double
        /// [region]: cars.
        var cars: [Double]
        var drivingHoursPerCarDay: Double
        var mbPerCarDay: [DataCategory: Double]
    }

    /// Runs `cars` cars of the default world from Friday 2026-11-27 00:00 Shanghai time for
    /// `days` days after a day's warm-up, sampling every car each minute.
    static func measure(cars: Int = 300, days: Int = 3, seed: UInt64 = 2021) throws -> Measure {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = cars
        config.start = StartDate(year: 2026, month: 11, day: 27, hour: 0)
        var world = try FleetWorld(config: config)
        let regions = config.regions.count
        var m = Measure(
            starts: Array(repeating: Array(repeating: Array(repeating: 0, count: 24), count: 2), count: regions),
            driving: Array(repeating: Array(repeating: Array(repeating: 0, count: 24), count: 2), count: regions),
            samples: Array(repeating: [0, 0], count: regions), carDays: 0, cars: Array(repeating: 0, count: regions), drivingHoursPerCarDay: 0, mbPerCarDay: [:])
        let day = 86_400.0
        var ignore = IgnoreFlows()
        world.run(until: .seconds(day))
        world.flushAll(observer: &ignore)
        let driving0 = world.secondsIn(.driving)
        let bytes0 = world.aggregates.byCategory.map { $0.bytesUp + $0.bytesDown }
        var wasDriving = (0..<world.carCount).map { world.state(of: $0) == .driving }
        let areaCount = world.fleet.areas.count
        for minute in 1...(days * 1440) {
            world.run(until: .seconds(day + Double(minute) * 60))
            let local = (0..<areaCount).map { world.localTime(area: $0) }
            for car in 0..<world.carCount {
                let a = Int(world.fleet.area[car]), r = world.fleet.areas[a].region
                let w = local[a].isWeekend ? 1 : 0, h = local[a].hour
                let d = world.state(of: car) == .driving
                m.samples[r][w] += 1
                if d { m.driving[r][w][h] += 1 }
                if d && !wasDriving[car] { m.starts[r][w][h] += 1 }
                wasDriving[car] = d
            }
        }
        world.flushAll(observer: &ignore)
        m.carDays = Double(world.carCount * days)
        for car in 0..<world.carCount { m.cars[world.regionIndex(of: car)] += 1 }
        m.drivingHoursPerCarDay = (world.secondsIn(.driving) - driving0) / 3600 / m.carDays
        for c in DataCategory.allCases {
            let t = world.aggregates.byCategory[c.index]
            m.mbPerCarDay[c] = Double(t.bytesUp + t.bytesDown - bytes0[c.index]) / 1e6 / m.carDays
        }
        return m
    }

    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let ma = a.reduce(0, +) / Double(a.count), mb = b.reduce(0, +) / Double(b.count)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (x, y) in zip(a, b) { sab += (x - ma) * (y - mb); saa += (x - ma) * (x - ma); sbb += (y - mb) * (y - mb) }
        return sab / (saa * sbb).squareRoot()
    }

    static func shares(_ v: [Double]) -> [Double] {
        let s = v.reduce(0, +)
        return v.map { s > 0 ? $0 / s : 0 }
    }

    /// The table of the report: per region and kind of day, the profile's share of trip starts
    /// in each hour, the measured share of trip starts and of driving time.
    static func table(_ m: Measure, config: WorldConfig) -> String {
        var out = ""
        for (r, region) in config.regions.enumerated() {
            let profile = region.areas[0].profile
            for w in 0...1 {
                let p = profile.shares(weekend: w == 1), s = shares(m.starts[r][w]), d = shares(m.driving[r][w])
                out += "\n\(region.name), \(w == 1 ? "weekend" : "weekday") (local time)\n"
                out += "hour  profile  starts  driving  driving cars %\n"
                let perHour = m.samples[r][w] / 24
                for h in 0..<24 {
                    let cars = perHour > 0 ? m.driving[r][w][h] / perHour * 100 : 0
                    out += "\(h < 10 ? "0" : "")\(h)    \(pct(p[h]))   \(pct(s[h]))  \(pct(d[h]))   \(pct(cars / 100))\n"
                }
                out += "correlation starts/profile \(fmt(correlation(s, p))), driving/profile \(fmt(correlation(d, p)))\n"
            }
        }
        out += "\ndriving \(fmt(m.drivingHoursPerCarDay)) h per car per day over \(Int(m.carDays)) car-days\n"
        for (r, region) in config.regions.enumerated() {
            let carDays = m.cars[r] * m.carDays / m.cars.reduce(0, +)
            let samples = m.driving[r].joined().reduce(0, +), trips = m.starts[r].joined().reduce(0, +)
            out += "\(region.name): driving \(fmt(samples / 60 / carDays)) h and \(fmt(trips / carDays)) trips per car per day, "
                + "\(fmt(samples / max(1, trips), decimals: 0)) minutes a trip\n"
        }
        out += "MB per car per day:"
        for c in DataCategory.allCases { out += " \(c.rawValue) \(fmt(m.mbPerCarDay[c] ?? 0))" }
        return out + "\n"
    }

    static func pct(_ x: Double) -> String {
        let s = fmt(x * 100, decimals: 1)
        return String(repeating: " ", count: max(0, 5 - s.count)) + s
    }

    static func fmt(_ x: Double, decimals: Int = 2) -> String {
        let p = Double([1, 10, 100, 1000][decimals])
        return "\((x * p).rounded() / p)"
    }

    @Test func tripsFollowTheProfileAndDailyVolumesAreInRange() throws {
        let m = try Self.measure()
        print(Self.table(m, config: .default))
        for r in WorldConfig.default.regions.indices {
            let profile = WorldConfig.default.regions[r].areas[0].profile
            for w in 0...1 {
                let p = profile.shares(weekend: w == 1), s = Self.shares(m.starts[r][w]), d = Self.shares(m.driving[r][w])
                let what = "\(WorldConfig.default.regions[r].id) \(w == 1 ? "weekend" : "weekday")"
                // About 170 trip starts a day in each region: sampling noise alone costs about 0.1
                // of correlation (a flat profile gives none, the cited one 0.8-0.95 by seed).
                #expect(Self.correlation(s, p) > 0.75, "trip starts against the profile, \(what)")
                #expect(Self.correlation(d, p) > 0.75, "driving against the profile, \(what)")
                // A quiet night: little driving 00:00-05:00.
                #expect(d[0..<5].reduce(0, +) < 0.06, "night driving share \(what)")
            }
            // Weekends are different: a smaller morning peak, a busier midday.
            let weekday = Self.shares(m.starts[r][0]), weekend = Self.shares(m.starts[r][1])
            let morning: (Double, Double) = (weekday[7] + weekday[8], weekend[7] + weekend[8])
            let midday: (Double, Double) = (weekday[10..<14].reduce(0, +), weekend[10..<14].reduce(0, +))
            #expect(morning.0 > morning.1 + 0.04, "morning peak, weekday against weekend")
            #expect(midday.0 + 0.04 < midday.1, "midday, weekday against weekend")
        }
        // DOMAIN.md: about an hour a day (1-1.5 h), telemetry 1-5 MB a day.
        #expect((0.8...1.6).contains(m.drivingHoursPerCarDay), "driving \(m.drivingHoursPerCarDay) h a day")
        #expect((1...5).contains(m.mbPerCarDay[.telemetry] ?? 0), "telemetry \(m.mbPerCarDay[.telemetry] ?? 0) MB a day")
    }
}

