import ArgumentParser
import Export
import Screen
import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// An asciicast v2 recording that `asciinema play` plays back: a header line
/// (`{"version": 2, "width", "height", "timestamp", "title", "env"}`), then one
/// `[time, "o", data]` line per frame that changed, `data` being the ANSI that turns the previous
/// frame into this one (cursor moves, SGR changes and the changed cells, as the terminal driver
/// sends them), and `[time, "r", "WxH"]` when the screen size changes. Times never go back.
/// Written through `StreamingFile`: the file appears whole at `finish()`, or not at all.
struct CastRecorder {
    var file: StreamingFile
    let depth: ColorDepth
    var previous: Buffer?
    var lastTime = 0.0
    var width: Int
    var height: Int

    /// The recording `path` names (nil: none), stamped with the wall clock and the environment
    /// as asciinema does; a file that cannot be created is one line on stderr and exit status 1.
    static func open(_ path: String?, title: String, width: Int, height: Int, depth: ColorDepth) throws -> CastRecorder? {
        guard let path else { return nil }
        do {
            return try CastRecorder(
                path: path, width: width, height: height, depth: depth, timestamp: Int64(time(nil)),
                title: title, environment: Terminal.currentEnvironment())
        } catch {
            throw Failure.of(error)
        }
    }

    /// What asciinema records of the environment, with defaults for a headless run.
    static func environment(_ env: [String: String]) -> [(String, JSONValue)] {
        [("SHELL", .string(env["SHELL"] ?? "/bin/sh")), ("TERM", .string(env["TERM"] ?? "xterm-256color"))]
    }

    init(
        path: String, width: Int, height: Int, depth: ColorDepth, timestamp: Int64, title: String,
        environment: [String: String]
    ) throws(OutputError) {
        file = try StreamingFile(path: path)
        self.depth = depth
        self.width = width
        self.height = height
        let header = JSONValue.object([
            ("version", .int(2)), ("width", .int(Int64(width))), ("height", .int(Int64(height))),
            ("timestamp", .int(timestamp)), ("title", .string(title)),
            ("env", .object(Self.environment(environment))),
        ])
        try file.append(header.serialized() + "\n")
    }

    /// Adds a frame shown at `time` seconds from the start (only what changed is written).
    mutating func record(_ buffer: Buffer, at time: Double) throws(OutputError) {
        let t = max(time.isFinite ? time : lastTime, lastTime)
        if buffer.width != width || buffer.height != height {
            width = buffer.width
            height = buffer.height
            previous = nil
            try event(t, "r", "\(width)x\(height)")
        }
        if let previous, previous == buffer { return }
        try event(t, "o", Self.ansi(from: previous, to: buffer, depth: depth))
        previous = buffer
    }

    /// Shows the cursor again and makes the file appear under its name.
    mutating func finish() throws(OutputError) {
        try event(lastTime, "o", "\u{1B}[0m\u{1B}[?25h")
        try file.finish()
    }

    func abandon() { file.abandon() }

    mutating func event(_ time: Double, _ code: String, _ data: String) throws(OutputError) {
        lastTime = time
        let line = JSONValue.array([.number(time, decimals: 6), .string(code), .string(data)])
        try file.append(line.serialized() + "\n")
    }

    /// The escape sequences that turn `old` (nil: a cleared screen) into `new`. Every event
    /// starts and ends in the plain style, so any event can follow any other.
    static func ansi(from old: Buffer?, to new: Buffer, depth: ColorDepth) -> String {
        var out = old == nil ? "\u{1B}[0m\u{1B}[?25l\u{1B}[H\u{1B}[2J" : ""
        var current = Style.plain
        for run in BufferDiff(from: old, to: new) {
            out += "\u{1B}[\(run.y + 1);\(run.x + 1)H"
            for x in run.x..<run.endX {
                let cell = new[x, run.y]
                if cell.isContinuation { continue }  // the wide grapheme to its left covered it
                let style = cell.style.reduced(to: depth)
                out += ANSIExporter.transition(from: current, to: style)
                current = style
                out += cell.text
            }
        }
        if current != .plain { out += "\u{1B}[0m" }
        return out
    }
}
