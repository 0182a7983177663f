import Dashboard
import Fleet
import Linear
import Scenario
import Screen

extension Settings {
    /// The keys a config file can hold, in the order `yaml` writes them.
    public static let fileKeys = ["theme", "color", "glyphs", "names", "fps", "speed", "sort", "descending", "filter", "columns", "save-format", "save-directory", "linear", "verbosity", "rewind-memory", "keys"]

    /// Parses and checks a config file's text; `file` is the name diagnostics show. Every
    /// problem is reported at its FILE:LINE:COL, not only the first. An empty file is the
    /// built-in settings.
    public static func parse(text: String, file: String) throws(ScenarioError) -> Settings {
        // Blank or only comments: the built-in settings (a scenario would need a name).
        let content = text.split(whereSeparator: \.isNewline).contains { line in
            let t = line.drop { $0 == " " || $0 == "\t" }
            return !t.isEmpty && !t.hasPrefix("#")
        }
        if !content { return Settings() }
        let root = try YAMLLoader.parse(text, file: file, limits: limits)
        return try decode(root, file: file)
    }

    /// Reads (size checked first), parses and checks the config file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Settings {
        let root: YAMLNode
        do {
            root = try YAMLLoader.load(path: path, file: path, limits: limits)
        } catch {
            // An empty file is no mistake in a config file.
            if error.diagnostics.count == 1, error.diagnostics[0].message.hasPrefix("the file is empty") { return Settings() }
            throw error
        }
        return try decode(root, file: path)
    }

    /// A config file is small: 64 kB and 10,000 values are far more than every setting needs.
    static let limits: ScenarioLimits = {
        var l = ScenarioLimits.default
        l.maxFileBytes = 64 * 1024
        l.maxNodes = 10_000
        return l
    }()

    static func decode(_ root: YAMLNode, file: String) throws(ScenarioError) -> Settings {
        var context = DecodeContext(file: file, limits: limits)
        var s = Settings()
        if root.isNull { return s }  // an empty file, or only comments
        guard let fields = context.mapping(root, "the config file", allowed: fileKeys) else {
            try context.check()
            return s
        }
        if let n = fields["theme"], let v = context.choice(n, "theme", as: Theme.Name.self) { s.theme = v }
        if let n = fields["color"], let v = context.choice(n, "color", as: ColorChoice.self) { s.color = v.depth }
        if let n = fields["glyphs"], let v = context.choice(n, "glyphs", as: GlyphChoice.self) { s.glyphs = v.name }
        if let n = fields["names"], let v = context.choice(n, "names", as: NamesChoice.self) { s.names = v.script }
        if let n = fields["fps"], let v = context.int(n, "fps", in: fpsRange) { s.fps = v }
        if let n = fields["speed"], let v = context.double(n, "speed", in: speedRange) { s.speed = v }
        if let n = fields["sort"], let v = context.choice(n, "sort column", as: SortColumn.self) { s.sort = v }
        if let n = fields["descending"], let v = context.bool(n, "descending") { s.descending = v }
        if let n = fields["filter"], let text = context.string(n, "filter", allowEmpty: true) {
            do {
                _ = try Query(parsing: text)
                s.filter = text
            } catch {
                // Point at the term: the value's column plus the error's (plain scalars only;
                // a quoted one starts a character later).
                var at = n.location
                if case .scalar(_, let plain) = n.kind, !text.contains("\n") { at.column += error.column + (plain ? 0 : 1) }
                context.error("filter: \(error.message)", at: at)
            }
        }
        if let n = fields["columns"], let items = context.list(n, "columns", maxCount: TableColumn.allCases.count * 2) {
            var columns: [TableColumn] = []
            for item in items {
                guard let c = context.choice(item, "column", as: TableColumn.self) else { continue }
                if columns.contains(c) {
                    context.error("column '\(c.rawValue)' is listed twice; list each column once, in the order to show them", at: item)
                } else {
                    columns.append(c)
                }
            }
            if items.isEmpty { context.error("columns is empty; list at least one column (vin, driver, rate…), or leave the key out for all of them", at: n) }
            s.columns = columns
        }
        if let n = fields["save-format"], let v = context.choice(n, "save-format", as: SaveFormat.self) { s.saveFormat = v }
        if let n = fields["save-directory"], let v = context.string(n, "save-directory") {
            if v.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                context.error("save-directory holds a control character; write a plain path", at: n)
            } else {
                s.saveDirectory = v
            }
        }
        if let n = fields["linear"], let v = context.bool(n, "linear") { s.linear = v }
        if let n = fields["verbosity"], let v = context.choice(n, "verbosity", as: Verbosity.self) { s.verbosity = v }
        if let n = fields["rewind-memory"], let v = context.int(n, "rewind-memory", in: rewindMemoryRange) { s.rewindMemoryMB = v }
        if let n = fields["keys"] { s.keys = decodeKeys(n, &context) }
        try context.check()
        return s
    }

    /// `keys:` maps action names to a key or a list of keys; a key given to two actions, by
    /// the file or by the built-in keys of an action the file leaves alone, is refused.
    static func decodeKeys(_ node: YAMLNode, _ context: inout DecodeContext) -> [KeyAction: [Key]] {
        guard let fields = context.mapping(node, "keys", allowed: KeyAction.allCases.map(\.rawValue)) else { return [:] }
        var keys: [KeyAction: [Key]] = [:]
        var where_: [Key: YAMLNode] = [:]
        for action in KeyAction.allCases {
            guard let n = fields[action.rawValue], let items = context.oneOrMany(n, "keys.\(action.rawValue)") else { continue }
            guard items.count <= maxKeysPerAction else {
                context.error("keys.\(action.rawValue) has \(items.count) keys, more than the limit of \(maxKeysPerAction)", at: n)
                continue
            }
            var list: [Key] = []
            for item in items {
                guard let text = context.string(item, "a key of \(action.rawValue)") else { continue }
                guard let key = Key(configName: text) else {
                    context.error(
                        "'\(text)' is not a key; write a character (q, A, /) or a name: space, enter, esc, tab, backspace, "
                            + "up, down, left, right, pgup, pgdn, home, end, f1-f12, ctrl-a…ctrl-z (ctrl-c always quits)",
                        at: item)
                    continue
                }
                if !list.contains(key) { list.append(key) }
                // A conflict is reported at the later of its places in the file.
                if where_[key].map({ $0.location < item.location }) ?? true { where_[key] = item }
            }
            keys[action] = list
        }
        for conflict in KeyBindings(overrides: keys).conflicts {
            let names = conflict.actions.map(\.rawValue)
            let mine = conflict.actions.filter { keys[$0] != nil }.map(\.rawValue)
            let builtIn = conflict.actions.filter { keys[$0] == nil }.map(\.rawValue)
            let hint = builtIn.isEmpty
                ? "give each action its own key"
                : "it is the built-in key of \(builtIn.joined(separator: ", ")): give \(builtIn.count == 1 ? "that action" : "those actions") other keys under keys:, or choose another key for \(mine.joined(separator: ", "))"
            let at = where_[conflict.key].map(\.location) ?? node.location
            context.error("key '\(conflict.key.configName)' is bound to \(names.joined(separator: " and ")); \(hint)", at: at)
        }
        return keys
    }
}

/// The config file's spellings of the choices that have an `auto`.
enum ColorChoice: String, CaseIterable {
    case auto, truecolor, indexed256 = "256", ansi16 = "16", none
    var depth: ColorDepth? { self == .auto ? nil : ColorDepth(rawValue: rawValue) }
}

enum GlyphChoice: String, CaseIterable {
    case auto, unicode, linux, ascii
    var name: GlyphSet.Name? { GlyphSet.Name(rawValue: rawValue) }
}

enum NamesChoice: String, CaseIterable {
    case auto, native, romanised
    var script: NameScript? { NameScript(rawValue: rawValue) }
}
