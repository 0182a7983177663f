import Dashboard

/// How much the linear mode says on its own, between the answers to commands.
public enum Verbosity: String, CaseIterable, Hashable, Sendable {
    /// Alerts as they are raised and escalate; nothing else unasked.
    case quiet
    /// Also alerts as they close (the default).
    case normal
    /// Also, every quarter of a simulated hour, what changed since the last summary.
    case verbose
}

/// A command typed on the linear mode's line: the summaries it can ask for, and the same
/// actions as the dashboard's keys (which the session sends through the same reducer).
public enum LinearCommand: Hashable, Sendable {
    case fleet
    case regions
    case region(String)
    case car(String)
    case destinations
    case alerts
    case changes
    case time
    case map
    /// Each legal threshold: to date, the rate, the projection (the `P` view's figures).
    case compliance
    case top(count: Int, by: SortColumn)
    /// A filter in the `/` key's language; empty clears it.
    case filter(String)
    case pause, resume
    case speed(Double)
    case verbosity(Verbosity)
    /// Acknowledge an open alert by its number.
    case acknowledge(UInt64)
    /// The presenter's keys in the demo.
    case next, previous, replay
    case help
    case quit
    /// `go to 2h`, `go to -10m`, `go to tue 17:30`: the run at that time, as the `g` prompt.
    case goTo(TimeTarget)
    /// Stops a long jump where it has got to, as Esc does on the screen.
    case stop

    /// The command words, for help and tab completion.
    public static let words = [
        "fleet", "regions", "region", "car", "destinations", "alerts", "changes", "time", "map", "compliance", "top", "filter",
        "pause", "resume", "speed", "go", "stop", "verbosity", "acknowledge", "next", "previous", "replay", "help", "quit",
    ]

    /// Words that mean the same as a command word.
    static let synonyms: [String: String] = [
        "exit": "quit", "q": "quit", "?": "help", "play": "resume", "continue": "resume", "ack": "acknowledge",
        "dest": "destinations", "destination": "destinations", "countries": "destinations", "zones": "map",
        "clock": "time", "now": "time", "summary": "fleet", "status": "fleet", "region": "region", "verbose": "verbosity",
        "prev": "previous", "back": "previous", "alert": "alerts", "vehicle": "car", "goto": "go",
        "thresholds": "compliance", "halt": "stop",
    ]

    /// One line per command, for `help`.
    public static let helpLines = [
        "fleet: the whole fleet in a few lines.",
        "regions, or region Shanghai: the regions, or one.",
        "car LRW…407: one car; a whole VIN, its start, its end, or start…end.",
        "destinations: where the data goes, by country.",
        "alerts: the open alerts and the last closed ones.",
        "changes: what changed since the last summary.",
        "map: where the restricted and alerting cars are.",
        "compliance: each legal threshold, to date and projected at the current rate.",
        "top 10 by rate: the first cars of the table; by rate, up, down, total, alerts, tel, cam, nav, med or ota.",
        "filter class:military: show only matching cars, as the slash key does; filter off clears it.",
        "pause, resume, speed 10: the simulation's clock, 1 to 10000 times real time.",
        "acknowledge 12: acknowledge open alert 12.",
        "verbosity quiet, normal or verbose: how much is said unasked.",
        "time: the simulated time.",
        "go to 2h, go back 10m, go forward 1h, go to 09:15, go to tue 17:30, go to start or end: the run at that time.",
        "stop, or Control C: stop a long go to where it has got to; the other commands wait for it.",
        "next, previous, replay: in the demo, the presenter's chapters.",
        "help: this list. quit, or Control D: leave.",
    ]

    /// Parses one line; nil for a blank line. `speeds`: the speeds `speed` accepts.
    public static func parse(_ line: String, speeds: ClosedRange<Double> = 1...10_000) throws(LinearCommandError) -> LinearCommand? {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let first = words.first?.lowercased() else { return nil }
        let rest = Array(words.dropFirst())
        let argument = rest.joined(separator: " ")
        let word = synonyms[first] ?? first
        func bare(_ command: LinearCommand) throws(LinearCommandError) -> LinearCommand {
            guard rest.isEmpty else { throw LinearCommandError("\(word) takes nothing after it; type \(word) alone") }
            return command
        }
        switch word {
        case "fleet": return try bare(.fleet)
        case "regions": return try bare(.regions)
        case "region":
            return argument.isEmpty ? .regions : .region(argument)
        case "car":
            guard !argument.isEmpty else { throw LinearCommandError("car needs a VIN, or its start or end: car LRW…407") }
            return .car(argument)
        case "destinations": return try bare(.destinations)
        case "alerts": return try bare(.alerts)
        case "changes": return try bare(.changes)
        case "time": return try bare(.time)
        case "map": return try bare(.map)
        case "compliance": return try bare(.compliance)
        case "top": return try top(rest)
        case "filter":
            if ["off", "clear", "none", "all"].contains(argument.lowercased()) { return .filter("") }
            return .filter(argument)
        case "pause": return try bare(.pause)
        case "resume": return try bare(.resume)
        case "speed":
            guard rest.count == 1, let factor = Double(rest[0].hasSuffix("x") ? String(rest[0].dropLast()) : rest[0]),
                factor.isFinite, speeds.contains(factor)
            else {
                throw LinearCommandError("speed needs one number from \(Int(speeds.lowerBound)) to \(Int(speeds.upperBound)): speed 10")
            }
            return .speed(factor)
        case "verbosity":
            guard rest.count == 1, let v = Verbosity(rawValue: rest[0].lowercased()) else {
                throw LinearCommandError("verbosity is quiet, normal or verbose: verbosity quiet")
            }
            return .verbosity(v)
        case "acknowledge":
            guard rest.count == 1, let id = UInt64(rest[0]) else {
                throw LinearCommandError("acknowledge needs an alert's number, as the alerts command says it: acknowledge 12")
            }
            return .acknowledge(id)
        case "next": return try bare(.next)
        case "previous": return try bare(.previous)
        case "replay": return try bare(.replay)
        case "help": return .help
        case "quit": return try bare(.quit)
        case "stop": return try bare(.stop)
        case "go":
            // "go to 2h", "go 2h"; "go back 10m" and "go forward 1h" as "-10m" and "+1h" (words
            // read aloud better than signs).
            var words = rest.first?.lowercased() == "to" ? Array(rest.dropFirst()) : rest
            var sign = ""
            if let w = words.first?.lowercased(), ["back", "forward", "minus", "plus"].contains(w) {
                sign = w == "back" || w == "minus" ? "-" : "+"
                words.removeFirst()
            }
            guard !words.isEmpty else { throw LinearCommandError("go to what time? go to 2h, go back 10m, go to 09:15 or go to tue 17:30") }
            do {
                return .goTo(try TimeTarget(parsing: sign + words.joined(separator: " ")))
            } catch {
                throw LinearCommandError("that time does not parse: \(error.message). Example: go to 2h.")
            }
        default:
            throw LinearCommandError("unknown command \(Spoken.clean(String(first.prefix(40)))); type help for the commands")
        }
    }

    /// `top`, `top 10`, `top 10 by rate`, `top by cam`.
    static func top(_ words: [String]) throws(LinearCommandError) -> LinearCommand {
        var count = 10
        var column = SortColumn.rate
        var rest = words[...]
        if let n = rest.first, let value = Int(n) {
            guard (1...100).contains(value) else { throw LinearCommandError("top takes 1 to 100 cars, got \(value): top 10 by rate") }
            count = value
            rest = rest.dropFirst()
        }
        if let by = rest.first {
            guard by.lowercased() == "by", rest.count == 2 else { throw LinearCommandError("say top 10 by rate (or up, down, total, alerts, cam…)") }
            let name = rest.last!.lowercased()
            guard let c = sortColumn(named: name) else {
                let names = SortColumn.allCases.map(\.rawValue).joined(separator: ", ")
                throw LinearCommandError("cannot sort by \(Spoken.clean(String(name.prefix(40)))); sort by one of \(names)")
            }
            column = c
        }
        return .top(count: count, by: column)
    }

    /// A table column by its name, or a longer name for it ("camera", "total").
    static func sortColumn(named name: String) -> SortColumn? {
        let longer: [String: SortColumn] = [
            "telemetry": .telemetry, "camera": .camera, "navigation": .navigation, "media": .media, "updates": .updates,
            "bytes": .total, "sent": .total, "class": .userClass,
        ]
        return SortColumn(rawValue: name) ?? longer[name]
    }

    /// Completions of `line` at its end: command words for the first word, VINs after `car`
    /// (by their start or their end), column names after `top … by`.
    public static func completions(of line: String, vins: [String]) -> [String] {
        let endsInSpace = line.last?.isWhitespace ?? true
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let current = endsInSpace ? "" : words.last ?? ""
        let before = endsInSpace ? words : Array(words.dropLast())
        let lead = line.dropLast(current.count)
        let candidates: [String]
        if before.isEmpty {
            candidates = words.isEmpty ? Self.words : Self.words.filter { $0.hasPrefix(current.lowercased()) }
        } else if before.first?.lowercased() == "car", before.count == 1 {
            let c = current.uppercased()
            candidates = vins.filter { $0.hasPrefix(c) || (!c.isEmpty && $0.hasSuffix(c)) }.sorted()
        } else if before.first?.lowercased() == "top", before.last?.lowercased() == "by" {
            candidates = SortColumn.allCases.map(\.rawValue).filter { $0.hasPrefix(current.lowercased()) }
        } else if before.first?.lowercased() == "verbosity" {
            candidates = Verbosity.allCases.map(\.rawValue).filter { $0.hasPrefix(current.lowercased()) }
        } else {
            candidates = []
        }
        return candidates.map { lead + $0 }
    }
}

/// A line the linear mode could not take: what was wrong and what to type instead, in one line.
public struct LinearCommandError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
