import Simulation

/// A flow that came from outside the simulation (`--source`), resolved against the world's
/// tables: `record.vehicle`, `record.service` and `record.zone` are indexes of the world's cars,
/// services and zones.
public struct RecordedFlow: Hashable, Sendable {
    public var record: FlowRecord
    /// The driver's class the record states, if it states one (FleetWatch's own flow log does);
    /// it becomes the car's class from this flow on.
    public var userClass: UserClassID?

    public init(record: FlowRecord, userClass: UserClassID? = nil) {
        self.record = record
        self.userClass = userClass
    }
}

extension FleetMonitor {
    /// A monitor of recorded cars (`FleetWorld(config:recorded:)`): the same policies, alert
    /// book, flow log and timeline as a simulated one; its flows come in by `ingest`.
    public init(
        config: WorldConfig, recorded cars: [RecordedCar], policies: PolicySet = .default, alerts: AlertParameters = .default,
        timeline: [TimelineEntry] = [], parameters: MonitorParameters = .default
    ) throws(ConfigError) {
        try self.init(world: FleetWorld(config: config, recorded: cars), config: config, policies: policies, alerts: alerts,
                      timeline: timeline, parameters: parameters)
    }

    /// Judges recorded flows in the order given, each at its end time, exactly as the monitor
    /// judges the simulation's own: timeline actions due by a flow's end are applied before it
    /// (as between the world's events), then the flow is metered, judged and logged, then
    /// handed to `sink`. Ends must not go back in time and must not be before `now` (the
    /// source's reorder buffer sees to it; a precondition here).
    ///
    /// Call `run(until:)` afterwards to bring the clock, and the alerts that went quiet, to a
    /// bound past the last flow.
    public mutating func ingest<S: FlowSink, C: Collection<RecordedFlow>>(_ flows: C, sink: inout S) {
        guard !flows.isEmpty else { return }
        withUnsafeMutablePointer(to: &sink) { pointer in
            var observer = MonitorObserver(core: .placeholder, sink: pointer)
            swap(&observer.core, &core)
            observer.core.updateSeasons(at: world.now)
            for flow in flows {
                let end = flow.record.end
                precondition(end >= world.now, "a recorded flow ends at \(end), before now (\(world.now))")
                applyTimeline(through: end, observer: &observer)
                let car = Int(flow.record.vehicle)
                if let userClass = flow.userClass, userClass != world.userClass(of: car) {
                    fillNames(&observer.core)
                    observer.core.book.ledger?.driverChanged(
                        car: car, market: world.market(of: car), at: end, flowsBefore: observer.core.flowsSeen)
                }
                world.ingest(flow.record, userClass: flow.userClass, observer: &observer)
            }
            fillNames(&observer.core)
            swap(&observer.core, &core)
        }
    }
}
