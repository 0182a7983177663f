import Screen

/// What the screen shows when it is smaller than the dashboard can use: a centred
/// "Terminal too small: need at least 60x15, have WxH", wrapped and cut to whatever room there
/// is (even one cell, or none).
struct TooSmallNotice: Widget {
    let style: ViewStyle
    let width: Int
    let height: Int

    var message: String {
        "Terminal too small: need at least \(DashboardView.minimumWidth)x\(DashboardView.minimumHeight), have \(width)x\(height)"
    }

    func render(into buffer: inout Buffer, area: Rect) {
        let a = area.intersection(buffer.area)
        guard !a.isEmpty else { return }
        let lines = Line(message, style: style.theme.severityHigh, alignment: .center).wrapped(toWidth: a.width)
        let shown = Array(lines.prefix(a.height))
        let top = a.y + (a.height - shown.count) / 2
        for (i, l) in shown.enumerated() {
            buffer.put(l, x: a.x, y: top + i, width: a.width, ellipsis: style.glyphs.ellipsis)
        }
    }
}
