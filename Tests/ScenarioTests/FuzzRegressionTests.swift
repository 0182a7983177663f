import Testing
@testable import Scenario

/// Inputs the fuzz targets (fuzz/, `fuzz/run.sh`) found wrong, kept so they stay right.
@Suite struct FuzzRegressionTests {
    func messages(_ text: String) -> [String] {
        do {
            _ = try ScenarioDocument.parse(text, file: "t.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    /// fuzz-scenario: a control character in a file with CR line ends was reported on line 3 at
    /// column 125 of an 85-byte line (only LF counted as a line break); with CR LF it was line 1.
    /// Every break libyaml counts must count here too, so a reader error is where the others are.
    @Test(arguments: ["\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"])
    func readerErrorsCountEveryLineBreak(_ br: String) {
        #expect(messages("name: demo\(br)seed: 1\(br)x: \u{1}") == [
            "t.yaml:3:4: error: unreadable text: control characters are not allowed"
        ])
    }

    /// Columns count Unicode scalars, as libyaml's marks do: é written as e + U+0301 is two.
    @Test func readerErrorColumnsCountScalars() {
        #expect(messages("name: demo\r\nx: e\u{301}\u{1}") == [
            "t.yaml:2:6: error: unreadable text: control characters are not allowed"
        ])
    }
}
