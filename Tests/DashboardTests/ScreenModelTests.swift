import Fleet
import Screen
import Simulation
import Testing
@testable import Dashboard

/// The live view's model (`ModelBuilder.Rows.screen`: full rows only for the cars on screen,
/// the table's order from sort keys, the filter read through `CarFacts`) draws exactly what
/// the full model (`.all`: every car's row, filtered and sorted by the view) draws, for random
/// states with a seeded generator: every filter field, every sort column in both directions,
/// selections, scrolling, sizes, the detail and map views, help, captions and a filter error.
@Suite struct ScreenModelTests {
    /// A fleet with everything the table can show: Chinese, English, custom and hostile names,
    /// a class scenarios add, restricted drivers, cross-border traffic (CN telemetry routed to
    /// the US for a while) and the alerts it raises, a car in a zone, removed and added cars.
    static let monitor: FleetMonitor = {
        var config = WorldConfig.default
        config.seed = 4242
        config.fleetSize = 360
        config.behaviour.initialAwakeShare = 0.6
        // The clock-blind fleet of before time of day (flat profiles, short stays): a busy
        // morning whose first minutes have trips and traffic of every kind.
        for r in config.regions.indices {
            for a in config.regions[r].areas.indices { config.regions[r].areas[a].profile = .flat }
        }
        config.behaviour.fromHome = TripMix(home: 0, work: 0.5, poi: 0.38, charger: 0.1, zone: 0.02)
        config.behaviour.fromElsewhere = TripMix(home: 0.6, work: 0.1, poi: 0.24, charger: 0.05, zone: 0.01)
        config.behaviour.dwellHours = DwellHours(home: 10, work: 8, poi: 1.5, charger: 0.2, zone: 1)
        func at(_ seconds: Int64, _ action: ScriptedAction) -> TimelineEntry {
            TimelineEntry(at: .seconds(seconds), action: action, location: SourceLocation(file: "test", line: 1, column: 1))
        }
        var m = try! FleetMonitor(config: config, timeline: [
            at(60, .setRouting(market: .cn, category: .telemetry, service: "tesla-us-cloud")),
            at(70, .assignDriver(car: .index(3), name: "王伟", romanized: "Wang Wei", userClass: .military)),
            at(70, .assignDriver(car: .index(4), name: ViewFixture.hostileName, romanized: nil, userClass: nil)),
            at(70, .assignDriver(car: .index(5), name: "Zoë Ångström", romanized: "", userClass: "contractor")),
            at(70, .assignDriver(car: .index(6), name: "欧阳娜娜", romanized: "ouyang nana", userClass: .keySOE)),
            at(80, .assignClass(car: .index(7), userClass: "contractor")),
            at(90, .trip(car: .index(8), to: .zone("cn-gov-peoples-square"))),
            at(100, .injectFlow(car: .index(3), category: .cameraClip, direction: .up, bytes: 12_400_000, service: "tesla-us-cloud")),
            at(240, .setRouting(market: .cn, category: .telemetry, service: "tesla-cn-dc")),
            at(300, .removeCars(count: 4, region: "shanghai")),
            at(320, .addCars(count: 6, region: "us", userClass: nil)),
        ])
        m.run(until: .zero + .minutes(9))
        precondition(m.timelineFailures.isEmpty, "\(m.timelineFailures)")
        return m
    }()

    static let builder = ModelBuilder(scenarioName: "equivalence")
    static let view = DashboardView(glyphs: .unicode, theme: .dark)
    /// The full model for the fleet view; it depends on the state only through the detail.
    static let full = builder.build(monitor: monitor, state: DashboardState(), rows: .all)

    /// Filters covering every field, comparison and flag, negation, lists and free text.
    static let filters: [String] = {
        let vin = monitor.world.vin(of: 11).description
        return [
            "", "class:military", "class:private,contractor", "!class:private", "dest:us", "dest:cn", "dest:tesla-cn-dc",
            "dest:tesla-us-cloud", "region:shanghai", "REGION:US", "market:cn", "state:driving", "state:asleep,parked",
            "!state:asleep", "zone:none", "!zone:none", "zone:cn-gov-peoples-square", "model:\"model y\"", "model:\"model 3\"",
            "cat:tel", "cat:nav,ota", "cat:media,nav", "vin:\(vin.lowercased())", "vin:\(vin)", "driver:\"wang wei\"",
            "driver:王伟", "sev:none", "sev:watch,high", "sev:critical", "rate>1kB", "rate>=100kB", "rate=0", "up>500",
            "down<=2kB", "total>1MB", "total<100kB", "alerts>0", "alerts=1", "restricted", "!restricted", "alert",
            "crossborder", "!crossborder", "wang", "王", "lrw", "5yj", String(vin.suffix(6)), "eve", "zoë", "cn-gov",
            "ouyang", "a\u{30A}ngstr", "\"zoë ångström\"", "driver:\"zoë ångström\"", "!eve", "e1", vin.lowercased(), "rate>1GB",
            "restricted crossborder", "!class:military state:driving rate>0",
        ]
    }()

    @Test func theFilterLanguageSelectsAlikeOnFactsAndRows() {
        // A test of the test: most filters pick some cars and leave others.
        let rows = Self.full.vehicles.filter(\.active)
        let selective = Self.filters.filter { text in
            let q = try! Query(parsing: text)
            let n = rows.filter { q.matches($0) }.count
            return n > 0 && n < rows.count
        }
        #expect(selective.count >= Self.filters.count - 6, "\(Set(Self.filters).subtracting(selective))")
        #expect(rows.contains { $0.crossBorder } && rows.contains { $0.maxSeverity == 3 } && rows.contains { $0.zone != nil })
    }

    @Test func everyFilterAndSortGivesTheSameOrder() throws {
        for text in Self.filters {
            for sort in SortColumn.allCases {
                for descending in [false, true] {
                    var state = DashboardState(width: 120, height: 40, paused: true)
                    state.query = try Query(parsing: text)
                    state.sort = sort
                    state.descending = descending
                    let screen = Self.builder.build(monitor: Self.monitor, state: state, rows: .screen)
                    let expected = DashboardView.visibleVehicles(state: state, model: Self.full)
                    #expect(screen.table?.order == expected, "filter '\(text)', sort \(sort), descending \(descending)")
                }
            }
        }
    }

    /// Issue 16: Up and Down are sortable, each by its own rate (largest first by default).
    @Test func upAndDownSortByTheirOwnRates() {
        let byIndex = Dictionary(uniqueKeysWithValues: Self.full.vehicles.map { ($0.index, $0) })
        for (sort, rate) in [(SortColumn.up, \VehicleRow.upRate), (.down, \VehicleRow.downRate)] {
            var state = DashboardState(width: 120, height: 40, paused: true)
            state.sort = sort
            state.descending = sort.descendingByDefault
            let rates = DashboardView.visibleVehicles(state: state, model: Self.full).map { byIndex[$0]![keyPath: rate] }
            #expect(rates.count > 100 && rates == rates.sorted(by: >), "\(sort)")
            // The rates are the meters' short windows: at one instant most cars of this fleet
            // send nothing (a record per car every 10 s), so a sender above the silent ones is
            // enough for the order to be tested.
            #expect(Set(rates).count >= 2 && rates.first! > rates.last!, "\(sort): a fleet with varied rates")
        }
    }

    /// The detail's matrix: where the panel is short, the largest categories are shown and a
    /// line counts the rest with their bytes (nothing dropped without a word); where it is wide,
    /// no destination's name is cut.
    @Test func theMatrixShowsTheLargestRowsAndWholeNames() throws {
        let details = Self.builder.allDetails(world: Self.monitor.world, model: Self.full)
        let busy = try #require(details.max { a, b in
            a.matrix.filter { $0.contains { $0 > 0 } }.count < b.matrix.filter { $0.contains { $0 > 0 } }.count
        })
        let categories = DataCategory.allCases.filter { busy.matrix[$0.index].contains { $0 > 0 } }
        #expect(categories.count >= 4, "a car with traffic in many categories")
        func matrixLines(_ w: Int, _ h: Int) -> [String] {
            var state = DashboardState(width: w, height: h, paused: true)
            state.view = .detail(vehicle: busy.row.index)
            state.selectedVehicle = busy.row.index
            let model = Self.builder.build(monitor: Self.monitor, state: state, rows: .screen)
            let b = Self.view.render(state: state, model: model).0
            let lines = (0..<b.height).map { b.line($0) }
            guard let top = lines.firstIndex(where: { $0.contains("Where the data goes") }) else { return [] }
            return Array(lines[(top + 1)...].prefix { !$0.hasPrefix("╰") })
        }
        let small = matrixLines(80, 24)
        let bytes = { (c: DataCategory) in busy.matrix[c.index].reduce(UInt64(0), &+) }
        let largest = categories.max { bytes($0) < bytes($1) }!
        #expect(small.contains { $0.contains(largest.displayName) }, "the largest row is shown: \(small)")
        if small.count - 2 < categories.count {
            #expect(small.last?.contains("more categor") == true, "\(small)")
        }
        let wide = matrixLines(200, 60)
        #expect(!wide.joined().contains("…"), "\(wide)")
        #expect(wide.count - 2 == categories.count)
    }

    /// At 200 columns the alert list cuts nothing: the flow and the driver widen to their widest
    /// row before spare columns go unused (at 120 they are cut, and say so with an ellipsis).
    @Test func wideAlertListsCutNothing() throws {
        let state = DashboardState(width: 200, height: 60, paused: true)
        let model = Self.builder.build(monitor: Self.monitor, state: state, rows: .screen)
        #expect(model.alerts.count >= 3)
        let b = Self.view.render(state: state, model: model).0
        let lines = (0..<b.height).map { b.line($0) }
        let top = try #require(lines.firstIndex { $0.hasPrefix("╭ Alerts") })
        let rows = lines[(top + 1)...].prefix { !$0.hasPrefix("╰") }.filter { $0.contains("HIGH") || $0.contains("WATCH") || $0.contains("CRITICAL") }
        #expect(rows.count >= 3 && rows.allSatisfy { !$0.contains("…") }, "\(rows.joined(separator: "\n"))")
    }

    /// Each category meter sorts by its own group's rate, and the mark sits on its label.
    @Test func eachCategoryMeterSortsByItsRate() throws {
        let byIndex = Dictionary(uniqueKeysWithValues: Self.full.vehicles.map { ($0.index, $0) })
        for (sort, group) in zip([SortColumn.telemetry, .camera, .navigation, .media, .updates], MeterGroup.allCases) {
            var state = DashboardState(width: 160, height: 48, paused: true)
            state.sort = sort
            state.descending = true
            let rates = DashboardView.visibleVehicles(state: state, model: Self.full).map { group.rate(of: byIndex[$0]!) }
            #expect(rates.count > 100 && rates == rates.sorted(by: >), "\(sort)")
            let (buffer, frame) = DashboardView(glyphs: .unicode, theme: .dark).render(state: state, model: Self.full)
            let top = try #require(frame.tableTop)
            let header = buffer.line(top - 1)
            #expect(header.contains("▼" + group.label), "\(sort): \(header)")
            // The header cell under the label is the one a click sorts by.
            let cell = try #require(frame.sortHeader.first { $0.sort == sort })
            let labelX = Array(header).firstIndex(of: "▼")! + 1  // columns: one per character on this ASCII-and-box line
            #expect(cell.columns.contains(labelX) && cell.columns.count == 4, "\(cell)")
        }
    }

    @Test func randomStatesDrawTheSameScreen() throws {
        var rng = SeededGenerator(seed: 2026_11_30)
        let cars = Self.monitor.world.carCount
        let sizes = [(60, 15), (80, 24), (100, 30), (120, 36), (120, 40), (160, 48), (200, 60), (59, 20), (40, 10)]
        for trial in 0..<160 {
            let size = sizes[Int.random(in: 0..<sizes.count, using: &rng)]
            var state = DashboardState(width: size.0, height: size.1, paused: true)
            state.query = try Query(parsing: Self.filters[Int.random(in: 0..<Self.filters.count, using: &rng)])
            state.sort = SortColumn.allCases[Int.random(in: 0..<SortColumn.allCases.count, using: &rng)]
            state.descending = Bool.random(using: &rng)
            let order = DashboardView.visibleVehicles(state: state, model: Self.full)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0..<3: state.selectedVehicle = nil
            case 3..<8: state.selectedVehicle = order.isEmpty ? nil : order[Int.random(in: 0..<order.count, using: &rng)]
            default: state.selectedVehicle = Int.random(in: -1...cars, using: &rng)  // maybe filtered out, removed or none
            }
            state.scroll = Int.random(in: 0...(order.count + 3), using: &rng)
            switch Int.random(in: 0..<20, using: &rng) {
            case 0..<3: state.view = .detail(vehicle: state.selectedVehicle ?? Int.random(in: 0..<cars, using: &rng))
            case 3..<6: state.view = .map
            default: state.view = .fleet
            }
            state.showHelp = Int.random(in: 0..<10, using: &rng) == 0
            if Bool.random(using: &rng) { state.focus = .alerts }
            state.selectedAlert = Int.random(in: 0..<30, using: &rng)
            if Int.random(in: 0..<5, using: &rng) == 0 { state.caption = .init(title: "Caption", text: "A presenter's words") }
            if Int.random(in: 0..<6, using: &rng) == 0 {
                state.filter = FilterEditor(text: "rate>", error: QueryError(message: "a number is missing", column: 5), previous: state.query)
            } else if Int.random(in: 0..<6, using: &rng) == 0 {
                // A preview: the table shows the text typed, the title the filter in force.
                state.filter = FilterEditor(text: state.query.source, previous: .all)
            }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                // A search, its matches marked, maybe a jump to draw.
                state.search = try Query(parsing: Self.filters[Int.random(in: 0..<Self.filters.count, using: &rng)])
                if Bool.random(using: &rng) { state.searchJump = .init(forward: Bool.random(using: &rng), from: state.selectedVehicle) }
            }
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: state.highlight = .vehicle(order.isEmpty ? 0 : order[Int.random(in: 0..<order.count, using: &rng)])
            case 1: state.highlight = .panel(.vehicles)
            default: break
            }
            let full = Self.builder.build(monitor: Self.monitor, state: state, rows: .all)
            let screen = Self.builder.build(monitor: Self.monitor, state: state, rows: .screen)
            let (expected, expectedFrame) = Self.view.render(state: state, model: full)
            let (drawn, frame) = Self.view.render(state: state, model: screen)
            #expect(drawn == expected, "trial \(trial): \(state)")
            #expect(frame == expectedFrame, "trial \(trial)")
            #expect(screen.fleet == full.fleet && screen.regions == full.regions && screen.countries == full.countries)
            // The screen's list leaves out the sentences it does not show; the alerts of the car
            // whose detail is shown have them.
            var detailCar: Int?
            if case .detail(let v) = state.view { detailCar = v }
            let unexplained = full.alerts.map { row in var r = row; if r.vehicle != detailCar { r.explanation = "" }; return r }
            #expect(screen.alerts == unexplained && screen.detail == full.detail)
            if state.view == .map { #expect(screen.map == full.map) }
            // Only the rows drawn were built, and they are the full model's rows.
            #expect(screen.vehicles.count <= max(1, size.1))
            for row in screen.vehicles { #expect(DashboardView.row(of: row.index, in: full.vehicles) == row) }
        }
    }

    @Test func theScreenModelHasTheFleetWideScales() throws {
        let screen = Self.builder.build(monitor: Self.monitor, state: DashboardState(), rows: .screen)
        let table = try #require(screen.table)
        let active = Self.full.vehicles.filter(\.active)
        #expect(table.meterScale == MeterGroup.scale(active))
        #expect(table.meterScale.filter { $0 > 0 }.count >= 2, "groups sending in the window")
        #expect(table.driverWidth == DashboardView.driverWidth(active))
        #expect(table.fleetCount == active.count && table.fleetCount == Self.monitor.world.carCount - 4)
        #expect(Self.full.vehicles.count == Self.monitor.world.carCount, "removed cars keep their record")
        #expect(screen.vehicles.count == VehicleTablePanel.dataRows(in: DashboardView.layout(
            state: DashboardState(), regionCount: screen.regions.count, alertCount: screen.alerts.count).1.table))
    }

    @Test func numberKeysOrderAsTheNumbers() {
        let values: [Double] = [-.infinity, -1e300, -1, -0.0, 0, .leastNonzeroMagnitude, 1, 1.5, 1e300, .infinity, .nan, -.nan]
        // NaN sorts as the smallest value and -0 as 0, so a bad number cannot break the order.
        func order(_ a: Double, _ b: Double) -> Int {
            let x = a.isNaN ? -Double.infinity : a, y = b.isNaN ? -Double.infinity : b
            return x < y ? -1 : x > y ? 1 : 0
        }
        for a in values {
            for b in values {
                let ka = VehicleSortKey.number(a), kb = VehicleSortKey.number(b)
                #expect((ka < kb ? -1 : ka > kb ? 1 : 0) == order(a, b), "\(a) \(b)")
            }
        }
        let vins = ["LRW3E1EB6NC485407", "5YJ3E1EA0KF241678", "7SAYG1EB2KA303445", "LRW3E1EB6NC485406"]
        for a in vins {
            for b in vins {
                let ka = VehicleSortKey(value: 0, vinKey: VehicleSortKey.textKey(a), index: 0, sort: .rate, descending: false)
                let kb = VehicleSortKey(value: 0, vinKey: VIN(b)!.orderKey, index: 0, sort: .rate, descending: false)
                #expect((ka < kb) == (a < b), "a VIN's text keys as the VIN does: \(a) \(b)")
            }
        }
        #expect(VehicleSortKey.ranks(["b", "a", "c", "a", "é", "e\u{301}"]) == [1, 0, 2, 0, 3, 3])
    }

    /// The fleet and region totals are the rows' values summed in fleet order: window bytes and
    /// bytes exactly (removed cars' rows included: their bytes stay in every total), rates as
    /// those bytes over the window, histories to the last bit; counts over the active cars.
    @Test func totalsAreTheRowsSummedInFleetOrder() {
        let world = Self.monitor.world, model = Self.full, services = world.config.services
        func add(_ h: [Double], _ sum: inout [Double]) {
            if sum.count < h.count { sum = Array(repeating: 0, count: h.count - sum.count) + sum }
            for (j, v) in h.enumerated() { sum[sum.count - h.count + j] += v }
        }
        func rate(_ b: UInt64) -> Double { MeterWindow.rate(bytes: b, seconds: model.rateWindowSeconds) }
        var windowUp: UInt64 = 0, windowDown: UInt64 = 0, bytes: UInt64 = 0
        var history: [Double] = [], states: [String: Int] = [:]
        var regions = model.regions.map { RegionSummary(id: $0.id, name: $0.name, market: $0.market, cars: 0, bytes: 0) }
        #expect(model.vehicles.contains { !$0.active })
        for r in model.vehicles {
            windowUp += r.windowUp
            windowDown += r.windowDown
            bytes += r.totalBytes
            add(r.history, &history)
            let i = regions.firstIndex { $0.id == r.region }!
            regions[i].windowUp += r.windowUp
            regions[i].windowDown += r.windowDown
            regions[i].bytes += r.totalBytes
            add(r.history, &regions[i].history)
            for p in world.car(r.index).meter.byCategoryAndService
            where Int(p.service) < services.count && services[Int(p.service)].country != r.market.country {
                regions[i].crossBorderBytes &+= p.bytes
            }
            guard r.active else { continue }
            states[r.state, default: 0] += 1
            regions[i].cars += 1
            if r.state == "driving" { regions[i].driving += 1 }
            if r.restricted { regions[i].restrictedCars += 1 }
            regions[i].openAlerts += r.openAlerts
        }
        for i in regions.indices {
            regions[i].upRate = rate(regions[i].windowUp)
            regions[i].downRate = rate(regions[i].windowDown)
            regions[i].upBytes = model.regions[i].upBytes
            regions[i].downBytes = model.regions[i].downBytes
            regions[i].localTimes = model.regions[i].localTimes  // clocks, not sums
            #expect(model.regions[i].upBytes + model.regions[i].downBytes == regions[i].bytes)
        }
        #expect(model.fleet.windowUp == windowUp && model.fleet.windowDown == windowDown)
        #expect(model.fleet.upRate == rate(windowUp) && model.fleet.downRate == rate(windowDown))
        #expect(model.fleet.upBytes + model.fleet.downBytes == bytes && model.fleet.history == history)
        #expect(model.fleet.states == states && model.fleet.cars == model.vehicles.filter(\.active).count)
        #expect(model.fleet.restrictedCars == model.vehicles.filter { $0.active && $0.restricted }.count)
        #expect(model.regions == regions)
        #expect(regions.contains { $0.crossBorderBytes > 0 } && history.contains { $0 > 0 } && windowUp > 0)
    }
}
