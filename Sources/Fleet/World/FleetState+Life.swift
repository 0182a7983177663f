import Geography
import Simulation

extension FleetState {
    /// Handles one event: the state machine asleep → parked → driving → parked/charging.
    mutating func handle<O: FlowObserver>(_ event: FleetEvent, simulator sim: inout Simulator<FleetEvent>, observer: inout O) {
        if event.kind == .action {
            applyScheduled(action: Int(event.car), simulator: &sim, observer: &observer)
            return
        }
        if let next = sim.nextEvent, next.kind != .action { prefetch(car: Int(next.car)) }
        let car = Int(event.car)
        guard car < count, active[car], partition.owns(car) else { return }
        let now = sim.now
        switch event.kind {
        case .tick:
            guard event.epoch == tickEpoch[car] else { return }
            flush(car: car, now: now, observer: &observer)
            if state[car] != .asleep {
                sim.schedule(FleetEvent(car: event.car, kind: .tick, epoch: tickEpoch[car]), at: now + .nanoseconds(tickNanoseconds))
            }
        case .depart:
            guard event.epoch == epoch[car] else { return }
            let target = chooseDestination(car: car)
            startTrip(car: car, to: target.point, kind: target.kind, simulator: &sim, observer: &observer)
        case .arrive:
            guard event.epoch == epoch[car], state[car] == .driving else { return }
            arrive(car: car, simulator: &sim, observer: &observer)
        case .sleep:
            guard event.epoch == epoch[car], state[car] == .parked else { return }
            let quiet = now.nanoseconds - lastActivity[car] >= SimDuration.seconds(config.behaviour.sleepAfterSeconds).nanoseconds
            flush(car: car, now: now, observer: &observer)
            if quiet && !hasBacklog(car) {
                changeState(car: car, to: .asleep, simulator: &sim)
            } else {
                // Still uploading (or busy lately): look again in a minute.
                sim.schedule(FleetEvent(car: event.car, kind: .sleep, epoch: epoch[car]), at: now + .seconds(Int64(60)))
            }
        case .chargeDone:
            guard event.epoch == epoch[car], state[car] == .charging else { return }
            flush(car: car, now: now, observer: &observer)
            battery[car] = max(battery[car], config.behaviour.chargeTarget)
            changeState(car: car, to: .parked, simulator: &sim)
            schedulePark(car: car, simulator: &sim, departAfter: at[car] == .charger ? lifeDwell(car: car, .charger) : nil)
        case .action:
            break
        }
    }

    func hasBacklog(_ car: Int) -> Bool {
        let base = car * DataCategory.count
        for i in base..<(base + DataCategory.count) where backlog[i] > 0 { return true }
        return false
    }

    /// Sets the state after the caller flushed the flows of the old one, and restarts the flow
    /// tick so that each tick's interval lies in a single state.
    mutating func changeState(car: Int, to new: CarState, simulator sim: inout Simulator<FleetEvent>) {
        state[car] = new
        lastActivity[car] = sim.now.nanoseconds
        tickEpoch[car] &+= 1
        lastTick[car] = sim.now.nanoseconds
        if new != .asleep {
            sim.schedule(FleetEvent(car: UInt32(car), kind: .tick, epoch: tickEpoch[car]), at: sim.now + .nanoseconds(tickNanoseconds))
        }
    }

    /// A stay at `kind`, drawn from the car's life stream.
    mutating func lifeDwell(car: Int, _ kind: DestinationKind) -> Double {
        var rng = generator(car: car, .life)
        defer { store(rng, car: car, .life) }
        return dwell(kind, rng: &rng)
    }

    /// Picks the next destination: a charger when the battery is low, else by the trip mix
    /// (drawn from the car's life stream).
    mutating func chooseDestination(car: Int) -> (point: GeoPoint, kind: DestinationKind) {
        var rng = generator(car: car, .life)
        defer { store(rng, car: car, .life) }
        let b = config.behaviour
        let a = areas[Int(area[car])]
        if battery[car] < b.chargeBelow, let p = a.point(in: a.charger, a.chargerChoice, near: position[car], rng: &rng) { return (p, .charger) }
        let mix = at[car] == .home ? b.fromHome : b.fromElsewhere
        let kinds: [DestinationKind] = [.home, .work, .poi, .charger, .zone]
        let kind = kinds[rng.weightedIndex(mix.values)]
        switch kind {
        case .home: return (home[car], .home)
        case .work: return (work[car], .work)
        case .charger:
            if let p = a.point(in: a.charger, a.chargerChoice, near: position[car], rng: &rng) { return (p, .charger) }
        case .zone where !a.zones.isEmpty:
            return (config.zones[a.zones[rng.index(below: a.zones.count)]].shape.interiorPoint, .zone)
        default: break
        }
        if let p = a.point(in: a.poi, a.poiChoice, near: position[car], rng: &rng) { return (p, .poi) }
        return (at[car] == .home ? work[car] : home[car], at[car] == .home ? .work : .home)
    }

    /// Starts driving from the current position to `destination`; a charging session ends.
    mutating func startTrip<O: FlowObserver>(
        car: Int, to destination: GeoPoint, kind: DestinationKind, simulator sim: inout Simulator<FleetEvent>, observer: inout O
    ) {
        let now = sim.now
        flush(car: car, now: now, observer: &observer)
        if state[car] == .driving {
            // Re-routed mid-trip: settle the energy used so far and start from here.
            battery[car] = batteryLevel(car: car, at: now)
        } else if state[car] == .charging {
            battery[car] = batteryLevel(car: car, at: now)
        }
        let origin = position[car]
        let b = config.behaviour
        let meters = route(car: car, from: origin, to: destination)
        var rng = generator(car: car, .life)
        let kmh = areas[Int(area[car])].config.speedKmh * rng.lognormal(mean: 1, sigma: b.speedSigma)
        store(rng, car: car, .life)
        let seconds = max(60, meters / (kmh / 3.6))
        tripOrigin[car] = origin
        tripDestination[car] = destination
        tripStart[car] = now.nanoseconds
        tripEnd[car] = (now + .seconds(seconds)).nanoseconds
        tripKind[car] = kind
        epoch[car] &+= 1
        changeState(car: car, to: .driving, simulator: &sim)
        sim.schedule(FleetEvent(car: UInt32(car), kind: .arrive, epoch: epoch[car]), at: SimTime(nanoseconds: tripEnd[car]))
    }

    /// Below this straight-line distance a trip stays on local streets (no main road).
    static let localTripMeters = 1500.0
    /// A road route longer than this many times the straight trip (detour included) is not
    /// taken: the local streets are shorter.
    static let longestRoadDetour = 2.0

    /// Plans a trip from `origin` to `destination` and returns its length in metres: along the
    /// area's main roads (local streets to the nearest road node at each end, times the detour
    /// factor, and the shortest road path between), or straight times the detour factor when
    /// the area has no roads, the trip is short, or the roads would be a long way round. Sets
    /// `tripEntry`, `tripExit` and `tripMeters`; `positionOf` and `batteryLevel` follow it.
    mutating func route(car: Int, from origin: GeoPoint, to destination: GeoPoint) -> Double {
        let detour = config.behaviour.detourFactor
        let straight = Geo.distance(origin, destination) * detour
        tripEntry[car] = Self.offRoad
        tripExit[car] = Self.offRoad
        tripMeters[car] = straight
        guard straight >= Self.localTripMeters * detour,
              let r = areas[Int(area[car])].roads.route(from: origin, to: destination, detour: detour),
              r.meters <= straight * Self.longestRoadDetour else { return straight }
        tripEntry[car] = UInt16(r.entry)
        tripExit[car] = UInt16(r.exit)
        tripMeters[car] = r.meters
        return r.meters
    }

    /// Ends a trip at its destination, then parks or starts a charging session.
    mutating func arrive<O: FlowObserver>(car: Int, simulator sim: inout Simulator<FleetEvent>, observer: inout O) {
        let now = sim.now
        flush(car: car, now: now, observer: &observer)
        battery[car] = batteryLevel(car: car, at: now)
        position[car] = tripDestination[car]
        zone[car] = zoneIndex(at: position[car])
        at[car] = tripKind[car]
        let b = config.behaviour
        let charge = at[car] == .charger || (at[car] == .home && battery[car] < b.homeChargeBelow)
        if charge && battery[car] < b.chargeTarget {
            let kw = at[car] == .charger ? b.superchargerKW : b.homeChargerKW
            changeState(car: car, to: .charging, simulator: &sim)
            chargeStart[car] = now.nanoseconds
            chargeKW[car] = Float(kw)
            let hours = (b.chargeTarget - battery[car]) * Double(batteryKWh[car]) / kw
            sim.schedule(FleetEvent(car: UInt32(car), kind: .chargeDone, epoch: epoch[car]), at: now + .seconds(hours * 3600))
            if at[car] == .home { scheduleDeparture(car: car, after: lifeDwell(car: car, .home), simulator: &sim) }
        } else {
            changeState(car: car, to: .parked, simulator: &sim)
            schedulePark(car: car, simulator: &sim, departAfter: lifeDwell(car: car, at[car]))
        }
    }

    /// A parked car: it falls asleep after the idle delay, and leaves after a stay of
    /// `departAfter` seconds of profile time (`departure(area:from:dwell:)`).
    mutating func schedulePark(car: Int, simulator sim: inout Simulator<FleetEvent>, departAfter: Double?) {
        let c = UInt32(car)
        sim.schedule(FleetEvent(car: c, kind: .sleep, epoch: epoch[car]), at: sim.now + .seconds(config.behaviour.sleepAfterSeconds))
        if let departAfter { scheduleDeparture(car: car, after: departAfter, simulator: &sim) }
    }

    /// State of charge at `now`: falling along a trip, rising while charging.
    func batteryLevel(car: Int, at now: SimTime) -> Double {
        let b = config.behaviour
        switch state[car] {
        case .driving:
            let span = Double(tripEnd[car] - tripStart[car])
            let f = span > 0 ? min(max(Double(now.nanoseconds - tripStart[car]) / span, 0), 1) : 1
            let km = tripMeters[car] / 1000 * f
            return max(0.02, battery[car] - km * b.consumptionKWhPerKm / Double(batteryKWh[car]))
        case .charging:
            let hours = Double(now.nanoseconds - chargeStart[car]) / 3.6e12
            return min(max(battery[car], b.chargeTarget), battery[car] + hours * Double(chargeKW[car]) / Double(batteryKWh[car]))
        case .parked, .asleep:
            return battery[car]
        }
    }

    /// Where a car is at `now`: while driving, the point its share of the trip's time has
    /// covered of the trip's length (`route`), along local streets to the road, the road, and
    /// local streets from it; straight for a trip off the roads.
    func positionOf(car: Int, at now: SimTime) -> GeoPoint {
        guard state[car] == .driving else { return position[car] }
        let span = Double(tripEnd[car] - tripStart[car])
        let f = span > 0 ? min(max(Double(now.nanoseconds - tripStart[car]) / span, 0), 1) : 1
        let origin = tripOrigin[car], destination = tripDestination[car]
        guard tripEntry[car] != Self.offRoad else { return Geo.interpolate(origin, destination, f) }
        let route = RoadGraph.Route(entry: Int(tripEntry[car]), exit: Int(tripExit[car]), meters: tripMeters[car])
        return areas[Int(area[car])].roads.point(
            on: route, from: origin, to: destination, detour: config.behaviour.detourFactor, after: route.meters * f)
    }
}
