import Dashboard
import Foundation
import FoundationXML
import Screen
import Simulation
import Testing
import TestSupport
@testable import Export

/// Hostile text in the exports: CSV cells a spreadsheet would evaluate are neutralised by their
/// first character; HTML and SVG keep every cell (one placeholder per unprintable character),
/// so every row is as wide as the screen.
@Suite struct HostileExportTests {
    /// Text a spreadsheet reads as a formula, whatever Swift makes of it as a number.
    static let formulas = [
        "-inf", "+nan", "-0x1p3", "+infinity", "-5", "+1", "-0", "=1+1", "@SUM(A1:A2)", "-2+3+cmd|' /C calc'!A0",
        "\t=1+1", "\r=1+1", "\r\n=1", " =1+1", "  -inf", "\u{FF1D}1+1", "\u{FF0B}1", "\u{FF0D}1", "\u{FF20}SUM(A1)",
        "-\u{301}1",
    ]
    /// Text that is not a formula stays as it is.
    static let plain = ["5", "0.25", "a-b", "王伟", "Eve", "1e3", "x=1", "", " ", "'quoted"]

    /// The value a spreadsheet gets: the field with RFC 4180's quoting removed.
    static func value(_ field: String) -> String {
        var f = field
        if f.hasPrefix("\""), f.hasSuffix("\""), f.count >= 2 { f = String(f.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") }
        return f
    }

    @Test(arguments: formulas)
    func aFormulaIsGuardedByItsFirstCharacter(_ text: String) {
        let value = Self.value(CSVWriter.field(text))
        #expect(value.hasPrefix("'"), "\(String(reflecting: text)) -> \(String(reflecting: value))")
        #expect(!value.unicodeScalars.contains { $0.value < 0x20 }, "\(String(reflecting: value))")
    }

    @Test(arguments: plain)
    func otherTextIsLeftAlone(_ text: String) {
        #expect(Self.value(CSVWriter.field(text)) == text)
    }

    /// Driver names from data get the guard; the numbers FleetWatch writes stay plain numbers.
    @Test func vehicleCSVGuardsNamesAndKeepsNumbersPlain() throws {
        let (model, _) = sampleModel()
        var rows = model.vehicles
        for (i, name) in Self.formulas.enumerated() {
            var row = rows[1]
            row.driverName = name
            row.index = 10 + i
            rows.append(row)
        }
        let parsed = parseCSV(VehicleCSV.render(rows, at: SimTime.zero, clock: nil))
        let header = parsed[0]
        let driver = try #require(header.firstIndex(of: "driver"))
        for (i, name) in Self.formulas.enumerated() {
            #expect(parsed[3 + i][driver].hasPrefix("'"), "\(String(reflecting: name)): \(parsed[3 + i][driver])")
        }
        let numeric = header.indices.filter { i in
            let h = header[i]
            return h.hasPrefix("rate_bps") || h.hasSuffix("_rate_bps") || h.contains("bytes") || h == "open_alerts" || h == "window_s"
        }
        #expect(numeric.count > 30)
        for row in parsed.dropFirst() {
            for i in numeric {
                let v = row[i]
                #expect(v.first.map(\.isNumber) == true && Double(v).map { $0 >= 0 } == true, "\(header[i]) = \(v)")
            }
        }
    }

    // MARK: JSON

    /// JSON keeps hostile text exactly (a reader gets it back) but writes every character the
    /// sanitizer would replace as an escape, so a JSON file or the flow log printed to a
    /// terminal is inert.
    @Test func jsonEscapesWhatATerminalWouldInterpret() throws {
        for payload in Self.payloads {
            let json = JSONValue.object([("s", .string(payload))]).serialized()
            #expect(!json.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                || (0x2066...0x2069).contains($0.value) || $0.value == 0x200F || $0.value & 0xFFFE == 0xFFFE }, "\(json)")
            let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
            #expect(back?["s"] == payload, "\(json)")
        }
        #expect(JSONValue.string("a\u{202E}b").serialized() == #""a\u202eb""#)
        #expect(JSONValue.string(Self.scalars(0x1FFFE)).serialized() == #""\ud83f\udffe""#)
    }

    // MARK: HTML and SVG

    /// One row per payload, each ending with a `|` in the last column.
    static let payloads = [
        "\u{1B}]0;PWNED\u{07}", scalars(0xFFFE, 0xFFFF) + "x" + scalars(0xFFFE), "\u{1B}]52;c;aGk=\u{07}", "\u{1B}]8;;http://x\u{1B}\\l",
        "\u{9B}31m\u{9D}0;x\u{9C}", "\u{1B}P1$q\u{1B}\\\u{90}q", "\u{202E}abc\u{2066}d\u{2069}\u{200F}", "a\u{0}b\u{7F}c\u{85}",
        scalars(0xFDD0, 0xFDEF, 0x1FFFE, 0x10FFFF), "<script>&'\"", "=1+1 -inf", "e\u{301} 王 🚗 x", "\u{2028}\u{2029}\t\r\n",
    ]
    static let width = 40

    /// Noncharacters cannot be written as literals in Swift source.
    static func scalars(_ values: UInt32...) -> String {
        var s = String.UnicodeScalarView()
        for v in values { s.append(Unicode.Scalar(v)!) }
        return String(s)
    }

    static var buffer: Buffer {
        var b = Buffer(width: width, height: payloads.count)
        for (y, p) in payloads.enumerated() {
            _ = b.put(p, x: 0, y: y)
            _ = b.put("|", x: width - 1, y: y)
        }
        return b
    }

    @Test func everyHTMLRowIsAsWideAsTheScreen() throws {
        let html = HTMLExporter(depth: .truecolor, title: "t").render(Self.buffer)
        let pre = try #require(html.range(of: "<pre>\n")?.upperBound)
        let end = try #require(html.range(of: "</pre>")?.lowerBound)
        let rows = html[pre..<end].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(rows.count == Self.payloads.count)
        for (y, row) in rows.enumerated() {
            var text = String(row)
            text = text.replacingOccurrences(of: #"<span class="w">[^<]*</span>"#, with: "WW", options: .regularExpression)
            text = text.replacingOccurrences(of: #"<span class="n">[^<]*</span>"#, with: "N", options: .regularExpression)
            text = text.replacingOccurrences(of: #"</?span[^>]*>"#, with: "", options: .regularExpression)
            text = text.replacingOccurrences(of: #"&[a-z0-9#]+;"#, with: "E", options: .regularExpression)
            #expect(text.unicodeScalars.count == Self.width, "row \(y) (\(String(reflecting: Self.payloads[y]))): \(String(reflecting: String(row)))")
            #expect(text.hasSuffix("|"))
            #expect(!row.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value & 0xFFFE == 0xFFFE })
        }
    }

    @Test func everySVGRowKeepsEveryCellInItsColumn() throws {
        let svg = SVGExporter(depth: .truecolor, title: "t").render(Self.buffer)
        #expect(XMLParser(data: Data(svg.utf8)).parse(), "not well-formed XML")
        let texts = try NSRegularExpression(pattern: #"<text x="([0-9. ]+)" y="([0-9.]+)"( text-anchor="middle")?[^>]*>([^<]*)</text>"#)
        var lastX: [String: Double] = [:]
        for m in texts.matches(in: svg, range: NSRange(svg.startIndex..., in: svg)) {
            let xs = String(svg[Range(m.range(at: 1), in: svg)!]).split(separator: " ").map { Double($0)! }
            let y = String(svg[Range(m.range(at: 2), in: svg)!])
            var content = String(svg[Range(m.range(at: 4), in: svg)!])
            content = content.replacingOccurrences(of: #"&[a-z0-9#]+;"#, with: "E", options: .regularExpression)
            let centred = m.range(at: 3).location != NSNotFound
            if !centred {
                #expect(xs.count == content.unicodeScalars.count, "one x per character: \(xs.count) for \(String(reflecting: content))")
            }
            if content.hasSuffix("|") { lastX[y] = xs.last }
            #expect(!content.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value & 0xFFFE == 0xFFFE })
        }
        // The `|` of every row sits in the last column: x = padding + (width - 1) × cell width.
        let expected = Double(CellMetrics.standard.paddingTenths + (Self.width - 1) * CellMetrics.standard.widthTenths) / 10
        #expect(lastX.count == Self.payloads.count)
        for (y, x) in lastX { #expect(x == expected, "row at y=\(y): | at \(x), not \(expected)") }
    }
}
