import Foundation
import Testing
import Fleet
import Simulation
@testable import Scenario

@Suite struct DefaultScenarioTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios/default.yaml")

    @Test func compiledInConstantIsTheFileByteForByte() throws {
        let data = try Data(contentsOf: Self.file)
        #expect(Array(DefaultScenario.yaml.utf8) == Array(data), "run .ci/embed-default-scenario after editing Scenarios/default.yaml")
    }

    @Test func loadsToTheFleetDefaults() throws {
        let scenario = try Scenario.load(path: Self.file.path)
        #expect(scenario.world == WorldConfig.default)
        #expect(scenario.policies == PolicySet.default)
        #expect(scenario.alerts == AlertParameters.default)
        #expect(scenario.timeline.isEmpty && scenario.classes.isEmpty)
        #expect(scenario.name == "Default fleet")
        #expect(Scenario.builtIn.world == scenario.world && Scenario.builtIn.file == "<built-in>")
        // The fleet the defaults describe: a handful of restricted drivers per region.
        let world = try FleetWorld(config: scenario.world)
        let shanghai = (0..<world.carCount).filter { world.market(of: $0) == .cn }
        #expect(shanghai.count == 300)
        #expect(shanghai.count { [.military, .keySOE].contains(world.userClass(of: $0)) } == 12)
    }

    @Test func buildsTheSameWorldAsTheDefaults() throws {
        var fromFile = try Scenario.builtIn.makeMonitor()
        var fromDefaults = try FleetMonitor(config: .default)
        let end = SimTime.zero + .minutes(10)
        fromFile.run(until: end)
        fromDefaults.run(until: end)
        #expect(fromFile.world.digest == fromDefaults.world.digest)
        #expect(fromFile.alertDigest == fromDefaults.alertDigest)
        // A busy enough world that equal digests mean something: 600 cars, most asleep at 08:00
        // Shanghai time and 16:00 in the US, send some 4 600 flows in ten minutes.
        #expect(fromFile.flowsSeen > 3000)
    }
}
