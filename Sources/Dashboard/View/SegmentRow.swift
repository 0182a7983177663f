import Screen

/// A row of separated pieces of text ("612 cars │ ↑ 1.2 MB/s │ ◆ 2 CRITICAL") that drops whole
/// pieces, lowest priority first, when they do not all fit; the rest keep their order.
struct SegmentRow: Sendable {
    struct Segment: Sendable {
        var spans: [Span]
        var priority: Int
        var width: Int { spans.reduce(0) { $0 + $1.width } }
    }

    var segments: [Segment]
    var separator: Span

    /// The segments that fit in `width`, in order, and the columns they use.
    func fitting(width: Int) -> (segments: [Segment], used: Int) {
        let (chosen, used) = PriorityFit.choose(
            widths: segments.map(\.width), priorities: segments.map(\.priority), gap: separator.width, width: width)
        return (chosen.map { segments[$0] }, used)
    }

    /// Draws the fitting segments from the left of `area`'s first row; returns the columns used.
    @discardableResult
    func render(into buffer: inout Buffer, area: Rect) -> Int {
        let (shown, used) = fitting(width: area.width)
        var spans: [Span] = []
        for (i, s) in shown.enumerated() {
            if i > 0 { spans.append(separator) }
            spans += s.spans
        }
        buffer.put(Line(spans), x: area.x, y: area.y, width: area.width, clip: area)
        return used
    }
}
