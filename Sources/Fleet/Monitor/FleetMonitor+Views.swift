import Simulation

/// One car as the dashboard shows it: the world's snapshot, its open alerts, and whether its
/// traffic crossed the border (a destination outside its market's country).
public struct CarView: Hashable, Sendable {
    public var snapshot: CarSnapshot
    /// Open alerts of this car, most severe first, then in raise order.
    public var openAlerts: [Alert]
    /// The most severe open alert's severity; nil when the car has none.
    public var highestOpenSeverity: Severity?
    /// The driver's class is restricted by the policy set.
    public var restricted: Bool
    /// Runs connectivity software from a PRC-linked supplier (US-3).
    public var prcLinkedConnectivity: Bool
    /// Bytes sent to / received from servers outside the market's country since the start.
    public var crossBorderBytesUp: UInt64
    public var crossBorderBytesDown: UInt64

    /// Whether any of the car's traffic crossed the border since the start.
    public var crossedBorder: Bool { crossBorderBytesUp > 0 || crossBorderBytesDown > 0 }
}

/// Totals of one slice of the fleet's traffic (a region, a destination country...).
public struct TrafficLine<Key: Hashable & Sendable>: Hashable, Sendable {
    public var key: Key
    public var totals: TrafficTotals
    /// The slice's bytes in the window of `MeterWindow.rateSeconds` now.
    public var window: WindowBytes
    /// The rate of both directions over that window, in bytes per second.
    public var bytesPerSecond: Double { window.rate }
}

/// Alert counts per severity.
public struct SeverityCounts: Hashable, Sendable {
    public var watch = 0
    public var high = 0
    public var critical = 0

    public init(watch: Int = 0, high: Int = 0, critical: Int = 0) {
        self.watch = watch
        self.high = high
        self.critical = critical
    }

    public subscript(_ s: Severity) -> Int {
        switch s {
        case .watch: watch
        case .high: high
        case .critical: critical
        }
    }

    public var total: Int { watch + high + critical }
}

/// The whole fleet at a glance: traffic by region, destination country, category and user
/// class (in the world's table order), car states, and alert counts.
public struct FleetOverview: Hashable, Sendable {
    public var time: SimTime
    public var activeCars: Int
    public var carsByState: [CarState: Int]
    public var byRegion: [TrafficLine<RegionID>]
    public var byCountry: [TrafficLine<Country>]
    public var byCategory: [TrafficLine<DataCategory>]
    public var byUserClass: [TrafficLine<UserClassID>]
    public var all: TrafficLine<String>
    public var openAlerts: SeverityCounts
    public var unacknowledgedAlerts: SeverityCounts
    public var flowsSeen: UInt64
    public var flowsFlagged: UInt64
}

extension FleetMonitor {
    /// One car's view.
    /// - Complexity: O(open alerts) plus the car's meter reading.
    public func car(_ i: Int) -> CarView {
        view(i, alerts: core.book.openAlerts.filter { Int($0.vehicle) == i })
    }

    /// Bytes the car sent to and received from servers outside its market's country since the
    /// start (`CarView.crossBorderBytesUp` plus `Down`), without building its view.
    public func crossBorderBytes(of i: Int) -> UInt64 {
        (i < core.crossBorderUp.count ? core.crossBorderUp[i] : 0) &+ (i < core.crossBorderDown.count ? core.crossBorderDown[i] : 0)
    }

    /// The views of several cars, grouping the open alerts once.
    /// - Complexity: O(open alerts + cars asked for).
    public func cars(_ indices: some Sequence<Int>) -> [CarView] {
        var byCar: [UInt32: [Alert]] = [:]
        for alert in core.book.openAlerts { byCar[alert.vehicle, default: []].append(alert) }
        return indices.map { view($0, alerts: byCar[UInt32($0)] ?? []) }
    }

    func view(_ i: Int, alerts: [Alert]) -> CarView {
        let snapshot = world.car(i)
        return CarView(
            snapshot: snapshot, openAlerts: alerts, highestOpenSeverity: alerts.map(\.severity).max(),
            restricted: core.engine.policies.isRestricted(snapshot.driver.userClass, in: snapshot.market),
            prcLinkedConnectivity: world.hasPRCLinkedConnectivity(i),
            crossBorderBytesUp: i < core.crossBorderUp.count ? core.crossBorderUp[i] : 0,
            crossBorderBytesDown: i < core.crossBorderDown.count ? core.crossBorderDown[i] : 0)
    }

    /// Fleet-wide totals and alert counts now.
    public var overview: FleetOverview {
        let now = world.now
        let a = world.aggregates
        func lines<K>(_ keys: [K], _ totals: [TrafficTotals], _ window: (Int) -> WindowBytes) -> [TrafficLine<K>] {
            zip(keys, totals).enumerated().map { i, p in TrafficLine(key: p.0, totals: p.1, window: window(i)) }
        }
        let book = core.book
        func counts(_ f: (Severity) -> Int) -> SeverityCounts {
            SeverityCounts(watch: f(.watch), high: f(.high), critical: f(.critical))
        }
        let states = world.stateCounts
        return FleetOverview(
            time: now, activeCars: states.values.reduce(0, +), carsByState: states,
            byRegion: lines(world.config.regions.map(\.id), a.byRegion) { a.regionWindow($0, at: now) },
            byCountry: lines(world.countries, a.byCountry) { a.countryWindow($0, at: now) },
            byCategory: lines(DataCategory.allCases, a.byCategory) { a.categoryWindow(DataCategory.byIndex[$0], at: now) },
            byUserClass: lines(world.userClasses, a.byUserClass) { a.userClassWindow($0, at: now) },
            all: TrafficLine(key: "all", totals: a.all, window: a.allWindow(at: now)),
            openAlerts: counts(book.openCount), unacknowledgedAlerts: counts(book.unacknowledgedCount),
            flowsSeen: core.flowsSeen, flowsFlagged: core.flowsFlagged)
    }
}
