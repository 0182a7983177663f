import Fleet
import Scenario
import Testing
@testable import fleetwatch

/// A fleet too big for the machine's memory is refused before it is built (`MemoryCheck`).
@Suite struct MemoryCheckTests {
    @Test func aFleetThatCannotFitIsRefusedWithTheLargestThatWould() throws {
        var config = Scenario.builtIn.world
        config.fleetSize = 20_971_516
        let sixteen = 16 << 30
        let error = try #require(throws: Failure.self) { try MemoryCheck.require(config, source: "--vehicles 20971516", physical: sixteen) }
        #expect(error.status == 1)
        #expect(error.message.hasPrefix("fleetwatch: --vehicles 20971516: a fleet of 20,971,516 cars needs about 25.8 GB of memory (1,232 bytes a car) and this machine has 17.1 GB; ask for at most "), "\(error.message)")
        let suggested = try #require(Int(error.message.split(separator: " ").last!.dropLast()))
        config.fleetSize = suggested
        #expect(config.estimatedMemoryBytes <= sixteen, "the size suggested fits")
        #expect(suggested >= 11_000_000 && suggested % 100_000 == 0, "\(suggested)")
        try MemoryCheck.require(config, source: "--vehicles \(suggested)", physical: sixteen)
        config.fleetSize = 600
        try MemoryCheck.require(config, source: "the built-in scenario", physical: sixteen)
        try MemoryCheck.require(config, source: "the built-in scenario", physical: nil)
    }

    /// The estimate is the measured cost: a million cars of the default scenario peaked at
    /// 1 232 MB (`fleetwatch bench --workload full --vehicles 1000000 --duration 60`).
    @Test func theEstimateIsTheMeasuredCostOfACar() {
        var config = Scenario.builtIn.world
        config.fleetSize = 1_000_000
        #expect(abs(config.estimatedMemoryBytes - 1_232 * 1_000_000 - 32 << 20) < 1_000)
        #expect(config.largestFleet(fitting: config.estimatedMemoryBytes) == 1_000_000)
    }
}
