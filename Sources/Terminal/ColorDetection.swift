import Screen

/// What the user asked for with `--color`.
public enum ColorPreference: String, CaseIterable, Hashable, Sendable {
    /// Decide from the environment (`ColorDepth.detect`).
    case auto
    case truecolor
    case indexed256 = "256"
    case ansi16 = "16"
    case none

    /// The depth asked for; nil for `auto`, which each output decides (the terminal detects it,
    /// a snapshot draws in truecolor so that the same arguments give the same bytes).
    public var depth: ColorDepth? {
        switch self {
        case .auto: nil
        case .truecolor: .truecolor
        case .indexed256: .indexed256
        case .ansi16: .ansi16
        case .none: ColorDepth.none
        }
    }
}

extension ColorDepth {
    /// The colour depth to use, from `--color` and the environment values passed in.
    ///
    /// An explicit preference wins. Otherwise, in this order: `NO_COLOR` set and not empty
    /// (no-color.org) gives `.none`; `TERM` unset, empty or `dumb` gives `.none`; `COLORTERM`
    /// `truecolor` or `24bit` gives `.truecolor`; `TERM` naming a direct-colour terminal
    /// (`-direct`) gives `.truecolor`; `TERM` containing `256color` gives `.indexed256`;
    /// anything else `.ansi16`.
    public static func detect(environment: [String: String], preference: ColorPreference = .auto) -> ColorDepth {
        if let depth = preference.depth { return depth }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        let term = (environment["TERM"] ?? "").lowercased()
        if term.isEmpty || term == "dumb" { return .none }
        let colorTerm = (environment["COLORTERM"] ?? "").lowercased()
        if colorTerm == "truecolor" || colorTerm == "24bit" { return .truecolor }
        if term.contains("-direct") { return .truecolor }
        if term.contains("256color") { return .indexed256 }
        return .ansi16
    }
}
