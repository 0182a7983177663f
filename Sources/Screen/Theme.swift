/// Semantic styles, so widgets and panels say what a thing is (a header, a critical alert,
/// China-bound traffic) and never which colour it has. Colours are written at full depth;
/// renderers reduce them (see `Color.reduced(to:)`).
///
/// Styles that carry meaning also carry an attribute where they can, for colour-blind eyes;
/// for outputs without colour use `adapted(to:)`, which swaps in `monochrome` (selection and
/// critical alerts reversed, since a background colour is gone).
public struct Theme: Hashable, Sendable {
    /// Ordinary text.
    public var text: Style
    /// Secondary text: units, timestamps, hints.
    public var dim: Style
    /// Column headers of tables.
    public var header: Style
    /// Borders of unfocused blocks.
    public var border: Style
    /// Borders of the focused block.
    public var borderFocused: Style
    /// Titles of blocks.
    public var title: Style
    /// The selected row of a table or item of a list.
    public var selected: Style
    /// The current tab.
    public var tabSelected: Style
    /// The key in a key hint ("q").
    public var key: Style
    public var severityWatch: Style
    public var severityHigh: Style
    public var severityCritical: Style
    /// Traffic leaving the car (upload).
    public var trafficUp: Style
    /// Traffic to the car (download).
    public var trafficDown: Style
    /// Servers, flows and shares by destination country.
    public var china: Style
    public var us: Style
    public var thirdCountry: Style
    /// The mark of a restricted person.
    public var restricted: Style
    /// The empty part of gauges.
    public var track: Style
    /// Popups and overlays.
    public var popup: Style
    /// Water on the map (sea, estuary, bay, lakes): a background tint where the theme has
    /// background colours; without one (`background == .default`) the map draws the glyph set's
    /// light `water` pattern in this style instead, so water reads in monochrome and ASCII too.
    public var water: Style
    /// Coasts and lake shores on the map.
    public var coast: Style
    /// Rivers on the map (the Huangpu, the Colorado).
    public var river: Style
    /// Main roads on the map: faint, under the cars.
    public var road: Style
    /// Motorways on the map: brighter than `road`.
    public var motorway: Style

    public init(text: Style, dim: Style, header: Style, border: Style, borderFocused: Style, title: Style, selected: Style, tabSelected: Style, key: Style, severityWatch: Style, severityHigh: Style, severityCritical: Style, trafficUp: Style, trafficDown: Style, china: Style, us: Style, thirdCountry: Style, restricted: Style, track: Style, popup: Style,
                water: Style = .plain, coast: Style = .plain, river: Style = .plain, road: Style = .plain, motorway: Style = .plain) {
        self.text = text
        self.dim = dim
        self.header = header
        self.border = border
        self.borderFocused = borderFocused
        self.title = title
        self.selected = selected
        self.tabSelected = tabSelected
        self.key = key
        self.severityWatch = severityWatch
        self.severityHigh = severityHigh
        self.severityCritical = severityCritical
        self.trafficUp = trafficUp
        self.trafficDown = trafficDown
        self.china = china
        self.us = us
        self.thirdCountry = thirdCountry
        self.restricted = restricted
        self.track = track
        self.popup = popup
        self.water = water
        self.coast = coast
        self.river = river
        self.road = road
        self.motorway = motorway
    }

    /// Light text on a dark terminal.
    public static let dark = Theme(
        text: .plain,
        dim: Style(foreground: .rgb(0x80, 0x86, 0x90), attributes: .dim),
        header: Style(foreground: .rgb(0x9C, 0xC8, 0xFF), attributes: .bold),
        border: Style(foreground: .rgb(0x4A, 0x50, 0x5A)),
        borderFocused: Style(foreground: .rgb(0x5F, 0xAF, 0xFF), attributes: .bold),
        title: Style(foreground: .rgb(0xE6, 0xE6, 0xE6), attributes: .bold),
        selected: Style(foreground: .rgb(0xFF, 0xFF, 0xFF), background: .rgb(0x26, 0x4F, 0x78), attributes: .bold),
        tabSelected: Style(foreground: .rgb(0xFF, 0xD7, 0x5F), attributes: [.bold, .underline]),
        key: Style(foreground: .rgb(0xFF, 0xD7, 0x5F), attributes: .bold),
        severityWatch: Style(foreground: .rgb(0x5F, 0xD7, 0xFF)),
        severityHigh: Style(foreground: .rgb(0xFF, 0xAF, 0x00), attributes: .bold),
        severityCritical: Style(foreground: .rgb(0xFF, 0xFF, 0xFF), background: .rgb(0xD7, 0x00, 0x00), attributes: .bold),
        trafficUp: Style(foreground: .rgb(0xFF, 0x87, 0x5F)),
        trafficDown: Style(foreground: .rgb(0x5F, 0xD7, 0x87)),
        china: Style(foreground: .rgb(0xE0, 0x40, 0x40)),
        us: Style(foreground: .rgb(0x50, 0x90, 0xFF)),
        thirdCountry: Style(foreground: .rgb(0xC0, 0x90, 0xE0)),
        restricted: Style(foreground: .rgb(0xFF, 0x5F, 0xAF), attributes: .bold),
        track: Style(foreground: .rgb(0x3A, 0x3F, 0x48)),
        popup: Style(foreground: .rgb(0xE6, 0xE6, 0xE6), background: .rgb(0x1C, 0x20, 0x28)),
        water: Style(foreground: .rgb(0x3A, 0x6E, 0xA8), background: .rgb(0x0A, 0x1B, 0x2E)),
        coast: Style(foreground: .rgb(0x4F, 0x93, 0xD0)),
        river: Style(foreground: .rgb(0x5F, 0xAF, 0xE8)),
        road: Style(foreground: .rgb(0x4E, 0x48, 0x40)),
        motorway: Style(foreground: .rgb(0x8E, 0x76, 0x50)))

    /// No colour at all, attributes only: what `.dark` degrades to at `ColorDepth.none`,
    /// written out for outputs that should not carry colour even when they could.
    public static let monochrome: Theme = {
        func strip(_ s: Style) -> Style { Style(attributes: s.attributes) }
        let d = Theme.dark
        return Theme(
            text: strip(d.text), dim: strip(d.dim), header: strip(d.header), border: strip(d.border),
            borderFocused: strip(d.borderFocused), title: strip(d.title), selected: Style(attributes: .reverse),
            tabSelected: strip(d.tabSelected), key: strip(d.key), severityWatch: strip(d.severityWatch),
            severityHigh: strip(d.severityHigh), severityCritical: Style(attributes: [.bold, .reverse]),
            trafficUp: strip(d.trafficUp), trafficDown: strip(d.trafficDown), china: strip(d.china),
            us: strip(d.us), thirdCountry: strip(d.thirdCountry), restricted: strip(d.restricted),
            track: strip(d.track), popup: .plain,
            water: Style(attributes: .dim), coast: .plain, river: .plain, road: Style(attributes: .dim), motorway: .plain)
    }()

    /// This theme as an output of `depth` should use it: itself at 256 colours and more;
    /// `ansi16` at 16 colours (nearest-colour reduction turns the dark theme's grey borders
    /// black and its titles white, which vanish on one background or the other); `monochrome`
    /// without colour (reduction alone would lose the selection's background).
    public func adapted(to depth: ColorDepth) -> Theme {
        switch depth {
        case .none: .monochrome
        case .ansi16: .ansi16
        case .truecolor, .indexed256: self
        }
    }

    /// Dark text on a light terminal: the dark theme's meanings in colours that keep their
    /// contrast on white (no pale yellow, no light grey text).
    public static let light = Theme(
        text: .plain,
        dim: Style(foreground: .rgb(0x5C, 0x63, 0x6E)),
        header: Style(foreground: .rgb(0x1A, 0x4F, 0x9C), attributes: .bold),
        border: Style(foreground: .rgb(0x9A, 0xA2, 0xAE)),
        borderFocused: Style(foreground: .rgb(0x1A, 0x5F, 0xC8), attributes: .bold),
        title: Style(foreground: .rgb(0x1A, 0x1A, 0x1A), attributes: .bold),
        selected: Style(foreground: .rgb(0x00, 0x00, 0x00), background: .rgb(0xC6, 0xDB, 0xF5), attributes: .bold),
        tabSelected: Style(foreground: .rgb(0x9A, 0x4A, 0x00), attributes: [.bold, .underline]),
        key: Style(foreground: .rgb(0x9A, 0x4A, 0x00), attributes: .bold),
        severityWatch: Style(foreground: .rgb(0x00, 0x6F, 0x9F)),
        severityHigh: Style(foreground: .rgb(0xB3, 0x5A, 0x00), attributes: .bold),
        severityCritical: Style(foreground: .rgb(0xFF, 0xFF, 0xFF), background: .rgb(0xC0, 0x00, 0x00), attributes: .bold),
        trafficUp: Style(foreground: .rgb(0xB8, 0x42, 0x1A)),
        trafficDown: Style(foreground: .rgb(0x1E, 0x7B, 0x3A)),
        china: Style(foreground: .rgb(0xC0, 0x1C, 0x1C)),
        us: Style(foreground: .rgb(0x1F, 0x55, 0xC8)),
        thirdCountry: Style(foreground: .rgb(0x7A, 0x3F, 0xA0)),
        restricted: Style(foreground: .rgb(0xB0, 0x1E, 0x6E), attributes: .bold),
        track: Style(foreground: .rgb(0xD0, 0xD4, 0xDA)),
        popup: Style(foreground: .rgb(0x1A, 0x1A, 0x1A), background: .rgb(0xEE, 0xF0, 0xF3)),
        water: Style(foreground: .rgb(0x6A, 0x9A, 0xC8), background: .rgb(0xDD, 0xEB, 0xF7)),
        coast: Style(foreground: .rgb(0x2A, 0x66, 0xAA)),
        river: Style(foreground: .rgb(0x1F, 0x6F, 0xC0)),
        road: Style(foreground: .rgb(0xB4, 0xA6, 0x90)),
        motorway: Style(foreground: .rgb(0x95, 0x5A, 0x14)))

    /// For colour-blind readers, on a dark terminal: the Okabe–Ito palette (Okabe & Ito 2008,
    /// "Color Universal Design"), whose colours stay apart under protanopia, deuteranopia and
    /// tritanopia. China is vermillion, the US sky blue, third countries reddish purple; up is
    /// orange and down bluish green; meanings keep their attributes and glyphs besides.
    public static let colorBlind = Theme(
        text: .plain,
        dim: Style(foreground: .rgb(0x8A, 0x8F, 0x98), attributes: .dim),
        header: Style(foreground: .rgb(0x56, 0xB4, 0xE9), attributes: .bold),
        border: Style(foreground: .rgb(0x6A, 0x70, 0x7A)),
        borderFocused: Style(foreground: .rgb(0xF0, 0xE4, 0x42), attributes: .bold),
        title: Style(foreground: .rgb(0xE6, 0xE6, 0xE6), attributes: .bold),
        selected: Style(foreground: .rgb(0x00, 0x00, 0x00), background: .rgb(0x56, 0xB4, 0xE9), attributes: .bold),
        tabSelected: Style(foreground: .rgb(0xF0, 0xE4, 0x42), attributes: [.bold, .underline]),
        key: Style(foreground: .rgb(0xF0, 0xE4, 0x42), attributes: .bold),
        severityWatch: Style(foreground: .rgb(0x56, 0xB4, 0xE9)),
        severityHigh: Style(foreground: .rgb(0xE6, 0x9F, 0x00), attributes: .bold),
        severityCritical: Style(foreground: .rgb(0x00, 0x00, 0x00), background: .rgb(0xD5, 0x5E, 0x00), attributes: [.bold, .underline]),
        trafficUp: Style(foreground: .rgb(0xE6, 0x9F, 0x00)),
        trafficDown: Style(foreground: .rgb(0x00, 0x9E, 0x73)),
        china: Style(foreground: .rgb(0xD5, 0x5E, 0x00)),
        us: Style(foreground: .rgb(0x56, 0xB4, 0xE9)),
        thirdCountry: Style(foreground: .rgb(0xCC, 0x79, 0xA7)),
        restricted: Style(foreground: .rgb(0xCC, 0x79, 0xA7), attributes: [.bold, .underline]),
        track: Style(foreground: .rgb(0x3A, 0x3F, 0x48)),
        popup: Style(foreground: .rgb(0xE6, 0xE6, 0xE6), background: .rgb(0x1C, 0x20, 0x28)),
        water: Style(foreground: .rgb(0x3A, 0x6E, 0xA8), background: .rgb(0x0A, 0x1B, 0x2E)),
        coast: Style(foreground: .rgb(0x56, 0xB4, 0xE9)),
        river: Style(foreground: .rgb(0x56, 0xB4, 0xE9)),
        road: Style(foreground: .rgb(0x50, 0x4E, 0x46)),
        motorway: Style(foreground: .rgb(0x96, 0x8C, 0x62)))

    /// Sixteen colours, legible on a dark and on a light background alike: the terminal's own
    /// foreground for text, borders and titles (never ANSI black or white, which vanish on one
    /// background or the other); for meaning only the ANSI colours whose contrast with xterm's
    /// black and with white is at least 3:1 both (red 1 and 9, magenta 5 and 13, bright blue 12:
    /// not green, yellow or cyan, which fade on white, nor blue 4, which fades on black), each
    /// with a glyph or an attribute beside it; the selection reversed.
    public static let ansi16 = Theme(
        text: .plain,
        dim: Style(attributes: .dim),
        header: Style(attributes: [.bold, .underline]),
        border: .plain,
        borderFocused: Style(foreground: .ansi(12), attributes: .bold),
        title: Style(attributes: .bold),
        selected: Style(attributes: [.bold, .reverse]),
        tabSelected: Style(attributes: [.bold, .underline]),
        key: Style(foreground: .ansi(13), attributes: .bold),
        severityWatch: Style(foreground: .ansi(12)),
        severityHigh: Style(foreground: .ansi(9), attributes: .bold),
        severityCritical: Style(foreground: .ansi(9), attributes: [.bold, .reverse]),
        trafficUp: Style(foreground: .ansi(13)),
        trafficDown: Style(foreground: .ansi(12)),
        china: Style(foreground: .ansi(9)),
        us: Style(foreground: .ansi(12)),
        thirdCountry: Style(foreground: .ansi(5)),
        restricted: Style(foreground: .ansi(5), attributes: .bold),
        track: Style(attributes: .dim),
        popup: .plain,
        water: Style(foreground: .ansi(12), attributes: .dim),
        coast: Style(foreground: .ansi(12)),
        river: Style(foreground: .ansi(12), attributes: .bold),
        road: Style(attributes: .dim),
        motorway: .plain)

    /// The themes a user can choose by name (the config file's `theme`).
    public enum Name: String, CaseIterable, Hashable, Sendable {
        case dark, light, colorBlind = "colorblind"
        public var theme: Theme {
            switch self {
            case .dark: .dark
            case .light: .light
            case .colorBlind: .colorBlind
            }
        }

        /// The terminal a picture of this theme imitates: a light one for `light`.
        public var palette: Palette { self == .light ? .xtermLight : .xterm }
    }
}
