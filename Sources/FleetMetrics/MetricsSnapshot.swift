import Fleet
import Ingest
import Simulation

/// The Prometheus series of a run at one moment, as plain values (docs/stream.md, "Metrics"):
/// which series, with which labels and values, read from a monitor and, when the flows come
/// from outside, the source's report. Built on the thread that owns the monitor and handed to
/// the server as a value; reading it needs nothing else.
public struct MetricsSnapshot: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case counter, gauge
    }

    /// One sample: its labels (name, value) and its value.
    public struct Sample: Hashable, Sendable {
        public var labels: [Label]
        public var value: Value

        public init(labels: [Label], value: Value) {
            self.labels = labels
            self.value = value
        }
    }

    public struct Label: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// Counters count whole things (bytes, records); gauges are measurements.
    public enum Value: Hashable, Sendable {
        case count(UInt64)
        case measure(Double)

        public var double: Double {
            switch self {
            case .count(let n): Double(n)
            case .measure(let x): x
            }
        }
    }

    /// A series name with its help, type and samples (every sample has the same label names).
    public struct Family: Hashable, Sendable {
        public var name: String
        public var help: String
        public var kind: Kind
        public var samples: [Sample]

        public init(name: String, help: String, kind: Kind, samples: [Sample]) {
            self.name = name
            self.help = help
            self.kind = kind
            self.samples = samples
        }
    }

    public var families: [Family]

    public init(families: [Family]) { self.families = families }

    /// The family named `name`, if the snapshot has it.
    public func family(_ name: String) -> Family? { families.first { $0.name == name } }

    /// The value of the sample of `name` with exactly these labels.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        family(name)?.samples.first { s in
            s.labels.count == labels.count && s.labels.allSatisfy { labels[$0.name] == $0.value }
        }?.value.double
    }
}

extension MetricsSnapshot {
    /// The series of `monitor` now. `source`: the report of the source feeding it, if any;
    /// `lag`: how many simulated seconds the run is behind its wall-clock target (nil when it
    /// runs as fast as it can, which has no target).
    ///
    /// - Complexity: O(countries + services + regions + rules + open alerts).
    public init(monitor: FleetMonitor, source: SourceReport? = nil, lag: Double? = nil) {
        let world = monitor.world
        let now = world.now
        let a = world.aggregates
        var f: [Family] = []

        func traffic(_ name: String, _ what: String, keys: [[Label]], totals: [TrafficTotals], windows: [WindowBytes]) {
            var bytes: [Sample] = [], rates: [Sample] = []
            for (i, labels) in keys.enumerated() {
                bytes.append(Sample(labels: labels + [Label("direction", "up")], value: .count(totals[i].bytesUp)))
                bytes.append(Sample(labels: labels + [Label("direction", "down")], value: .count(totals[i].bytesDown)))
                rates.append(Sample(labels: labels + [Label("direction", "up")], value: .measure(windows[i].upRate)))
                rates.append(Sample(labels: labels + [Label("direction", "down")], value: .measure(windows[i].downRate)))
            }
            f.append(Family(name: "fleetwatch_\(name)_bytes_total", help: "Bytes of the fleet's flows \(what), by direction (up: from the cars), since the start.", kind: .counter, samples: bytes))
            f.append(Family(name: "fleetwatch_\(name)_rate_bytes_per_second", help: "Bytes per second \(what), by direction, over the last \(MeterWindow.rateSeconds) simulated seconds.", kind: .gauge, samples: rates))
        }

        let countries = world.countries
        traffic("country", "to and from servers in each country", keys: countries.map { [Label("country", $0.rawValue)] },
                totals: a.byCountry, windows: countries.indices.map { a.countryWindow($0, at: now) })
        let services = world.config.services
        traffic("service", "to and from each service", keys: services.map { [Label("service", $0.id.rawValue), Label("country", $0.country.rawValue)] },
                totals: Array(a.byService.prefix(services.count)), windows: services.indices.map { a.serviceWindow($0, at: now) })
        traffic("category", "of each data category", keys: DataCategory.allCases.map { [Label("category", $0.rawValue)] },
                totals: a.byCategory, windows: DataCategory.allCases.map { a.categoryWindow($0, at: now) })
        // A market is the sum of its regions; the unknown market (a source run's unknown cars)
        // where there is one, as its country and service are.
        let regions = world.config.regions
        let markets = Market.known + (world.config.unknownRegionIndex == nil ? [] : [.unknown])
        var marketTotals: [TrafficTotals] = [], marketWindows: [WindowBytes] = []
        for market in markets {
            var t = TrafficTotals(), w = WindowBytes(up: 0, down: 0, seconds: MeterWindow.rateSeconds)
            for (i, r) in regions.enumerated() where r.market == market {
                t.bytesUp &+= a.byRegion[i].bytesUp
                t.bytesDown &+= a.byRegion[i].bytesDown
                t.flows &+= a.byRegion[i].flows
                let rw = a.regionWindow(i, at: now)
                w = WindowBytes(up: w.up &+ rw.up, down: w.down &+ rw.down, seconds: rw.seconds)
            }
            marketTotals.append(t)
            marketWindows.append(w)
        }
        traffic("market", "of the cars of each market", keys: markets.map { [Label("market", $0.rawValue)] },
                totals: marketTotals, windows: marketWindows)

        let book = monitor.alerts
        var open: [Label: [Severity: Int]] = [:]
        book.forEachOpenAlert { alert in open[Label("rule", alert.ruleID), default: [:]][alert.severity, default: 0] += 1 }
        var alertSamples: [Sample] = []
        for rule in monitor.policies.rules {
            for severity in Severity.allCases where rule.severities.contains(where: { $0.severity == severity }) {
                let n = open[Label("rule", rule.id)]?[severity] ?? 0
                alertSamples.append(Sample(labels: [Label("rule", rule.id), Label("severity", severity.rawValue)], value: .measure(Double(n))))
            }
        }
        f.append(Family(name: "fleetwatch_open_alerts", help: "Alerts open now, by rule and severity.", kind: .gauge, samples: alertSamples))
        f.append(Family(name: "fleetwatch_alerts_raised_total", help: "Alerts raised since the start.", kind: .counter,
                        samples: [Sample(labels: [], value: .count(book.raisedCount))]))
        f.append(Family(name: "fleetwatch_flows_total", help: "Flows the monitor judged since the start.", kind: .counter,
                        samples: [Sample(labels: [], value: .count(monitor.flowsSeen))]))
        f.append(Family(name: "fleetwatch_flows_flagged_total", help: "Flows at least one rule flagged since the start.", kind: .counter,
                        samples: [Sample(labels: [], value: .count(monitor.flowsFlagged))]))

        let states = world.stateCounts
        f.append(Family(name: "fleetwatch_cars", help: "Cars in the fleet now, by state.", kind: .gauge,
                        samples: CarState.allCases.map { Sample(labels: [Label("state", $0.description)], value: .measure(Double(states[$0] ?? 0))) }))
        f.append(Family(name: "fleetwatch_simulated_time_seconds", help: "Simulated time since the start of the run.", kind: .gauge,
                        samples: [Sample(labels: [], value: .measure(now.seconds))]))
        if let lag {
            f.append(Family(name: "fleetwatch_simulation_lag_seconds", help: "Simulated seconds the run is behind its wall-clock target (paced runs only).", kind: .gauge,
                            samples: [Sample(labels: [], value: .measure(lag))]))
        }
        if let r = source {
            func counter(_ name: String, _ help: String, _ samples: [Sample]) {
                f.append(Family(name: name, help: help, kind: .counter, samples: samples))
            }
            counter("fleetwatch_source_records_total", "Records read from the source (flows, unmapped, rejected and skipped).", [Sample(labels: [], value: .count(r.records))])
            counter("fleetwatch_source_flows_total", "Flows of the source counted into the model.", [Sample(labels: [], value: .count(r.flows))])
            counter("fleetwatch_source_unmapped_records_total", "Records counted as unknown: of no car in the inventory, or to no known server.", [
                Sample(labels: [Label("unknown", "car")], value: .count(r.unmappedCarRecords)),
                Sample(labels: [Label("unknown", "server")], value: .count(r.unmappedServerRecords)),
            ])
            counter("fleetwatch_source_unmapped_bytes_total", "Bytes of the unmapped records.", [
                Sample(labels: [Label("unknown", "car")], value: .count(r.unmappedCarBytes)),
                Sample(labels: [Label("unknown", "server")], value: .count(r.unmappedServerBytes)),
            ])
            counter("fleetwatch_source_rejected_records_total", "Records refused (not JSON, fields missing or absurd, out of order beyond the tolerance).", [Sample(labels: [], value: .count(r.rejected))])
            counter("fleetwatch_source_skipped_records_total", "Records that are not flows (alert events, other lines), skipped.", [Sample(labels: [], value: .count(r.skipped))])
        }
        self.init(families: f)
    }
}
