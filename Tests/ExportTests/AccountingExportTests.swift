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
    @Test(arguments: 0..<8)
    func lawsHoldInTheJSONAndTheCSV(index: Int) throws {
        let seed = 0xE1F0 + UInt64(index) &* 104_729
        var monitor = RandomFleet.monitor(seed: seed)
        var rng = SeededGenerator(seed: seed)
        let builder = ModelBuilder(scenarioName: "law")
        for _ in 0..<3 {
            monitor.run(until: monitor.now + .seconds(Double.random(in: 30...700, using: &rng)))
            let model = builder.build(world: monitor.world, alerts: monitor.alerts, policies: monitor.policies,
                                      state: DashboardState(width: 120, height: 40), rows: .all)
            let text = SnapshotJSON.document(model: model, details: builder.allDetails(world: monitor.world, model: model), generator: "t").serialized()
            let context: Comment = "seed \(seed) at \(monitor.now)"
            let (problems, busy) = try accountingViolations(json: Data(text.utf8), csv: VehicleCSV.render(model))
            #expect(problems.isEmpty, "\(problems.joined(separator: "\n")); \(context)")
            #expect(busy > 0, "a busy fleet; \(context)")
        }
    }
}
