/// A terminal colour at the depth the style was written for; renderers reduce it to what the
/// output supports (see `ColorDepth`).
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours, 0-7 normal and 8-15 bright.
    case ansi(UInt8)
    /// One of the 256 indexed colours.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)
}

/// How many colours an output can show. A parameter of rendering, shared by the terminal and
/// the exports.
public enum ColorDepth: String, CaseIterable, Hashable, Sendable {
    case truecolor
    case indexed256 = "256"
    case ansi16 = "16"
    case none
}

/// Text attributes.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let italic = Attributes(rawValue: 1 << 2)
    public static let underline = Attributes(rawValue: 1 << 3)
    public static let reverse = Attributes(rawValue: 1 << 4)
}

/// Foreground, background and attributes of a cell.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func foreground(_ c: Color) -> Style { var s = self; s.foreground = c; return s }
    public func background(_ c: Color) -> Style { var s = self; s.background = c; return s }
    public func adding(_ a: Attributes) -> Style { var s = self; s.attributes.formUnion(a); return s }
}

extension Style {
    /// This style without the attributes `a`.
    public func removing(_ a: Attributes) -> Style { var s = self; s.attributes.subtract(a); return s }

    /// `other` laid over this style: its non-default colours replace ours and its attributes
    /// are added. How a selection or focus highlight is applied to already styled text.
    public func patched(by other: Style) -> Style {
        var s = self
        if other.foreground != .default { s.foreground = other.foreground }
        if other.background != .default { s.background = other.background }
        s.attributes.formUnion(other.attributes)
        return s
    }

    /// This style with both colours reduced to what `depth` can show.
    public func reduced(to depth: ColorDepth) -> Style {
        Style(foreground: foreground.reduced(to: depth), background: background.reduced(to: depth), attributes: attributes)
    }
}
