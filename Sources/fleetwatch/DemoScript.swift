import Fleet
import Scenario
import Simulation

/// A scenario's timeline seen as a presentation: the chapters with their start and end, and the
/// presentation cues in the order the player applies them, with the times where a caption
/// expires, a chapter skips ahead and the demo ends made explicit. Pure: built from the scenario
/// alone, so every run (and every jump back) sees the same script.
struct DemoScript: Sendable {
    struct Chapter: Hashable, Sendable {
        /// 1-based, as the caption bar and the headless output show it.
        var number: Int
        var title: String
        var start: SimDuration
        /// Where the chapter stops: its `for`, else the next chapter's start, else the demo's end.
        var end: SimDuration
    }

    /// What the player does at a cue's time.
    enum Cue: Hashable, Sendable {
        /// Chapter `index` starts: the caption bar shows its title; caption text and highlight clear.
        case chapter(index: Int)
        case caption(String)
        /// A caption's `for` ran out with no newer caption or chapter.
        case clearCaption
        case speed(Double)
        case view(name: String, car: CarReference?)
        case highlight(car: CarReference?, panel: String?)
        /// The scenario's what-if of this name beside the run from `from` (nil: the cue's time),
        /// on the split screen; nil takes it away.
        case whatIf(name: String?, from: SimDuration?)
        /// A chapter with a `for` shorter than the gap to the next one ended: fast-forward.
        case skip(toChapter: Int)
        case end
    }

    struct TimedCue: Hashable, Sendable {
        var at: SimDuration
        var cue: Cue
    }

    var chapters: [Chapter]
    /// In time order; at equal times chapter starts come first, then the file's order.
    var cues: [TimedCue]
    /// Where the demo ends.
    var end: SimDuration

    /// How long the last chapter lasts when it has no `for` and nothing follows it.
    static let tail = SimDuration.seconds(Int64(60))

    init(scenario: Scenario) {
        let entries = scenario.timeline.enumerated().sorted { a, b in
            (a.element.at, Self.rank(a.element.action), a.offset) < (b.element.at, Self.rank(b.element.action), b.offset)
        }.map(\.element)
        var starts: [(title: String, at: SimDuration, length: SimDuration?)] = []
        for e in entries {
            if case .chapter(let title, let length) = e.action { starts.append((title, e.at, length)) }
        }
        if starts.isEmpty { starts = [(scenario.name, .zero, nil)] }  // a plain scenario plays as one chapter
        let lastEntry = scenario.timeline.map(\.at).max() ?? .zero
        let last = starts[starts.count - 1]
        let end = last.length.map { last.at + $0 } ?? (max(lastEntry, last.at) + Self.tail)
        self.end = end
        chapters = starts.indices.map { i in
            let next = i + 1 < starts.count ? starts[i + 1].at : end
            let stop = starts[i].length.map { min(starts[i].at + $0, next) } ?? next
            return Chapter(number: i + 1, title: starts[i].title, start: starts[i].at, end: stop)
        }

        var cues: [TimedCue] = []
        if !scenario.timeline.contains(where: { if case .chapter = $0.action { true } else { false } }) {
            cues.append(TimedCue(at: .zero, cue: .chapter(index: 0)))
        }
        var captionTimes: [SimDuration] = entries.compactMap {
            switch $0.action {
            case .caption, .chapter: $0.at
            default: nil
            }
        }
        captionTimes.sort()
        var nextChapter = 0
        for e in entries {
            switch e.action {
            case .chapter:
                cues.append(TimedCue(at: e.at, cue: .chapter(index: nextChapter)))
                nextChapter += 1
            case .caption(let text, let length):
                cues.append(TimedCue(at: e.at, cue: .caption(text)))
                if let length {
                    let expiry = e.at + length
                    // Expire only if nothing replaced the caption by then.
                    if !captionTimes.contains(where: { $0 > e.at && $0 <= expiry }) {
                        cues.append(TimedCue(at: expiry, cue: .clearCaption))
                    }
                }
            case .setSpeed(let factor):
                cues.append(TimedCue(at: e.at, cue: .speed(factor)))
            case .view(let name, let car):
                cues.append(TimedCue(at: e.at, cue: .view(name: name, car: car)))
            case .highlight(let car, let panel):
                cues.append(TimedCue(at: e.at, cue: .highlight(car: car, panel: panel)))
            case .showWhatIf(let name, let from):
                cues.append(TimedCue(at: e.at, cue: .whatIf(name: name, from: from)))
            default:
                break
            }
        }
        for (i, c) in chapters.enumerated() where i + 1 < chapters.count && c.end < chapters[i + 1].start {
            cues.append(TimedCue(at: c.end, cue: .skip(toChapter: i + 1)))
        }
        cues.append(TimedCue(at: end, cue: .end))
        // Stable by time: the cues were appended in file order within each kind.
        self.cues = cues.enumerated().sorted { a, b in
            (a.element.at, Self.rank(a.element.cue), a.offset) < (b.element.at, Self.rank(b.element.cue), b.offset)
        }.map(\.element)
    }

    /// Chapter starts first at a given time (a caption at the same time belongs to the new
    /// chapter), a skip or the end last.
    static func rank(_ action: ScriptedAction) -> Int {
        if case .chapter = action { 0 } else { 1 }
    }

    static func rank(_ cue: Cue) -> Int {
        switch cue {
        case .chapter: 0
        case .skip, .end: 2
        default: 1
        }
    }

    /// The chapter playing at `time` (the first one before its start).
    func chapterIndex(at time: SimDuration) -> Int {
        chapters.lastIndex { $0.start <= time } ?? 0
    }

    /// Wall-clock seconds from the start of the first chapter to `time` when played straight at
    /// the scripted speeds (1 before the first `set-speed`); time a chapter skips takes none.
    func wallSeconds(at time: SimDuration) -> Double {
        let changes = [(at: SimDuration.zero, speed: 1.0)]
            + cues.compactMap { if case .speed(let s) = $0.cue { (at: $0.at, speed: s) } else { nil } }
        var wall = 0.0
        for chapter in chapters {
            let a = chapter.start.nanoseconds, b = min(chapter.end, time).nanoseconds
            guard a < b else { continue }
            for (i, change) in changes.enumerated() {
                let next = i + 1 < changes.count ? changes[i + 1].at.nanoseconds : .max
                let lo = max(a, change.at.nanoseconds), hi = min(b, next)
                if lo < hi { wall += Double(hi - lo) * 1e-9 / change.speed }
            }
        }
        return wall
    }
}
