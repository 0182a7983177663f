import Fleet
import Screen
import Simulation
import Testing
@testable import Dashboard

/// The filter takes what the screen shows, on the default scenario (600 cars, 15 minutes in):
/// each form matches exactly the cars whose table or detail shows it, through both readers of
/// a car (the rows of the exports and the fleet scan of the live screen).
@Suite struct ShownFieldQueryTests {
    struct Fleet {
        var world: FleetWorld
        var model: DashboardModel
        var rows: [VehicleRow] { model.vehicles.filter(\.active) }

        init() throws {
            var w = try FleetWorld(config: .default)
            w.run(until: SimTime.zero + .minutes(15))
            world = w
            model = ModelBuilder(scenarioName: "t").build(world: w, alerts: AlertBook(policies: .default), policies: .default, state: DashboardState(), rows: .all)
        }

        /// The cars `text` matches, by fleet index; the same through the fleet scan (checked).
        func matching(_ text: String) throws -> Set<Int> {
            let q = try Query(parsing: text)
            let byRows = Set(rows.filter { q.matches($0) }.map(\.index))
            var state = DashboardState()
            state.query = q
            let screen = ModelBuilder(scenarioName: "t").build(world: world, alerts: AlertBook(policies: .default), policies: .default, state: state, rows: .screen)
            #expect(Set(screen.table?.order ?? []) == byRows, "\(text): the fleet scan and the rows agree")
            return byRows
        }
    }

    static let fleet = Result { try Fleet() }

    @Test func eachFormMatchesTheCarsThatShowIt() throws {
        let fleet = try Self.fleet.get()
        let forms: [(String, (VehicleRow) -> Bool)] = [
        ("dest:China", { r in r.countries.contains(.china) }),
        ("dest:cn", { r in r.countries.contains(.china) }),
        ("dest:\"United States\"", { r in r.countries.contains(.unitedStates) }),
        ("dest:\"Baidu Maps\"", { r in r.topServiceName == "Baidu Maps" }),
        ("dest:baidu-maps", { r in r.topService == "baidu-maps" }),
        ("\"dest:tesla china data centre\"", { r in r.topServiceName == "Tesla China data centre" }),
        ("model:Y", { r in r.model == "Model Y" }),
        ("region:\"United States\"", { r in r.region == "us" }),
        ("region:shanghai", { r in r.region == "shanghai" }),
        ("model:\"model 3\"", { r in r.model == "Model 3" }),
        ("MODEL:s,x", { r in r.model == "Model S" || r.model == "Model X" }),
        ("vin:LRW", { r in r.vin.hasPrefix("LRW") }),
        ("vin:lrw", { r in r.vin.hasPrefix("LRW") }),
        ("!vin:LRW", { r in !r.vin.hasPrefix("LRW") }),
        ("driver:刘", { r in r.driverName.hasPrefix("刘") }),
        ("driver:liu", { r in (r.driverRomanised ?? r.driverName).lowercased().contains("liu") }),
        ]
        for (query, shows) in forms {
            let expected = Set(fleet.rows.filter(shows).map(\.index))
            #expect(!expected.isEmpty, "\(query): some car of the default scenario shows it")
            #expect(try fleet.matching(query) == expected, "\(query)")
        }
    }

    /// The table shows a cut VIN ("LRW…485407") where the column is narrow: typed back, it
    /// finds that car.
    @Test func aCutVINAsTheTableShowsIt() throws {
        let fleet = try Self.fleet.get()
        let car = try #require(fleet.rows.first { $0.vin.hasPrefix("LRW") })
        let cut = String(car.vin.prefix(3)) + "…" + String(car.vin.suffix(6))
        #expect(try fleet.matching("vin:" + cut) == [car.index])
        #expect(try fleet.matching("vin:" + String(car.vin.prefix(3)) + "..." + String(car.vin.suffix(6))) == [car.index])
        #expect(try fleet.matching("vin:" + car.vin) == [car.index])
    }

    /// A name in either script, as a bare word or with `driver:`, case-insensitive.
    @Test func namesInEitherScript() throws {
        let fleet = try Self.fleet.get()
        let car = try #require(fleet.rows.first { $0.driverRomanised != nil })
        let rom = try #require(car.driverRomanised)
        for text in [car.driverName, "driver:" + car.driverName, "\"\(rom.uppercased())\"", "driver:\"\(rom.lowercased())\""] {
            let found = try fleet.matching(text)
            #expect(found.contains(car.index), "\(text)")
            #expect(found.allSatisfy { i in fleet.rows.first { $0.index == i }!.driverName == car.driverName }, "\(text) finds only that name")
        }
    }

    /// The help's examples find somebody in the default scenario (its 王伟 found nobody).
    @Test func theHelpsExamplesMatch() throws {
        let fleet = try Self.fleet.get()
        for example in HelpOverlay.shownExamples + HelpOverlay.nameExamples {
            #expect(try !fleet.matching(example).isEmpty, "\(example)")
        }
        let help = HelpOverlay(style: ViewStyle(theme: .dark, glyphs: .unicode)).filterLines.map(\.1).joined(separator: " ")
        for example in HelpOverlay.shownExamples + HelpOverlay.nameExamples { #expect(help.contains(example)) }
    }

    @Test func aQuotedCommaIsPartOfTheValue() throws {
        let q = try Query(parsing: "dest:\"Netflix, Spotify\",baidu-maps")
        guard case .field(.dest, let values) = q.terms.first?.test else { Issue.record("\(q)"); return }
        #expect(values == ["netflix, spotify", "baidu-maps"])
        #expect(q.source == "dest:\"Netflix, Spotify\",baidu-maps")
    }
}
