import Screen
import Testing
import TestSupport
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

    /// Seeded random edits against a model (an array of characters and an index): the same
    /// text and cursor after every key, and the bar drawn from each state shows the cursor cell
    /// once, inside the room, with no half of a wide character.
    @Test func randomEditsAgreeWithAModel() {
        let alphabet: [Character] = ["a", "b", " ", ":", "王", "伟", "🇨🇳", "x", "\""]
        let keys: [Key] = [.left, .right, .home, .end, .backspace, .delete, .ctrl("a"), .ctrl("e"), .ctrl("w"), .ctrl("u"), .ctrl("k")]
        for seed in 0..<200 {
            var rng = SplitMix(seed: UInt64(seed))
            var line = LineEditor()
            var model: [Character] = [], at = 0
            for _ in 0..<60 {
                let key: Key = Bool.random(using: &rng) ? .character(alphabet.randomElement(using: &rng)!) : keys.randomElement(using: &rng)!
                _ = line.apply(key, limit: 40)
                switch key {
                case .character(let c): if model.count < 40 { model.insert(c, at: at); at += 1 }
                case .left: at = max(0, at - 1)
                case .right: at = min(model.count, at + 1)
                case .home, .ctrl("a"): at = 0
                case .end, .ctrl("e"): at = model.count
                case .backspace: if at > 0 { model.remove(at: at - 1); at -= 1 }
                case .delete: if at < model.count { model.remove(at: at) }
                case .ctrl("w"):
                    var start = at
                    while start > 0, model[start - 1].isWhitespace { start -= 1 }
                    while start > 0, !model[start - 1].isWhitespace { start -= 1 }
                    model.removeSubrange(start..<at)
                    at = start
                case .ctrl("u"): model.removeSubrange(0..<at); at = 0
                case .ctrl("k"): model.removeSubrange(at...)
                default: break
                }
                #expect(Array(line.text) == model && line.cursor == at, "seed \(seed) after \(key)")
                for room in [4, 5, 13] {
                    let span = FooterPanel.visibleSpan(line, room: room)
                    let widths = Array(line.text).map { DisplayWidth.of(String($0)) }
                    let used = widths[span].reduce(0, +) + (line.cursor == line.count ? 1 : 0)
                        + (span.lowerBound > 0 ? 1 : 0) + (span.upperBound < line.count ? 1 : 0)
                    #expect(span.contains(line.cursor) || line.cursor == span.upperBound, "seed \(seed): the cursor is shown")
                    #expect(used <= room, "seed \(seed): \(used) columns in \(room)")
                }
            }
        }
    }
}

/// What the linear mode's prompt adds to the line (its keys are tested in LinearTests): words
/// of letters and digits, kills that return what they cut, transposition, a yank typed in.
@Suite struct LineEditorWordTests {
    func shown(_ line: LineEditor) -> String { String(line.beforeCursor) + "|" + line.text.dropFirst(line.cursor) }

    @Test func wordMoves() {
        var line = LineEditor("go to tue 17:30")
        line.moveWordLeft()
        #expect(shown(line) == "go to tue 17:|30")
        line.moveWordLeft()
        line.moveWordLeft()
        #expect(shown(line) == "go to |tue 17:30")
        line.moveWordRight()
        #expect(shown(line) == "go to tue| 17:30")
        line = LineEditor("  ", cursor: 1)
        line.moveWordRight()
        #expect(line.cursor == 2)
        line.moveWordLeft()
        #expect(line.cursor == 0)
        line = LineEditor("王伟 驾驶", cursor: 0)
        line.moveWordRight()
        #expect(shown(line) == "王伟| 驾驶", "letters of any script")
    }

    @Test func killsReturnWhatTheyCut() {
        var line = LineEditor("filter class:military", cursor: 7)
        #expect(line.deleteWordForward() == "class" && shown(line) == "filter |:military")
        #expect(line.deleteToEnd() == ":military" && shown(line) == "filter |")
        #expect(line.deleteWordBackward() == "filter " && shown(line) == "|")
        line = LineEditor("top 10", cursor: 4)
        #expect(line.deleteToStart() == "top " && shown(line) == "|10")
        #expect(line.deleteToStart() == "", "nothing before the cursor")
    }

    @Test func transposeAndYank() {
        var line = LineEditor("tpo", cursor: 2)
        line.transpose()
        #expect(shown(line) == "top|")
        line.transpose()
        #expect(shown(line) == "tpo|", "at the end: the two before it")
        line = LineEditor("a", cursor: 1)
        line.transpose()
        #expect(shown(line) == "a|", "one character: nothing")
        line = LineEditor("go 2h", cursor: 3)
        line.insert("to ")
        #expect(shown(line) == "go to |2h")
        line.insert("xyz", limit: 9)
        #expect(line.text == "go to x2h", "up to the limit")
    }
}
