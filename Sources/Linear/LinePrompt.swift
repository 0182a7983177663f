import Dashboard
import Screen

/// The linear mode's command line when standard input is a terminal: typed bytes in, the echo
/// and the finished lines out, with history (Up, Down) and completion (Tab) of command words,
/// VINs and column names. The cursor stays at the end of the line, so the echo needs no cursor
/// movement: characters are appended and erased with backspace, space, backspace, which a
/// screen reader reads as typing and deleting; never an escape sequence. Pure: the driver reads
/// the bytes and writes the echo.
public struct LinePrompt: Hashable, Sendable {
    public private(set) var line = LineEditor()
    public private(set) var history = PromptHistory()
    /// The history entry Up and Down stand on (nil: the line being typed), and that line.
    var historyIndex: Int?
    var draft = ""
    /// Bytes of an unfinished UTF-8 character or escape sequence.
    var pending: [UInt8] = []

    public init() {}

    /// What the bytes did: the echo to write, the lines entered, and whether Ctrl-D on an empty
    /// line ended the input.
    public struct Output: Hashable, Sendable {
        public var echo = ""
        public var lines: [String] = []
        public var endOfInput = false
    }

    public var text: String { line.text }

    /// Feeds typed bytes; `vins` are what `car` completes.
    public mutating func feed(_ bytes: [UInt8], vins: [String] = []) -> Output {
        var out = Output()
        pending += bytes
        var i = 0
        while i < pending.count {
            let b = pending[i]
            if b == 0x1B {
                // ESC [ A / ESC O A (Up), B (Down); other sequences are read and ignored.
                guard i + 2 < pending.count else { break }
                let final = pending[i + 2]
                var end = i + 2
                if pending[i + 1] == UInt8(ascii: "[") {
                    while end < pending.count, !(0x40...0x7E).contains(pending[end]) { end += 1 }
                    guard end < pending.count else { break }
                }
                if final == UInt8(ascii: "A") { walkHistory(up: true, &out) }
                if final == UInt8(ascii: "B") { walkHistory(up: false, &out) }
                i = end + 1
                continue
            }
            if b >= 0x80 {
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                guard i + length <= pending.count else { break }
                for c in String(decoding: pending[i..<(i + length)], as: UTF8.self) { type(c, &out) }
                i += length
                continue
            }
            i += 1
            switch b {
            case 0x0D, 0x0A:
                out.echo += "\n"
                out.lines.append(line.text)
                history.record(line.text)
                historyIndex = nil
                line = LineEditor()
            case 0x7F, 0x08:
                if line.count > 0 {
                    line.deleteBackward()
                    out.echo += "\u{8} \u{8}"
                }
            case 0x15:  // Ctrl-U
                replace(with: "", &out)
            case 0x17:  // Ctrl-W
                var shorter = line
                shorter.deleteWordBackward()
                replace(with: shorter.text, &out)
            case 0x04:  // Ctrl-D
                if line.count == 0 { out.endOfInput = true }
            case 0x09:
                complete(vins: vins, &out)
            case 0x20...0x7E:
                type(Character(Unicode.Scalar(b)), &out)
            default:
                break  // other control characters are not typed into the line
            }
        }
        pending.removeFirst(min(i, pending.count))
        return out
    }

    mutating func type(_ c: Character, _ out: inout Output) {
        guard line.count < 1000, !c.unicodeScalars.contains(where: Sanitizer.isUnsafe) else { return }
        line.insert(c)
        out.echo.append(c)
    }

    /// Erases the line as typed (one backspace per character) and types `text`.
    mutating func replace(with text: String, _ out: inout Output) {
        let common = zip(line.text, text).prefix { $0 == $1 }.count
        out.echo += String(repeating: "\u{8} \u{8}", count: line.count - common)
        out.echo += String(text.dropFirst(common))
        line.replace(with: text)
    }

    mutating func walkHistory(up: Bool, _ out: inout Output) {
        let entries = history.entries
        guard !entries.isEmpty else { return }
        if up {
            if historyIndex == nil { draft = line.text }
            historyIndex = max(0, (historyIndex ?? entries.count) - 1)
        } else {
            guard let i = historyIndex else { return }
            historyIndex = i + 1 < entries.count ? i + 1 : nil
        }
        replace(with: historyIndex.map { entries[$0] } ?? draft, &out)
    }

    /// Tab: one completion is typed; several extend the line to what they share, or, when
    /// they share no more, are said on a line of their own and the line is typed again.
    mutating func complete(vins: [String], _ out: inout Output) {
        let options = LinearCommand.completions(of: line.text, vins: vins)
        guard !options.isEmpty else { return }
        if options.count == 1 {
            replace(with: options[0] + " ", &out)
            return
        }
        var shared = options[0]
        for o in options.dropFirst() { shared = String(zip(shared, o).prefix { $0 == $1 }.map(\.0)) }
        if shared.count > line.count {
            replace(with: shared, &out)
        } else {
            let words = options.prefix(12).map { $0.split(separator: " ").last.map(String.init) ?? $0 }
            out.echo += "\nCompletions: " + words.joined(separator: ", ") + (options.count > 12 ? " and \(options.count - 12) more" : "") + ".\n" + line.text
        }
    }
}
