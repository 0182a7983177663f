/// Something that draws itself into a rectangle of a buffer, and does nothing else: no
/// terminal, no clock, no state kept between frames (state lives in the caller's model).
///
/// Widgets are value types; containers such as `Popup` are generic over their content, so
/// rendering needs no existentials.
public protocol Widget {
    /// Draws into `area` of `buffer`, never outside it.
    func render(into buffer: inout Buffer, area: Rect)
}

extension Buffer {
    /// Draws `widget` into `area`.
    public mutating func render<W: Widget>(_ widget: W, in area: Rect) {
        widget.render(into: &self, area: area)
    }
}
