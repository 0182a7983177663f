import Dashboard
import Screen

/// The linear mode's command line when standard input is a terminal: typed bytes in, the echo
/// and the finished lines out, edited as readline edits (the keys are in `apply`), with a kill
/// ring, history (Up, Down) and completion (Tab) of command words, VINs and column names.
///
/// The echo moves the terminal's cursor with printable characters, backspace and carriage
/// return only, never an escape sequence, so a screen reader reads it as typing and a braille
/// display follows it: a move left is a backspace per column (a carriage return to go to the
/// start), a move right prints the characters passed over, and an edit before the end prints
/// the line from the edit on, spaces over what it no longer holds, and backspaces back to the
/// cursor (`Echo`). The line starts at the terminal's first column: the prompt writes no
/// prompt text, and what the session says in between ends with a line feed.
///
/// Bytes become keys through Screen's `KeyDecoder`, the dashboard's own decoder of escape
/// sequences (arrows, Home and End in their CSI and SS3 forms, Delete); Esc then a character is
/// Alt with it (terminals send Alt-B as ESC `b`), as readline reads it. Pure: the driver reads
/// the bytes and writes the echo.
public struct LinePrompt: Hashable, Sendable {
    public private(set) var line = LineEditor()
    public private(set) var history = PromptHistory()
    public private(set) var kills = KillRing()
    /// The history entry Up and Down stand on (nil: the line being typed), and that line.
    var historyIndex: Int?
    var draft = ""
    /// Bytes of an unfinished UTF-8 character.
    var pending: [UInt8] = []
    var keys = KeyDecoder()
    /// An Esc was read: the next character is typed with Alt.
    var meta = false
    /// What the last key did, for kills that join (Ctrl-W twice is one kill) and Alt-Y.
    var last = Last.other
    /// The longest line, in characters (no command is near it).
    public static let maxLength = 1000

    enum Last: Hashable, Sendable {
        case other
        /// A kill, forward (Ctrl-K, Alt-D) or back (Ctrl-W, Ctrl-U, Alt-Backspace).
        case kill(forward: Bool)
        /// A yank: where the yanked text starts and how many characters it has, and which
        /// kill it was (0: the newest).
        case yank(start: Int, count: Int, age: Int)
    }

    public init() {}

    /// What the bytes did: the echo to write, the lines entered, and whether Ctrl-D on an empty
    /// line ended the input.
    public struct Output: Hashable, Sendable {
        public var echo = ""
        public var lines: [String] = []
        public var endOfInput = false
    }

    public var text: String { line.text }

    /// The line typed again after the session said something in between (on a fresh line):
    /// its text, then backspaces back to the cursor.
    public var redrawn: String { line.text + Echo.moved(from: line, column: DisplayWidth.of(line.text), to: line.cursor) }

    /// Feeds typed bytes; `vins` are what `car` completes.
    public mutating func feed(_ bytes: [UInt8], vins: [String] = []) -> Output {
        var out = Output()
        pending += bytes
        var i = 0
        while i < pending.count {
            let b = pending[i]
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
            guard i + length <= pending.count else { break }
            let scalars = length == 1 ? [UInt32(b)] : String(decoding: pending[i..<(i + length)], as: UTF8.self).unicodeScalars.map(\.value)
            i += length
            for s in scalars {
                for key in keys.feed(s) { apply(key, vins: vins, &out) }
            }
        }
        pending.removeFirst(min(i, pending.count))
        return out
    }

    /// One key, readline's way:
    ///
    /// | key | does |
    /// |---|---|
    /// | ← →, Ctrl-B Ctrl-F | a character left, right |
    /// | Alt-B, Alt-F | a word left, right (words are letters and digits) |
    /// | Home End, Ctrl-A Ctrl-E | to the start, the end |
    /// | Backspace (Ctrl-H) | deletes the character before the cursor |
    /// | Delete, Ctrl-D | deletes the character under the cursor; Ctrl-D on an empty line ends the input |
    /// | Ctrl-K, Ctrl-U | kills to the end, to the start |
    /// | Ctrl-W, Alt-Backspace | kills the word before the cursor (to whitespace; to letters and digits) |
    /// | Alt-D | kills to the end of the word |
    /// | Ctrl-Y, Alt-Y | yanks the last kill; right after a yank, replaces it by the kill before |
    /// | Ctrl-T | swaps the two characters at the cursor |
    /// | ↑ ↓, Ctrl-P Ctrl-N | the history |
    /// | Tab | completes |
    /// | Enter | enters the line |
    public mutating func apply(_ key: Key, vins: [String] = [], _ out: inout Output) {
        if key == .escape {
            meta = true
            return
        }
        let alt = meta
        meta = false
        var before = line
        var now = Last.other
        switch (alt, key) {
        case (false, .enter):
            out.echo += "\n"
            out.lines.append(line.text)
            history.record(line.text)
            historyIndex = nil
            line = LineEditor()
            last = .other
            return
        case (false, .character(let c)):
            guard !c.unicodeScalars.contains(where: Sanitizer.isUnsafe) else { return }
            line.insert(c, limit: Self.maxLength)
        case (false, .backspace): line.deleteBackward()
        case (false, .delete): line.deleteForward()
        case (false, .ctrl("d")):
            if line.count == 0 {
                out.endOfInput = true
                return
            }
            line.deleteForward()
        case (false, .left), (false, .ctrl("b")): line.moveLeft()
        case (false, .right), (false, .ctrl("f")): line.moveRight()
        case (false, .home), (false, .ctrl("a")): line.moveToStart()
        case (false, .end), (false, .ctrl("e")): line.moveToEnd()
        case (true, .character("b")), (true, .character("B")): line.moveWordLeft()
        case (true, .character("f")), (true, .character("F")): line.moveWordRight()
        case (false, .ctrl("k")): now = kill(line.deleteToEnd(), forward: true)
        case (false, .ctrl("u")): now = kill(line.deleteToStart(), forward: false)
        case (false, .ctrl("w")): now = kill(line.deleteWordBackward(), forward: false)
        case (true, .character("d")), (true, .character("D")): now = kill(line.deleteWordForward(), forward: true)
        case (true, .backspace):
            // readline's backward-kill-word: back to the start of the word, as Alt-B goes.
            var probe = line
            probe.moveWordLeft()
            now = kill(deleteBack(line.cursor - probe.cursor), forward: false)
        case (false, .ctrl("y")):
            guard let text = kills.entry(age: 0) else { return }
            let start = line.cursor
            line.insert(text, limit: Self.maxLength)
            now = .yank(start: start, count: line.cursor - start, age: 0)
        case (true, .character("y")), (true, .character("Y")):
            guard case .yank(let start, let count, let age) = last, kills.entries.count > 1 else { return }
            let older = (age + 1) % kills.entries.count
            // The yanked text gives way to the kill before it.
            line.delete(start..<(start + count))
            line.insert(kills.entry(age: older) ?? "", limit: Self.maxLength)
            now = .yank(start: start, count: line.cursor - start, age: older)
        case (false, .ctrl("t")): line.transpose()
        case (false, .up), (false, .ctrl("p")): walkHistory(up: true)
        case (false, .down), (false, .ctrl("n")): walkHistory(up: false)
        case (false, .tab):
            // When the completions are listed, the line is typed again below them.
            if complete(vins: vins, &out) { before = line }
        default:
            return  // other keys are not typed into the line
        }
        last = now
        out.echo += Echo.edit(from: before, to: line)
    }

    /// Deletes `count` characters before the cursor; returns them.
    mutating func deleteBack(_ count: Int) -> String { line.delete((line.cursor - count)..<line.cursor) }

    /// Puts killed text on the ring (joined to the last kill when that was the key before);
    /// what the key did, for the next.
    mutating func kill(_ text: String, forward: Bool) -> Last {
        guard !text.isEmpty else { return last }
        if case .kill = last { kills.join(text, after: forward) } else { kills.add(text) }
        return .kill(forward: forward)
    }

    mutating func walkHistory(up: Bool) {
        let entries = history.entries
        guard !entries.isEmpty else { return }
        if up {
            if historyIndex == nil { draft = line.text }
            historyIndex = max(0, (historyIndex ?? entries.count) - 1)
        } else {
            guard let i = historyIndex else { return }
            historyIndex = i + 1 < entries.count ? i + 1 : nil
        }
        line.replace(with: historyIndex.map { entries[$0] } ?? draft)
    }

    /// Tab: one completion is typed; several extend the line to what they share, or, when
    /// they share no more, are said on a line of their own and the line is typed again (true:
    /// the echo has done so, the cursor at the line's end).
    mutating func complete(vins: [String], _ out: inout Output) -> Bool {
        let options = LinearCommand.completions(of: line.text, vins: vins)
        guard !options.isEmpty else { return false }
        if options.count == 1 {
            line.replace(with: options[0] + " ")
            return false
        }
        var shared = options[0]
        for o in options.dropFirst() { shared = String(zip(shared, o).prefix { $0 == $1 }.map(\.0)) }
        if shared.count > line.count {
            line.replace(with: shared)
            return false
        } else {
            let words = options.prefix(12).map { $0.split(separator: " ").last.map(String.init) ?? $0 }
            // From the cursor's place: the end of the line first, so the line stays whole above.
            out.echo += Echo.moved(from: line, column: DisplayWidth.of(String(line.beforeCursor)), to: line.count)
            out.echo += "\nCompletions: " + words.joined(separator: ", ") + (options.count > 12 ? " and \(options.count - 12) more" : "") + ".\n"
            // Typed again on the new line, the cursor at its end.
            line.moveToEnd()
            out.echo += line.text
            return true
        }
    }
}

/// The killed texts Ctrl-Y yanks back, newest last, at most `limit`.
public struct KillRing: Hashable, Sendable {
    public private(set) var entries: [String] = []
    public static let limit = 16

    public init() {}

    /// The kill `age` kills back (0: the newest), if there is one.
    public func entry(age: Int) -> String? {
        entries.indices.contains(entries.count - 1 - age) ? entries[entries.count - 1 - age] : nil
    }

    mutating func add(_ text: String) {
        entries.append(text)
        if entries.count > Self.limit { entries.removeFirst(entries.count - Self.limit) }
    }

    /// A kill right after a kill joins it, as readline's do: after it when it cut forward
    /// (Ctrl-K), before it when it cut back (Ctrl-W twice is the two words, in order).
    mutating func join(_ text: String, after: Bool) {
        guard let newest = entries.popLast() else { return add(text) }
        entries.append(after ? newest + text : text + newest)
    }
}

/// The bytes that show an edit of the line on a terminal without an escape sequence: printable
/// characters, backspace (0x08) and carriage return (0x0D). The line starts at the first
/// column; a move of the cursor counts display columns (a Chinese character takes two, and two
/// backspaces). A line wider than the terminal wraps, and a backspace does not go back over a
/// wrap on most terminals: the echo is right for lines that fit (commands are short).
public enum Echo {
    /// From `old` (its cursor where the terminal's is) to `new`: back to where they start to
    /// differ, the rest of the new line, spaces over what the old one had beyond it, and back to
    /// the new cursor.
    public static func edit(from old: LineEditor, to new: LineEditor) -> String {
        let oldChars = Array(old.text), newChars = Array(new.text)
        var common = 0
        while common < oldChars.count, common < newChars.count, oldChars[common] == newChars[common] { common += 1 }
        if common == oldChars.count && common == newChars.count {
            return moved(from: old, column: width(oldChars[..<old.cursor]), to: new.cursor)
        }
        // To the first difference (or the cursor, if it is before it: nothing after it changes).
        let start = min(common, old.cursor)
        var echo = moved(from: old, column: width(oldChars[..<old.cursor]), to: start)
        echo += String(newChars[start...])
        let end = width(newChars[...]), oldEnd = width(oldChars[...])
        let pad = max(0, oldEnd - end)
        echo += String(repeating: " ", count: pad)
        return echo + moved(from: new, column: end + pad, to: new.cursor)
    }

    /// From `column` on `line`'s row to before its character `cursor`: a carriage return to the
    /// start, backspaces to the left, the characters passed over to the right.
    public static func moved(from line: LineEditor, column: Int, to cursor: Int) -> String {
        let chars = Array(line.text)
        let target = width(chars[..<min(cursor, chars.count)])
        if target == column { return "" }
        if target == 0 { return "\r" }
        if target < column { return String(repeating: "\u{8}", count: column - target) }
        // Right: print what lies between (the columns up to `column` are the line's own).
        var echo = "", at = 0
        for c in chars {
            let w = DisplayWidth.of(c)
            if at >= column, at < target { echo.append(c) }
            at += w
        }
        return echo
    }

    static func width(_ chars: ArraySlice<Character>) -> Int { chars.reduce(0) { $0 + DisplayWidth.of($1) } }
}
