import Fleet
import Screen
import Simulation
import Testing
@testable import Dashboard

/// The selection through the real simulation, frame by frame as the terminal drives it: render,
/// then the key with that frame.
@Suite struct SelectionTests {
    static let monitor = SimulatedScreenTests.monitor
    let builder = ModelBuilder(scenarioName: "Default fleet")
    let view = DashboardView(glyphs: .unicode, theme: .dark)

    func render(_ state: DashboardState) -> (Buffer, FrameContext) {
        view.render(state: state, model: builder.build(monitor: Self.monitor, state: state, rows: .screen))
    }

    func play(_ keys: [Key]) -> (DashboardState, Buffer, FrameContext) {
        var state = DashboardState(width: 160, height: 48, speed: 1, paused: true)
        var (buffer, frame) = render(state)
        for key in keys {
            _ = state.reduce(.key(key), frame: frame)
            (buffer, frame) = render(state)
        }
        return (state, buffer, frame)
    }

    static func typed(_ text: String) -> [Key] { text.map(Key.character) }

    /// Issue 12: start, End, `/class:military dest:US` Enter, Enter opened Ma Chao of Shanghai,
    /// a car the filter hides. The filter here is `class:military market:US`: whether a US
    /// military driver's car has sent anything 20 minutes in (`dest:US`) depends on whether it
    /// woke up, the market does not.
    @Test func enterNeverOpensACarTheFilterHides() throws {
        let filter = "class:military market:US"
        let (filtered, _, frame) = play([.end, .character("/")] + Self.typed(filter) + [.enter])
        #expect(!frame.visibleVehicles.isEmpty, "the filter matches some car at 20 minutes")
        let (state, _, _) = play([.end, .character("/")] + Self.typed(filter) + [.enter, .enter])
        guard case .detail(let car) = state.view else {
            Issue.record("Enter opened nothing: \(state.view)")
            return
        }
        #expect(frame.visibleVehicles.contains(car), "opened car \(car), which the filter hides")
        // The filter is applied as it is typed: whenever the text so far hides the selected car,
        // the selection moves to that frame's top row, and it stays on a car the text still
        // shows. Enter opens the car drawn selected.
        #expect(car == filtered.selectedVehicle, "opened \(car), the table marks \(String(describing: filtered.selectedVehicle))")
        let query = try Query(parsing: filter)
        let row = try #require(builder.build(monitor: Self.monitor, state: filtered, rows: .all).vehicles.first { $0.index == car })
        #expect(query.matches(row))
    }

    @Test func theFirstFrameMarksTheFirstRow() throws {
        let (state, buffer, frame) = play([])
        let top = try #require(frame.tableTop)
        #expect(String(buffer.text.split(separator: "\n", omittingEmptySubsequences: false)[top].dropFirst()).hasPrefix("▶"))
        #expect(buffer[5, top].style == Theme.dark.selected)
        #expect(state.selectedPosition(in: frame.visibleVehicles) == 0)
        // k stays on the first row (it jumped to the last car); Enter opens that row.
        let (up, _, _) = play([.character("k")])
        #expect(up.selectedVehicle == frame.visibleVehicles.first)
        let (opened, _, _) = play([.enter])
        #expect(opened.view == .detail(vehicle: frame.visibleVehicles[0]))
    }
}
