/// One terminal cell: a grapheme, how many columns it covers, and its style.
///
/// A double-width grapheme sits in its first cell with `width == 2`; the cell to its right is a
/// continuation (`width == 0`, empty text) that renderers skip.
public struct Cell: Hashable, Sendable {
    /// One grapheme cluster (base character plus combining marks), never a control character.
    public private(set) var text: String
    /// Columns covered: 1 or 2 for a grapheme, 0 for the continuation of a wide one.
    public private(set) var width: UInt8
    public var style: Style

    /// A cell showing `character` as `Grapheme.drawn` has it (its first drawn grapheme; a blank
    /// when nothing of it is drawn).
    public init(_ character: Character, style: Style = .plain) {
        let shown = Grapheme.drawn(character).map { $0.first ?? " " } ?? character
        self.init(drawn: shown, style: style)
    }

    /// A cell for a grapheme already in its drawn form.
    init(drawn character: Character, style: Style) {
        text = String(character)
        width = UInt8(min(2, DisplayWidth.ofDrawn(character)))
        if width == 0 {  // cannot happen for a drawn grapheme; never leave a cell without columns
            text = " "
            width = 1
        }
        self.style = style
    }

    init(text: String, width: UInt8, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A blank cell.
    public static let blank = Cell(text: " ", width: 1, style: .plain)

    /// The right half of a double-width grapheme.
    public static func continuation(style: Style) -> Cell { Cell(text: "", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}
