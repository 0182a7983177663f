import Screen

/// Everything a key can do in the dashboard, by the name the config file's `keys` section uses.
/// The reducer acts on these, never on raw keys, so any action can be bound to any key; the
/// help lists the keys actually bound.
public enum KeyAction: String, CaseIterable, Hashable, Sendable {
    case up, down, pageUp = "page-up", pageDown = "page-down", first, last
    case open, back
    case sortNext = "sort-next", sortPrevious = "sort-previous", reverseSort = "reverse-sort"
    case filter, search, searchNext = "search-next", searchPrevious = "search-previous", columns
    case map, zoomIn = "zoom-in", zoomOut = "zoom-out", panLeft = "pan-left", panRight = "pan-right", panUp = "pan-up", panDown = "pan-down"
    case resetMap = "reset-map", follow
    case alerts, acknowledge, unacknowledge, acknowledgeAll = "acknowledge-all", history, openCar = "open-car"
    case compliance, whatIf = "what-if"
    case pause, step, faster, slower
    case goTo = "go-to", backMinute = "back-minute", forwardMinute = "forward-minute"
    case backTenMinutes = "back-10-minutes", forwardTenMinutes = "forward-10-minutes", goToAlert = "go-to-alert", timeline
    case saveView = "save-view", copyVIN = "copy-vin", saveSettings = "save-settings"
    case help, quit

    /// The keys of the built-in bindings, the first one shown in hints.
    public var defaultKeys: [Key] {
        switch self {
        case .up: [.up, .character("k")]
        case .down: [.down, .character("j")]
        case .pageUp: [.pageUp]
        case .pageDown: [.pageDown]
        case .first: [.home]
        case .last: [.end]
        case .open: [.enter]
        case .back: [.escape, .backspace]
        case .sortNext: [.character(">"), .character("s")]
        case .sortPrevious: [.character("<")]
        case .reverseSort: [.character("S")]
        case .filter: [.character("/")]
        case .search: [.character("f"), .function(3)]
        case .searchNext: [.character("n")]
        case .searchPrevious: [.character("N")]
        case .columns: [.character("C")]
        case .map: [.character("m")]
        case .zoomIn: [.character("z")]
        case .zoomOut: [.character("Z")]
        case .panLeft: [.left]
        case .panRight: [.right]
        case .panUp: [.character("K")]
        case .panDown: [.character("J")]
        case .resetMap: [.character("0")]
        case .follow: [.character("F")]
        case .alerts: [.character("a"), .tab]
        case .acknowledge: [.character("A")]
        case .unacknowledge: [.character("u")]
        case .acknowledgeAll: [.ctrl("a")]
        case .history: [.character("H")]
        case .openCar: [.character("c")]
        case .compliance: [.character("P")]
        case .whatIf: [.character("i")]
        case .pause: [.character(" ")]
        case .step: [.character(".")]
        case .faster: [.character("+"), .character("=")]
        case .slower: [.character("-"), .character("_")]
        case .goTo: [.character("g")]
        case .backMinute: [.character("[")]
        case .forwardMinute: [.character("]")]
        case .backTenMinutes: [.character("{")]
        case .forwardTenMinutes: [.character("}")]
        case .goToAlert: [.character("b")]
        case .timeline: [.character("t")]
        case .saveView: [.character("w")]
        case .copyVIN: [.character("y")]
        case .saveSettings: [.character("W")]
        case .help: [.character("?"), .function(1)]
        case .quit: [.character("q")]
        }
    }

    /// What the action does, as the help and `config --init` say it.
    public var summary: String {
        switch self {
        case .up: "move the selection up"
        case .down: "move the selection down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .first: "first row"
        case .last: "last row"
        case .open: "open the selected car"
        case .back: "back to the previous view / leave alerts"
        case .sortNext: "sort by the next column"
        case .sortPrevious: "sort by the previous column"
        case .reverseSort: "reverse the sort"
        case .filter: "filter the cars"
        case .search: "find cars without filtering"
        case .searchNext: "next match of the search"
        case .searchPrevious: "previous match of the search"
        case .columns: "choose, hide and order the table's columns"
        case .map: "map of the regions"
        case .zoomIn: "on the map, zoom in"
        case .zoomOut: "on the map, zoom out"
        case .panLeft: "on the map, look west"
        case .panRight: "on the map, look east"
        case .panUp: "on the map, look north"
        case .panDown: "on the map, look south"
        case .resetMap: "on the map, the whole regions again"
        case .follow: "on the map, follow the selected car (again: stop)"
        case .alerts: "switch between vehicles and alerts"
        case .acknowledge: "acknowledge the alert and move to the next"
        case .unacknowledge: "take the acknowledgement back"
        case .acknowledgeAll: "acknowledge every alert the list shows"
        case .history: "the history of open and closed alerts"
        case .openCar: "from an alert, open its car"
        case .compliance: "compliance over time: each legal threshold, to date and projected"
        case .whatIf: "what-if: apply one of the scenario's what-ifs from now, beside the baseline"
        case .pause: "pause / resume"
        case .step: "one step while paused"
        case .faster: "faster"
        case .slower: "slower"
        case .goTo: "go to a time: 2h, -10m, +1h, 09:15, tue 17:30, start, end"
        case .backMinute: "one minute back in time"
        case .forwardMinute: "one minute forward"
        case .backTenMinutes: "ten minutes back"
        case .forwardTenMinutes: "ten minutes forward"
        case .goToAlert: "go to the selected alert's first flow"
        case .timeline: "show / hide the timeline strip"
        case .saveView: "save the view to a file, as fleetwatch snapshot writes it"
        case .copyVIN: "copy the VIN to the clipboard (OSC 52)"
        case .saveSettings: "save the sort, filter and columns to the config file"
        case .help: "this help"
        case .quit: "quit"
        }
    }
}

/// Which key does what: the built-in bindings, with a user's own laid over them (the config
/// file's `keys`). An action given keys by the user loses its built-in ones; a key given to two
/// actions is refused (`conflicts`), so no key does something the help does not say. Ctrl-C
/// always quits and the filter bar's editing keys are fixed: neither is a binding.
public struct KeyBindings: Hashable, Sendable {
    /// The keys of each action, in the order the help shows them.
    public private(set) var keys: [KeyAction: [Key]]
    private var actions: [Key: KeyAction]

    /// The built-in bindings.
    public static let standard = KeyBindings(overrides: [:])

    /// A key bound to more than one action, and the actions.
    public struct Conflict: Hashable, Sendable {
        public var key: Key
        public var actions: [KeyAction]
    }

    /// The built-in bindings with `overrides` replacing the keys of the actions they name.
    /// Keys bound twice are left with their first action (in `KeyAction` order); `conflicts`
    /// lists them so a loader can refuse the file.
    public init(overrides: [KeyAction: [Key]]) {
        var keys: [KeyAction: [Key]] = [:]
        for action in KeyAction.allCases { keys[action] = overrides[action] ?? action.defaultKeys }
        self.keys = keys
        var actions: [Key: KeyAction] = [:]
        for action in KeyAction.allCases {
            for key in keys[action]! where actions[key] == nil { actions[key] = action }
        }
        self.actions = actions
    }

    /// Keys bound to two actions or more, in `KeyAction` order of their first action.
    public var conflicts: [Conflict] {
        var seen: [Key: [KeyAction]] = [:]
        var order: [Key] = []
        for action in KeyAction.allCases {
            for key in keys[action]! {
                if seen[key] == nil { order.append(key) }
                if seen[key]?.contains(action) != true { seen[key, default: []].append(action) }
            }
        }
        return order.compactMap { key in seen[key]!.count > 1 ? Conflict(key: key, actions: seen[key]!) : nil }
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> KeyAction? { actions[key] }

    /// The keys bound to `action`, first the one hints show.
    public func keys(for action: KeyAction) -> [Key] { keys[action] ?? [] }
}

extension Key {
    /// How the config file writes a key: a character as itself (`q`, `A`, `/`, `王`), or a name:
    /// `space`, `enter`, `esc`, `tab`, `backtab`, `backspace`, `delete`, `insert`, `up`, `down`,
    /// `left`, `right`, `pgup`, `pgdn`, `home`, `end`, `f1`…`f12`, `ctrl-x`.
    public var configName: String {
        switch self {
        case .character(" "): "space"
        case .character(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .escape: "esc"
        case .enter: "enter"
        case .tab: "tab"
        case .backTab: "backtab"
        case .backspace: "backspace"
        case .delete: "delete"
        case .insert: "insert"
        case .up: "up"
        case .down: "down"
        case .left: "left"
        case .right: "right"
        case .pageUp: "pgup"
        case .pageDown: "pgdn"
        case .home: "home"
        case .end: "end"
        case .function(let n): "f\(n)"
        }
    }

    /// The key a config file names (`configName`, case-insensitive for names), or nil.
    public init?(configName text: String) {
        if text.count == 1, let c = text.first {
            guard !c.isWhitespace, !(c.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false) else { return nil }
            self = .character(c)
            return
        }
        let name = text.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "tab": .tab, "backtab": .backTab, "shift-tab": .backTab, "backspace": .backspace, "delete": .delete,
            "insert": .insert, "up": .up, "down": .down, "left": .left, "right": .right, "pgup": .pageUp,
            "pageup": .pageUp, "page-up": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown, "page-down": .pageDown,
            "home": .home, "end": .end,
        ]
        if let key = named[name] {
            self = key
        } else if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n), name.count <= 3 {
            self = .function(n)
        } else if name.hasPrefix("ctrl-"), name.count == 6, let c = name.last, c.isASCII, c.isLetter, c != "c" {
            self = .ctrl(c)
        } else {
            return nil
        }
    }

    /// How the help and the footer show a key: arrows as `glyphs` draws them, names short.
    public func label(glyphs: GlyphSet) -> String {
        switch self {
        case .up: String(glyphs.arrowUp)
        case .down: String(glyphs.arrowDown)
        case .left: String(glyphs.arrowLeft)
        case .right: String(glyphs.arrowRight)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "BkSp"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .delete: "Del"
        case .insert: "Ins"
        case .function(let n): "F\(n)"
        case .ctrl(let c): "^" + String(c).uppercased()
        case .character(" "): "space"
        case .character(let c): String(c)
        }
    }
}
