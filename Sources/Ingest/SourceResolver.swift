import Fleet
import Geography
import Simulation

/// Matches records to the world's cars, services and zones through the inventory.
///
/// A record's car is found by its VIN when it names one (FleetWatch's log), else by the
/// address on the car's side; its service by name (FleetWatch's log), else by the server's
/// address, else by its TLS name. The category is the record's (FleetWatch's log), else the
/// server's in the inventory, else the first category the scenario routes to that service in
/// the car's market, else the first it routes there in any market, else `unknownCategory`.
///
/// What the inventory does not name is not dropped (docs/source.md, "Unmapped records"): a
/// record of no inventory car is a flow of the unknown car of its car's side's address
/// (`RecordedFlow.unknownCar`; the monitor makes it on first sight), and a flow to a server
/// nobody names goes to the unknown service, of the unknown country.
public struct SourceResolver: Sendable {
    var carByAddress: CarTable<UInt32>
    var carByVIN: CarTable<VIN>
    var serverByAddress: [UInt32: (service: UInt16, category: DataCategory?)] = [:]
    var serverByName: [String: (service: UInt16, category: DataCategory?)] = [:]
    var serviceByID: [String: UInt16] = [:]
    var zoneByID: [String: UInt16] = [:]
    var userClassByName: [String: UserClassID] = [:]
    /// Per market index (CN, US) × service: the first category routed to it, if any.
    var routedCategory: [[DataCategory?]]
    /// How many categories the routing sends to each service, by market: more than one, and a
    /// record that names no category cannot say which it carries.
    var routedCount: [[Int]]
    var carMarket: [UInt8]
    /// The unknown service's index (`WorldConfig.unknownServiceIndex`).
    let unknownService: UInt16

    /// The category of a flow to a server nobody names, or to a service the routing sends no
    /// category to, when the record does not name one: a car's traffic to servers nobody
    /// listed is in the main its infotainment's (the browser, streaming), and media carries
    /// nothing a rule reads (no position, no camera image). DECISIONS.md, 2026-12-07.
    public static let unknownCategory = DataCategory.media

    /// The world's cars in inventory order (`FleetWorld(config:recorded:)`), with problems
    /// found while building them (a region not in the scenario, a server's unknown service).
    public struct Build: Sendable {
        public var cars: [RecordedCar]
        public var problems: [(location: SourceLocation, message: String)]
    }

    /// The recorded cars of `inventory` for the scenario `config`; problems name their place.
    public static func cars(_ inventory: Inventory, config: WorldConfig) -> Build {
        var out: [RecordedCar] = []
        var problems: [(SourceLocation, String)] = []
        var seenAddress: [UInt32: SourceLocation] = [:], seenVIN: [VIN: SourceLocation] = [:]
        // A class no region names is a typo more often than a new class: a misspelt `militray`
        // would never be restricted, and no alert would say so.
        let classes = Set(config.regions.flatMap { $0.classMix.map(\.userClass) })
        for car in inventory.cars {
            guard let r = config.regionIndex(car.region) else {
                problems.append((car.location, "region '\(car.region)' is not in the scenario (it has \(config.regions.map(\.id.rawValue).joined(separator: ", ")))"))
                continue
            }
            if let first = seenAddress[car.address.rawValue] {
                problems.append((car.location, "address \(car.address) is already the address of the car at \(first.line):\(first.column)"))
                continue
            }
            if let first = seenVIN[car.vin] {
                problems.append((car.location, "VIN \(car.vin) is already the VIN of the car at \(first.line):\(first.column)"))
                continue
            }
            let region = config.regions[r]
            if let area = car.area, !region.areas.contains(where: { $0.id == area }) {
                problems.append((car.location, "area '\(area)' is not in region '\(region.id)' (it has \(region.areas.map(\.id).joined(separator: ", ")))"))
                continue
            }
            if !classes.contains(car.userClass) {
                problems.append((car.location, "class '\(car.userClass)' is not a class of the scenario (it has \(classes.map(\.rawValue).sorted().joined(separator: ", ")))"))
                continue
            }
            seenAddress[car.address.rawValue] = car.location
            seenVIN[car.vin] = car.location
            let position = car.position ?? region.areas.first(where: { $0.id == car.area })?.bounds.center
                ?? region.areas.first?.bounds.center ?? GeoPoint(latitude: 0, longitude: 0)
            out.append(RecordedCar(
                vin: car.vin, address: car.address, model: car.model, modelYear: car.modelYear, region: r, area: car.area,
                driver: Driver(name: car.driver, romanized: car.romanised, userClass: car.userClass),
                prcLinkedConnectivity: car.prcLinked, position: position, battery: car.battery ?? 0))
        }
        for s in inventory.servers where config.serviceIndex(s.service) == nil {
            problems.append((s.location, "service '\(s.service)' is not in the scenario's services"))
        }
        return Build(cars: out, problems: problems)
    }

    public init(world: FleetWorld, inventory: Inventory) {
        let config = world.config
        carByAddress = CarTable(capacity: world.carCount)
        carByVIN = CarTable(capacity: world.carCount)
        for i in 0..<world.carCount {
            carByAddress[world.address(of: i).rawValue] = UInt32(i)
            carByVIN[world.vin(of: i)] = UInt32(i)
        }
        carMarket = (0..<world.carCount).map { UInt8(world.market(of: $0).index) }
        guard let unknown = config.unknownServiceIndex else {
            preconditionFailure("a resolver of a world without the unknown service (FleetWorld(config:recorded:) adds it)")
        }
        unknownService = UInt16(unknown)
        for (i, s) in config.services.enumerated() {
            serviceByID[s.id.rawValue] = UInt16(i)
            // The unknown service has no address or name of its own: only its id (a log of a
            // source run, read back) finds it.
            guard i != unknown else { continue }
            serverByAddress[s.address.rawValue] = (UInt16(i), nil)
            serverByName[s.serverName.lowercased()] = (UInt16(i), nil)
        }
        for s in inventory.servers {
            guard let i = config.serviceIndex(s.service) else { continue }
            if let a = s.address { serverByAddress[a.rawValue] = (UInt16(i), s.category) }
            if let n = s.serverName { serverByName[n.lowercased()] = (UInt16(i), s.category) }
        }
        for (i, z) in config.zones.enumerated() { zoneByID[z.id.rawValue] = UInt16(i) }
        routedCategory = Market.allCases.map { m in
            config.services.map { s in DataCategory.allCases.first { config.routing.service(for: $0, market: m) == s.id } }
        }
        routedCount = Market.allCases.map { m in
            config.services.map { s in DataCategory.allCases.count { config.routing.service(for: $0, market: m) == s.id } }
        }
        // A car of no known market may be of either: as many categories as either routes.
        routedCount[Market.unknown.index] = config.services.indices.map { i in Market.known.map { routedCount[$0.index][i] }.max() ?? 0 }
        // A third-party app's server carries the car's Fleet Telemetry (RegionConfig's
        // ThirdPartyTelemetry), which the routing does not name.
        for region in config.regions {
            for app in region.thirdPartyTelemetry {
                guard let i = config.serviceIndex(app.service) else { continue }
                let m = region.market.index
                if routedCategory[m][i] == nil { routedCategory[m][i] = .telemetry }
            }
        }
        let anyMarket = config.services.indices.map { i in routedCategory.lazy.compactMap { $0[i] }.first }
        for m in routedCategory.indices { for i in anyMarket.indices where routedCategory[m][i] == nil { routedCategory[m][i] = anyMarket[i] } }
    }

    /// What of a record the inventory and the scenario do not name: it is counted, as unknown.
    public enum Unmapped: Hashable, Sendable {
        /// Neither address is a car of the inventory (nor its VIN): an unknown car's flow.
        case car(IPv4Address?)
        /// The car is known; the server (service name, address, TLS name) is not: a flow to
        /// the unknown service.
        case server(String)
    }

    /// The flows of one record (two for a Zeek connection with bytes both ways), at times
    /// relative to the run's start (`offset` nanoseconds subtracted), appended to `out`; and
    /// what of it is unknown, if anything.
    ///
    /// `guessed` is set when the category is the first of several the routing sends to the
    /// server's service, or when nothing routes one there (nothing in the record or the
    /// inventory says which).
    public func resolve(_ raw: RawFlow, offset: Int64, serverName: String?, into out: inout [RecordedFlow], guessed: inout Bool) -> Unmapped? {
        // The car's side.
        var car: UInt32?
        var up = true
        if let vin = raw.vin, let c = carByVIN[vin] {
            car = c
            up = raw.direction.map { $0 == .up } ?? (raw.source.map { carByAddress[$0.rawValue] == c } ?? true)
        } else if let s = raw.source, let c = carByAddress[s.rawValue] {
            car = c
            up = raw.direction.map { $0 == .up } ?? true
        } else if let d = raw.destination, let c = carByAddress[d.rawValue] {
            car = c
            up = raw.direction.map { $0 == .up } ?? false
        } else {
            // No car of the inventory: the car is the side that is not a known server, the
            // source when neither is (it sent the record's bytes).
            up = raw.direction.map { $0 == .up } ?? !(raw.source.map { serverByAddress[$0.rawValue] != nil } ?? false)
        }
        let unknownCar = car == nil ? ((up ? raw.source : raw.destination) ?? IPv4Address(rawValue: 0)) : nil
        let server = up ? raw.destination : raw.source
        var service: UInt16?, category = raw.category
        if let id = raw.service, let s = serviceByID[id] {
            service = s
        } else if let a = server, let s = serverByAddress[a.rawValue] {
            service = s.service
            category = category ?? s.category
        } else if let name = (raw.serverName ?? serverName)?.lowercased(), let s = serverByName[name] {
            service = s.service
            category = category ?? s.category
        }
        let target = service ?? unknownService
        var unmapped: Unmapped?
        if unknownCar != nil {
            unmapped = .car(raw.source ?? raw.destination)
        } else if target == unknownService {
            // Named by no one, or by its id in the log of a source run read back: unknown either way.
            unmapped = .server(raw.service ?? (raw.serverName ?? serverName) ?? server?.description ?? "no address")
        }
        let market = car.map { Int(carMarket[Int($0)]) } ?? Market.unknown.index
        if category == nil, target != unknownService {
            if routedCount[market][Int(target)] > 1 || routedCategory[market][Int(target)] == nil { guessed = true }
            category = routedCategory[market][Int(target)]
        }
        let flowCategory = category ?? Self.unknownCategory
        let position = (raw.latitude).flatMap { lat in raw.longitude.map { GeoPoint(latitude: lat, longitude: $0) } }
        let zone = raw.zone.flatMap { zoneByID[$0] }
        let userClass = raw.userClass.map { UserClassID(rawValue: $0) }
        let sampling = raw.samplingRate
        let start = SimTime(nanoseconds: raw.start - offset), end = SimTime(nanoseconds: raw.end - offset)
        func flow(_ direction: Direction, _ bytes: UInt64, _ packets: UInt64) {
            let scaled = bytes.multipliedReportingOverflow(by: sampling)
            let p = packets.multipliedReportingOverflow(by: sampling)
            out.append(RecordedFlow(record: FlowRecord(
                start: start, end: end, vehicle: car ?? 0, category: flowCategory, direction: direction,
                bytes: scaled.overflow ? .max : scaled.partialValue,
                packets: UInt32(clamping: p.overflow ? UInt64.max : p.partialValue),
                service: target, port: up ? raw.destinationPort : raw.sourcePort,
                position: position ?? GeoPoint(latitude: .nan, longitude: .nan), zone: zone), userClass: userClass,
                unknownCar: unknownCar))
        }
        if raw.bytes > 0 || raw.replyBytes == 0 { flow(up ? .up : .down, raw.bytes, raw.packets) }
        if raw.replyBytes > 0 { flow(up ? .down : .up, raw.replyBytes, raw.replyPackets) }
        return unmapped
    }
}
