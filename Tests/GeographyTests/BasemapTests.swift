@testable import Geography
import Testing

@Suite struct BasemapTests {
    let map = Basemap.builtIn

    @Test func theBuiltInMapHasItsThreeBoxesLinesAndRoads() {
        #expect(map.masks.map(\.name) == ["shanghai", "bay-area", "central-texas"])
        for m in map.masks {
            #expect(m.rows > 100 && m.columns > 100, "\(m.name)")
            #expect(m.bits.count == (m.rows * m.columns + 63) / 64)
        }
        for f in Basemap.Feature.allCases where f != .road && f != .lake {
            #expect(map.lines.contains { $0.feature == f }, "\(f)")
        }
        #expect(map.lines.contains { $0.feature == .motorway && $0.name == "Inner Ring Road" })
        #expect(map.lines.contains { $0.feature == .motorway && $0.name == "US-101" })
        #expect(map.lines.contains { $0.feature == .motorway && $0.name == "I-35" })
    }

    /// Places anyone who knows the three cities can check.
    @Test(arguments: [
        (31.230, 121.474, false, "People's Square"),
        (31.150, 121.780, false, "Pudong airport, west runways"),
        (31.000, 122.000, true, "East China Sea off Nanhui"),
        (31.300, 121.780, true, "the Yangtze estuary off Gaoqiao"),
        (37.600, -122.200, true, "San Francisco Bay"),
        (37.395, -122.150, false, "Palo Alto"),
        (37.700, -122.600, true, "the Pacific off Daly City"),
        (30.270, -97.740, false, "Downtown Austin"),
    ])
    func landAndWaterAreWhereTheyAre(lat: Double, lon: Double, water: Bool, name: String) {
        #expect(map.isWater(GeoPoint(latitude: lat, longitude: lon)) == water, "\(name)")
    }

    @Test func outsideEveryMaskIsLand() {
        #expect(map.isWater(GeoPoint(latitude: 48.85, longitude: 2.35)) == false)
        #expect(!map.covers(GeoPoint(latitude: 48.85, longitude: 2.35)))
    }

    @Test func linesTouchingABoxComeWaterFirst() {
        let shanghai = GeoBox(south: 30.7, north: 31.45, west: 121.05, east: 122.0)
        let lines = map.lines(touching: shanghai)
        #expect(lines.contains { $0.feature == .coast } && lines.contains { $0.feature == .river })
        #expect(!lines.contains { $0.name == "US-101" })
        let firstRoad = lines.firstIndex { $0.feature.isRoad } ?? lines.count
        #expect(lines[firstRoad...].allSatisfy { $0.feature.isRoad })
    }
}
