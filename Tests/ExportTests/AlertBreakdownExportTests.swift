import Dashboard
import Fleet
import Foundation
import Simulation
import Testing
@testable import Export

/// The JSON carries every alert's breakdown, and it adds up: over seeded runs at several
/// times, for every exported alert, Σ by_category and Σ by_destination + other equal `bytes`
/// and `count`.
@Suite struct AlertBreakdownExportTests {
    @Test(arguments: [3, 7, 2021] as [UInt64])
    func breakdownSumsInTheJSON(seed: UInt64) throws {
        var config = WorldConfig.default
        config.seed = seed
        config.fleetSize = 80
        config.behaviour.initialAwakeShare = 1
        config.regions[0].classMix = [ClassShare(.privateOwner, percent: 60), ClassShare(.military, percent: 40)]
        var monitor = try FleetMonitor(config: config)
        let builder = ModelBuilder(scenarioName: "test")
        var alertsSeen = 0
        for minutes in [4, 17, 33] as [Int64] {
            monitor.run(until: SimTime(nanoseconds: SimDuration.minutes(minutes).nanoseconds))
            let model = builder.build(
                world: monitor.world, alerts: monitor.alerts, policies: monitor.policies,
                state: DashboardState(width: 120, height: 40), rows: .all)
            let text = SnapshotJSON.document(model: model, details: [], generator: "test").serialized()
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let alerts = try #require(doc["alerts"] as? [String: Any])
            for list in ["open", "recent"] {
                for alert in try #require(alerts[list] as? [[String: Any]]) {
                    let bytes = try #require(alert["bytes"] as? Int), count = try #require(alert["count"] as? Int)
                    let b = try #require(alert["breakdown"] as? [String: Any])
                    let cats = try #require(b["by_category"] as? [[String: Any]])
                    let dests = try #require(b["by_destination"] as? [[String: Any]])
                    let other = try #require(b["other_destinations"] as? [String: Int])
                    func sum(_ rows: [[String: Any]], _ key: String) -> Int { rows.reduce(0) { $0 + ($1[key] as? Int ?? 0) } }
                    #expect(sum(cats, "bytes") == bytes && sum(cats, "flows") == count)
                    #expect(sum(dests, "bytes") + (other["bytes"] ?? -1) == bytes)
                    #expect(sum(dests, "flows") + (other["flows"] ?? -1) == count)
                    #expect(!(alert["short_label"] as? String ?? "").isEmpty)
                    alertsSeen += 1
                }
            }
        }
        #expect(alertsSeen > 0)
    }
}
