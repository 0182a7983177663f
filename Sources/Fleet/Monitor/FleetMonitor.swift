import Simulation

/// Settings of the monitor that are not the world's: how many recent flows to keep, and which
/// categories the cars anonymise before upload (faces and plates blurred: CN-1).
public struct MonitorParameters: Hashable, Sendable {
    /// Flows kept with their verdicts in `recentFlows` (0 ... 1,000,000).
    public var flowLogCapacity: Int
    /// Categories whose data leaves the car anonymised.
    public var anonymisedCategories: Set<DataCategory>

    public init(flowLogCapacity: Int = 4096, anonymisedCategories: Set<DataCategory> = []) {
        self.flowLogCapacity = min(max(flowLogCapacity, 0), Self.maxFlowLogCapacity)
        self.anonymisedCategories = anonymisedCategories
    }

    public static let maxFlowLogCapacity = 1_000_000
    public static let `default` = MonitorParameters()
}

/// A scripted action that could not be applied when its time came (a VIN not in the fleet, a
/// car already removed...). The run goes on without it.
public struct TimelineFailure: Hashable, Sendable, CustomStringConvertible {
    public var entry: TimelineEntry
    public var reason: String
    public var description: String { "\(entry.location): \(entry.action.name) at \(entry.at): \(reason)" }
}

/// The fleet state the dashboard reads: the simulated world, the policies judging each of its
/// flows, the alerts they raised, a bounded log of recent flows, and the scenario's timeline.
///
/// A value (copy it to branch a run). Same configuration, policies, timeline and seed give the
/// same flows, verdicts and alerts, byte for byte (`alertDigest`, `world.digest`).
///
/// Drive it with `run(until:)` or `run(until:sink:)`; read it with `car(_:)`, `cars(_:)`,
/// `overview`, `alerts`, `recentFlows`. Fleet actions of the timeline are applied at their
/// time (between the world's events, before those at the same time); presentation actions are
/// listed in `presentationCues` for the demo driver.
///
/// Memory, for any run length: the world's per-car arrays and meters (about 0.6 kB a car) and
/// its event queue (at most three events a car); 16 bytes a car of border counters; the flow
/// log (`MonitorParameters.flowLogCapacity` flows, 136 bytes each); open alerts and the
/// re-raise memory, at most one each per (rule, car) pair; the closed-alert log
/// (`AlertParameters.logCapacity`). Nothing grows with simulated time.
public struct FleetMonitor: Sendable {
    public internal(set) var world: FleetWorld
    var core: MonitorCore
    /// Fleet actions of the timeline, in time order (stable), and the next one to apply.
    var fleetTimeline: [TimelineEntry]
    var nextEntry = 0
    /// Timeline entries that failed when their time came.
    public internal(set) var timelineFailures: [TimelineFailure] = []
    /// The demo's cues (`set-speed`, `view`, `caption`, `chapter`, `highlight`), sorted by time (stable).
    public let presentationCues: [TimelineEntry]

    /// Builds the world and the monitor; the timeline's entries are applied as the run reaches
    /// them. With `deferringBuild`, the world's cars are built by `build(cars:)`, a slice at a
    /// time, before the first run (`FleetWorld.init(config:deferringBuild:)`).
    public init(
        config: WorldConfig, policies: PolicySet = .default, alerts: AlertParameters = .default,
        timeline: [TimelineEntry] = [], parameters: MonitorParameters = .default, deferringBuild: Bool = false
    ) throws(ConfigError) {
        try self.init(world: FleetWorld(config: config, deferringBuild: deferringBuild), config: config, policies: policies,
                      alerts: alerts, timeline: timeline, parameters: parameters)
    }

    /// Builds up to `cars` more cars of a deferred build (`init(…deferringBuild:)`); returns
    /// true when the fleet is whole.
    @discardableResult
    public mutating func build(cars: Int) -> Bool { world.build(cars: cars) }

    init(
        world: FleetWorld, config: WorldConfig, policies: PolicySet, alerts: AlertParameters,
        timeline: [TimelineEntry], parameters: MonitorParameters
    ) {
        self.world = world
        core = MonitorCore(config: config, policies: policies, alerts: alerts, parameters: parameters)
        let sorted = timeline.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        fleetTimeline = sorted.filter { !$0.action.isPresentation }
        presentationCues = sorted.filter(\.action.isPresentation)
    }

    public var now: SimTime { world.now }
    public var policies: PolicySet { core.engine.policies }
    /// Open alerts and the log of closed ones.
    public var alerts: AlertBook { core.book }
    /// The newest flows with their verdicts, oldest first.
    public var recentFlows: [LoggedFlow] { core.log.flows }
    /// Flows judged since the start, and those at least one rule flagged.
    public var flowsSeen: UInt64 { core.flowsSeen }
    public var flowsFlagged: UInt64 { core.flowsFlagged }
    /// Timeline entries for the fleet not yet applied.
    public var pendingTimeline: ArraySlice<TimelineEntry> { fleetTimeline[nextEntry...] }

    /// Runs to `bound` (not before now), applying timeline actions due before then, and clears
    /// the alerts that went quiet before then. What happens at `bound` itself (an event, an
    /// entry, an alert clearing) belongs to the next run: the state at `T` is everything before
    /// `T`, so every instant is judged within one run, whatever the slices (docs: ARCHITECTURE.md,
    /// "The order of one instant").
    public mutating func run(until bound: SimTime) {
        var ignore = IgnoreSink()
        run(until: bound, sink: &ignore)
    }

    /// Runs to `bound`, handing every flow with its facts and verdicts to `sink`.
    public mutating func run<S: FlowSink>(until bound: SimTime, sink: inout S) {
        precondition(bound >= world.now, "cannot run back to \(bound) from \(world.now)")
        withUnsafeMutablePointer(to: &sink) { pointer in
            var observer = MonitorObserver(core: .placeholder, sink: pointer)
            swap(&observer.core, &core)
            observer.core.updateSeasons(at: world.now)
            applyTimeline(before: bound, observer: &observer)
            world.run(until: bound, observer: &observer)
            fillNames(&observer.core)
            observer.core.book.tick(before: bound)
            swap(&observer.core, &core)
        }
    }

    /// This run with `entries` joining its timeline, each after the entries at or before its
    /// time: from now on, the run of a scenario whose timeline had them all along (a what-if's
    /// fork, `Scenario.applying(_:from:)`). Fleet entries only, none before now.
    public func forked(adding entries: [TimelineEntry]) -> FleetMonitor {
        var fork = self
        for entry in entries where !entry.action.isPresentation {
            precondition(SimTime.zero + entry.at >= world.now, "a fork's entries start at \(world.now) or later")
            let i = fork.fleetTimeline[fork.nextEntry...].firstIndex { $0.at > entry.at } ?? fork.fleetTimeline.count
            fork.fleetTimeline.insert(entry, at: i)
        }
        return fork
    }

    /// Simulates only `partition`'s cars (`FleetWorld.restrict(to:)`), from the start.
    public mutating func restrict(to partition: FleetPartition) { world.restrict(to: partition) }

    /// Marks an open alert as seen; false when no open alert has this id.
    @discardableResult
    public mutating func acknowledge(alertID: UInt64) -> Bool { core.book.acknowledge(id: alertID) }

    /// Takes back the acknowledgement of an open alert; false when no open alert has this id.
    @discardableResult
    public mutating func unacknowledge(alertID: UInt64) -> Bool { core.book.unacknowledge(id: alertID) }

    /// Acknowledges the open alerts among `alertIDs`; returns how many changed.
    @discardableResult
    public mutating func acknowledge(alertIDs: [UInt64]) -> Int { core.book.acknowledge(ids: alertIDs) }

    /// Acknowledges every open alert.
    public mutating func acknowledgeAll() { core.book.acknowledgeAll() }

    /// Writes the drivers' names into alerts raised since the last call: rules only need the
    /// class, so names (which cost an allocation) are looked up once per run segment, when no
    /// driver can have changed since the flows (drivers change only by timeline actions, and
    /// segments end at each of them).
    func fillNames(_ core: inout MonitorCore) {
        guard core.namesPending else { return }
        core.namesPending = false
        let world = self.world
        core.book.fillDrivers { facts in
            guard facts.driver.name.isEmpty, Int(facts.vehicle) < world.carCount else { return }
            var driver = world.driver(of: Int(facts.vehicle))
            driver.userClass = facts.userClass
            facts.driver = driver
        }
    }

    /// A 64-bit digest of every alert (open and logged) and the flow counters, for determinism checks.
    public var alertDigest: UInt64 {
        var h = Digest()
        h.add(core.flowsSeen)
        h.add(core.flowsFlagged)
        let all = core.book.log.map { $0 } + core.book.openAlerts.sorted { $0.id < $1.id }
        for a in all {
            h.add(a.id)
            h.add(UInt64(a.rule))
            h.add(UInt64(a.vehicle))
            h.add(UInt64(a.severity.rank))
            h.add(UInt64(bitPattern: a.start.nanoseconds))
            h.add(UInt64(bitPattern: a.lastSeen.nanoseconds))
            h.add(UInt64(bitPattern: a.closedAt?.nanoseconds ?? -1))
            h.add(a.count)
            h.add(a.bytes)
            for byte in a.explanation.utf8 { h.add(UInt64(byte)) }
        }
        return h.value
    }
}
