import Geography
import Testing
@testable import Screen

@Suite struct BrailleCanvasTests {
    // 0...4 longitude and latitude on a 2×1 area: 4×4 braille dots, 1 degree per dot.
    let bounds = GeoBox(south: 0, north: 4, west: 0, east: 4)

    @Test func brailleDotsPerCell() {
        let top = draw(BrailleCanvas(bounds: bounds, shapes: [.point(GeoPoint(latitude: 4, longitude: 0), style: .plain)]), 2, 1)
        #expect(top.lines == ["⠁ "])  // dot 1: top left
        let corners = draw(BrailleCanvas(bounds: bounds, shapes: [
            .point(GeoPoint(latitude: 4, longitude: 0), style: .plain), .point(GeoPoint(latitude: 0, longitude: 4), style: .plain),
            .point(GeoPoint(latitude: 0.5, longitude: 1.5), style: .plain),
        ]), 2, 1)
        #expect(corners.lines == ["⢁⢀"])  // dots 1+8 on the left, dot 8 on the right
    }

    @Test func linesAndPolygons() {
        let row = draw(BrailleCanvas(bounds: bounds, shapes: [.line(from: GeoPoint(latitude: 3.5, longitude: 0), to: GeoPoint(latitude: 3.5, longitude: 4), style: .plain)]), 2, 1)
        #expect(row.lines == ["⠉⠉"])
        let square = draw(BrailleCanvas(bounds: bounds, shapes: [.polygon([GeoPoint(latitude: 4, longitude: 0), GeoPoint(latitude: 4, longitude: 4), GeoPoint(latitude: 0, longitude: 4), GeoPoint(latitude: 0, longitude: 0)], style: .plain)]), 2, 1)
        #expect(square.lines == ["⣏⣹"])
    }

    @Test func asciiIsOneCharacterPerCellWithPointsOverLines() {
        let shapes: [BrailleCanvas.Shape] = [
            .line(from: GeoPoint(latitude: 0, longitude: 0), to: GeoPoint(latitude: 0, longitude: 4), style: .plain),
            .point(GeoPoint(latitude: 0, longitude: 2), style: .plain),
            .label(GeoPoint(latitude: 4, longitude: 0), text: "Shanghai", style: .plain),
        ]
        let b = draw(BrailleCanvas(bounds: bounds, shapes: shapes, glyphs: .ascii), 5, 2)
        #expect(b.lines == [" Shan", "..o.."])
    }

    @Test func circlesAreRoundAndClipped() {
        let shanghai = GeoPoint(latitude: 31.23, longitude: 121.47)
        let area = GeoBox(south: 31.0, north: 31.46, west: 121.2, east: 121.74)
        let b = draw(BrailleCanvas(bounds: area, shapes: [.circle(center: shanghai, radiusKm: 20, style: .plain)], glyphs: .ascii), 20, 10)
        let lit = b.lines.joined().filter { $0 == "." }.count
        #expect(lit > 20)
        #expect(b.lines[0].allSatisfy { $0 == " " })  // 20 km does not reach the top edge (25 km away)
        // Left/right symmetric around the centre column.
        let mirrored = b.lines.map { String($0.reversed()) }
        #expect(zip(b.lines, mirrored).filter { $0 != $1 }.count <= 3)
        // A circle far larger than the map is drawn only where it crosses the map.
        _ = draw(BrailleCanvas(bounds: area, shapes: [.circle(center: shanghai, radiusKm: 5000, style: .plain)]), 20, 10)
    }

    @Test func cellsWithoutDotsAreLeftAlone() {
        var b = Buffer(lines: ["abcd"])
        b.render(BrailleCanvas(bounds: bounds, shapes: [.point(GeoPoint(latitude: 4, longitude: 0), style: .plain)]), in: b.area)
        #expect(b.lines == ["⠁bcd"])
    }
}

@Suite struct FooterTests {
    @Test func keyHintsDropWhatDoesNotFitLowestPriorityFirst() {
        let hints = KeyHints([KeyHint("q", "quit", priority: 9), KeyHint("/", "filter"), KeyHint("?", "help", priority: 5), KeyHint("e", "export")])
        #expect(draw(hints, 40, 1).lines == ["q quit  / filter  ? help  e export      "])
        #expect(draw(hints, 24, 1).lines == ["q quit  / filter  ? help"])
        #expect(draw(hints, 20, 1).lines == ["q quit  ? help      "])  // "/ filter" dropped whole, order kept
        #expect(draw(hints, 5, 1).lines == ["     "])
        #expect(hints.fitting(width: 17) == [0, 2])
    }

    @Test func keyStyles() {
        let b = draw(KeyHints([KeyHint("q", "quit")], keyStyle: Style(attributes: .bold)), 6, 1)
        #expect(b.runs(inRow: 0).map(\.columns) == [1, 5])
    }

    @Test func tabs() {
        let b = draw(Tabs(["Fleet", "Flows", "Alerts"], selected: 1), 24, 1)
        #expect(b.lines == [" Fleet │ Flows │ Alerts "])
        #expect(b.runs(inRow: 0).map(\.x) == [0, 8, 15])
        #expect(b[9, 0].style == Style(attributes: .reverse))
        #expect(draw(Tabs(["Fleet", "Flows"], selected: 0, glyphs: .ascii), 12, 1).lines == [" Fleet | Fl~"])
    }

    @Test func popupClearsBeneathAndCentres() {
        var b = Buffer(lines: ["王伟王伟王伟", "xxxxxxxxxxxx", "xxxxxxxxxxxx", "xxxxxxxxxxxx"])
        let popup = Popup(Paragraph("hi"), block: Block(title: "?", glyphs: .ascii), width: 7, height: 3)
        b.render(popup, in: b.area)
        // 12×4 screen, 7×3 box: x 2, y 0. The 王 under its right edge loses its left half, so
        // its right half is blanked rather than left as half a character.
        #expect(b.lines == ["王+ ? --+ 伟", "xx|hi   |xxx", "xx+-----+xxx", "xxxxxxxxxxxx"])
    }

    @Test func popupOverWideCharactersLeavesNoHalves() {
        var b = Buffer(lines: ["王伟王伟", "王伟王伟", "王伟王伟"])
        b.render(Popup(Paragraph(""), block: Block(glyphs: .ascii), width: 3, height: 3), in: b.area)
        #expect(b.lines == ["王+-+ 伟", "王| | 伟", "王+-+ 伟"])
    }
}

@Suite struct GlyphSetTests {
    /// Every glyph of a set: the single ones, the bar, fill and spark levels, every border.
    static func glyphs(of g: GlyphSet) -> [Character] {
        var glyphs: [Character] = [g.barTrack, g.canvasDot, g.canvasPoint, g.arrowUp, g.arrowDown, g.arrowLeft, g.arrowRight, g.crossBorder, g.restricted, g.severityWatch, g.severityHigh, g.severityCritical, g.ellipsis, g.selection, g.separator]
        glyphs += g.barEighths + g.stackFills + g.sparkLevels + [g.water] + g.density
        for kind in BorderKind.allCases {
            let b = g.border(kind)
            glyphs += [b.topLeft, b.topRight, b.bottomLeft, b.bottomRight, b.horizontal, b.vertical]
        }
        return glyphs
    }

    @Test func everyGlyphIsOneColumnInBothSets() {
        for g in GlyphSet.Name.allCases.map(\.glyphs) {
            for c in Self.glyphs(of: g) { #expect(DisplayWidth.of(c) == 1, "\(c)") }
            #expect(g.barEighths.count == 9 && g.sparkLevels.count == 9)
        }
        for c in GlyphSet.ascii.barEighths + GlyphSet.ascii.sparkLevels + GlyphSet.ascii.density + [GlyphSet.ascii.ellipsis, GlyphSet.ascii.water] {
            #expect(c.isASCII)
        }
    }

    /// The Linux console's fonts hold code page 437: ASCII, its 31 pictographs and its upper half.
    @Test func theLinuxSetDrawsOnlyWhatTheConsoleFontHas() {
        let cp437 = Set("☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼"
            + "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■")
        let g = GlyphSet.linux
        for c in Self.glyphs(of: g) { #expect(c.isASCII || cp437.contains(c), "\(c) is not in the console font") }
        #expect(!g.brailleCanvas)
    }
}

@Suite struct DescriptionTests {
    @Test func textLinesThenStyleRuns() {
        var b = Buffer(width: 6, height: 2)
        b.put("ok", x: 0, y: 0)
        b.put("ALERT", x: 1, y: 1, style: Style(foreground: .rgb(255, 0, 0), attributes: .bold))
        #expect(b.description == """
            Buffer 6x2
            "ok    "
            " ALERT"
            styles:
              y1 x1..<6 fg=#ff0000 +bold "ALERT"

            """)
        #expect(Buffer(lines: ["ab", "王"]).description == "Buffer 2x2\n\"ab\"\n\"王\"\n")
    }
}
