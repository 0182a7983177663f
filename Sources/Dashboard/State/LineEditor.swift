import Screen

/// One line of text being edited, readline-style: the text and a cursor between grapheme
/// clusters (0 is before the first character, `count` after the last). Pure operations; the
/// filter and search prompts hold one, and the footer draws it with the cursor cell.
///
/// - Complexity: every operation is O(n) in the characters of the line (at most
///   `Query.maxLength`), which is nothing next to a frame.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: String
    /// Characters (grapheme clusters) before the cursor.
    public private(set) var cursor: Int

    /// A line holding `text`, the cursor at its end unless placed.
    public init(_ text: String = "", cursor: Int? = nil) {
        self.text = text
        self.cursor = max(0, min(text.count, cursor ?? text.count))
    }

    public var count: Int { text.count }
    /// The text before the cursor: its display width is where the cursor is drawn.
    public var beforeCursor: Substring { text.prefix(cursor) }
    /// The character under the cursor (nil at the end).
    public var underCursor: Character? { cursor < text.count ? text[index(cursor)] : nil }

    private func index(_ offset: Int) -> String.Index { text.index(text.startIndex, offsetBy: offset) }

    /// Types `c` at the cursor, unless the line already holds `limit` characters.
    public mutating func insert(_ c: Character, limit: Int = .max) {
        guard text.count < limit else { return }
        let before = text.count
        text.insert(c, at: index(cursor))
        // A combining mark joins the character before it: the count may not grow.
        cursor += text.count - before
    }

    /// Backspace: deletes the character before the cursor.
    public mutating func deleteBackward() {
        guard cursor > 0 else { return }
        text.remove(at: index(cursor - 1))
        cursor -= 1
    }

    /// Delete: deletes the character under the cursor.
    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: index(cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }
    /// Home, Ctrl-A.
    public mutating func moveToStart() { cursor = 0 }
    /// End, Ctrl-E.
    public mutating func moveToEnd() { cursor = text.count }

    /// Ctrl-W: deletes the word before the cursor, and the spaces between it and the cursor
    /// (readline's `unix-word-rubout`: words end at whitespace); returns what it deleted.
    @discardableResult
    public mutating func deleteWordBackward() -> String {
        let chars = Array(text)
        var start = cursor
        while start > 0, chars[start - 1].isWhitespace { start -= 1 }
        while start > 0, !chars[start - 1].isWhitespace { start -= 1 }
        return delete(start..<cursor)
    }

    /// Ctrl-U: deletes everything before the cursor (readline's `unix-line-discard`); returns
    /// what it deleted.
    @discardableResult
    public mutating func deleteToStart() -> String { delete(0..<cursor) }

    /// Ctrl-K: deletes everything from the cursor to the end; returns what it deleted.
    @discardableResult
    public mutating func deleteToEnd() -> String { delete(cursor..<text.count) }

    /// Alt-D: deletes to the end of the word at or after the cursor (readline's `kill-word`);
    /// returns what it deleted.
    @discardableResult
    public mutating func deleteWordForward() -> String { delete(cursor..<wordEnd(from: cursor)) }

    /// Alt-B: to the start of the word before the cursor (readline's `backward-word`: words
    /// are letters and digits, so `class:military` is two).
    public mutating func moveWordLeft() {
        let chars = Array(text)
        var i = cursor
        while i > 0, !Self.isWordCharacter(chars[i - 1]) { i -= 1 }
        while i > 0, Self.isWordCharacter(chars[i - 1]) { i -= 1 }
        cursor = i
    }

    /// Alt-F: to the end of the word at or after the cursor (readline's `forward-word`).
    public mutating func moveWordRight() { cursor = wordEnd(from: cursor) }

    /// Ctrl-T: swaps the characters before and under the cursor and moves on (at the end of the
    /// line, the two before it), as readline's `transpose-chars`; nothing before the second
    /// character.
    public mutating func transpose() {
        var chars = Array(text)
        guard chars.count >= 2, cursor > 0 else { return }
        let at = min(cursor, chars.count - 1)
        chars.swapAt(at - 1, at)
        text = String(chars)
        cursor = min(at + 1, text.count)
    }

    /// Types `inserted` at the cursor (a yank), up to `limit` characters in the line.
    public mutating func insert(_ inserted: String, limit: Int = .max) {
        for c in inserted { insert(c, limit: limit) }
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    private func wordEnd(from start: Int) -> Int {
        let chars = Array(text)
        var i = start
        while i < chars.count, !Self.isWordCharacter(chars[i]) { i += 1 }
        while i < chars.count, Self.isWordCharacter(chars[i]) { i += 1 }
        return i
    }

    /// Deletes the characters in `range` (offsets, clamped to the line), the cursor kept on the
    /// same text; returns what it deleted.
    @discardableResult
    public mutating func delete(_ range: Range<Int>) -> String {
        let lower = min(max(0, range.lowerBound), text.count)
        let range = lower..<min(max(range.upperBound, lower), text.count)
        guard !range.isEmpty else { return "" }
        let removed = String(text[index(range.lowerBound)..<index(range.upperBound)])
        text.removeSubrange(index(range.lowerBound)..<index(range.upperBound))
        if cursor >= range.upperBound { cursor -= range.count } else if cursor > range.lowerBound { cursor = range.lowerBound }
        cursor = min(cursor, text.count)  // a mark left after the deletion may join the character before
        return removed
    }

    /// Replaces the whole line (a history entry), the cursor at its end.
    public mutating func replace(with text: String) {
        self.text = text
        cursor = text.count
    }

    /// Applies an editing key; returns false for a key that is not an editing key (Enter, Esc,
    /// Up, Down… are the prompt's to handle).
    public mutating func apply(_ key: Key, limit: Int = .max) -> Bool {
        switch key {
        case .character(let c): insert(c, limit: limit)
        case .backspace, .ctrl("h"): deleteBackward()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveToStart()
        case .end, .ctrl("e"): moveToEnd()
        case .ctrl("w"): deleteWordBackward()
        case .ctrl("u"): deleteToStart()
        case .ctrl("k"): deleteToEnd()
        default: return false
        }
        return true
    }
}

/// The filters and searches applied, most recent last, without repeats (applying one again
/// moves it to the end), at most `limit`: what Up and Down walk through in the prompt. Held in
/// the dashboard state, not persisted (a settings file may keep it later).
public struct PromptHistory: Hashable, Sendable {
    public private(set) var entries: [String] = []
    public static let limit = 50

    public init(_ entries: [String] = []) {
        for e in entries { record(e) }
    }

    /// Remembers `text` as the most recent entry (blank text is not remembered).
    public mutating func record(_ text: String) {
        guard !text.allSatisfy(\.isWhitespace) else { return }
        entries.removeAll { $0 == text }
        entries.append(text)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }
}
