/// One key and what it does, in a footer: "q quit".
public struct KeyHint: Hashable, Sendable {
    public var key: String
    public var label: String
    /// Higher stays longer when the footer is too narrow.
    public var priority: Int

    public init(_ key: String, _ label: String, priority: Int = 0) {
        self.key = key
        self.label = label
        self.priority = priority
    }

    var width: Int { DisplayWidth.of(key) + 1 + DisplayWidth.of(label) }
}

/// A footer of key hints. When they do not all fit, whole hints are dropped, lowest priority
/// first (later ones first among equals), and the rest keep their order: a hint is never cut
/// in half.
public struct KeyHints: Widget, Hashable, Sendable {
    public var hints: [KeyHint]
    public var keyStyle: Style
    public var labelStyle: Style
    /// Between hints.
    public var gap: String

    public init(_ hints: [KeyHint], keyStyle: Style = Style(attributes: .bold), labelStyle: Style = .plain, gap: String = "  ") {
        self.hints = hints
        self.keyStyle = keyStyle
        self.labelStyle = labelStyle
        self.gap = gap
    }

    /// The indices of the hints shown in `width` columns, in display order.
    public func fitting(width: Int) -> [Int] {
        PriorityFit.choose(widths: hints.map(\.width), priorities: hints.map(\.priority), gap: DisplayWidth.of(gap), width: width).indices
    }

    public func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        var spans: [Span] = []
        for i in fitting(width: a.width) {
            if !spans.isEmpty { spans.append(Span(gap, style: labelStyle)) }
            spans.append(Span(hints[i].key, style: keyStyle))
            spans.append(Span(" " + hints[i].label, style: labelStyle))
        }
        buffer.put(Line(spans), x: a.x, y: a.y, width: a.width, clip: a)
    }
}
