import Simulation
extension FleetMonitor {
    /// Applies one fleet entry of the timeline now: resolves cars (index or VIN), fills what the
    /// file left out (the routed service of an injected flow, a new driver's class) and hands
    /// the resulting `FleetAction`s to the world. Failures are recorded, not thrown: a demo
    /// goes on when one step cannot be played.
    mutating func apply<S: FlowSink>(_ entry: TimelineEntry, observer: inout MonitorObserver<S>) {
        if case let .setPolicies(change) = entry.action {
            observer.core.apply(change)
            observer.sink.pointee.policiesChanged(observer.core.engine.policies)
            return
        }
        do throws(FleetActionError) {
            for action in try resolve(entry.action) {
                try world.apply(action, observer: &observer)
                if case let .assignDriver(car, _) = action {
                    observer.core.book.ledger?.driverChanged(
                        car: car, market: world.market(of: car), at: world.now, flowsBefore: observer.core.flowsSeen)
                }
            }
            if case let .setZones(change) = entry.action {
                // The world took the change (its check passed): the monitor judges by it too.
                observer.core.apply(change, zones: world.config.zones, at: world.now)
            }
            if case let .addCars(count, _, userClass?) = entry.action {
                // The new cars are the last `count`; give them the class the entry asks for.
                for car in (world.carCount - count)..<world.carCount {
                    try world.apply(.assignClass(car: car, userClass), observer: &observer)
                }
            }
        } catch {
            timelineFailures.append(TimelineFailure(entry: entry, reason: error.reason))
        }
    }

    /// The fleet actions for a scripted action, given the world as it is now.
    func resolve(_ action: ScriptedAction) throws(FleetActionError) -> [FleetAction] {
        func fail(_ reason: String) -> FleetActionError { FleetActionError(action: action.name, reason: reason) }
        switch action {
        case let .setRouting(market, category, service):
            return [.route(category, market: market, to: service)]
        case let .assignClass(car, userClass):
            return [.assignClass(car: try index(of: car), userClass)]
        case let .assignDriver(car, name, romanized, userClass):
            let c = try index(of: car)
            return [.assignDriver(car: c, Driver(name: name, romanized: romanized, userClass: userClass ?? world.userClass(of: c)))]
        case let .trip(car, target):
            return [.sendCar(car: try index(of: car), to: target)]
        case let .injectFlow(car, category, direction, bytes, service, duration):
            let c = try index(of: car)
            guard let to = service ?? world.config.routing.service(for: category, market: world.market(of: c)) else {
                throw fail("no service routed for \(category.rawValue) in market \(world.market(of: c).rawValue)")
            }
            return [.upload(car: c, category: category, direction: direction, bytes: bytes, service: to, seconds: duration?.seconds)]
        case let .addCars(count, region, _):
            return [.addCars(region: region, count: count)]
        case let .setZones(change):
            return [.changeZones(change)]
        case let .setClassMix(region, classes):
            return [.setClassMix(region: region, classes)]
        case let .setApps(region, apps):
            return [.setApps(region: region, apps)]
        case let .removeCars(count, region):
            let r = region.flatMap { world.config.regionIndex($0) }
            if let region, r == nil { throw fail("no region '\(region)' in regions") }
            // The most recently added active cars go first: a demo removes what it added. An
            // unknown car of a source run is not the fleet's to remove.
            var cars: [Int] = []
            var c = world.carCount - 1
            while c >= 0, cars.count < count {
                if world.isActive(c), !world.isUnknown(c), r.map({ world.regionIndex(of: c) == $0 }) ?? true { cars.append(c) }
                c -= 1
            }
            guard cars.count == count else {
                throw fail("only \(cars.count) active cars\(region.map { " in \($0)" } ?? ""), \(count) to remove")
            }
            return cars.map { .removeCar(car: $0) }
        case .setSpeed, .view, .caption, .chapter, .highlight, .setPolicies, .showWhatIf:
            return []
        }
    }

    /// A car's index: an index must be below the fleet's size now, a VIN must be in the fleet.
    func index(of car: CarReference) throws(FleetActionError) -> Int {
        switch car {
        case let .index(i):
            guard i >= 0, i < world.carCount else {
                throw FleetActionError(action: "car \(i)", reason: "no car \(i) (the fleet has \(world.carCount))")
            }
            return i
        case let .vin(vin):
            for c in 0..<world.carCount where world.vin(of: c) == vin { return c }
            throw FleetActionError(action: "car \(vin)", reason: "no car with VIN \(vin) in the fleet")
        }
    }
}

extension FleetMonitor {
    /// Applies the timeline's entries due before `bound` (`through`: at or before it), each
    /// after the world has run to its time: the one order of scripted actions among events, for
    /// simulated runs (`run`: before its bound, as the world's own events) and recorded flows
    /// (`ingest`: through a flow's end, so an entry at a flow's time comes before the flow, as
    /// it comes before the world's events at that time).
    mutating func applyTimeline<S: FlowSink>(through bound: SimTime, observer: inout MonitorObserver<S>) {
        applyTimeline(upTo: bound, including: true, observer: &observer)
    }

    mutating func applyTimeline<S: FlowSink>(before bound: SimTime, observer: inout MonitorObserver<S>) {
        applyTimeline(upTo: bound, including: false, observer: &observer)
    }

    private mutating func applyTimeline<S: FlowSink>(upTo bound: SimTime, including: Bool, observer: inout MonitorObserver<S>) {
        while nextEntry < fleetTimeline.count, SimTime.zero + fleetTimeline[nextEntry].at < bound
                || including && SimTime.zero + fleetTimeline[nextEntry].at == bound {
            let entry = fleetTimeline[nextEntry]
            let time = max(SimTime.zero + entry.at, world.now)
            world.run(until: time, observer: &observer)
            fillNames(&observer.core)
            apply(entry, observer: &observer)
            nextEntry += 1
        }
    }
}
