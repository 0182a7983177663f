import Simulation

/// A flow that came from outside the simulation (`--source`), resolved against the world's
/// tables: `record.vehicle`, `record.service` and `record.zone` are indexes of the world's cars,
/// services and zones; a flow to a server nobody names has the unknown service's
/// (`WorldConfig.unknownServiceIndex`).
public struct RecordedFlow: Hashable, Sendable {
    public var record: FlowRecord
    /// The driver's class the record states, if it states one (FleetWatch's own flow log does);
    /// it becomes the car's class from this flow on. Ignored for an unknown car.
    public var userClass: UserClassID?
    /// Set when no car of the inventory sent or received the flow: the car's side's address
    /// (`0.0.0.0` when the record has none). The monitor finds or makes the unknown car of
    /// that address when it counts the flow (`FleetWorld.unknownCar(address:)`), which then
    /// replaces `record.vehicle`.
    public var unknownCar: IPv4Address?

    public init(record: FlowRecord, userClass: UserClassID? = nil, unknownCar: IPv4Address? = nil) {
        self.record = record
        self.userClass = userClass
        self.unknownCar = unknownCar
    }
}

extension FleetMonitor {
    /// A monitor of recorded cars (`FleetWorld(config:recorded:)`): the same policies, alert
    /// book, flow log and timeline as a simulated one; its flows come in by `ingest`.
    public init(
        config: WorldConfig, recorded cars: [RecordedCar], policies: PolicySet = .default, alerts: AlertParameters = .default,
        timeline: [TimelineEntry] = [], parameters: MonitorParameters = .default
    ) throws(ConfigError) {
        let world = try FleetWorld(config: config, recorded: cars)
        self.init(world: world, config: world.config, policies: policies, alerts: alerts, timeline: timeline, parameters: parameters)
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
                if let address = flow.unknownCar {
                    // A car of no known market has no known driver either: a class the record
                    // states stays unread.
                    var record = flow.record
                    record.vehicle = UInt32(world.unknownCar(address: address))
                    world.ingest(record, userClass: nil, observer: &observer)
                    continue
                }
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
