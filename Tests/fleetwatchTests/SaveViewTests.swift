import ArgumentParser
import Dashboard
import Export
import Foundation
import Scenario
import Screen
import Simulation
import Testing
@testable import fleetwatch

/// The save key and the copy key, carried out by the app (issue 16): `w` writes what
/// `fleetwatch snapshot` writes for the same state, size and time, to a new file named after
/// the simulated time, and the footer says where; `y` hands the VIN to the terminal driver.
@Suite struct SaveViewTests {
    static func app(in directory: URL, format: ExportFormat = .svg) throws -> ProgramLoop<App> {
        var app = try App(
            scenario: DemoFixtures.scenario(), renderer: DemoFixtures.view, at: .seconds(Int64(130)), speed: 1, paused: true)
        app.resize(width: 120, height: 40)
        app.export.directory = directory.path
        app.export.format = format
        var loop = ProgramLoop(app)
        _ = loop.send(.tick(wall: 100))
        _ = loop.frame()
        return loop
    }

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func wWritesWhatSnapshotWritesAndNeverOverwrites() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var loop = try Self.app(in: directory)
        _ = loop.send(.key(.character("w")))
        let name = "fleetwatch-small-demo-t00h02m10s.svg"
        let path = directory.appendingPathComponent(name).path
        #expect(loop.program.state.status == StatusMessage("saved \(path)", expires: 100 + StatusMessage.lifetime))
        #expect(loop.frame().buffer.line(39).hasPrefix("saved \(directory.path)/fleetwatch-small-demo"))

        let snapshot = SnapshotRenderer(
            scenario: try DemoFixtures.scenario(), look: try LookOptions.parse(["--no-config"]).resolved(terminal: false), width: 120, height: 40, view: .dashboard, format: .svg)
        let expected = try snapshot.render(monitor: loop.program.monitor)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected), "the bytes of `snapshot --at 2m10s --format svg`")

        _ = loop.send(.key(.character("w")))
        let second = directory.appendingPathComponent("fleetwatch-small-demo-t00h02m10s-2.svg").path
        #expect(loop.program.state.status?.text == "saved \(second)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected), "the first is left as it was")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["fleetwatch-small-demo-t00h02m10s-2.svg", name], "no temporary file left")
    }

    @Test func textIsTheAlternative() throws {
        let directory = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        var loop = try Self.app(in: directory, format: .txt)
        _ = loop.send(.key(.character("w")))
        let text = try String(contentsOf: directory.appendingPathComponent("fleetwatch-small-demo-t00h02m10s.txt"), encoding: .utf8)
        #expect(text.hasPrefix("FleetWatch"))
        #expect(text.contains("PAUSED"), "the view as on screen")
        #expect(!text.contains("saved"), "without the status line")
    }

    @Test func aFailureIsSaidOnScreenAndExpires() throws {
        var loop = try Self.app(in: URL(fileURLWithPath: "/nonexistent-fleetwatch-dir"))
        _ = loop.send(.key(.character("w")))
        let status = try #require(loop.program.state.status)
        #expect(status.isError)
        #expect(status.text.hasPrefix("not saved: cannot write '/nonexistent-fleetwatch-dir/fleetwatch-small-demo-t00h02m10s.svg'"))
        #expect(status.text.contains("does not exist"))
        _ = loop.send(.tick(wall: 100 + StatusMessage.lifetime - 0.5))
        #expect(loop.program.state.status != nil)
        _ = loop.send(.tick(wall: 100 + StatusMessage.lifetime))
        #expect(loop.program.state.status == nil)
        #expect(loop.frame().buffer.line(39).contains("help"), "the hints are back")
    }

    @Test func yHandsTheSelectedVINToTheDriver() throws {
        var loop = try Self.app(in: FileManager.default.temporaryDirectory)
        let effects = loop.send(.key(.character("y")))
        let world = loop.program.monitor.world
        let first = try #require(loop.program.state.selectedVehicle)
        let vin = world.vin(of: first).description
        #expect(effects == [.copyToClipboard(vin)])
        #expect(loop.program.state.status?.text == "copied VIN \(vin) to the clipboard (OSC 52)")
        #expect(loop.send(.key(.down)) == [], "once")
    }

    @Test func fileNamesCarryTheSimulatedTime() {
        #expect(ExportName.time(SimTime.zero) == "t00h00m00s")
        #expect(ExportName.time(SimTime.zero + .seconds(Int64(7800))) == "t02h10m00s")
        #expect(ExportName.time(SimTime.zero + .seconds(Int64(100 * 3600 + 61))) == "t100h01m01s")
        #expect(ExportName.time(SimTime(nanoseconds: 1_500_000_000)) == "t00h00m01.500s")
        #expect(ExportName.time(SimTime(nanoseconds: 2_007_000_000)) == "t00h00m02.007s")
        #expect(ExportName.slug("Shanghai rush hour — 王伟's fleet") == "shanghai-rush-hour-s-fleet")
        #expect(ExportName.slug("王伟") == "scenario")
        #expect(ExportName.slug("../../etc/passwd\u{1B}[31m") == "etc-passwd-31m")
        #expect(ExportName.slug(String(repeating: "a", count: 90)).count == 40)
    }
}
