import Fleet
import Simulation

/// A what-if beside its baseline (docs/what-if.md): the same scenario run twice on the same
/// draws, once as it is (baseline) and once with the what-if from `from` on (variant), compared
/// at the same time. Every figure is a pair of numbers each run's own export states (the
/// regions' `cross_border_bytes`, the countries' `bytes`, the alert counts, the compliance
/// counts, a car's bytes), and `delta` is variant minus baseline: nothing here is computed in a
/// second way.
public struct WhatIfComparison: Hashable, Sendable {
    /// A figure in both runs.
    public struct Pair: Hashable, Sendable {
        public var baseline: UInt64
        public var variant: UInt64
        public init(_ baseline: UInt64, _ variant: UInt64) {
            self.baseline = baseline
            self.variant = variant
        }
        public var delta: Int64 { Int64(bitPattern: variant &- baseline) }
        public var changed: Bool { baseline != variant }
    }

    /// Bytes that left a region's market country (both directions: what its regions' panel says).
    public struct RegionRow: Hashable, Sendable {
        public var id: RegionID
        public var name: String
        public var market: Market
        public var crossBorder: Pair
        public var bytes: Pair
    }

    /// Bytes that reached servers in a country.
    public struct CountryRow: Hashable, Sendable {
        public var country: Country
        public var name: String
        public var bytes: Pair
    }

    /// A rule's alerts: raised since the start, and open now.
    public struct RuleRow: Hashable, Sendable {
        public var ruleID: String
        public var title: String
        public var raised: Pair
        public var open: Pair
    }

    /// A compliance threshold's count to date and projection.
    public struct ThresholdRow: Hashable, Sendable {
        public var measure: ComplianceMeasure
        public var toDate: Pair
        public var projected: Pair
    }

    /// A car whose traffic, or whose driver's class, differs between the two runs.
    public struct CarRow: Hashable, Sendable {
        public var index: Int
        public var vin: String
        public var driver: String
        public var driverRomanised: String?
        /// The driver's class in the baseline and in the variant (a class mix changes it).
        public var userClass: UserClassID
        public var variantClass: UserClassID
        public var classChanged: Bool { userClass != variantClass }
        public var market: Market
        public var crossBorder: Pair
        public var bytes: Pair
        public var openAlerts: Pair
    }

    public var name: String
    public var description: String?
    /// When the what-if took effect, and the time both runs stand at.
    public var from: SimTime
    public var clock: SimTime
    public var regions: [RegionRow]
    public var countries: [CountryRow]
    /// Open alerts by severity (watch, high, critical).
    public var openBySeverity: [(Severity, Pair)] {
        Severity.allCases.map { ($0, Pair(UInt64(openBaseline[$0.rank]), UInt64(openVariant[$0.rank]))) }
    }
    var openBaseline: [Int]
    var openVariant: [Int]
    /// Cars whose driver is restricted (the fleet's `restricted_vehicles`).
    public var restricted: Pair
    public var raised: Pair
    public var rules: [RuleRow]
    public var thresholds: [ThresholdRow]
    /// The cars whose bytes, bytes abroad, open alerts or driver's class differ, the largest
    /// change abroad first (then the largest change in bytes, then fleet order).
    public var cars: [CarRow]
    /// Cars compared (the larger fleet of the two).
    public var carsCompared: Int
    /// The screen is before `from` (after a jump back): both sides are the baseline.
    public var pending = false

    /// Compares two models of the same scenario at the same time, built with every car's row
    /// (`ModelBuilder.Rows.all`); `crossBorder` reads a car's bytes abroad in each run
    /// (`FleetMonitor.crossBorderBytes(of:)`).
    public init(
        name: String, description: String?, from: SimTime,
        baseline b: DashboardModel, variant v: DashboardModel,
        baselineCrossBorder: (Int) -> UInt64, variantCrossBorder: (Int) -> UInt64
    ) {
        self.name = name
        self.description = description
        self.from = from
        clock = v.clock
        regions = b.regions.map { r in
            let o = v.regions.first { $0.id == r.id }
            return RegionRow(
                id: r.id, name: r.name, market: r.market,
                crossBorder: Pair(r.crossBorderBytes, o?.crossBorderBytes ?? 0), bytes: Pair(r.bytes, o?.bytes ?? 0))
        }
        var countries: [CountryRow] = []
        for c in b.countries { countries.append(CountryRow(country: c.country, name: c.name, bytes: Pair(c.bytes, 0))) }
        for c in v.countries {
            if let i = countries.firstIndex(where: { $0.country == c.country }) {
                countries[i].bytes.variant = c.bytes
            } else {
                countries.append(CountryRow(country: c.country, name: c.name, bytes: Pair(0, c.bytes)))
            }
        }
        self.countries = countries.sorted { (max($0.bytes.baseline, $0.bytes.variant), $1.country.rawValue) > (max($1.bytes.baseline, $1.bytes.variant), $0.country.rawValue) }
        openBaseline = Severity.allCases.map { b.fleet.openAlerts[$0] ?? 0 }
        openVariant = Severity.allCases.map { v.fleet.openAlerts[$0] ?? 0 }
        restricted = Pair(UInt64(b.fleet.restrictedCars), UInt64(v.fleet.restrictedCars))
        raised = Pair(b.alertLog.raised, v.alertLog.raised)
        var rules: [RuleRow] = b.alertLog.byRule.map {
            RuleRow(ruleID: $0.ruleID, title: $0.title, raised: Pair($0.raised, 0), open: Pair(UInt64($0.open), 0))
        }
        for t in v.alertLog.byRule {
            if let i = rules.firstIndex(where: { $0.ruleID == t.ruleID }) {
                rules[i].raised.variant = t.raised
                rules[i].open.variant = UInt64(t.open)
                rules[i].title = t.title
            } else {
                rules.append(RuleRow(ruleID: t.ruleID, title: t.title, raised: Pair(0, t.raised), open: Pair(0, UInt64(t.open))))
            }
        }
        self.rules = rules
        thresholds = (b.compliance?.standings ?? []).map { s in
            let o = v.compliance?.standing(s.measure)
            return ThresholdRow(
                measure: s.measure, toDate: Pair(UInt64(s.toDate), UInt64(o?.toDate ?? 0)),
                projected: Pair(UInt64(s.projected), UInt64(o?.projected ?? 0)))
        }
        var cars: [CarRow] = []
        carsCompared = max(b.vehicles.count, v.vehicles.count)
        for (rb, rv) in zip(b.vehicles, v.vehicles) where rb.index == rv.index {
            let row = CarRow(
                index: rb.index, vin: rb.vin, driver: rb.driverName, driverRomanised: rb.driverRomanised,
                userClass: rb.userClass, variantClass: rv.userClass, market: rb.market,
                crossBorder: Pair(baselineCrossBorder(rb.index), variantCrossBorder(rv.index)),
                bytes: Pair(rb.totalBytes, rv.totalBytes), openAlerts: Pair(UInt64(rb.openAlerts), UInt64(rv.openAlerts)))
            if row.crossBorder.changed || row.bytes.changed || row.openAlerts.changed || row.classChanged { cars.append(row) }
        }
        self.cars = cars.sorted {
            (abs($0.crossBorder.delta), abs($0.bytes.delta), -$0.index) > (abs($1.crossBorder.delta), abs($1.bytes.delta), -$1.index)
        }
    }

    /// Bytes abroad in each run, over every region.
    public var crossBorder: Pair {
        Pair(regions.reduce(0) { $0 &+ $1.crossBorder.baseline }, regions.reduce(0) { $0 &+ $1.crossBorder.variant })
    }
}
