import Foundation
import Testing
import TestSupport

/// Getting things out of the live dashboard (issue 16), in tmux: `w` saves the view as
/// `fleetwatch snapshot` writes it, `y` copies the VIN with OSC 52.
extension LiveEndToEndTests {
    @Test func wSavesTheViewAsSnapshotWritesIt() throws {
        let live = try LiveDashboard(["--at", "30m", "--paused"], inDirectory: true)
        try live.firstFrame()
        live.tmux.sendKeys("w")
        let name = "fleetwatch-default-fleet-t00h30m00s.svg"
        try live.expect("w did not say where it saved") { LiveDashboard.has($0, "saved ./\(name)") }
        let saved = try #require(FileManager.default.contents(atPath: live.tmux.directory.appendingPathComponent(name).path))
        let snapshot = try Run(["snapshot", "--at", "30m", "--format", "svg", "--width", "120", "--height", "40"])
        #expect(saved == Data(snapshot.output), "the bytes of fleetwatch snapshot --at 30m --format svg --width 120 --height 40")
        live.tmux.sendKeys("w")
        try live.expect("a second w did not pick a new name") { LiveDashboard.has($0, "saved ./fleetwatch-default-fleet-t00h30m00s-2.svg") }
        // The message goes after a few seconds; the hints come back.
        try live.expect("the status line did not expire", seconds: 8) { LiveDashboard.has($0, "↑↓ move") && !LiveDashboard.has($0, "saved ") }
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }

    /// tmux takes OSC 52 from a program with `set-clipboard on` and keeps it as a paste buffer.
    @Test func yCopiesTheSelectedVINWithOSC52() throws {
        let live = try LiveDashboard(["--at", "30m", "--paused"], inDirectory: true)
        #expect(live.tmux.tmux(["set-option", "-g", "set-clipboard", "on"]).status == 0)
        let frame = try live.firstFrame()
        let first = try #require(LiveDashboard.table(frame)?.rows.first.flatMap(LiveDashboard.vin))
        live.tmux.sendKeys("y")
        try live.expect("y did not say it copied \(first)") { LiveDashboard.has($0, "copied VIN \(first) to the clipboard (OSC 52)") }
        let buffer = live.tmux.tmux(["show-buffer"])
        #expect(buffer.status == 0 && buffer.output.trimmingCharacters(in: .newlines) == first, "tmux's buffer: \(buffer.output)")
        // In the detail view, the detail's car.
        live.tmux.sendKeys("Down", "Enter")
        let detail = try live.expect("no detail") { $0.contains { $0.hasPrefix("╭ ") && $0.contains(" · ") } && !LiveDashboard.has($0, "┏ Vehicles") }
        let vin = try #require(detail.first { $0.hasPrefix("╭ ") && $0.contains(" · ") }.flatMap { LiveDashboard.vin(String($0.dropFirst(2))) })
        #expect(vin != first)
        live.tmux.sendKeys("y")
        try live.expect("y in the detail did not copy \(vin)") { LiveDashboard.has($0, "copied VIN \(vin)") }
        #expect(live.tmux.tmux(["show-buffer"]).output.trimmingCharacters(in: .newlines) == vin)
        live.tmux.sendKeys("q")
        try live.expectRestored(status: "0", "after q")
    }
}
