import Fleet
import Screen
import Simulation

/// Two rows above the footer (`t`, and while the `g` prompt is open): the run from its start to
/// a round time past what has been simulated. On the first row the part simulated is a heavy
/// line up to the time on screen (a reversed cell), a light one ahead of it (after a jump back),
/// a dotted track beyond; a jump under way marks where it goes and says how far it is. Under it, the
/// alerts where they were raised, the most severe of each cell.
///
///     08:00 ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━─────────────────··········· 14:00  at 10:12 · simulated to 12:40
///    alerts ◆ ▲▲  ●    ▲◆        ▲     ▲▲      ◆
struct TimelineStrip: Widget {
    let style: ViewStyle
    let timeline: RunTimeline

    /// The strip's end: the simulated time rounded up to the next hour (6 h past a day, a day
    /// past a week), so the part still to simulate shows.
    static func span(_ timeline: RunTimeline) -> Int64 {
        let reach = max(timeline.simulated, timeline.now, timeline.seek?.target ?? .zero).nanoseconds / 1_000_000_000
        let unit: Int64 = reach < 86_400 ? 3600 : reach < 7 * 86_400 ? 6 * 3600 : 86_400
        return (reach / unit + 1) * unit
    }

    /// The note's room: "  at 11-30 08:20:01 · simulated to 11-30 09:00:08" fits.
    static let noteRoom = 50

    func render(into buffer: inout Buffer, area: Rect) {
        guard area.height >= 2, area.width >= 20 else { return }
        let t = style.theme, g = style.glyphs
        let span = Self.span(timeline)
        let startLabel = style.time(.zero) + " "
        let endLabel = " " + style.time(SimTime.zero + .seconds(span))
        var note = "  at " + style.time(timeline.now)
        if let seek = timeline.seek, seek.isBuilding {
            note += style.dot + "building \(Int((seek.buildFraction * 100).rounded(.down))) %"
        } else if let seek = timeline.seek {
            note += style.dot + "going to \(style.time(seek.target)) \(Int((seek.fraction * 100).rounded(.down))) %"
        } else if timeline.simulated > timeline.now {
            note += style.dot + "simulated to " + style.time(timeline.simulated)
        }
        // Room for the bar first, the same whatever the note says (so the bar does not move
        // as the note changes); the note goes when the row is narrow.
        let fixed = DisplayWidth.of(startLabel) + DisplayWidth.of(endLabel)
        let showNote = area.width - fixed - Self.noteRoom >= 24
        let width = max(4, area.width - fixed - (showNote ? Self.noteRoom : 0) - 1)
        var x = area.x
        x += buffer.put(startLabel, x: x, y: area.y, style: t.dim, maxWidth: area.maxX - x)
        let barX = x
        let legend = "alerts "
        buffer.put(legend, x: max(area.x, barX - DisplayWidth.of(legend)), y: area.y + 1, style: t.dim, maxWidth: barX - area.x)
        let simulated = timeline.simulated.nanoseconds / 1_000_000_000
        let now = timeline.now.nanoseconds / 1_000_000_000
        func column(ofSecond second: Int64) -> Int { Int(min(Int64(width - 1), second * Int64(width) / max(1, span))) }
        let nowColumn = column(ofSecond: now)
        let targetColumn = timeline.seek.map { column(ofSecond: $0.target.nanoseconds / 1_000_000_000) }
        for column in 0..<width {
            let from = Int64(column) * span / Int64(width), to = Int64(column + 1) * span / Int64(width)
            let mark = timeline.marks.mark(from: from, to: to)
            var glyph: Character
            var cellStyle: Style
            if from >= simulated {
                glyph = style.isASCII ? "." : "·"
                cellStyle = t.dim
            } else if from >= now {
                glyph = g.light.horizontal
                cellStyle = t.dim
            } else {
                glyph = g.heavy.horizontal
                cellStyle = t.text
            }
            if mark > 0, let severity = Severity.allCases.first(where: { $0.rank == Int(mark) - 1 }) {
                buffer.put(String(style.severityGlyph(severity)), x: barX + column, y: area.y + 1, style: style.severityStyle(severity))
            }
            if column == targetColumn, column != nowColumn {
                glyph = g.arrowDown
                cellStyle = t.key
            }
            if column == nowColumn { cellStyle = cellStyle.adding(.reverse) }
            x += buffer.put(String(glyph), x: x, y: area.y, style: cellStyle, maxWidth: area.maxX - x)
        }
        x += buffer.put(endLabel, x: x, y: area.y, style: t.dim, maxWidth: area.maxX - x)
        if showNote { buffer.put(note, x: x, y: area.y, style: t.text, maxWidth: area.maxX - x - 1) }
    }
}
