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

    public init(text: Style, dim: Style, header: Style, border: Style, borderFocused: Style, title: Style, selected: Style, tabSelected: Style, key: Style, severityWatch: Style, severityHigh: Style, severityCritical: Style, trafficUp: Style, trafficDown: Style, china: Style, us: Style, thirdCountry: Style, restricted: Style, track: Style, popup: Style) {
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
        popup: Style(foreground: .rgb(0xE6, 0xE6, 0xE6), background: .rgb(0x1C, 0x20, 0x28)))

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
            track: strip(d.track), popup: .plain)
    }()

    /// This theme as an output of `depth` should use it: itself, or `monochrome` when the
    /// output has no colour (reduction alone would lose the selection's background).
    public func adapted(to depth: ColorDepth) -> Theme { depth == .none ? .monochrome : self }
}
