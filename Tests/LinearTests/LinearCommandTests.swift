import Dashboard
import Simulation
import Testing
@testable import Linear

/// The typed commands: what each line means, and the one-line answer to a line that means nothing.
@Suite struct LinearCommandTests {
    func parse(_ line: String) throws -> LinearCommand? { try LinearCommand.parse(line) }

    func error(_ line: String) -> String? {
        do {
            _ = try LinearCommand.parse(line)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func commandsOfTheIssue() throws {
        #expect(try parse("fleet") == .fleet)
        #expect(try parse("  ALERTS ") == .alerts)
        #expect(try parse("car LRW…407") == .car("LRW…407"))
        #expect(try parse("top 10 by rate") == .top(count: 10, by: .rate))
        #expect(try parse("top") == .top(count: 10, by: .rate))
        #expect(try parse("top 3 by camera") == .top(count: 3, by: .camera))
        #expect(try parse("filter class:military") == .filter("class:military"))
        #expect(try parse("filter off") == .filter(""))
        #expect(try parse("pause") == .pause)
        #expect(try parse("speed 10") == .speed(10))
        #expect(try parse("speed 10x") == .speed(10))
        #expect(try parse("help") == .help)
        #expect(try parse("quit") == .quit)
        #expect(try parse("exit") == .quit)
        #expect(try parse("region Shanghai") == .region("Shanghai"))
        #expect(try parse("ack 12") == .acknowledge(12))
        #expect(try parse("verbosity quiet") == .verbosity(.quiet))
        #expect(try parse("") == nil)
        #expect(try parse("   ") == nil)
    }

    @Test func badLinesSayWhatAndWhatToDo() throws {
        #expect(error("fly") == "unknown command fly; type help for the commands")
        #expect(error("speed fast") == "speed needs one number from 1 to 10000: speed 10")
        #expect(error("speed 0") == "speed needs one number from 1 to 10000: speed 10")
        #expect(error("top 500") == "top takes 1 to 100 cars, got 500: top 10 by rate")
        #expect(error("top 10 by colour")?.hasPrefix("cannot sort by colour; sort by one of vin, driver") == true)
        #expect(error("car") == "car needs a VIN, or its start or end: car LRW…407")
        #expect(error("fleet now") == "fleet takes nothing after it; type fleet alone")
        #expect(error("go to") == "go to what time? go to 2h, go back 10m, go to 09:15 or go to tue 17:30")
        #expect(error("go to noon")?.hasPrefix("that time does not parse: ") == true)
        #expect(error("go to 2h") == nil)
        // Words for the signs, which a voice reads better.
        #expect(try LinearCommand.parse("go back 10m") == .goTo(.by(.seconds(Int64(600)), forward: false)))
        #expect(try LinearCommand.parse("goto forward 1h") == .goTo(.by(.seconds(Int64(3600)), forward: true)))
        #expect(try LinearCommand.parse("go to tue 17:30") == .goTo(.clock(weekday: 2, second: 63_000)))
        // A control character typed or pasted is shown inert in the answer.
        #expect(error("\u{1B}[2J") == "unknown command ␛[2j; type help for the commands")
    }

    @Test func completion() {
        #expect(LinearCommand.completions(of: "fl", vins: []) == ["fleet"])
        #expect(LinearCommand.completions(of: "f", vins: []) == ["fleet", "filter"])
        #expect(LinearCommand.completions(of: "qu", vins: []) == ["quit"])
        #expect(LinearCommand.completions(of: "car LRW", vins: ["LRW0000000000407", "5YJ0000000000111"]) == ["car LRW0000000000407"])
        #expect(LinearCommand.completions(of: "car 111", vins: ["LRW0000000000407", "5YJ0000000000111"]) == ["car 5YJ0000000000111"])
        #expect(LinearCommand.completions(of: "top 10 by ca", vins: []) == ["top 10 by cam"])
        #expect(LinearCommand.completions(of: "verbosity v", vins: []) == ["verbosity verbose"])
    }

    @Test func helpLinesAreShortAndPlain() {
        for line in LinearCommand.helpLines {
            #expect(line.count < 200)
            #expect(!line.unicodeScalars.contains { $0.value < 0x20 })
        }
    }
}
