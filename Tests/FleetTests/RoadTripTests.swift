import Geography
import Simulation
import Testing
@testable import Fleet

/// Cars drive along the basemap's main roads and park on land (issue #15), over a simulated
/// day of the default fleet.
@Suite struct RoadTripTests {
    /// The distance in metres from `p` to the nearest of `lines`.
    static func meters(from p: GeoPoint, to lines: [Basemap.Line]) -> Double {
        var best = Double.infinity
        for line in lines {
            for (a, b) in zip(line.points, line.points.dropFirst()) {
                best = min(best, Geo.nearest(to: p, onSegment: a, b).meters)
            }
        }
        return best
    }

    @Test func aDayOfTripsFollowsTheRoadsAndNoCarParksInTheWater() throws {
        var config = WorldConfig.default
        config.seed = 15
        config.fleetSize = 300
        var world = try FleetWorld(config: config)
        let roads = world.fleet.areas.map { a in Basemap.builtIn.lines(touching: a.config.bounds).filter(\.feature.isRoad) }
        #expect(world.fleet.areas.allSatisfy { !$0.roads.isEmpty }, "every default area has its roads")
        var parked = 0, wet: [String] = []
        var drivingSamples = 0, onRoad = 0
        var trips: [Int: (meters: Double, seconds: Double, routed: Bool, region: Int)] = [:]
        var tripCount = 0
        var routedCount = 0
        var sumKm = [0.0, 0.0], sumHours = [0.0, 0.0], perRegion = [0, 0]
        for step in 1...(24 * 30) {
            world.run(until: .seconds(Double(step) * 120))
            let f = world.fleet
            for i in 0..<world.carCount {
                let p = world.position(of: i)
                // Every trip started since the last look (a trip lasts a minute at least and
                // a stay longer, so at most one is missed now and then): its plan stays in
                // the car's trip fields after it arrives.
                let key = i << 16 | Int(f.epoch[i])
                if f.epoch[i] != 0, trips[key] == nil {
                    trips[key] = (f.tripMeters[i], Double(f.tripEnd[i] - f.tripStart[i]) / 1e9, f.tripEntry[i] != FleetState.offRoad,
                                  f.areas[Int(f.area[i])].region)
                }
                guard step % 5 == 0 else { continue }
                if f.state[i] == .driving {
                    drivingSamples += 1
                    if Self.meters(from: p, to: roads[Int(f.area[i])]) <= 400 { onRoad += 1 }
                } else {
                    parked += 1
                    if Basemap.builtIn.isWater(p) { wet.append("car \(i) \(f.state[i]) at \(p)") }
                }
            }
        }
        for t in trips.values {
            tripCount += 1
            if t.routed { routedCount += 1 }
            sumKm[t.region] += t.meters / 1000
            sumHours[t.region] += t.seconds / 3600
            perRegion[t.region] += 1
        }
        #expect(parked > 20_000)
        #expect(wet.isEmpty, "\(wet.count) parked samples in water, e.g. \(wet.prefix(3))")
        let roadShare = Double(onRoad) / Double(max(1, drivingSamples))
        #expect(roadShare >= 0.6, "driving cars within 400 m of a main road: \(roadShare)")
        // Trips under 1.5 km in a straight line stay on local streets (FleetState.localTripMeters):
        // about 40 % of the default world's trips, which go to the nearest shops and chargers.
        #expect(Double(routedCount) / Double(max(1, tripCount)) >= 0.5, "\(routedCount) of \(tripCount) trips on roads")
        for r in 0..<2 {
            let km = sumKm[r] / Double(max(1, perRegion[r])), kmh = sumKm[r] / max(1e-9, sumHours[r])
            let lengths = trips.values.filter { $0.region == r }.map { $0.meters / 1000 }.sorted()
            print("region \(r): \(perRegion[r]) trips, mean \(km) km at \(kmh) km/h; median \(lengths.isEmpty ? 0 : lengths[lengths.count / 2]) km, 90th percentile \(lengths.isEmpty ? 0 : lengths[lengths.count * 9 / 10]) km; \(routedCount) of \(tripCount) trips on roads")
            // NHTS 2017: the mean vehicle trip is about 10 miles (16 km), the median about 6
            // miles; Shanghai's car trips are of the same order. Ours: 14-16 km on average, 12 km
            // median (seed 15). Speeds: the areas' typical speeds (24-50 km/h) with their spread.
            #expect(km >= 8 && km <= 20, "region \(r): mean trip \(km) km, \(perRegion[r]) trips")
            #expect(kmh >= 15 && kmh <= 60, "region \(r): mean speed \(kmh) km/h")
        }
    }
}
