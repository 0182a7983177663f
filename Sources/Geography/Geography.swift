#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A position in degrees (WGS 84). The one geographic point type: the fleet's positions, zones
/// and places, and the map canvas that draws them.
public struct GeoPoint: Hashable, Sendable, Codable {
    public var latitude: Double
    public var longitude: Double
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// A latitude/longitude rectangle (it never crosses the antimeridian in our regions): a region's
/// or a place's area, and the part of the map a canvas shows.
///
/// Convex, so a straight line between two points inside stays inside: that is why trips, which
/// move along straight lines, never leave their area.
public struct GeoBox: Hashable, Sendable, Codable {
    public var south: Double
    public var north: Double
    public var west: Double
    public var east: Double

    public init(south: Double, north: Double, west: Double, east: Double) {
        self.south = south
        self.north = north
        self.west = west
        self.east = east
    }

    /// A square box of `radiusMeters` around `center` (approximately).
    public init(center: GeoPoint, radiusMeters: Double) {
        let dLat = radiusMeters / Geo.metersPerDegreeLatitude
        let dLon = dLat / max(cos(center.latitude * .pi / 180), 0.01)
        self.init(south: center.latitude - dLat, north: center.latitude + dLat,
                  west: center.longitude - dLon, east: center.longitude + dLon)
    }

    public var center: GeoPoint { GeoPoint(latitude: (south + north) / 2, longitude: (west + east) / 2) }

    @inlinable public func contains(_ p: GeoPoint) -> Bool {
        p.latitude >= south && p.latitude <= north && p.longitude >= west && p.longitude <= east
    }

    /// Whether the two boxes share a point (edges included).
    public func intersects(_ other: GeoBox) -> Bool {
        other.south <= north && other.north >= south && other.west <= east && other.east >= west
    }

    public func contains(_ other: GeoBox) -> Bool {
        other.south >= south && other.north <= north && other.west >= west && other.east <= east
    }

    /// Whether the corners are ordered and within the globe.
    public var isWellFormed: Bool {
        south.isFinite && north.isFinite && west.isFinite && east.isFinite
            && south >= -90 && north <= 90 && west >= -180 && east <= 180 && south <= north && west <= east
    }
}

/// Plane approximations good to well under 1 % at city scale, and cheap enough for the hot path.
public enum Geo {
    /// Metres in a degree of latitude (a sphere of the Earth's mean radius, 6 371 km): the one
    /// figure the fleet's geofences and the map's drawn circles both use.
    public static let metersPerDegreeLatitude = 111_195.0

    /// Equirectangular distance in metres.
    @inlinable public static func distance(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let meanLat = (a.latitude + b.latitude) * 0.5 * .pi / 180
        let dy = (b.latitude - a.latitude) * metersPerDegreeLatitude
        let dx = (b.longitude - a.longitude) * metersPerDegreeLatitude * cos(meanLat)
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The point a fraction `f` of the way from `a` to `b`.
    @inlinable public static func interpolate(_ a: GeoPoint, _ b: GeoPoint, _ f: Double) -> GeoPoint {
        GeoPoint(latitude: a.latitude + (b.latitude - a.latitude) * f,
                 longitude: a.longitude + (b.longitude - a.longitude) * f)
    }

    /// The fraction along the segment ab of its point nearest `p`, and that point's distance in
    /// metres (the plane at a's latitude: fine within a city).
    public static func nearest(to p: GeoPoint, onSegment a: GeoPoint, _ b: GeoPoint) -> (fraction: Double, meters: Double) {
        let k = portableCosine(a.latitude * .pi / 180)
        let dx = (b.longitude - a.longitude) * k, dy = b.latitude - a.latitude
        let px = (p.longitude - a.longitude) * k, py = p.latitude - a.latitude
        let length2 = dx * dx + dy * dy
        let f = length2 > 0 ? min(1, max(0, (px * dx + py * dy) / length2)) : 0
        return (f, distance(p, interpolate(a, b, f)))
    }

    /// cos of an angle in radians (clamped to ±π/2: latitudes) by its Taylor series to x¹⁴,
    /// with plain arithmetic: libm's last bits differ between platforms, and the map must give
    /// the same dots everywhere. Good to 1e-11 over the range.
    public static func portableCosine(_ x: Double) -> Double {
        let a = min(Double.pi / 2, abs(x))
        let x2 = a * a
        var term = 1.0, sum = 1.0
        for k in stride(from: 2, through: 14, by: 2) {
            term *= -x2 / Double((k - 1) * k)
            sum += term
        }
        return sum
    }

    /// Degrees of latitude and of longitude that `meters` span at `latitude` (for drawing: the
    /// portable cosine, never below 0.01 near the poles).
    public static func degrees(meters: Double, atLatitude latitude: Double) -> (latitude: Double, longitude: Double) {
        let dLat = meters / metersPerDegreeLatitude
        return (dLat, dLat / max(0.01, portableCosine(latitude * .pi / 180)))
    }
}
