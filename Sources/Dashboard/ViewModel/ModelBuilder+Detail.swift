import Fleet
import Geography
import Simulation

extension ModelBuilder {
    /// The detail of one car: identity, trip, rates at three windows, the category × destination
    /// matrix and the car's alerts.
    public func vehicleDetail(world: FleetWorld, row: VehicleRow, alerts: [AlertRow]) -> VehicleDetail {
        let car = world.car(row.index)
        let config = world.config
        let m = car.meter
        var destinations: [VehicleDetail.Destination] = []
        var columnOf: [UInt16: Int] = [:]
        for pair in m.byCategoryAndService where columnOf[pair.service] == nil {
            columnOf[pair.service] = destinations.count
            if Int(pair.service) < config.services.count {
                let s = config.services[Int(pair.service)]
                // The unknown server has no address: the records' were not one anybody named.
                let address = s.country == .unknown ? "" : s.address.description
                destinations.append(.init(service: s.id, name: s.name, server: s.serverName, address: address, country: s.country))
            } else {
                destinations.append(.init(service: "other", name: "other destinations", server: "", address: "", country: Country("--")))
            }
        }
        var matrix = Array(repeating: Array(repeating: UInt64(0), count: destinations.count), count: DataCategory.count)
        for pair in m.byCategoryAndService {
            guard let column = columnOf[pair.service], let category = pair.category else { continue }
            matrix[category.index][column] &+= pair.bytes
        }
        // The overflow slot keeps no category: its bytes are each category's total less what the
        // named destinations hold, so every row adds up to the category's total.
        if let other = columnOf[MeterBank.otherService], row.categoryBytes.count == DataCategory.count {
            for c in 0..<DataCategory.count {
                let named = matrix[c].reduce(UInt64(0), &+) &- matrix[c][other]
                matrix[c][other] = row.categoryBytes[c] >= named ? row.categoryBytes[c] - named : 0
            }
        }
        let zone = world.area(of: row.index).timeZone
        var trip: String?
        if row.isUnknown {
            trip = nil  // records say nothing of where an unknown car goes
        } else if let t = car.trip {
            let percent = Int((t.progress * 100).rounded())
            trip = "to \(Self.placeName(t.kind)), \(percent) % done, arrives \(world.calendar.local(zone, at: t.arrival).clock)"
        } else {
            trip = "at \(Self.placeName(car.place))"
        }
        let zoneName = car.zone.flatMap { id in config.zones.first { $0.id == id }?.name }
        return VehicleDetail(
            row: row, modelYear: car.modelYear, position: car.position, battery: car.battery, address: car.address.description,
            trip: trip, zone: car.zone, zoneName: zoneName, destinations: destinations, matrix: matrix,
            upRates: [m.up.twoSeconds, m.up.tenSeconds, m.up.fortySeconds],
            downRates: [m.down.twoSeconds, m.down.tenSeconds, m.down.fortySeconds], windowSeconds: MeterBank.windows,
            peakRate: max(m.peakUp, m.peakDown), upBytes: m.totalUp, downBytes: m.totalDown, alerts: alerts,
            localTime: row.isUnknown ? nil : world.localTime(of: row.index), timeZone: row.isUnknown ? nil : zone.name)
    }

    /// Every car's detail in fleet order, for the JSON export.
    public func allDetails(world: FleetWorld, model: DashboardModel) -> [VehicleDetail] {
        let detail = details(world: world, model: model)
        return model.vehicles.indices.map(detail)
    }

    /// The detail of the car of each row of `model` (a model of every car), made when asked
    /// for: `detail(i)` is `allDetails(world:model:)[i]`.
    public func details(world: FleetWorld, model: DashboardModel) -> @Sendable (Int) -> VehicleDetail {
        var alertsByCar: [Int: [AlertRow]] = [:]
        for a in model.alerts { alertsByCar[a.vehicle, default: []].append(a) }
        let rows = model.vehicles, builder = self
        return { [alertsByCar] i in builder.vehicleDetail(world: world, row: rows[i], alerts: alertsByCar[rows[i].index] ?? []) }
    }

    static func placeName(_ kind: DestinationKind) -> String {
        switch kind {
        case .home: "home"
        case .work: "work"
        case .poi: "a point of interest"
        case .charger: "a charger"
        case .zone: "a sensitive zone"
        case .scripted: "a scripted destination"
        }
    }

    /// The map: Shanghai as one box, and each US metro as its own box when a region's areas are
    /// far apart (the Bay Area and Austin are 2,400 km apart: one box would show two dots).
    /// `dots` are the cars in fleet order (none when the map is not shown); `basemap`: with the
    /// basemap's lines and masks of each box (only when the map is drawn or exported).
    func mapModel(world: FleetWorld, dots: [FleetScan.Dot], basemap withBasemap: Bool = true) -> MapModel {
        let config = world.config
        var dotsByRegion = Array(repeating: [MapCar](), count: config.regions.count)
        for d in dots { dotsByRegion[d.region].append(d.car) }
        var regions: [MapRegion] = []
        // Unknown cars have no place on a map.
        for (ri, region) in config.regions.enumerated() where region.market != .unknown {
            let boxes = region.areas.map(\.bounds)
            guard let first = boxes.first else { continue }
            var union = first
            for b in boxes.dropFirst() { union = Self.union(union, b) }
            let spread = max(union.north - union.south, union.east - union.west)
            let parts: [(String, String, GeoBox, [PlaceConfig])] = spread > 4 && region.areas.count > 1
                ? region.areas.map { ("\(region.id.rawValue)/\($0.id)", $0.name, $0.bounds, $0.places) }
                : [(region.id.rawValue, region.name, union, region.areas.flatMap(\.places))]
            for (id, name, box, places) in parts {
                let zones = config.zones.enumerated().compactMap { zi, z -> MapZone? in
                    guard z.shape.bounds.intersects(box) else { return nil }
                    let shape: MapZone.Shape = switch z.shape {
                    case .circle(let c, let r): .circle(center: c, radiusKm: r / 1000)
                    case .polygon(let p): .polygon(p)
                    }
                    return MapZone(id: z.id, name: z.name, shape: shape, active: world.isZoneActive(zi, at: world.now))
                }
                let landmarks = places.filter { $0.kind == .factory || $0.kind == .airport }.map { p in
                    MapLandmark(name: p.name, position: GeoPoint(
                        latitude: (p.bounds.south + p.bounds.north) / 2, longitude: (p.bounds.west + p.bounds.east) / 2))
                }
                let cars = dotsByRegion[ri].filter { c in
                    let p = c.position
                    return p.latitude >= box.south && p.latitude <= box.north && p.longitude >= box.west && p.longitude <= box.east
                }
                var mapRegion = MapRegion(
                    id: RegionID(rawValue: id), name: name, south: box.south, north: box.north, west: box.west, east: box.east,
                    zones: zones, landmarks: landmarks, cars: cars)
                // Parsed once (`Basemap.builtIn`); each frame only picks the lines and masks of the box.
                if withBasemap {
                    // The masks over the box, and the lines of all they cover: the map may show
                    // the geography round the region where its panel is wider than the box.
                    mapRegion.masks = Basemap.builtIn.part(touching: box).masks
                    mapRegion.lines = Basemap.builtIn.lines(touching: mapRegion.masks.reduce(box) { Self.union($0, $1.box) })
                }
                regions.append(mapRegion)
            }
        }
        return MapModel(regions: regions)
    }

    static func union(_ a: GeoBox, _ b: GeoBox) -> GeoBox {
        GeoBox(south: min(a.south, b.south), north: max(a.north, b.north), west: min(a.west, b.west), east: max(a.east, b.east))
    }
}
