import Testing
@testable import Scenario

@Suite struct MalformedScenarioTests {
    @Test(arguments: MalformedCases.all.indices)
    func reportsEveryProblemWithItsPosition(_ i: Int) {
        let (name, text, expected) = MalformedCases.all[i]
        do {
            let document = try ScenarioDocument.parse(text, file: "t.yaml")
            Issue.record("\(name): accepted, named '\(document.name)'")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected, "\(name)")
        }
    }
}
