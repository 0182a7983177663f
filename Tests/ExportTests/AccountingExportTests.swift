import Dashboard
import Fleet
import Foundation
import Simulation
import Testing
import TestSupport
@testable import Export

/// The conservation laws of the accounting (ARCHITECTURE.md, "The accounting") as an outsider
/// checks them: on the JSON and CSV exports, read back as text, over seeded runs with random
/// timelines (routing changes, injected bursts, cars added and removed), fleet sizes and times.
/// Window bytes and bytes add up exactly; rates are the window bytes over the window, to the
/// printed precision.
@Suite struct AccountingExportTests {
    static func monitor(seed: UInt64) -> FleetMonitor {
        var rng = SeededGenerator(seed: seed)
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = Int.random(in: 30...400, using: &rng)
        config.behaviour.initialAwakeShare = Double.random(in: 0.1...0.9, using: &rng)
        var timeline: [TimelineEntry] = []
        func at(_ seconds: Int, _ action: ScriptedAction) {
            timeline.append(TimelineEntry(at: .seconds(Int64(seconds)), action: action, location: SourceLocation(file: "law", line: 1, column: 1)))
        }
        at(Int.random(in: 0...600, using: &rng), .setRouting(market: .cn, category: .telemetry, service: "tesla-us-cloud"))
        at(Int.random(in: 0...900, using: &rng), .injectFlow(car: .index(1), category: .cameraClip, direction: .up, bytes: 480_000_000, service: nil))
        at(Int.random(in: 0...900, using: &rng), .removeCars(count: 3, region: nil))
        at(Int.random(in: 0...900, using: &rng), .addCars(count: 5, region: "us", userClass: .military))
        return try! FleetMonitor(config: config, timeline: timeline)
    }

    typealias Object = [String: Any]

    static func int(_ o: Any?, _ key: String) -> Int { (o as? Object)?[key] as? Int ?? -1 }
    static func double(_ o: Any?) -> Double { (o as? NSNumber)?.doubleValue ?? .nan }
    /// Sums the `up` and `down` of `window_bytes` over a list.
    static func windowSum(_ list: [Object]) -> (Int, Int) {
        list.reduce((0, 0)) { s, o in (s.0 + int(o["window_bytes"], "up"), s.1 + int(o["window_bytes"], "down")) }
    }
    static func sum(_ list: [Object], _ key: String) -> Int { list.reduce(0) { $0 + ($1[key] as? Int ?? 0) } }

    @Test(arguments: 0..<8)
    func lawsHoldInTheJSONAndTheCSV(index: Int) throws {
        let seed = 0xE1F0 + UInt64(index) &* 104_729
        var monitor = Self.monitor(seed: seed)
        var rng = SeededGenerator(seed: seed)
        let builder = ModelBuilder(scenarioName: "law")
        for _ in 0..<3 {
            monitor.run(until: monitor.now + .seconds(Double.random(in: 30...700, using: &rng)))
            let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies,
                                      state: DashboardState(width: 120, height: 40), rows: .all)
            let text = SnapshotJSON.document(model: model, details: builder.allDetails(world: monitor.world, model: model), generator: "t").serialized()
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? Object)
            let context: Comment = "seed \(seed) at \(monitor.now)"
            let window = try #require(doc["rate_window_s"] as? Int)
            let fleet = try #require(doc["fleet"] as? Object)
            let fleetWindow = (Self.int(fleet["window_bytes"], "up"), Self.int(fleet["window_bytes"], "down"))
            let fleetBytes = (fleet["up_bytes"] as? Int ?? -1, fleet["down_bytes"] as? Int ?? -1)
            #expect(abs(Self.double(fleet["up_rate_bps"]) - Double(fleetWindow.0) / Double(window)) < 0.001, context)
            #expect(abs(Self.double(fleet["down_rate_bps"]) - Double(fleetWindow.1) / Double(window)) < 0.001, context)
            #expect(fleetWindow.0 + fleetWindow.1 > 0, "a busy fleet; \(context)")

            // fleet = Σ regions = Σ countries = Σ services = Σ categories = Σ cars.
            for key in ["regions", "countries", "services", "categories", "vehicles"] {
                let list = try #require(doc[key] as? [Object])
                let w = Self.windowSum(list)
                #expect(w.0 == fleetWindow.0 && w.1 == fleetWindow.1, "window bytes, \(key); \(context)")
                if key == "vehicles" {
                    let up = list.reduce(0) { $0 + Self.int($1["bytes"], "up") }, down = list.reduce(0) { $0 + Self.int($1["bytes"], "down") }
                    #expect(up == fleetBytes.0 && down == fleetBytes.1, "bytes, vehicles; \(context)")
                } else {
                    #expect(Self.sum(list, "up_bytes") == fleetBytes.0 && Self.sum(list, "down_bytes") == fleetBytes.1, "bytes, \(key); \(context)")
                    #expect(Self.sum(list, "bytes") == fleetBytes.0 + fleetBytes.1, "bytes, \(key); \(context)")
                    for o in list {
                        let up = Self.int(o["window_bytes"], "up"), down = Self.int(o["window_bytes"], "down")
                        if key == "regions" {
                            #expect(abs(Self.double(o["up_rate_bps"]) - Double(up) / Double(window)) < 0.001, "\(key) rate; \(context)")
                            #expect(abs(Self.double(o["down_rate_bps"]) - Double(down) / Double(window)) < 0.001, "\(key) rate; \(context)")
                        } else {
                            #expect(abs(Self.double(o["rate_bps"]) - Double(up + down) / Double(window)) < 0.001, "\(key) rate; \(context)")
                        }
                    }
                }
            }
            // A car: up + down = Σ categories, in the window and since the start; Σ destinations = total.
            for v in try #require(doc["vehicles"] as? [Object]) {
                let cats = try #require(v["by_category"] as? Object).values.compactMap { $0 as? Object }
                let w = Self.int(v["window_bytes"], "up") + Self.int(v["window_bytes"], "down")
                #expect(cats.count == DataCategory.count)
                #expect(Self.sum(cats, "window_bytes") == w, "\(v["vin"] ?? "?"); \(context)")
                #expect(Self.sum(cats, "bytes") == Self.int(v["bytes"], "total"), "\(v["vin"] ?? "?"); \(context)")
                #expect(Self.sum(try #require(v["by_destination"] as? [Object]), "bytes") == Self.int(v["bytes"], "total"), context)
                let rate = try #require(v["rate_bps"] as? Object)
                #expect(abs(Self.double(rate["total"]) - Double(w) / Double(window)) < 0.001, context)
                let catRates = cats.reduce(0.0) { $0 + Self.double($1["rate_bps"]) }
                #expect(abs(catRates - Double(w) / Double(window)) < 0.001 * Double(DataCategory.count), context)
            }

            // The CSV, read back: the same laws per row, and its rows add up to the fleet.
            let rows = parseCSV(VehicleCSV.render(model.vehicles))
            let header = try #require(rows.first)
            func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name), "\(name)") }
            let (upW, downW, total, rateColumn) = (try column("up_window_bytes"), try column("down_window_bytes"), try column("total_bytes"), try column("rate_bps"))
            let catWindow = try DataCategory.allCases.map { try column("window_bytes_\($0.rawValue)") }
            let catBytes = try DataCategory.allCases.map { try column("bytes_\($0.rawValue)") }
            let catRate = try DataCategory.allCases.map { try column("rate_bps_\($0.rawValue)") }
            var sums = (0, 0)
            for row in rows.dropFirst() {
                let up = Int(row[upW])!, down = Int(row[downW])!
                sums.0 += up
                sums.1 += down
                #expect(catWindow.reduce(0) { $0 + Int(row[$1])! } == up + down, context)
                #expect(catBytes.reduce(0) { $0 + Int(row[$1])! } == Int(row[total])!, context)
                #expect(abs(Double(row[rateColumn])! - Double(up + down) / Double(window)) < 0.001, context)
                #expect(abs(catRate.reduce(0.0) { $0 + Double(row[$1])! } - Double(row[rateColumn])!) < 0.001 * 11, context)
            }
            #expect(sums == fleetWindow, "CSV rows add up to the fleet; \(context)")
        }
    }
}
