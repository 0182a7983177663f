import Foundation
import Testing
import TestSupport

/// What a user of a real terminal (tmux) gets back after the dashboard is killed outright,
/// stopped and continued, and what a demo recording keeps through stops, resizes down to 1×1
/// and SIGWINCH storms.
@Suite("fleetwatch terminal recovery in tmux", .enabled(if: LiveDashboard.available, "tmux (with timeout, pgrep, env) is not on PATH"))
struct TerminalRecoveryTests {
    /// The `stty -g` fields (iflag:oflag:cflag:lflag:…), as numbers.
    static func modes(_ stty: String?) -> (iflag: UInt32, oflag: UInt32, lflag: UInt32)? {
        guard let fields = stty?.split(separator: ":"), fields.count > 4,
              let i = UInt32(fields[0], radix: 16), let o = UInt32(fields[1], radix: 16), let l = UInt32(fields[3], radix: 16)
        else { return nil }
        return (i, o, l)
    }

    static let icanon: UInt32 = 0o2, echo: UInt32 = 0o10, isig: UInt32 = 0o1, icrnl: UInt32 = 0o400, opost: UInt32 = 0o1, onlcr: UInt32 = 0o4

    /// `kill -9` cannot be handled: the shell gets a terminal left in the alternate screen over
    /// the last frame, cursor hidden, mouse reporting and keypad mode on, without line editing,
    /// echo or CR-LF output (stty -icanon -echo -icrnl -onlcr). Starting the dashboard again and quitting
    /// gives it back: curses leaves the alternate screen and shows the cursor on its way out,
    /// and the modes it finds at start (those of a killed full-screen program) are restored as
    /// sane ones.
    @Test func afterKill9TheNextStartGivesTheTerminalBack() throws {
        let live = try LiveDashboard(width: 100, height: 30, rerun: true)
        try live.expect("no first frame", seconds: 10) { $0.first?.hasPrefix("FleetWatch │ ") == true && LiveDashboard.has($0, "┏ Vehicles") }
        let first = try #require(live.tmux.appPid(), "no fleetwatch process under the pane")
        #expect(kill(first, SIGKILL) == 0)
        let left = try #require(live.tmux.waitForFile("after"), "the shell did not go on after kill -9")
        #expect(live.tmux.file("status") == "137")
        // What the user sees now: the dashboard's last frame, no cursor, no echo, no line editing.
        #expect(live.tmux.format("#{alternate_on}") == "1", "the alternate screen is still on after kill -9")
        #expect(live.tmux.format("#{cursor_flag}") == "0", "the cursor is still hidden after kill -9")
        #expect(live.tmux.format("#{mouse_any_flag}") == "1", "mouse reporting is still on after kill -9 (a click types escapes)")
        let broken = try #require(Self.modes(left))
        #expect(broken.lflag & (Self.icanon | Self.echo) == 0, "kill -9 left icanon and echo off: \(left)")
        #expect(broken.oflag & Self.onlcr == 0 && broken.iflag & Self.icrnl == 0, "and onlcr, icrnl off (output staircases): \(left)")

        live.tmux.touch("go")  // the user starts the dashboard again
        var started: Int32?
        _ = live.tmux.wait(seconds: 10) { _ in
            // The shell's child, once it is fleetwatch (not the `sleep` of the wait for `go`).
            started = live.tmux.appPid().flatMap { pid in
                let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
                return pid != first && comm.hasPrefix("fleetwatch") ? pid : nil
            }
            return started != nil
        }
        let second = try #require(started, "the dashboard did not start again; pane:\n\(live.tmux.screen)")
        try live.expect("no first frame of the second start", seconds: 10) {
            $0.first?.hasPrefix("FleetWatch │ ") == true && LiveDashboard.has($0, "┏ Vehicles") && LiveDashboard.has($0, "↑↓ move")
        }
        usleep(300_000)
        #expect(kill(second, 0) == 0)
        live.tmux.sendKeys("q")
        try #require(live.tmux.waitForFile("done") != nil, "the second start did not end on q; pane:\n\(live.tmux.screen)")
        #expect(live.tmux.file("status2") == "0")
        let before = try #require(Self.modes(live.tmux.file("before"))), after = try #require(Self.modes(live.tmux.file("after2")))
        let restored = live.tmux.file("after2") ?? "-"
        for (name, bit, was, now) in [("icanon", Self.icanon, before.lflag, after.lflag), ("echo", Self.echo, before.lflag, after.lflag),
                                      ("isig", Self.isig, before.lflag, after.lflag), ("icrnl", Self.icrnl, before.iflag, after.iflag),
                                      ("opost", Self.opost, before.oflag, after.oflag), ("onlcr", Self.onlcr, before.oflag, after.oflag)] {
            #expect(was & bit != 0 && now & bit != 0, "\(name) not restored: stty -g \(restored)")
        }
        #expect(live.tmux.file("after2") == live.tmux.file("before"), "stty -g before the first start \(live.tmux.file("before") ?? "-"), after the second \(live.tmux.file("after2") ?? "-")")
        #expect(live.tmux.format("#{alternate_on}") == "0", "the alternate screen is still on")
        #expect(live.tmux.format("#{cursor_flag}") == "1", "the cursor is still hidden")
        #expect(live.tmux.format("#{mouse_any_flag}") == "0" && live.tmux.format("#{keypad_cursor_flag}") == "0", "mouse or keypad mode still on")
        #expect(live.tmux.lines().contains("[ended]"), "the shell's output starts at the left margin again:\n\(live.tmux.screen)")
    }

    /// SIGTSTP (as `kill -TSTP` or Ctrl-Z): the shell gets the terminal back in its own modes;
    /// `fg` (SIGCONT) redraws the whole dashboard.
    @Test func sigtstpGivesTheShellControlAndFgRedraws() throws {
        let live = try LiveDashboard(width: 100, height: 30, suspendable: true)
        try live.expect("no first frame", seconds: 10) { $0.first?.hasPrefix("FleetWatch │ ") == true && LiveDashboard.has($0, "┏ Vehicles") }
        let pid = try #require(live.tmux.appPid(), "no fleetwatch process under the pane")
        #expect(kill(pid, SIGTSTP) == 0)
        try #require(live.tmux.waitForFile("after") != nil, "the shell did not get control after SIGTSTP; pane:\n\(live.tmux.screen)")
        #expect(live.tmux.file("status") == "148", "stopped by SIGTSTP")
        #expect(live.tmux.file("before") == live.tmux.file("after"), "the shell got the terminal in other modes")
        #expect(live.tmux.format("#{alternate_on}") == "0")
        #expect(!LiveDashboard.has(live.tmux.lines(), "FleetWatch │ "), "the dashboard is still on the screen while stopped")

        live.tmux.touch("go")  // the shell runs fg
        try live.expect("no redraw after fg", seconds: 10) {
            $0.first?.hasPrefix("FleetWatch │ ") == true && LiveDashboard.has($0, "┏ Vehicles") && LiveDashboard.has($0, "↑↓ move")
        }
        #expect(live.tmux.format("#{alternate_on}") == "1")
        live.tmux.sendKeys("q")
        try #require(live.tmux.waitForFile("done") != nil, "no end after q; pane:\n\(live.tmux.screen)")
        #expect(live.tmux.file("status2") == "0")
        #expect(live.tmux.file("before") == live.tmux.file("after2"))
        #expect(live.tmux.format("#{alternate_on}") == "0")
    }

    /// A demo recorded while the terminal shrinks to 1×1 and back, is stopped and continued and
    /// takes SIGWINCH storms stays a valid asciicast v2 file.
    @Test func aRecordingSurvivesStopsResizesAndWinchStorms() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fw-cast-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let cast = dir.appendingPathComponent("demo.cast").path
        let live = try LiveDashboard(["demo", "--record", cast, "--fps", "20"], width: 100, height: 30, suspendable: true)
        let tmux = live.tmux
        try live.expect("no first demo frame", seconds: 10) { $0.first?.hasPrefix("FleetWatch │ ") == true }
        let pid = try #require(tmux.appPid(), "no fleetwatch process under the pane")
        func storm() { for _ in 0..<100 { kill(pid, SIGWINCH) } }
        for (w, h) in [(1, 1), (20, 5), (1, 1), (100, 30)] {
            tmux.resize(w, h)
            storm()
            usleep(150_000)
        }
        #expect(kill(pid, SIGTSTP) == 0)
        try #require(tmux.waitForFile("after") != nil, "the shell did not get control after SIGTSTP; pane:\n\(tmux.screen)")
        #expect(tmux.file("status") == "148")
        tmux.resize(1, 1)  // the terminal changes while the demo is stopped
        tmux.touch("go")  // fg
        usleep(300_000)
        storm()
        kill(pid, SIGCONT)
        tmux.resize(100, 30)
        try live.expect("no redraw at 100x30 after fg", seconds: 10) { $0.count >= 30 && $0[0].hasPrefix("FleetWatch │ ") }
        tmux.sendKeys("q")
        try #require(tmux.waitForFile("done") != nil, "the demo did not end on q; pane:\n\(tmux.screen)")
        #expect(tmux.file("status2") == "0")
        #expect(tmux.file("before") == tmux.file("after2"))

        let text = try String(contentsOfFile: cast, encoding: .utf8)
        let check = AsciicastCheck(text)
        #expect(check.problems == [], "\(check.problems.prefix(10))")
        #expect(check.header?["width"] as? Int == 100 && check.header?["height"] as? Int == 30)
        #expect(check.resizes.contains("1x1") && check.resizes.contains("20x5") && check.resizes.last == "100x30", "resizes: \(check.resizes)")
        #expect(check.outputs >= 4, "a frame at each size at least")  // unchanged frames are not written
    }
}

/// The rules of asciicast v2 that a player relies on: a JSON object header with `version` 2
/// and positive `width` and `height`; then one JSON array per line, `[time, code, data]`, with
/// times that never go back, `o` (output) or `r` (a `WxH` resize) codes and string data.
struct AsciicastCheck {
    var header: [String: Any]?
    var problems: [String] = []
    var resizes: [String] = []
    var outputs = 0

    init(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() } else { problems.append("the file does not end with a line feed") }
        guard let first = lines.first, let object = try? JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any] else {
            problems.append("the header is not a JSON object")
            return
        }
        header = object
        if object["version"] as? Int != 2 { problems.append("version is not 2") }
        for key in ["width", "height"] where ((object[key] as? Int) ?? 0) < 1 { problems.append("\(key) is not a positive integer") }
        var last = 0.0
        for (n, line) in lines.dropFirst().enumerated() {
            guard let event = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], event.count == 3,
                  let time = (event[0] as? NSNumber)?.doubleValue, let code = event[1] as? String, let data = event[2] as? String
            else {
                problems.append("line \(n + 2) is not [time, code, data]: \(line.prefix(80))")
                continue
            }
            if !(time >= last) { problems.append("line \(n + 2): time \(time) goes back from \(last)") }
            last = time
            switch code {
            case "o": outputs += 1
            case "r":
                let parts = data.split(separator: "x")
                if parts.count != 2 || parts.contains(where: { (Int($0) ?? 0) < 1 }) { problems.append("line \(n + 2): resize \(data)") }
                resizes.append(data)
            default: problems.append("line \(n + 2): event code \(code)")
            }
        }
    }
}
