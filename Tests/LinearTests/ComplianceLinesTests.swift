import Fleet
import Simulation
import Testing
@testable import Linear

/// The `compliance` command: one line per threshold, under 200 characters, fields named, and
/// no symbol a voice would read by itself.
@Suite struct ComplianceLinesTests {
    @Test func oneLinePerThresholdWithItsFieldsNamed() throws {
        #expect(try LinearCommand.parse("compliance") == .compliance)
        #expect(try LinearCommand.parse("thresholds") == .compliance)
        var config = WorldConfig.default
        config.fleetSize = 60
        var monitor = try FleetMonitor(config: config)
        monitor.run(until: SimTime.zero + SimDuration.seconds(Int64(1800)))
        let lines = Lines.compliance(monitor.compliance, calendar: monitor.world.calendar)
        #expect(lines.count == ComplianceMeasure.allCases.count)
        for line in lines {
            #expect(line.count < 200, "\(line)")
            #expect(line.contains("rate: ") && line.contains("projected: ") && line.contains("threshold: "), "\(line)")
            #expect(!line.contains("%") && !line.contains("·") && !line.contains("…"), "\(line)")
        }
        #expect(lines[0].hasPrefix("United States, bulk geolocation: "), "\(lines[0])")
        #expect(lines[4].hasPrefix("China, important data: "), "\(lines[4])")
    }
}
