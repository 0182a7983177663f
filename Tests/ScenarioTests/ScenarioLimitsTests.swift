import Foundation
import Testing
import Fleet
@testable import Scenario

@Suite struct ScenarioLimitsTests {
    func messages(_ text: String, limits: ScenarioLimits = .default) -> [String] {
        do {
            _ = try ScenarioDocument.parse(text, file: "l.yaml", limits: limits)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func fileSizeIsCheckedBeforeReading() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-big-\(UInt32.random(in: 0...UInt32.max)).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(count: (8 << 20) + 1)))
        #expect(throws: ScenarioError([Diagnostic(Fleet.SourceLocation(file: "big.yaml", line: 1, column: 1),
            "the file is 8388609 bytes, more than the limit of 8388608 bytes; a scenario describes a fleet, it does not list it")])) {
            try ScenarioDocument.load(path: path, file: "big.yaml")
        }
    }

    @Test func aSmallFileLoadsAndAMissingOneIsReported() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fleetwatch-ok-\(UInt32.random(in: 0...UInt32.max)).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data("name: ok\n".utf8)))
        #expect(try ScenarioDocument.load(path: path).name == "ok")
        #expect(throws: ScenarioError.self) { try ScenarioDocument.load(path: path + ".missing") }
    }

    @Test func aliasBombIsRefusedByTheValueCount() {
        var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<9 { text += "\(Character(UnicodeScalar(97 + i)!)): &\(Character(UnicodeScalar(97 + i)!)) [" + Array(repeating: "*\(Character(UnicodeScalar(96 + i)!))", count: 10).joined(separator: ", ") + "]\n" }
        #expect(messages(text) == ["l.yaml:1:11: error: the document has more than 2000000 values (an alias counts each time it is used)"])
    }

    @Test func nestingDepthIsBounded() {
        let deep = "name: d\nx: " + String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        #expect(messages(deep) == ["l.yaml:2:67: error: lists and mappings are nested more than 64 levels deep"])
        let deeper = "name: d\nx: " + String(repeating: "[", count: 5000)
        #expect(messages(deeper) == ["l.yaml:2:5: error: lists and mappings are nested too deeply"])
    }

    @Test func listLengthsAndTimelineLengthAreBounded() {
        var limits = ScenarioLimits.default
        limits.maxTimelineEntries = 2
        let timeline = "name: t\ntimeline:\n" + String(repeating: "  - {at: 0s, action: chapter, title: x}\n", count: 3)
        #expect(messages(timeline, limits: limits) == ["l.yaml:3:3: error: timeline has 3 items, more than the limit of 2"])
        limits.maxListLength = 4
        #expect(messages("name: t\nx: [1, 2, 3, 4, 5]", limits: limits) == ["l.yaml:2:4: error: the list has 5 items, more than the limit of 4"])
    }

    @Test func theValueEstimateRefusesBeforeParsing() {
        var limits = ScenarioLimits.default
        limits.maxNodes = 100
        let text = "name: n\nx: [" + Array(repeating: "1", count: 200).joined(separator: ",") + "]"
        #expect(messages(text, limits: limits) == ["l.yaml:1:1: error: the file has more than 100 values (about 204); split it or describe the fleet with counts and shares"])
        // Quotes, comments and apostrophes inside plain words do not fool the estimate.
        #expect(PreScan.structuralCount("a: \"x,y,z\" # p,q\nb: O'Brien, [1]") == 6)
    }
}
