import Geography
import Simulation

extension GeoBox {
    /// A uniformly drawn point (two generator outputs).
    func randomPoint<G: RandomDraws>(using rng: inout G) -> GeoPoint {
        let lat = south + (north - south) * rng.uniform()
        let lon = west + (east - west) * rng.uniform()
        return GeoPoint(latitude: lat, longitude: lon)
    }
}
