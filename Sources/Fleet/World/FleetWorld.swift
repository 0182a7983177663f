import DequeModule
import Simulation

/// The simulated fleet: cars, drivers, places and data flows, with per-car meters.
///
/// A value: copy it to branch a run. Same configuration (seed included) and same actions give
/// the same state, byte for byte. Drive it with `run(until:observer:)`; read it with `car(_:)`,
/// `aggregates`, `recentFlows` and the per-field accessors.
///
/// Performance shape: events are 8-byte values (car index, kind, epoch); a car has one pending
/// activity event and, while awake, one flow tick every `flows.tickSeconds` (10 s), which
/// emits at most one record per category and direction; car state lives in parallel arrays.
public struct FleetWorld: Sendable {
    var simulator: Simulator<FleetEvent>
    var fleet: FleetState

    /// Builds the fleet described by `config` at simulated time zero; with `deferringBuild`,
    /// builds no car yet: `build(cars:)` builds them a slice at a time, into the same fleet,
    /// and the world runs only once it is whole (`isBuilt`).
    public init(config: WorldConfig, deferringBuild: Bool = false) throws(ConfigError) {
        try config.validate()
        simulator = Simulator()
        simulator.reserveCapacity(config.fleetSize * 3)
        fleet = FleetState(config: config)
        if deferringBuild { fleet.beginBuild(at: .zero) } else { fleet.buildFleet(at: .zero, simulator: &simulator) }
    }

    /// Builds up to `cars` more cars of a deferred build; returns true when the fleet is whole.
    @discardableResult
    public mutating func build(cars: Int) -> Bool {
        fleet.continueBuild(cars: max(1, cars), simulator: &simulator)
    }

    /// Whether every car of the initial fleet exists (always, unless the build was deferred).
    public var isBuilt: Bool { fleet.pendingBuild == nil }
    /// Cars built so far of the initial fleet, and how many it has in all: nil once built. (The
    /// initial fleet is built into an empty world, so the cars built are the world's cars.)
    public var buildProgress: (built: Int, total: Int)? { fleet.pendingBuild.map { (fleet.count, $0.total) } }

    /// A fleet of recorded cars (`--source`): the configuration's regions, zones, services and
    /// routing, then the unknown region and service (`WorldConfig.withUnknown()`), the
    /// inventory's cars, and no life of their own; flows come in by `ingest`, and the cars of
    /// addresses no inventory names on first sight (`unknownCar(address:)`).
    /// `config.fleetSize` is ignored.
    public init(config: WorldConfig, recorded cars: [RecordedCar]) throws(ConfigError) {
        var config = config.withoutUnknown
        config.fleetSize = max(1, cars.count)
        try config.validate()
        simulator = Simulator()
        fleet = FleetState(config: config.withUnknown())
        fleet.addRecordedCars(cars)
    }

    /// Counts a recorded flow at its end time (not before now): the clock moves to it, and the
    /// flow goes through the same meters, aggregates and observer as a simulated one.
    /// `record.vehicle`, `service` and `zone` index the world's tables (checked by the caller).
    mutating func ingest<O: FlowObserver>(_ record: FlowRecord, userClass: UserClassID?, observer: inout O) {
        if record.end > simulator.now { simulator.advance(to: record.end) }
        fleet.ingest(record, userClass: userClass, observer: &observer)
    }

    /// The configuration, including routing changes made while running.
    public var config: WorldConfig { fleet.config }
    public var now: SimTime { simulator.now }
    public var eventsProcessed: UInt64 { simulator.eventsProcessed }
    /// Cars ever created (removed cars keep their index).
    public var carCount: Int { fleet.count }

    /// Runs every event before `bound`, handing each completed flow to `observer`, then sets
    /// the clock to `bound`.
    public mutating func run<O: FlowObserver>(until bound: SimTime, observer: inout O) {
        precondition(bound >= simulator.now, "cannot run back to \(bound) from \(simulator.now)")
        precondition(isBuilt, "the fleet's build is finished before it runs")
        while let next = simulator.peek(), next < bound {
            guard let event = simulator.step() else { break }
            fleet.handle(event, simulator: &simulator, observer: &observer)
        }
        simulator.advance(to: bound)
    }

    /// Runs without an external observer (meters, aggregates and the recent ring still count).
    public mutating func run(until bound: SimTime) {
        var ignore = IgnoreFlows()
        run(until: bound, observer: &ignore)
    }

    /// Brings every awake car's flows up to `now` (for an exact reading between ticks).
    public mutating func flushAll<O: FlowObserver>(observer: inout O) {
        for car in 0..<fleet.count where fleet.active[car] && fleet.state[car] != .asleep && fleet.partition.owns(car) {
            fleet.flush(car: car, now: simulator.now, observer: &observer)
        }
    }

    /// Plays `action` at `time` (not before now). Names (services, zones, regions) are checked
    /// now; car indexes when the time comes (failures go to `actionFailures`).
    public mutating func schedule(_ action: FleetAction, at time: SimTime) throws(FleetActionError) {
        precondition(isBuilt, "the fleet's build is finished before actions are scheduled")
        try fleet.check(action)
        guard time >= simulator.now else {
            throw FleetActionError(action: "\(action)", reason: "its time \(time) is before now (\(simulator.now))")
        }
        fleet.actions.append(action)
        simulator.schedule(FleetEvent(car: UInt32(fleet.actions.count - 1), kind: .action, epoch: 0), at: time)
    }

    /// Applies `action` now.
    public mutating func apply<O: FlowObserver>(_ action: FleetAction, observer: inout O) throws(FleetActionError) {
        precondition(isBuilt, "the fleet's build is finished before actions are applied")
        try fleet.apply(action, simulator: &simulator, observer: &observer)
    }

    public mutating func apply(_ action: FleetAction) throws(FleetActionError) {
        var ignore = IgnoreFlows()
        try apply(action, observer: &ignore)
    }

    /// The cars that live in this run: all of them, or a partition's share (`restrict(to:)`).
    public var partition: FleetPartition { fleet.partition }

    /// Lets only `partition`'s cars live from now on: before the run starts (at time zero, no
    /// event handled yet), so that every car lives in exactly one of the partitions.
    public mutating func restrict(to partition: FleetPartition) {
        precondition(simulator.eventsProcessed == 0, "a run is partitioned before it starts")
        fleet.partition = partition
    }

    /// Scheduled actions that could not be applied when their time came.
    public var actionFailures: [FleetActionFailure] { fleet.actionFailures }

    /// The most recent flow records, oldest first (at most `meters.recentFlows`).
    public var recentFlows: Deque<FlowRecord> { fleet.recent }
    /// Flow records emitted since the start.
    public var flowCount: UInt64 { fleet.flowsEmitted }
    /// Fleet-wide totals; index with `regionIndex`, `countries`, `DataCategory.index`, `userClasses`.
    public var aggregates: FleetAggregates { fleet.aggregates }
    /// Destination countries, in the order of `aggregates.byCountry`.
    public var countries: [Country] { fleet.countries }
    /// User classes, in the order of `aggregates.byUserClass` (scenarios may add more).
    public var userClasses: [UserClassID] { fleet.userClasses }
    /// The per-car meters, for bulk reads (`MeterBank.rate`, `reading`).
    public var meters: MeterBank { fleet.meters }

    /// Car-seconds spent in `state` since the start (counted as flows are flushed).
    public func secondsIn(_ state: CarState) -> Double { fleet.secondsInState[Int(state.rawValue)] }

    /// Whether a zone is sensitive at `time` (seasonal zones only inside their window; a zone
    /// a `set-zones` took out of force, from then on: `ZoneSeasons.isInForce`).
    public func isZoneActive(_ zone: Int, at time: SimTime) -> Bool {
        fleet.zoneTable.seasons.isInForce(zone, on: CalendarDay(start: fleet.config.start, at: time))
    }
}
