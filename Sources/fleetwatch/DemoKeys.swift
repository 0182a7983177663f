import Screen
import Dashboard

/// What a presenter's key does in the demo. Chapter navigation is the demo's own; everything
/// else goes to the dashboard's reducer as in the live view (space pauses, + and - change the
/// speed, q quits, m shows the map...).
enum PresenterControl: Hashable, Sendable {
    case next, previous
    /// Plays the current chapter again from its start.
    case replayChapter
    case dashboard(Action)

    /// Presentation clickers send PgDn/PgUp or the arrow keys; many also send `b` or `.` for
    /// "black screen", which pauses here, and F5 (start the slide show), which replays the chapter.
    /// While the dashboard's prompt is open (`typing`), every key is the prompt's: a presenter
    /// typing a filter moves its cursor with the arrows and types `n`, `p`, `r`, `b`.
    init(_ key: Key, typing: Bool = false) {
        if typing {
            self = .dashboard(.key(key))
            return
        }
        switch key {
        case .right, .pageDown, .character("n"): self = .next
        case .left, .pageUp, .character("p"): self = .previous
        case .character("r"), .function(5): self = .replayChapter
        case .character("b"), .character("."): self = .dashboard(.key(.character(" ")))
        default: self = .dashboard(.key(key))
        }
    }
}
