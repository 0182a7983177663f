import Simulation

/// What the monitor keeps besides the world: the compiled policies, the alert book, the flow
/// log, per-car border counters, and the world's static tables it needs to state a flow's facts
/// (regions, zones and services never change while running; routing does, but a record names
/// its service by index).
struct MonitorCore: Sendable {
    var engine: PolicyEngine
    var book: AlertBook
    var log: FlowLog
    /// Bit `category.index` set: the category leaves the car anonymised (a mask, not a set
    /// lookup, on the per-flow path).
    let anonymisedMask: UInt16
    /// Bytes each car sent up / received across the border (destination country is not the
    /// market's country), indexed by car; grown as cars appear.
    var crossBorderUp: [UInt64] = []
    var crossBorderDown: [UInt64] = []
    var flowsSeen: UInt64 = 0
    var flowsFlagged: UInt64 = 0
    /// Flows that at least one rule flagged since names were last filled in.
    var namesPending = false

    let regionIDs: [RegionID]
    private(set) var zoneIDs: [ZoneID]
    private(set) var zoneKinds: [ZoneKind]
    let start: StartDate
    let serviceIDs: [ServiceID]
    let serviceNames: [String]
    /// Which zones are in force on the day of the flows being judged.
    var seasons: ZoneSeasons
    var hasSeasons: Bool { seasons.hasSeasons }
    var verdicts: [PolicyVerdict] = []
    /// Per market, per user class index (`FlowContext.userClassIndex`): 1 restricted, 0 not,
    /// -1 not asked yet under the policies in force (a `set-policies` forgets them).
    var restrictedByClass: [[Int8]] = Array(repeating: [], count: Market.allCases.count)

    init(config: WorldConfig, policies: PolicySet, alerts: AlertParameters, parameters: MonitorParameters) {
        engine = PolicyEngine(policies)
        book = AlertBook(policies: policies, parameters: alerts)
        log = FlowLog(capacity: parameters.flowLogCapacity)
        anonymisedMask = parameters.anonymisedCategories.reduce(0) { $0 | UInt16(1) << UInt16($1.index) }
        regionIDs = config.regions.map(\.id)
        zoneIDs = config.zones.map(\.id)
        zoneKinds = config.zones.map(\.kind)
        seasons = ZoneSeasons(zones: config.zones)
        start = config.start
        serviceIDs = config.services.map(\.id)
        serviceNames = config.services.map(\.name)
        verdicts.reserveCapacity(policies.rules.count)
        book.ledger = ComplianceLedger(serviceCountries: config.services.map(\.country), startUTC: SimCalendar(config: config).startUTC)
    }

    /// A stand-in while the real core is out observing a run (allocates next to nothing).
    static let placeholder = MonitorCore(
        config: WorldConfig(
            seed: 0, fleetSize: 0, start: StartDate(year: 2026, month: 1, day: 1), regions: [], zones: [], services: [],
            routing: RoutingTable(routes: [:]), flows: FlowConfig(categories: [:], telemetry: .silent), behaviour: .defaults),
        policies: .empty, alerts: .default, parameters: MonitorParameters(flowLogCapacity: 0))

    /// Judges one flow: facts, verdicts, alerts, counters, log, then the sink.
    ///
    /// A flow of an unknown car, or to the unknown server (`--source`, docs/source.md), is not
    /// judged: every rule speaks of a car's market and driver, or of where data goes, and of
    /// these nothing is known, so a verdict would state what no one knows (a border crossed, or
    /// not). It raises no alert and counts toward no threshold; it is metered, logged and shown.
    /// - Complexity: O(rules) plus O(verdicts) for a flagged flow; no allocation for a flow no
    ///   rule flags once the log's rings are full.
    mutating func observe<S: FlowSink>(_ r: FlowRecord, _ c: FlowContext, sink: inout S) {
        let facts = self.facts(r, c)
        if c.market == .unknown || c.destinationCountry == .unknown {
            verdicts.removeAll(keepingCapacity: true)
        } else {
            engine.evaluate(facts, restricted: restricted(c), into: &verdicts)
        }
        flowsSeen &+= 1
        let car = Int(r.vehicle)
        if car >= crossBorderUp.count {
            crossBorderUp += repeatElement(0, count: car + 1 - crossBorderUp.count)
            crossBorderDown += repeatElement(0, count: car + 1 - crossBorderDown.count)
        }
        if facts.isCrossBorder {
            if r.direction == .up {
                crossBorderUp[car] &+= r.bytes
                book.ledger?.observe(r, facts)
            } else {
                crossBorderDown[car] &+= r.bytes
            }
        }
        book.tick(now: facts.time)
        if !verdicts.isEmpty {
            flowsFlagged &+= 1
            namesPending = true
            book.record(verdicts, facts: facts)
        }
        log.append(r, verdicts)
        sink.receive(r, facts: facts, verdicts: verdicts)
    }

    /// The facts of a flow at its end (when it is complete), at the position where it started.
    func facts(_ r: FlowRecord, _ c: FlowContext) -> FlowFacts {
        var zone: ZoneID? = nil, kind: ZoneKind? = nil
        if let z = r.zone.map(Int.init), z < zoneIDs.count, seasons.active[z] {
            zone = zoneIDs[z]
            kind = zoneKinds[z]
        }
        let s = Int(r.service)
        return FlowFacts(
            time: r.end, vehicle: r.vehicle, vin: c.market == .unknown ? nil : c.vin, driver: Driver(name: "", romanized: "", userClass: c.userClass),
            market: c.market, region: regionIDs[c.region], zone: zone, zoneKind: kind, category: r.category,
            direction: r.direction, service: serviceIDs[s], serviceName: serviceNames[s],
            destinationCountry: c.destinationCountry, bytes: r.bytes, packets: r.packets, position: r.position,
            modelYear: c.modelYear, prcLinkedConnectivity: c.prcLinkedConnectivity,
            anonymised: anonymisedMask & UInt16(1) << UInt16(r.category.index) != 0, carAddress: c.address)
    }

    /// Whether the flow's driver class is restricted in its market, asked of the policies once
    /// per (market, class); nil when the context does not index its class.
    @inline(__always)
    mutating func restricted(_ c: FlowContext) -> Bool? {
        let k = c.userClassIndex, m = c.market.index
        guard k >= 0 else { return nil }
        if k < restrictedByClass[m].count, restrictedByClass[m][k] >= 0 { return restrictedByClass[m][k] == 1 }
        if k >= restrictedByClass[m].count { restrictedByClass[m] += repeatElement(-1, count: k + 1 - restrictedByClass[m].count) }
        let value = engine.policies.restrictedByMarket[m].contains(c.userClass)
        restrictedByClass[m][k] = value ? 1 : 0
        return value
    }

    /// Puts `change` in force from now on: the engine and the book read the new set. Rules keep
    /// their indexes (a replaced rule stays where it was), so open alerts go on aggregating
    /// under their rule; an alert keeps the rule it was raised by.
    mutating func apply(_ change: PolicyChange) {
        let policies = engine.policies.applying(change)
        engine = PolicyEngine(policies)
        restrictedByClass = Array(repeating: [], count: Market.allCases.count)
        book.policies = policies
        verdicts.reserveCapacity(policies.rules.count)
    }

    /// Judges by the zones the world has after `change` (`zones`, its whole list now) from
    /// `time` on: the added zones' ids and kinds, and the zones out of force.
    mutating func apply(_ change: ZoneChange, zones: [ZoneConfig], at time: SimTime) {
        let revoked = change.remove.compactMap { id in zoneIDs.firstIndex(of: id) }
        let added = zones[zoneIDs.count...]
        zoneIDs += added.map(\.id)
        zoneKinds += added.map(\.kind)
        seasons.change(adding: Array(added), revoking: revoked, start: start, at: time)
    }

    /// Marks seasonal zones active or not for the day of `time` (called before each run segment
    /// and whenever a flow's day differs; a day's check walks the calendar once).
    mutating func updateSeasons(at time: SimTime) { _ = seasons.update(start: start, at: time) }
}

/// The world's observer during a monitor run: the core, and the caller's sink by address (the
/// sink is an `inout` argument that outlives the run, so no copy of it is made).
struct MonitorObserver<S: FlowSink>: FlowObserver {
    var core: MonitorCore
    let sink: UnsafeMutablePointer<S>

    @inline(__always)
    mutating func observe(_ flow: FlowRecord, context: FlowContext) {
        if core.hasSeasons { core.updateSeasons(at: flow.end) }
        core.observe(flow, context, sink: &sink.pointee)
    }
}
