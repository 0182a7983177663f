import Screen

/// Maps Screen colours to curses colour numbers for one terminal: the depth asked for,
/// limited by what the terminal has (`COLORS`). Pure, so every reduction is testable.
struct CursesColorMap: Hashable, Sendable {
    /// How colours are expressed to curses.
    enum Mode: Hashable, Sendable {
        /// No colour at all: attributes only.
        case monochrome
        /// The first `count` (8 or 16) ANSI colours.
        case ansi(count: Int)
        /// The xterm 256-colour palette.
        case indexed256
        /// Direct colour (`COLORS` of 2^24): numbers are packed 0xRRGGBB; below 8 they mean ANSI.
        case direct
    }

    let mode: Mode
    /// Whether -1 means the terminal's own colour (`use_default_colors` succeeded).
    let hasDefaultColors: Bool

    init(mode: Mode, hasDefaultColors: Bool = true) {
        self.mode = mode
        self.hasDefaultColors = hasDefaultColors
    }

    /// The mode for `depth` on a terminal with `colors` colours (0 when it has none).
    init(depth: ColorDepth, colors: Int, hasDefaultColors: Bool = true) {
        let terminal: Mode = colors >= 1 << 24 ? .direct : colors >= 256 ? .indexed256 : colors >= 16 ? .ansi(count: 16) : colors >= 8 ? .ansi(count: 8) : .monochrome
        let wanted: Mode = switch depth {
        case .truecolor: .direct
        case .indexed256: .indexed256
        case .ansi16: .ansi(count: 16)
        case .none: .monochrome
        }
        self.init(mode: Self.smaller(terminal, wanted), hasDefaultColors: hasDefaultColors)
    }

    static func rank(_ m: Mode) -> Int {
        switch m {
        case .monochrome: 0
        case .ansi(let count): count
        case .indexed256: 256
        case .direct: 1 << 24
        }
    }

    static func smaller(_ a: Mode, _ b: Mode) -> Mode { rank(a) <= rank(b) ? a : b }

    var usesColor: Bool { mode != .monochrome }

    /// Whether `foreground` is a bright ANSI colour (8-15) this terminal has only the normal
    /// half of: drawn as its normal colour in bold, the way 8-colour terminals show bright ones.
    func brightensByBold(_ foreground: Color) -> Bool {
        if case .ansi(8) = mode, case .ansi(let n) = foreground, n >= 8, n < 16 { return true }
        return false
    }

    /// The curses colour number of `color` as a foreground or background.
    func number(for color: Color, foreground: Bool) -> Int32 {
        let fallback: Int32 = hasDefaultColors ? -1 : (foreground ? 7 : 0)
        switch (mode, color) {
        case (.monochrome, _), (_, .default):
            return fallback
        case (.ansi(let count), .ansi(let n)):
            return Int32(Int(n) % count)
        // Colours are reduced by Screen's one reduction (`Color.reduced(to:)`, the ANSI
        // export's too), so the terminal and `snapshot --format ansi` agree cell for cell.
        case (.ansi(let count), .indexed(let i)):
            if Int(i) < count { return Int32(i) }
            return Int32(Color.nearestANSI(Palette.xterm256(i), count: count))
        case (.ansi(let count), .rgb(let r, let g, let b)):
            return Int32(Color.nearestANSI(RGB(r, g, b), count: count))
        case (.indexed256, .ansi(let n)):
            return Int32(n % 16)
        case (.indexed256, .indexed(let i)):
            return Int32(i)
        case (.indexed256, .rgb(let r, let g, let b)):
            return Int32(Color.nearest256(RGB(r, g, b)))
        case (.direct, .ansi(let n)):
            return n % 16 < 8 ? Int32(n % 16) : Self.packed(Palette.xterm.ansi[Int(n % 16)])
        case (.direct, .indexed(let i)):
            return i < 8 ? Int32(i) : Self.packed(Palette.xterm256(i))
        case (.direct, .rgb(let r, let g, let b)):
            return Self.packed(RGB(r, g, b))
        }
    }

    /// 0xRRGGBB, nudged off 0-7 (which direct-colour terminfo entries read as ANSI colours).
    static func packed(_ c: RGB) -> Int32 {
        let value = Int32(Int(c.r) << 16 | Int(c.g) << 8 | Int(c.b))
        return value < 8 ? 8 : value
    }
}
