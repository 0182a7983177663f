import Foundation
import Screen
import Testing
@testable import fleetwatch

@Suite struct DemoRecordingTests {
    @Test func theFirstFrameClearsTheScreenAndLaterOnesSendOnlyWhatChanged() {
        var old = Buffer(width: 6, height: 2)
        old.put("hello", x: 0, y: 0)
        var new = old
        new.put("a", x: 1, y: 0, style: Style(foreground: .ansi(1), attributes: .bold))
        new.put("界", x: 2, y: 1)
        #expect(CastRecorder.ansi(from: old, to: old, depth: .truecolor) == "")
        #expect(CastRecorder.ansi(from: old, to: new, depth: .truecolor)
            == "\u{1B}[1;2H\u{1B}[1;31ma\u{1B}[2;3H\u{1B}[0m界", "the style carries over the cursor move")
        #expect(CastRecorder.ansi(from: nil, to: old, depth: .truecolor)
            == "\u{1B}[0m\u{1B}[?25l\u{1B}[H\u{1B}[2J\u{1B}[1;1Hhello")
    }

    /// A headless recording: a valid asciicast v2 header, then events in time order that
    /// asciinema can play (parsed back with JSONSerialization).
    @Test func aHeadlessRecordingIsAValidAsciicast() throws {
        let file = try DemoFixtures.temporaryFile(DemoFixtures.small, name: "small.yaml")
        defer { try? FileManager.default.removeItem(at: URL(fileURLWithPath: file).deletingLastPathComponent()) }
        let cast = URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("small.cast").path
        let run = try Run(["demo", file, "--headless", "--record", cast, "--fps", "4", "--width", "100", "--height", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = try String(contentsOfFile: cast, encoding: .utf8).split(separator: "\n")
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 100 && header["height"] as? Int == 30)
        #expect((header["timestamp"] as? Int).map { $0 > 1_600_000_000 } == true)
        #expect((header["env"] as? [String: Any])?["TERM"] is String)
        var last = 0.0
        var output = 0
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            let time = try #require(event[0] as? Double)
            #expect(event.count == 3 && event[1] as? String == "o" && event[2] is String)
            #expect(time >= last, "events in time order")
            last = time
            output += 1
        }
        // 11 s of wall time at the scripted pace, 4 frames a second (unchanged frames are skipped).
        #expect(output > 20 && abs(last - 11) < 0.5)
        #expect((lines[1].contains("\\u001b[2J")), "the first frame starts from a cleared screen")
        #expect(lines.last?.contains("\\u001b[?25h") == true, "the cursor is shown again at the end")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: cast).deletingLastPathComponent().path)
        #expect(leftovers.sorted() == ["small.cast", "small.yaml"], "no temporary file left behind")
    }
}
