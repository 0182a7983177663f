import Fleet
import Ingest
import FleetMetrics
import Scenario
import Simulation
import Testing

/// The series of a run, checked against the monitor they were read from: every slice of the
/// traffic sums to the fleet's bytes, the alert and car counts to the book's and the world's.
@Suite struct MetricsSnapshotTests {
    static func monitor(minutes: Int64 = 20, vehicles: Int = 300) throws -> FleetMonitor {
        var scenario = Scenario.builtIn
        scenario.world.fleetSize = vehicles
        var monitor = try scenario.makeMonitor()
        monitor.run(until: SimTime.zero + .minutes(minutes))
        return monitor
    }

    static func total(_ snapshot: MetricsSnapshot, _ name: String) throws -> UInt64 {
        let family = try #require(snapshot.family(name), "\(name) is in the snapshot")
        return family.samples.reduce(0) { sum, s in
            guard case .count(let n) = s.value else { return sum }
            return sum + n
        }
    }

    @Test func everySliceOfTheTrafficSumsToTheFleetsBytes() throws {
        let monitor = try Self.monitor()
        let snapshot = MetricsSnapshot(monitor: monitor)
        let all = monitor.world.aggregates.all
        #expect(all.bytes > 0)
        for slice in ["country", "service", "category", "market"] {
            #expect(try Self.total(snapshot, "fleetwatch_\(slice)_bytes_total") == all.bytes, "\(slice)")
            let family = try #require(snapshot.family("fleetwatch_\(slice)_bytes_total"))
            let up = family.samples.filter { $0.labels.contains(.init("direction", "up")) }.reduce(0.0) { $0 + $1.value.double }
            #expect(UInt64(up) == all.bytesUp, "\(slice): the up direction is the cars' uploads")
            #expect(snapshot.family("fleetwatch_\(slice)_rate_bytes_per_second")?.kind == .gauge)
        }
        // The rates over the window sum to the fleet's rate.
        let fleetRate = monitor.world.aggregates.allWindow(at: monitor.now).rate
        let countryRate = try #require(snapshot.family("fleetwatch_country_rate_bytes_per_second")).samples.reduce(0.0) { $0 + $1.value.double }
        #expect(abs(countryRate - fleetRate) <= 1e-6 * max(1, fleetRate))
        #expect(snapshot.value("fleetwatch_market_bytes_total", ["market": "CN", "direction": "up"]) ?? 0 > 0)
        #expect(snapshot.value("fleetwatch_country_bytes_total", ["country": "CN", "direction": "down"]) ?? 0 > 0)
    }

    @Test func alertsAndCarsAreTheBooksAndTheWorlds() throws {
        let monitor = try Self.monitor(minutes: 40, vehicles: 600)
        let snapshot = MetricsSnapshot(monitor: monitor)
        let open = try #require(snapshot.family("fleetwatch_open_alerts"))
        #expect(monitor.alerts.openCount > 0, "the run has open alerts to count")
        #expect(Int(open.samples.reduce(0.0) { $0 + $1.value.double }) == monitor.alerts.openCount)
        for alert in monitor.alerts.openAlerts {
            #expect(snapshot.value("fleetwatch_open_alerts", ["rule": alert.ruleID, "severity": alert.severity.rawValue]) ?? 0 >= 1)
        }
        // Every rule and each severity it can give has a series, open or not.
        let rules = monitor.policies.rules
        #expect(open.samples.count == rules.reduce(0) { n, r in n + Set(r.severities.map(\.severity)).count })
        #expect(snapshot.value("fleetwatch_alerts_raised_total") == Double(monitor.alerts.raisedCount))
        let cars = try #require(snapshot.family("fleetwatch_cars"))
        #expect(cars.samples.count == CarState.allCases.count)
        #expect(Int(cars.samples.reduce(0.0) { $0 + $1.value.double }) == monitor.world.stateCounts.values.reduce(0, +))
        #expect(snapshot.value("fleetwatch_simulated_time_seconds") == 2400)
        #expect(snapshot.value("fleetwatch_flows_total") == Double(monitor.flowsSeen))
    }

    @Test func lagAndSourceSeriesOnlyWhenThereIsOne() throws {
        let monitor = try Self.monitor(minutes: 2, vehicles: 20)
        let plain = MetricsSnapshot(monitor: monitor)
        #expect(plain.family("fleetwatch_simulation_lag_seconds") == nil)
        #expect(!plain.families.contains { $0.name.hasPrefix("fleetwatch_source_") })
        var report = SourceReport()
        report.records = 120
        report.flows = 100
        report.unmappedCarRecords = 7
        report.unmappedServerRecords = 3
        report.rejected = 9
        report.skipped = 1
        let fed = MetricsSnapshot(monitor: monitor, source: report, lag: 2.5)
        #expect(fed.value("fleetwatch_simulation_lag_seconds") == 2.5)
        #expect(fed.value("fleetwatch_source_records_total") == 120)
        #expect(fed.value("fleetwatch_source_flows_total") == 100)
        #expect(fed.value("fleetwatch_source_unmapped_records_total", ["unknown": "car"]) == 7)
        #expect(fed.value("fleetwatch_source_unmapped_records_total", ["unknown": "server"]) == 3)
        #expect(fed.value("fleetwatch_source_rejected_records_total") == 9)
        #expect(fed.value("fleetwatch_source_skipped_records_total") == 1)
    }
}

/// The exposition the registry writes carries every family with its type and help, and every
/// sample with its labels and value.
@Suite struct MetricsExpositionTests {
    /// Sample lines by series (`name{labels}`), and TYPE lines by name: a reading for the test,
    /// the product writes through swift-prometheus.
    static func parse(_ text: String) -> (samples: [String: Double], types: [String: String]) {
        var samples: [String: Double] = [:], types: [String: String] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                types[String(parts[2])] = String(parts[3])
            } else if !line.hasPrefix("#"), let space = line.lastIndex(of: " ") {
                samples[String(line[..<space])] = Double(line[line.index(after: space)...])
            }
        }
        return (samples, types)
    }

    static func key(_ name: String, _ labels: [MetricsSnapshot.Label]) -> String {
        labels.isEmpty ? name : name + "{" + labels.map { "\($0.name)=\"\($0.value)\"" }.joined(separator: ",") + "}"
    }

    @Test func everySampleIsWrittenWithItsTypeAndValue() throws {
        let monitor = try MetricsSnapshotTests.monitor(minutes: 10, vehicles: 200)
        var report = SourceReport()
        report.records = 42
        let snapshot = MetricsSnapshot(monitor: monitor, source: report, lag: 0.75)
        let text = String(decoding: snapshot.exposition(), as: UTF8.self)
        let (samples, types) = Self.parse(text)
        var written = 0
        for family in snapshot.families {
            #expect(types[family.name] == family.kind.rawValue, "\(family.name)")
            #expect(text.contains("# HELP \(family.name) \(family.help)"), "\(family.name)")
            for sample in family.samples {
                let key = Self.key(family.name, sample.labels)
                let value = try #require(samples[key], "\(key) is written")
                #expect(value == sample.value.double, "\(key)")
                written += 1
            }
        }
        #expect(written == samples.count, "nothing is written that the snapshot has not")
        #expect(written > 50)
    }
}
