@testable import Geography
import Testing

@Suite struct RoadGraphTests {
    static let shanghai = GeoBox(south: 30.70, north: 31.45, west: 121.05, east: 122.00)
    static let bay = GeoBox(south: 37.20, north: 37.90, west: -122.55, east: -121.60)
    static let austin = GeoBox(south: 30.10, north: 30.50, west: -97.95, east: -97.55)

    func graph(_ box: GeoBox) -> RoadGraph { RoadGraph(roads: Basemap.builtIn.lines(touching: box), within: box) }

    /// A plus sign of two roads: they cross in the middle, so four arms meet at one node.
    @Test func crossingRoadsMeetAtTheirCrossing() {
        let ns = Basemap.Line(feature: .motorway, name: "NS", points: [GeoPoint(latitude: 30, longitude: 120.5), GeoPoint(latitude: 31, longitude: 120.5)])
        let ew = Basemap.Line(feature: .road, name: "EW", points: [GeoPoint(latitude: 30.5, longitude: 120), GeoPoint(latitude: 30.5, longitude: 121)])
        var g = RoadGraph(roads: [ns, ew], within: GeoBox(south: 29, north: 32, west: 119, east: 122))
        #expect(g.nodes.count == 5)
        #expect(g.edgeCount == 4)
        let south = g.nearest(to: GeoPoint(latitude: 30, longitude: 120.5))!
        let west = g.nearest(to: GeoPoint(latitude: 30.5, longitude: 120))!
        g.prepare(toward: west)
        #expect(g.path(from: south, to: west).count == 3)
        let expected = Geo.distance(g.nodes[south], GeoPoint(latitude: 30.5, longitude: 120.5)) + Geo.distance(GeoPoint(latitude: 30.5, longitude: 120.5), g.nodes[west])
        #expect(abs(g.meters(from: south, to: west)! - expected) < 1e-6)
        let corner = g.point(from: south, to: west, after: Geo.distance(g.nodes[south], GeoPoint(latitude: 30.5, longitude: 120.5)))
        #expect(abs(corner.latitude - 30.5) < 1e-9 && abs(corner.longitude - 120.5) < 1e-9)
        #expect(g.point(from: south, to: west, after: 1e9) == g.nodes[west])
    }

    /// An end that stops short of another road is joined to it.
    @Test func aLooseEndJoinsTheRoadItStopsAt() {
        let main = Basemap.Line(feature: .motorway, name: "main", points: [GeoPoint(latitude: 30, longitude: 120), GeoPoint(latitude: 30, longitude: 121)])
        let spur = Basemap.Line(feature: .road, name: "spur", points: [GeoPoint(latitude: 30.002, longitude: 120.5), GeoPoint(latitude: 30.3, longitude: 120.5)])
        let g = RoadGraph(roads: [main, spur], within: GeoBox(south: 29, north: 31, west: 119, east: 122))
        #expect(g.nodes.count == 5, "both ends of each road and the join point")
    }

    /// The built-in roads of each area form one network that reaches across the area.
    @Test(arguments: [shanghai, bay, austin])
    func eachAreasRoadsAreOneNetwork(box: GeoBox) {
        var g = graph(box)
        #expect(g.nodes.count > 40 && g.nodes.count < RoadGraph.maximumNodes, "\(g.nodes.count) nodes, \(g.edgeCount) edges")
        #expect(g.nodes.allSatisfy { box.contains($0) })
        // Corner to corner: a route exists and is not absurdly long (the Bay Area's goes round the bay).
        let a = g.nearest(to: GeoPoint(latitude: box.south, longitude: box.west))!
        let b = g.nearest(to: GeoPoint(latitude: box.north, longitude: box.east))!
        g.prepare(toward: b)
        let road = g.meters(from: a, to: b)!
        #expect(road.isFinite)
        #expect(road < 2.5 * Geo.distance(g.nodes[a], g.nodes[b]), "around the bay at worst")
        // Every node reaches the target.
        for v in g.nodes.indices { #expect(g.meters(from: v, to: b)!.isFinite) }
    }

    /// Seeded: along any route, positions move monotonically from start to end and stay on the
    /// route's nodes' segments; the distance covered matches the route's length.
    @Test func positionsAlongARouteAreContinuous() {
        var g = graph(Self.shanghai)
        var state: UInt64 = 2021
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % g.nodes.count
        }
        for _ in 0..<25 {
            let a = next(), b = next()
            g.prepare(toward: b)
            let total = g.meters(from: a, to: b)!
            var previous = g.point(from: a, to: b, after: 0)
            #expect(previous == g.nodes[a])
            var walked = 0.0
            for k in 1...200 {
                let p = g.point(from: a, to: b, after: total * Double(k) / 200)
                walked += Geo.distance(previous, p)
                previous = p
            }
            #expect(Geo.distance(previous, g.nodes[b]) < 1)
            #expect(walked <= total + 1, "a chord of the route is never longer than the route")
            #expect(walked >= total * 0.95)
        }
    }

    @Test func theSameRoadsGiveTheSameGraph() {
        var a = graph(Self.bay), b = graph(Self.bay)
        #expect(a.nodes == b.nodes)
        a.prepare(toward: 7); b.prepare(toward: 7)
        #expect(a.path(from: 0, to: 7) == b.path(from: 0, to: 7))
    }
}
