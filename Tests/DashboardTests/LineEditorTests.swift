import Screen
import Testing
@testable import Dashboard

/// The prompt's line editor and its history: pure values, so the expectations stay inline.
@Suite struct LineEditorTests {
    /// The line after `keys`, with the cursor drawn as `|`.
    func edit(_ text: String, cursor: Int? = nil, _ keys: [Key]) -> String {
        var line = LineEditor(text, cursor: cursor)
        for k in keys { _ = line.apply(k) }
        return String(line.beforeCursor) + "|" + line.text.dropFirst(line.cursor)
    }

    func typed(_ s: String) -> [Key] { s.map { .character($0) } }

    @Test func cursorMovesAndTypingGoesThere() {
        #expect(edit("", typed("class:mil")) == "class:mil|")
        #expect(edit("rate>1MB", [.left, .left, .character("5")]) == "rate>15|MB")
        #expect(edit("rate>1MB", [.home, .character("!")]) == "!|rate>1MB")
        #expect(edit("rate>1MB", [.ctrl("a"), .right, .ctrl("e")]) == "rate>1MB|")
        #expect(edit("ab", [.ctrl("a"), .left, .left]) == "|ab", "Left stops at the start")
        #expect(edit("ab", [.right, .right]) == "ab|", "Right stops at the end")
        #expect(edit("ab", [.ctrl("b"), .ctrl("f")]) == "ab|")
    }

    @Test func deleting() {
        #expect(edit("abc", [.left, .backspace]) == "a|c")
        #expect(edit("abc", [.home, .backspace]) == "|abc", "Backspace at the start does nothing")
        #expect(edit("abc", [.home, .delete]) == "|bc")
        #expect(edit("abc", [.delete]) == "abc|", "Delete at the end does nothing")
        #expect(edit("class:military dest:US", [.ctrl("w")]) == "class:military |")
        #expect(edit("class:military dest:US  ", [.ctrl("w")]) == "class:military |", "spaces before the cursor go with the word")
        #expect(edit("class:military dest:US", cursor: 14, [.ctrl("w")]) == "| dest:US")
        #expect(edit("class:military dest:US", cursor: 15, [.ctrl("u")]) == "|dest:US")
        #expect(edit("class:military dest:US", cursor: 14, [.ctrl("k")]) == "class:military|")
        #expect(edit("", [.ctrl("w"), .ctrl("u"), .ctrl("k"), .backspace, .delete]) == "|")
    }

    /// The cursor counts characters, not bytes or columns: 王伟 is two characters, four columns.
    @Test func wideAndCombiningCharactersAreOneStepEach() {
        #expect(edit("王伟 x", [.left, .left, .left]) == "王|伟 x")
        #expect(edit("王伟", [.left, .backspace]) == "|伟")
        #expect(edit("e", [.character("\u{301}")]) == "é|", "a combining mark joins the character before it")
        var line = LineEditor("王伟")
        line.moveLeft()
        #expect(line.cursor == 1 && line.underCursor == "伟")
    }

    @Test func theLimitHolds() {
        var line = LineEditor("abc")
        line.insert("d", limit: 3)
        #expect(line.text == "abc")
    }

    @Test func keysThatAreNotEditsAreLeftToThePrompt() {
        var line = LineEditor("a")
        for k in [Key.enter, .escape, .up, .down, .tab, .function(3)] {
            let edited = line.apply(k)
            #expect(!edited)
        }
        #expect(line.text == "a")
    }

    @Test func historyIsBoundedRecentLastWithoutRepeats() {
        var h = PromptHistory(["a", "b", "a", " ", ""])
        #expect(h.entries == ["b", "a"], "applying again moves an entry to the end; blanks are not kept")
        for i in 0..<60 { h.record("q\(i)") }
        #expect(h.entries.count == PromptHistory.limit)
        #expect(h.entries.first == "q10" && h.entries.last == "q59")
    }
}
