import Terminal

/// The terminal's key type under a name that does not clash with the dashboard's `Key` (the
/// module `Terminal` also has an enum `Terminal`, so `Terminal.Key` does not resolve).
typealias TerminalKey = Key
