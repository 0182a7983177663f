import Screen

/// Where each part of the screen goes at a given size. Pure arithmetic on the size and a few
/// counts, so the view and the tests agree on it.
///
/// Top to bottom: the header (2 rows, 1 below 24 rows), the body, the caption (up to 3 rows,
/// demo only), the timeline strip (2 rows, when shown), the footer (1 row, 2 while the filter has
/// an error). In the fleet view the body
/// holds, from 120x36 up, a strip of region and destination panels; then the vehicle table;
/// then the alert list, which takes up to a third of the body (at least 3 rows).
struct ScreenLayout: Hashable, Sendable {
    var header: Rect
    var body: Rect
    var caption: Rect
    var timeline: Rect
    var footer: Rect

    init(width: Int, height: Int, captionRows: Int, footerRows: Int, timelineRows: Int = 0) {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        let headerRows = height >= 24 ? 2 : 1
        let parts = Layout.vertical([.length(headerRows), .fill(1), .length(captionRows), .length(timelineRows), .length(footerRows)]).split(full)
        header = parts[0]
        body = parts[1]
        caption = parts[2]
        timeline = parts[3]
        footer = parts[4]
    }

    /// Rows a caption takes: none without one, up to 3 (1 on short screens).
    static func captionRows(height: Int, hasCaption: Bool) -> Int { hasCaption ? (height >= 30 ? 3 : 1) : 0 }
}

/// The panels of the fleet view inside the body.
struct FleetLayout: Hashable, Sendable {
    /// One per region summary, left to right (empty when the strip is dropped).
    var regions: [Rect] = []
    var countries: Rect?
    var table: Rect
    var alerts: Rect

    static let stripMinWidth = 120, stripMinHeight = 36

    init(body: Rect, screenWidth: Int, screenHeight: Int, regionCount: Int, alertCount: Int) {
        var rest = body
        if screenWidth >= Self.stripMinWidth && screenHeight >= Self.stripMinHeight {
            let stripHeight = screenHeight >= 60 ? 10 : 8
            let rows = Layout.vertical([.length(stripHeight), .fill(1)]).split(rest)
            let panels = min(regionCount, 3) + 1
            let cols = Layout.horizontal(Array(repeating: .fill(1), count: panels)).split(rows[0])
            regions = Array(cols.prefix(panels - 1))
            countries = cols.last
            rest = rows[1]
        }
        let alertRows = max(3, min(alertCount + 2, max(4, rest.height / 3)))
        let split = Layout.vertical([.fill(1), .length(alertRows)]).split(rest)
        table = split[0]
        alerts = split[1]
    }
}
