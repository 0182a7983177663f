import Fleet
import Geography
import Screen
import Testing
@testable import Dashboard

/// The map: its viewport keys (a pure reducer), labels placed without overlap or cut, the
/// selected car named by driver and VIN, water and roads under the cars, density at scale.
@Suite struct MapViewTests {
    func run(_ keys: [Key], from state: DashboardState) -> DashboardState {
        var s = state
        for k in keys { _ = s.reduce(.key(k), frame: FrameContext(visibleVehicles: [0, 1, 2], tableRows: 10)) }
        return s
    }

    var onMap: DashboardState { var s = DashboardState(width: 120, height: 40); s.view = .map; return s }

    @Test func zoomPanResetAndFollowActOnlyOnTheMap() {
        var s = run([.character("z"), .character("z")], from: onMap)
        #expect(s.mapViewport.zoom == 2 && s.mapViewport.scale == 4)
        s = run([.right, .right, .right, .right, .right, .right, .right, .right], from: s)
        #expect(s.mapViewport.centerX == 1 - 0.125, "panning stops at the region's edge")
        s = run([.character("K")], from: s)
        #expect(s.mapViewport.centerY == 0.5 - 0.0625)
        s = run([.character("Z"), .character("Z"), .character("Z")], from: s)
        #expect(s.mapViewport.zoom == 0 && s.mapViewport.centerX == 0.5 && s.mapViewport.centerY == 0.5, "×1 shows the whole region")
        s = run([.character("F")], from: s)
        #expect(s.mapViewport.follow && s.mapViewport.zoom == 2, "following starts close enough to see the car's street")
        s = run([.left], from: s)
        #expect(!s.mapViewport.follow, "a pan stops following")
        s = run([.character("0")], from: s)
        #expect(s.mapViewport == MapViewport())
        // Elsewhere the map's keys do nothing; the arrows still move the selection on the map.
        var fleet = onMap
        fleet.view = .fleet
        #expect(run([.character("z"), .character("F"), .right], from: fleet).mapViewport == MapViewport())
        #expect(run([.down], from: onMap).selectedVehicle == 1)
    }

    @Test func theHelpAndTheFooterListTheMapKeys() {
        let help = HelpOverlay(style: ViewStyle(theme: .dark, glyphs: .unicode)).keys.map(\.0).joined(separator: " ")
        for key in ["z", "Z", "←", "→", "K", "J", "0", "F"] { #expect(help.contains(key), "\(key)") }
        let footer = SimulatedScreenTests.screen(120, 40) { $0.view = .map }.lines.last ?? ""
        #expect(footer.contains("z/Z zoom") && footer.contains("F follow"))
    }

    /// The selected car by its driver and VIN as the table writes them, never by an index; the
    /// title says the zoom and whom it follows.
    @Test func theSelectedCarIsNamedByDriverAndVIN() {
        let b = SimulatedScreenTests.screen(200, 60) { $0.view = .map }
        let order = DashboardView.visibleVehicles(
            state: DashboardState(), model: ModelBuilder(scenarioName: "x").build(monitor: SimulatedScreenTests.monitor, state: DashboardState(), rows: .screen))
        let car = SimulatedScreenTests.monitor.world.car(order[0])
        let vin = shortVIN(car.vin.description, width: VehicleColumnPlan.shortVIN, ellipsis: "…")
        #expect(b.text.contains(vin) && b.text.contains(car.driver.name))
        #expect(!b.text.contains("#\(order[0])"))
        // The car the pointer is on, the same way.
        let other = order[5]
        let pointed = SimulatedScreenTests.screen(200, 60) { $0.view = .map; $0.highlight = .vehicle(other) }
        let otherVIN = shortVIN(SimulatedScreenTests.monitor.world.car(other).vin.description, width: VehicleColumnPlan.shortVIN, ellipsis: "…")
        #expect(pointed.text.contains(otherVIN) && pointed.text.contains(vin))
        let followed = SimulatedScreenTests.screen(200, 60) { $0.view = .map; $0.mapViewport = MapViewport(zoom: 1, follow: true) }
        #expect(followed.text.contains("×2") && followed.text.contains("following " + vin))
    }

    /// Labels never overlap, never run past the panel, never lose a letter to a mark: each
    /// placed label is whole or ends in the ellipsis, inside the map's area.
    @Test func labelsArePlacedWithoutOverlapOrCut() {
        var buffer = Buffer(width: 20, height: 3)
        var placer = LabelPlacer(area: Rect(x: 0, y: 0, width: 20, height: 3), ellipsis: "…")
        let first = placer.take(x: 10, y: 1), again = placer.take(x: 10, y: 1)
        #expect(first && !again, "a cell holds one mark")
        buffer.set(x: 10, y: 1, Cell("▲"))
        let people = placer.place([[Span("People's Square")]], x: 4, y: 1, into: &buffer)
        #expect(people, "shortened to the room before the mark")
        #expect(buffer.line(1) == "     Peop…▲         ", "right of its place, cut with the ellipsis, the mark whole")
        let hongqiao = placer.place([[Span("Hongqiao")]], x: 17, y: 0, into: &buffer)
        #expect(hongqiao, "at the right edge: left of the place")
        #expect(buffer.line(0) == "         Hongqiao   ")
        let pudong = placer.place([[Span("Pudong")]], x: 12, y: 0, into: &buffer)
        #expect(!pudong, "no room either side: left out")
        #expect(buffer.line(0) == "         Hongqiao   ", "an earlier label keeps its letters")
    }

    /// On the real map at the reference sizes every zone and landmark name is either whole, cut
    /// with the ellipsis, or absent: never cut by the border or another label.
    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func namesAreWholeOrEllipsised(size: (Int, Int)) {
        let b = SimulatedScreenTests.screen(size.0, size.1) { $0.view = .map }
        let names = SimulatedScreenTests.monitor.world.config.regions.flatMap(\.areas).flatMap(\.places).filter { $0.kind == .factory || $0.kind == .airport }.map(\.name)
            + SimulatedScreenTests.monitor.world.config.zones.map(\.name)
        let config = SimulatedScreenTests.monitor.world.config
        let titles = (config.regions.map(\.name) + config.regions.flatMap(\.areas).map(\.name)).map { $0 + " ·" }
        // The header's two rows hold the regions' clocks, not map labels.
        for whole in b.lines.dropFirst(2) {
            // Names shown whole are fine, and so are the boxes' titles: blank them, then look at
            // what is left.
            var line = whole
            for t in titles.sorted(by: { $0.count > $1.count }) { line = line.replacingOccurrences(of: t, with: String(repeating: " ", count: t.count)) }
            for n in names.sorted(by: { $0.count > $1.count }) { line = line.replacingOccurrences(of: n, with: String(repeating: " ", count: n.count)) }
            for name in names {
                // Where the start of a name shows, some name shows from there whole, or cut with "…".
                var from = line.startIndex
                while let r = line.range(of: String(name.prefix(6)), range: from..<line.endIndex) {
                    from = r.upperBound
                    let shown = line[r.lowerBound...]
                    let fine = (names + titles).contains { n in
                        if shown.hasPrefix(n) { return true }
                        guard let cut = shown.prefix(n.count).firstIndex(of: "…") else { return false }
                        return n.hasPrefix(String(shown[..<cut]))
                    }
                    #expect(fine, "\(size): '\(shown.prefix(name.count))' of '\(name)'")
                }
            }
        }
    }

    /// Water is shaded (the theme's background, or the light pattern in monochrome) and the
    /// coasts, rivers and roads are drawn in their styles, under the cars.
    @Test func waterAndRoadsShow() {
        let b = SimulatedScreenTests.screen(120, 40) { $0.view = .map }
        let styles = Set((0..<b.height).flatMap { y in (0..<b.width).map { b[$0, y].style } })
        let t = Theme.dark
        #expect(styles.contains { $0.background == t.water.background }, "water tinted")
        for s in [t.coast, t.river, t.road, t.motorway] { #expect(styles.contains { $0.foreground == s.foreground }, "\(s)") }
        var state = DashboardState(width: 120, height: 40, paused: true)
        state.view = .map
        let model = ModelBuilder(scenarioName: "x").build(monitor: SimulatedScreenTests.monitor, state: state, rows: .screen)
        let mono = DashboardView(glyphs: .ascii, theme: .monochrome).render(state: state, model: model).0
        #expect(mono.text.contains("~"), "the water pattern where the theme has no background")
    }

    /// A large fleet is a density ramp with its legend, its alert marks on top.
    @Test func aLargeFleetIsADensity() {
        var region = ViewFixture.map.regions[0]
        var cars: [MapCar] = []
        for i in 0..<20_000 {
            let f = Double(i % 97) / 97, g = Double(i % 89) / 89
            cars.append(MapCar(vehicle: 100 + i, position: GeoPoint(latitude: 31.0 + 0.3 * g, longitude: 121.3 + 0.4 * f * f),
                               restricted: false, severity: i == 5 ? 3 : 0, driving: i % 3 == 0))
        }
        region.cars = cars
        var buffer = Buffer(width: 80, height: 24)
        MapView(style: ViewStyle(theme: .dark, glyphs: .unicode), map: MapModel(regions: [region]), selected: nil, pointedAt: nil)
            .render(into: &buffer, area: buffer.area)
        #expect(buffer.text.contains("⣿") && buffer.text.contains("⠤"))
        #expect(buffer.text.contains("cars a cell"))
        #expect(buffer.text.contains("◆"), "the alert's mark over the density")
    }

    /// More boxes (a new area far from the others gets its own) still lay out: a grid whose
    /// smallest box is biggest, every box inside the area, none overlapping.
    @Test(arguments: [(3, 120, 36, 3), (3, 80, 18, 3), (4, 120, 36, 2), (5, 200, 54, 3), (2, 60, 40, 1)])
    func boxesLayOutInAGrid(n: Int, width: Int, height: Int, columns: Int) {
        let area = Rect(x: 0, y: 2, width: width, height: height)
        let boxes = MapView.grid(n, in: area)
        #expect(boxes.count == n)
        #expect(boxes.filter { $0.y == area.y }.count == columns)
        for (i, a) in boxes.enumerated() {
            #expect(area.intersection(a) == a && a.width > 0 && a.height > 0)
            for b in boxes[(i + 1)...] { #expect(a.intersection(b).isEmpty) }
        }
    }
}
