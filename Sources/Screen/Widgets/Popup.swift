/// Clears an area to blanks in one style: what an overlay draws first so that nothing of the
/// screen beneath shows through.
public struct Clear: Widget, Hashable, Sendable {
    public var style: Style

    public init(style: Style = .plain) { self.style = style }

    public func render(into buffer: inout Buffer, area: Rect) {
        buffer.fill(area, with: Cell(" ", style: style))
    }
}

/// A bordered box centred over what is already drawn (help, details of an alert), its
/// content drawn inside. Generic over the content, so no existential is needed.
public struct Popup<Content: Widget>: Widget {
    public var content: Content
    public var block: Block
    /// Size of the box including its border, clipped to the area.
    public var width: Int
    public var height: Int

    public init(_ content: Content, block: Block, width: Int, height: Int) {
        self.content = content
        self.block = block
        self.width = width
        self.height = height
    }

    /// Where the box goes in `area`.
    public func frame(in area: Rect) -> Rect { area.centered(width: width, height: height) }

    public func render(into buffer: inout Buffer, area: Rect) {
        let box = frame(in: area.intersection(buffer.area))
        guard !box.isEmpty else { return }
        Clear(style: block.style).render(into: &buffer, area: box)
        block.render(into: &buffer, area: box)
        content.render(into: &buffer, area: block.inner(box))
    }
}

extension Popup: Sendable where Content: Sendable {}
