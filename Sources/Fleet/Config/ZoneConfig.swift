#if canImport(Glibc)
import Geography
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What makes a zone sensitive (DOMAIN.md, CN-2, CN-11, US-1). Policies decide what it implies.
public enum ZoneKind: String, CaseIterable, Hashable, Sendable, Codable {
    case governmentOrgan = "government-organ"
    case defenceIndustry = "defence-industry"
    case militaryZone = "military-zone"
    case seasonal
    case usGovernmentSite = "us-government-site"
}

/// A zone's outline: a circle or a simple polygon (vertices in order, not closed).
public enum ZoneShape: Hashable, Sendable, Codable {
    case circle(center: GeoPoint, radiusMeters: Double)
    case polygon([GeoPoint])

    /// A box around the shape, for a cheap first test.
    public var bounds: GeoBox {
        switch self {
        case let .circle(center, radius):
            return GeoBox(center: center, radiusMeters: radius)
        case let .polygon(points):
            var box = GeoBox(south: 90, north: -90, west: 180, east: -180)
            for p in points {
                box.south = min(box.south, p.latitude)
                box.north = max(box.north, p.latitude)
                box.west = min(box.west, p.longitude)
                box.east = max(box.east, p.longitude)
            }
            return box
        }
    }

    /// A point inside the shape: the centre of a circle, the vertex average of a polygon
    /// (inside for the convex polygons we use; `validate()` checks it).
    public var interiorPoint: GeoPoint {
        switch self {
        case let .circle(center, _):
            return center
        case let .polygon(points):
            let n = Double(max(points.count, 1))
            return GeoPoint(latitude: points.reduce(0) { $0 + $1.latitude } / n,
                            longitude: points.reduce(0) { $0 + $1.longitude } / n)
        }
    }

    /// The area in square metres (plane approximation; polygons by the shoelace formula): what
    /// "most specific" means when zones overlap.
    public var areaSquareMeters: Double {
        switch self {
        case let .circle(_, radius):
            return .pi * radius * radius
        case let .polygon(v):
            guard v.count >= 3 else { return 0 }
            let lat0 = v.reduce(0) { $0 + $1.latitude } / Double(v.count) * .pi / 180
            let ky = Geo.metersPerDegreeLatitude, kx = ky * cos(lat0)
            var twice = 0.0
            var j = v.count - 1
            for i in 0..<v.count {
                twice += (v[j].longitude * kx) * (v[i].latitude * ky) - (v[i].longitude * kx) * (v[j].latitude * ky)
                j = i
            }
            return abs(twice) / 2
        }
    }

    /// Whether `p` is inside (circle by plane distance; polygon by ray casting).
    public func contains(_ p: GeoPoint) -> Bool {
        switch self {
        case let .circle(center, radius):
            return Geo.distance(center, p) <= radius
        case let .polygon(v):
            var inside = false
            var j = v.count - 1
            for i in 0..<v.count {
                let a = v[i], b = v[j]
                if (a.latitude > p.latitude) != (b.latitude > p.latitude) {
                    let x = a.longitude + (p.latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                    if p.longitude < x { inside.toggle() }
                }
                j = i
            }
            return inside
        }
    }
}

/// A yearly window, both ends included (Beidaihe: 1 July to 31 August).
public struct SeasonWindow: Hashable, Sendable, Codable {
    public var startMonth: Int
    public var startDay: Int
    public var endMonth: Int
    public var endDay: Int

    public init(startMonth: Int, startDay: Int, endMonth: Int, endDay: Int) {
        self.startMonth = startMonth
        self.startDay = startDay
        self.endMonth = endMonth
        self.endDay = endDay
    }

    /// Whether month/day falls in the window (windows may wrap over the new year).
    public func contains(month: Int, day: Int) -> Bool {
        let x = month * 100 + day, a = startMonth * 100 + startDay, b = endMonth * 100 + endDay
        return a <= b ? (x >= a && x <= b) : (x >= a || x <= b)
    }
}

/// A sensitive zone. The world reports which zone each car is in; policies judge it.
public struct ZoneConfig: Hashable, Sendable, Codable {
    public var id: ZoneID
    public var name: String
    public var kind: ZoneKind
    public var country: Country
    public var shape: ZoneShape
    /// When set, the zone is only sensitive inside this window (see `FleetWorld.isZoneActive`).
    public var season: SeasonWindow?

    public init(id: ZoneID, name: String, kind: ZoneKind, country: Country, shape: ZoneShape, season: SeasonWindow? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.country = country
        self.shape = shape
        self.season = season
    }
}
