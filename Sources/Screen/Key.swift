/// A key the user pressed: what the terminal decodes from its input and what the dashboard's
/// reducer and the demo's presenter keys read. One type for both, in the layer both import,
/// so no key is translated (or lost) on the way.
public enum Key: Hashable, Sendable {
    /// A printable character (any script), as typed.
    case character(Character)
    /// Ctrl with a letter (`ctrl("c")`, lower case) or with one of `@ \ ] ^ _`.
    case ctrl(Character)
    case escape, enter, tab, backTab, backspace, delete, insert
    case up, down, left, right
    case pageUp, pageDown, home, end
    /// F1 to F12.
    case function(Int)
}
