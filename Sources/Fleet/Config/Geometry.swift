#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Simulation

/// A latitude/longitude rectangle (it never crosses the antimeridian in our regions).
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

    public func contains(_ other: GeoBox) -> Bool {
        other.south >= south && other.north <= north && other.west >= west && other.east <= east
    }

    /// Whether the corners are ordered and within the globe.
    var isWellFormed: Bool {
        south.isFinite && north.isFinite && west.isFinite && east.isFinite
            && south >= -90 && north <= 90 && west >= -180 && east <= 180 && south <= north && west <= east
    }

    /// A uniformly drawn point (two generator outputs).
    func randomPoint(using rng: inout SeededGenerator) -> GeoPoint {
        let lat = south + (north - south) * rng.uniform()
        let lon = west + (east - west) * rng.uniform()
        return GeoPoint(latitude: lat, longitude: lon)
    }
}

/// Plane approximations good to well under 1 % at city scale, and cheap enough for the hot path.
public enum Geo {
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
}
