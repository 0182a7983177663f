import TestSupport
import Testing

@Suite struct SnapshotHelperTests {
    @Test func diffShowsOnlyTheChangedLinesWithEscapesVisible() {
        let d = lineDiff(expected: "a\nb\nc", actual: "a\n\u{1B}[1mb\nc\nd")
        #expect(d == "line 2:\n  - b\n  + ␛[1mb\nline 4:\n  - (no line)\n  + d\n(3 lines expected, 4 actual)")
    }
}
