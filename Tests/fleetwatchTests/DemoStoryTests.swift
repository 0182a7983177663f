import Dashboard
import Fleet
import Foundation
import Scenario
import Simulation
import Testing
@testable import fleetwatch

/// The presentations in Demo/ tell their story truthfully: the header's date is the story's,
/// and an alert names the driver the captions name.
@Suite struct DemoStoryTests {
    static func scenarios() throws -> [(String, Scenario)] {
        try DemoFixtures.demoFiles().map { ($0.lastPathComponent, try Scenario.load(path: $0.path)) }
    }

    /// Issue 12: the demo header showed 2026-11-30 through a 2021 story.
    @Test func theHeaderShowsTheStorysDate() throws {
        for (file, scenario) in try Self.scenarios() {
            #expect(scenario.world.start.year == 2021, "\(file): the story is set in 2021")
            let script = DemoScript(scenario: scenario)
            var player = try DemoPlayer(
                scenario: scenario, script: script, view: DemoFixtures.view, width: 160, height: 48, loop: false)
            _ = player.jump(toChapter: 0)
            let header = player.view().0.text.split(separator: "\n").first.map(String.init) ?? ""
            #expect(header.contains("2021-05-26 08:"), "\(file): \(header)")
        }
    }

    /// A car the script sends into a zone and whose driver it names: every alert raised in the
    /// zone names that driver, the one the captions name. The booth loop assigned Li Jianhua
    /// after the car had entered People's Square, so its CN-2 row named Hu Hua.
    @Test func zoneAlertsNameTheDriverTheScriptNames() throws {
        var checked = 0
        for (file, scenario) in try Self.scenarios() {
            var zoneTrips: Set<CarReference> = []
            var named: [CarReference: String] = [:]
            for entry in scenario.timeline {
                switch entry.action {
                case .trip(let car, .zone(_)): zoneTrips.insert(car)
                case .assignDriver(let car, _, let romanized?, _): named[car] = romanized
                default: break
                }
            }
            var monitor = try scenario.makeMonitor()
            monitor.run(until: SimTime.zero + DemoScript(scenario: scenario).end)
            let alerts = Array(monitor.alerts.log) + monitor.alerts.openAlerts
            for (car, driver) in named where zoneTrips.contains(car) {
                guard case .vin(let vin) = car else { continue }
                let inZone = alerts.filter { $0.facts.vin == vin && $0.facts.zone != nil }
                #expect(!inZone.isEmpty, "\(file): \(vin) raises no alert in its zone")
                for a in inZone {
                    #expect(a.facts.driver.romanized == driver, "\(file): \(a.ruleID) at \(a.start) names \(a.facts.driver.romanized), not \(driver)")
                }
                checked += 1
            }
        }
        #expect(checked >= 3, "Li Jianhua in both demos, Wang Jun in the briefing")
    }
}
