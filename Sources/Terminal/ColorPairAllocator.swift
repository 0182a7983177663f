/// Hands out curses colour pairs for (foreground, background) colour numbers.
///
/// Pair 0 is the terminal's default pair and is never allocated; pairs are numbered from 1
/// up to `capacity` (COLOR_PAIRS - 1). When they run out, `pair(foreground:background:)`
/// says so and the caller starts over with `reset()` and a full redraw, since redefining a
/// pair in use would recolour cells already on screen.
struct ColorPairAllocator: Hashable, Sendable {
    struct Key: Hashable, Sendable {
        var foreground: Int32
        var background: Int32
    }

    /// What `pair(foreground:background:)` found.
    enum Lookup: Hashable, Sendable {
        /// The pair was defined before.
        case existing(Int32)
        /// A new pair number: the caller defines it (`init_extended_pair`).
        case new(Int32)
        /// Every pair is in use.
        case exhausted
    }

    let capacity: Int
    /// The colour numbers of the default pair (pair 0).
    let defaultKey: Key
    private(set) var pairs: [Key: Int32] = [:]

    init(capacity: Int, defaultForeground: Int32 = -1, defaultBackground: Int32 = -1) {
        self.capacity = max(0, capacity)
        defaultKey = Key(foreground: defaultForeground, background: defaultBackground)
    }

    var count: Int { pairs.count }

    mutating func pair(foreground: Int32, background: Int32) -> Lookup {
        let key = Key(foreground: foreground, background: background)
        if key == defaultKey { return .existing(0) }
        if let existing = pairs[key] { return .existing(existing) }
        guard pairs.count < capacity else { return .exhausted }
        let number = Int32(pairs.count + 1)
        pairs[key] = number
        return .new(number)
    }

    mutating func reset() { pairs.removeAll(keepingCapacity: true) }
}
