import TestSupport
import Foundation
import FoundationXML
import Testing
@testable import Export
import Screen

@Suite struct ExportTests {
    let buffer = Fixture.buffer

    @Test func text() {
        let txt = TextExporter().render(buffer)
        assertSnapshot(txt, named: "fixture.txt")
        #expect(txt.hasSuffix("\n") && !txt.contains(" \n"))
        #expect(txt.split(separator: "\n", omittingEmptySubsequences: false).count == buffer.height + 1)
        #expect(!txt.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test(arguments: ColorDepth.allCases)
    func ansi(depth: ColorDepth) {
        let ansi = ANSIExporter(depth: depth).render(buffer)
        assertSnapshot(ansi, named: "fixture.\(depth.rawValue).ans")
        // Every ESC starts an SGR sequence this exporter wrote, and nothing else.
        let pieces = ansi.components(separatedBy: "\u{1B}").dropFirst()
        for p in pieces { #expect(p.range(of: #"^\[[0-9;]*m"#, options: .regularExpression) != nil, "stray escape: \(p.prefix(12))") }
        #expect(!ansi.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\u{1B}") || (0x80...0x9F).contains($0.value) })
        #expect(ansi.contains("␛]0;pwned␇&lt;") == false && ansi.contains("␛]0;pwned␇<script>&"))
        // Every line that set a style resets it before its end.
        for line in ansi.split(separator: "\n") where line.contains("\u{1B}[") { #expect(line.hasSuffix("\u{1B}[0m")) }
        if depth == .none {  // attributes only: no colour parameter at all
            for p in pieces {
                let params = p.dropFirst().prefix { $0 != "m" }.split(separator: ";").map(String.init)
                #expect(params.allSatisfy { ["0", "1", "2", "3", "4", "7", "22", "23", "24", "27"].contains($0) }, "\(params)")
            }
        }
    }

    @Test func sgrTransitionsAreMinimal() {
        let bold = Style(attributes: .bold)
        #expect(ANSIExporter.transition(from: .plain, to: .plain) == "")
        #expect(ANSIExporter.transition(from: .plain, to: bold) == "\u{1B}[1m")
        #expect(ANSIExporter.transition(from: bold, to: .plain) == "\u{1B}[0m")
        #expect(ANSIExporter.transition(from: Style(foreground: .ansi(1), attributes: [.bold, .dim]), to: Style(foreground: .ansi(1), attributes: .dim)) == "\u{1B}[22;2m")
        #expect(ANSIExporter.transition(from: bold, to: Style(foreground: .ansi(9), background: .indexed(17), attributes: [.bold, .underline])) == "\u{1B}[4;91;48;5;17m")
        #expect(ANSIExporter.transition(from: Style(foreground: .ansi(2), attributes: .reverse), to: Style(foreground: .rgb(1, 2, 3))) == "\u{1B}[27;38;2;1;2;3m")
    }

    @Test(arguments: [ColorDepth.truecolor, .ansi16])
    func svg(depth: ColorDepth) throws {
        let svg = SVGExporter(depth: depth, title: "FleetWatch \(Fixture.hostile)").render(buffer)
        assertSnapshot(svg, named: "fixture.\(depth.rawValue).svg")
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "not well-formed XML: \(String(describing: parser.parserError))")
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&lt;script&gt;&amp;"))
        // 王 sits centred on its two cells: columns 1-2 of row 1 -> x = 8 + 2 × 8.4.
        #expect(svg.contains(#"<text x="24.8" y="38.6" text-anchor="middle""#))
    }

    @Test(arguments: [ColorDepth.truecolor, .none])
    func html(depth: ColorDepth) {
        let html = HTMLExporter(depth: depth, title: "FleetWatch \(Fixture.hostile)").render(buffer)
        assertSnapshot(html, named: "fixture.\(depth.rawValue).html")
        #expect(!html.contains("<script"))
        #expect(!html.contains("http"))  // self-contained: no external resources
        #expect(!html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(html.contains(#"<span class="w">王</span>"#))
        // The page parses as XML too (a strict check that every tag is closed and every & escaped).
        let body = html.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
        #expect(XMLParser(data: Data(body.utf8)).parse())
    }

    /// Within one process. Across processes (per-process hash seeding would show there),
    /// `SnapshotEndToEndTests.theSameArgumentsGiveTheSameBytes` runs the binary twice per format.
    @Test func exportsAreDeterministicInOneProcess() {
        for format in ExportFormat.allCases {
            for depth in ColorDepth.allCases {
                let a = format.bytes(Fixture.buffer, depth: depth, title: "t")
                let b = format.bytes(Fixture.buffer, depth: depth, title: "t")
                #expect(a == b)
            }
        }
        #expect(ExportFormat.allCases.map(\.fileExtension) == ["txt", "ans", "svg", "html"])
    }

    @Test func backgroundsMergePerRunOfEqualColour() {
        var b = Buffer(width: 6, height: 1)
        let red = Color.rgb(200, 0, 0)
        b.put("ab", x: 0, y: 0, style: Style(foreground: .ansi(1), background: red))
        b.put("cd", x: 2, y: 0, style: Style(foreground: .ansi(2), background: red, attributes: .bold))
        let svg = SVGExporter(depth: .truecolor, title: "").render(b)
        let rects = svg.components(separatedBy: "<rect x=").count - 1
        #expect(rects == 1)
        #expect(svg.contains(##"<rect x="8" y="8" width="33.6" height="17" fill="#c80000"/>"##))
    }

    @Test func emptyBuffers() {
        let empty = Buffer(width: 0, height: 0)
        #expect(TextExporter().render(empty) == "")
        #expect(ANSIExporter(depth: .truecolor).render(empty) == "")
        #expect(XMLParser(data: Data(SVGExporter(depth: .none, title: "").render(empty).utf8)).parse())
    }
}
