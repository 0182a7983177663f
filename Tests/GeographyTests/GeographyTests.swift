import Foundation
import Geography
import Testing

/// The one geography: the fleet's geofences and the map's drawn circles use the same figures.
@Suite struct GeographyTests {
    @Test func portableCosineIsAccurate() {
        #expect(abs(Geo.portableCosine(0) - 1) < 1e-12)
        #expect(abs(Geo.portableCosine(.pi / 3) - 0.5) < 1e-9)
        #expect(abs(Geo.portableCosine(.pi / 2)) < 1e-8)
        for i in 0...90 {
            let x = Double(i) * .pi / 180
            #expect(abs(Geo.portableCosine(x) - cos(x)) < 1e-9, "\(i)°")
        }
    }

    /// A circle drawn `r` around a place spans the box the fleet uses for a geofence of `r`
    /// (issue 13: the map drew with 111.32 km a degree, the fleet decided with 111.195).
    @Test(arguments: [0.0, 22.5, 31.23, 37.77, 60])
    func drawnSpanIsTheGeofenceSpan(latitude: Double) {
        let centre = GeoPoint(latitude: latitude, longitude: 121.47)
        let box = GeoBox(center: centre, radiusMeters: 1500)
        let (dLat, dLon) = Geo.degrees(meters: 1500, atLatitude: latitude)
        #expect(abs((box.north - latitude) - dLat) < 1e-12)
        #expect(abs((box.east - centre.longitude) - dLon) < 1e-9 * dLon)
        // And the span is the distance the fleet measures.
        #expect(abs(Geo.distance(centre, GeoPoint(latitude: latitude + dLat, longitude: centre.longitude)) - 1500) < 1e-6)
    }

    @Test func boxesContainAndInterpolate() {
        let box = GeoBox(south: 31, north: 31.5, west: 121, east: 122)
        #expect(box.isWellFormed && box.contains(box.center))
        #expect(!GeoBox(south: 1, north: 0, west: 0, east: 1).isWellFormed)
        #expect(box.contains(GeoBox(center: box.center, radiusMeters: 1000)))
        let a = GeoPoint(latitude: 31, longitude: 121), b = GeoPoint(latitude: 31.5, longitude: 122)
        #expect(Geo.interpolate(a, b, 0) == a && Geo.interpolate(a, b, 1) == b)
        #expect(Geo.interpolate(a, b, 0.5) == box.center)
    }
}
