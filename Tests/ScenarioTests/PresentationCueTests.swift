import Testing
import Fleet
import Simulation
@testable import Scenario

/// The demo's cues in a timeline: chapter lengths, highlights and view names.
@Suite struct PresentationCueTests {
    func parse(_ timeline: String) throws(ScenarioError) -> [ScriptedAction] {
        try ScenarioDocument.parse("name: t\nfleet: {size: 10}\ntimeline:\n" + timeline, file: "t.yaml").timeline.map(\.action)
    }

    func errors(_ timeline: String) -> [String] {
        do {
            _ = try parse(timeline)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func decodesChapterLengthsHighlightsAndViews() throws {
        let actions = try parse("""
              - {at: 0s, action: chapter, title: One, for: 90s}
              - {at: 0s, action: highlight, panel: alerts}
              - {at: 10s, action: highlight, car: 3}
              - {at: 20s, action: highlight}
              - {at: 30s, action: view, name: map}
              - {at: 40s, action: view, name: car, car: 3}
              - {at: 2m, action: chapter, title: Two}
            """)
        #expect(actions == [
            .chapter(title: "One", duration: .seconds(Int64(90))),
            .highlight(car: nil, panel: "alerts"),
            .highlight(car: .index(3), panel: nil),
            .highlight(car: nil, panel: nil),
            .view(name: "map", car: nil),
            .view(name: "car", car: .index(3)),
            .chapter(title: "Two"),
        ])
        #expect(actions.allSatisfy { $0.isPresentation })
        #expect(actions.map(\.name).contains("highlight"))
    }

    @Test(arguments: [
        ("  - {at: 0s, action: view, name: mpa}\n",
         "t.yaml:4:34: error: unknown view 'mpa'; did you mean 'map'?"),
        ("  - {at: 0s, action: view, name: car}\n",
         "t.yaml:4:5: error: a 'view' named car needs 'car': the index or VIN of the car to show"),
        ("  - {at: 0s, action: highlight, panel: alert}\n",
         "t.yaml:4:40: error: unknown panel 'alert'; did you mean 'alerts'?"),
        ("  - {at: 0s, action: highlight, panel: alerts, car: 1}\n",
         "t.yaml:4:5: error: a 'highlight' points at a car or at a panel, not both (neither clears it)"),
        ("  - {at: 0s, action: chapter, title: A, for: 0s}\n",
         "t.yaml:4:46: error: chapter 'for' must be longer than 0s, found 0s"),
        ("  - {at: 0s, action: chapter, title: A, for: 2m}\n  - {at: 1m, action: chapter, title: B}\n",
         "t.yaml:4:5: error: chapter 'A' lasts 2m from 0s, past the next chapter at 1m; shorten its 'for' or leave it out (a chapter then lasts until the next one)"),
    ])
    func reportsMistakesWhereTheyAre(_ timeline: String, _ expected: String) {
        #expect(errors(timeline) == [expected])
    }

    @Test func aChapterMayEndBeforeTheNextStarts() throws {
        let actions = try parse("""
              - {at: 0s, action: chapter, title: A, for: 1m}
              - {at: 5m, action: chapter, title: B, for: 30s}
            """)
        #expect(actions.count == 2)
    }
}
