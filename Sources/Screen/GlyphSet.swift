/// The characters of one border style.
public struct BorderGlyphs: Hashable, Sendable {
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var horizontal: Character
    public var vertical: Character

    public init(topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character, horizontal: Character, vertical: Character) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.horizontal = horizontal
        self.vertical = vertical
    }

    init(_ s: String) {  // "┌┐└┘─│"
        let c = Array(s)
        self.init(topLeft: c[0], topRight: c[1], bottomLeft: c[2], bottomRight: c[3], horizontal: c[4], vertical: c[5])
    }
}

/// The kinds of border a `Block` can draw.
public enum BorderKind: Hashable, Sendable, CaseIterable {
    case light, heavy, rounded, double
}

/// Every glyph that drawing uses, so one switch moves the whole screen (terminal and exports)
/// between Unicode and plain ASCII (for terminals, fonts or logs that cannot show the rest).
///
/// Every glyph has the same display width in both sets (one column each, ellipsis included),
/// so a layout never shifts when the set changes; only `brailleCanvas` differs in resolution.
public struct GlyphSet: Hashable, Sendable {
    public var light: BorderGlyphs
    public var heavy: BorderGlyphs
    public var rounded: BorderGlyphs
    public var double: BorderGlyphs
    /// Partial bar cells by eighths: index 0 is empty, 8 is a full cell.
    public var barEighths: [Character]
    /// The unfilled part of a gauge.
    public var barTrack: Character
    /// Fill patterns of the segments of a stacked bar, used in turn, so segments stay
    /// distinguishable without colour.
    public var stackFills: [Character]
    /// Sparkline levels by eighths: index 0 is a zero value, 8 the maximum.
    public var sparkLevels: [Character]
    /// Whether canvases use 2×4 braille dots per cell (true) or one character per cell.
    public var brailleCanvas: Bool
    /// The character of a lit canvas cell when `brailleCanvas` is false.
    public var canvasDot: Character
    /// The character of a canvas point (a car, a city) when `brailleCanvas` is false.
    public var canvasPoint: Character
    /// The light pattern of water on the map where the theme has no background colour for it.
    public var water: Character
    /// Cars in a map cell, fewest to most (`MapView`'s density shading of a large fleet).
    public var density: [Character]
    public var arrowUp: Character
    public var arrowDown: Character
    public var arrowLeft: Character
    public var arrowRight: Character
    /// Marks a flow whose server is in another country than the car.
    public var crossBorder: Character
    /// Marks a restricted person (military, key state company).
    public var restricted: Character
    public var severityWatch: Character
    public var severityHigh: Character
    public var severityCritical: Character
    /// Ends text cut to fit.
    public var ellipsis: Character
    /// Marks the selected row or item.
    public var selection: Character
    /// Separates tabs and key hints.
    public var separator: Character

    /// Box drawing, block elements and braille.
    public static let unicode = GlyphSet(
        light: BorderGlyphs("┌┐└┘─│"), heavy: BorderGlyphs("┏┓┗┛━┃"),
        rounded: BorderGlyphs("╭╮╰╯─│"), double: BorderGlyphs("╔╗╚╝═║"),
        barEighths: [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], barTrack: " ",
        stackFills: ["█", "▓", "▒", "░"],
        sparkLevels: [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        brailleCanvas: true, canvasDot: "•", canvasPoint: "●", water: "⠂", density: ["⠤", "⠶", "⡶", "⣷", "⣿"],
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        crossBorder: "⇄", restricted: "⊘",
        severityWatch: "●", severityHigh: "▲", severityCritical: "◆",
        ellipsis: "…", selection: "▶", separator: "│")

    /// Printable ASCII only.
    public static let ascii = GlyphSet(
        light: BorderGlyphs("++++-|"), heavy: BorderGlyphs("++++=|"),
        rounded: BorderGlyphs("..''-|"), double: BorderGlyphs("++++=|"),
        barEighths: [" ", " ", " ", " ", "=", "=", "=", "=", "#"], barTrack: ".",
        stackFills: ["#", "=", "+", ":", "-"],
        sparkLevels: [" ", "_", "_", ".", ".", "-", "=", "^", "#"],
        brailleCanvas: false, canvasDot: ".", canvasPoint: "o", water: "~", density: [".", ":", "+", "*", "#"],
        arrowUp: "^", arrowDown: "v", arrowLeft: "<", arrowRight: ">",
        crossBorder: "x", restricted: "R",
        severityWatch: "o", severityHigh: "!", severityCritical: "X",
        ellipsis: "~", selection: ">", separator: "|")

    /// What the Linux console can draw: its fonts hold the IBM PC (code page 437) repertoire,
    /// so light and double box drawing, four blocks, arrows and a few shapes, but no braille,
    /// rounded or heavy corners, eighth blocks or ellipsis (the kernel draws those as a
    /// replacement box). Each glyph is one column wide, as in the other sets.
    public static let linux = GlyphSet(
        light: BorderGlyphs("┌┐└┘─│"), heavy: BorderGlyphs("┌┐└┘─│"),
        rounded: BorderGlyphs("┌┐└┘─│"), double: BorderGlyphs("╔╗╚╝═║"),
        barEighths: [" ", " ", " ", " ", "▌", "▌", "▌", "▌", "█"], barTrack: " ",
        stackFills: ["█", "▓", "▒", "░"],
        sparkLevels: [" ", "_", "_", "▄", "▄", "▄", "█", "█", "█"],
        brailleCanvas: false, canvasDot: "·", canvasPoint: "■", water: "~", density: ["·", ":", "░", "▒", "▓"],
        arrowUp: "↑", arrowDown: "↓", arrowLeft: "←", arrowRight: "→",
        crossBorder: "↔", restricted: "R",
        severityWatch: "○", severityHigh: "▲", severityCritical: "♦",
        ellipsis: "~", selection: "►", separator: "│")

    /// The glyph sets a user can choose by name (`--glyphs`, the config file's `glyphs`).
    public enum Name: String, CaseIterable, Hashable, Sendable {
        case unicode, linux, ascii
        public var glyphs: GlyphSet {
            switch self {
            case .unicode: .unicode
            case .linux: .linux
            case .ascii: .ascii
            }
        }
    }

    /// The glyphs of one border style.
    public func border(_ kind: BorderKind) -> BorderGlyphs {
        switch kind {
        case .light: light
        case .heavy: heavy
        case .rounded: rounded
        case .double: double
        }
    }

    /// The ellipsis as a string, for `DisplayWidth.truncate`.
    public var ellipsisText: String { String(ellipsis) }
}
