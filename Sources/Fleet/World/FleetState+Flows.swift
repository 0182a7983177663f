#if canImport(Glibc)
import Geography
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulation

extension FleetState {
    static let telemetryIndexValue = DataCategory.telemetry.index

    /// Emits the flows a car produced since its last tick, all in its current state.
    ///
    /// Per category, the flows of the interval are a Poisson count (telemetry's a rounded
    /// expectation, see `TelemetryConfig`); their total size is drawn
    /// as `n · mean · lognormal(1, σ/√n)` (the sum of n lognormal sizes, with the exact mean and
    /// a spread that narrows as n grows) and joins the category's backlog. The backlog drains
    /// at the category's throughput, as one record per direction per tick: that is how a
    /// telemetry stream of ~1 record/s becomes one record per car per 10 s, and a 1 GB update
    /// a series of 10-second records at 3 MB/s. The record's position and zone are the car's
    /// at the start of the interval (its last reported fix).
    mutating func flush<O: FlowObserver>(car: Int, now: SimTime, observer: inout O) {
        let start = lastTick[car]
        let dtNs = now.nanoseconds - start
        guard dtNs > 0 else { return }
        updateZoneSeasons(at: now)
        let dt = Double(dtNs) * 1e-9
        let s = state[car]
        secondsInState[Int(s.rawValue)] += dt
        let startPosition = position[car], startZone = zone[car]
        if s == .driving {
            let p = positionOf(car: car, at: now)
            position[car] = p
            zone[car] = zoneTable.zone(at: p)
        }
        lastTick[car] = now.nanoseconds
        var rng = generator(car: car, .flows)
        defer { store(rng, car: car, .flows) }
        let n = DataCategory.count
        let telemetryIndex = Self.telemetryIndexValue
        let row = Int(s.rawValue) * n
        let base = car * n
        for c in 0..<n {
            let l = lambda[row + c]
            if l > 0 {
                // Telemetry records come on the car's one-second grid, not in bursts: their count
                // is the expectation rounded up or down at random (exact in expectation, spread
                // under one record); other categories' flows are a Poisson process.
                let k = c == telemetryIndex ? Int(l * dt + rng.uniform()) : rng.poisson(mean: l * dt)
                if k > 0 {
                    let sig = sigma[row + c] / Double(k).squareRoot()
                    let size = Double(k) * meanBytes[row + c] * (sig > 0 ? rng.lognormal(mean: 1, sigma: sig) : 1)
                    backlog[base + c] &+= UInt64(max(1, size.rounded()))
                }
            }
            let pending = backlog[base + c]
            guard pending > 0 else { continue }
            let capacity = UInt64(min(throughput[c] * dt, 1e18))
            let sent = min(pending, max(capacity, 1))
            backlog[base + c] = pending - sent
            let up = UInt64((Double(sent) * upShare[c]).rounded())
            let category = DataCategory.byIndex[c]
            let t0 = SimTime(nanoseconds: start)
            if up > 0 {
                emit(car: car, category: category, direction: .up, bytes: up, start: t0, end: now,
                     position: startPosition, zone: startZone, observer: &observer)
                // The same stream goes to the owner's third-party app, if any (`ThirdPartyTelemetry`).
                if c == telemetryIndex, appService[car] != Self.noApp {
                    emit(car: car, category: category, direction: .up, bytes: up, start: t0, end: now,
                         position: startPosition, zone: startZone, service: Int(appService[car]), observer: &observer)
                }
            }
            if sent > up {
                emit(car: car, category: category, direction: .down, bytes: sent - up, start: t0, end: now,
                     position: startPosition, zone: startZone, observer: &observer)
            }
        }
    }

    /// Builds one record, counts it (meters, aggregates, recent ring) and hands it on.
    mutating func emit<O: FlowObserver>(
        car: Int, category: DataCategory, direction: Direction, bytes: UInt64, start: SimTime, end: SimTime,
        position: GeoPoint, zone: UInt16, service explicitService: Int? = nil, observer: inout O
    ) {
        let m = Int(market[car])
        let service = explicitService ?? Int(route[m * DataCategory.count + category.index])
        let packets = UInt32(min(Double(UInt32.max), max(1, (Double(bytes) / packetBytes[category.index]).rounded(.up))))
        let record = FlowRecord(
            start: start, end: end, vehicle: UInt32(car), category: category, direction: direction, bytes: bytes,
            packets: packets, service: UInt16(service), port: servicePort[service], position: position,
            zone: zone == Self.noZone ? nil : zone)
        tally(record, car: car, service: service, observer: &observer)
    }

    /// Counts one record (meters, aggregates, the recent ring) and hands it to the observer with
    /// the car's context: the one path of every flow, simulated or recorded.
    @inline(__always)
    mutating func tally<O: FlowObserver>(_ record: FlowRecord, car: Int, service: Int, observer: inout O) {
        let m = Int(market[car])
        meters.record(record)
        let region = areas[Int(area[car])].region
        let userClass = Int(driverClass[car])
        aggregates.add(record, region: region, country: serviceCountry[service], userClass: userClass)
        let capacity = config.meters.recentFlows
        if capacity > 0 {
            if recent.count >= capacity { recent.removeFirst() }
            recent.append(record)
        }
        flowsEmitted &+= 1
        let context = FlowContext(
            market: Market(index: m), region: region, userClass: userClasses[userClass],
            destinationCountry: countries[serviceCountry[service]], vin: vin[car], modelYear: Int(modelYear[car]),
            prcLinkedConnectivity: prcLinked[car], address: IPv4Address.car(car, recorded: addresses), userClassIndex: userClass)
        observer.observe(record, context: context)
    }
}
