import Foundation

/// Runs a program in a private tmux server and looks at what the pane shows. Every external
/// command runs under `timeout`, and every wait is bounded, so a broken terminal program fails
/// the test instead of hanging it.
///
/// The pane's shell records `stty -g` in the file `before`, runs the program under
/// `env --default-signal` with no locale variables, then records its exit status (`status`)
/// and `stty -g` again (`after`), and writes `done`.
public final class TmuxHarness {
    public typealias Tools = (tmux: String, timeout: String, pgrep: String, env: String)

    /// The tools this needs, found on PATH (nil when one is missing).
    public static let tools: Tools? = {
        guard let tmux = TestSupport.Tools.onPath("tmux"), let timeout = TestSupport.Tools.onPath("timeout"),
              let pgrep = TestSupport.Tools.onPath("pgrep"), let env = TestSupport.Tools.onPath("env")
        else { return nil }
        return (tmux, timeout, pgrep, env)
    }()

    public let socket: String
    /// Where the pane's shell writes its files (`before`, `status`, `after`, `done`, `stderr`).
    public let directory: URL
    let tools: Tools
    /// No wait goes past this: a scenario fails rather than run for more than 25 s.
    let deadline = Date().addingTimeInterval(25)
    /// The server's pid, to kill it outright should kill-server fail.
    var serverPid: Int32?

    /// Starts a detached `width`x`height` session that runs `binary` with `arguments`.
    ///
    /// - Parameters:
    ///   - environment: variables for the program; a nil value unsets the variable (`env -u`).
    ///   - suspendable: the pane's shell has job control: after Ctrl-Z it records status and
    ///     modes, waits for the file `go`, runs `fg`, and records them again (`status2`, `after2`).
    ///   - stderrToFile: the program's standard error goes to the file `stderr`, not the pane.
    ///   - stdoutToPipe: the program's standard output is a pipe into `cat` that writes the
    ///     file `stdout` (its standard input stays the terminal).
    ///   - rerun: after the program ends, the shell waits for the file `go`, runs it again and
    ///     records its status and modes (`status2`, `after2`), as a user starting it once more.
    ///   - startOnGo: the program starts only once the file `go` exists (see `touch`), so that
    ///     `recordPane` can be set up first; after the program the shell prints
    ///     `[ended]` to the pane, so a recording shows where the program's output stops.
    public init(
        binary: String, arguments: [String] = [], environment: [String: String?] = [:], width: Int = 120,
        height: Int = 40, suspendable: Bool = false, stderrToFile: Bool = false, stdoutToPipe: Bool = false,
        startOnGo: Bool = false, rerun: Bool = false, inDirectory: Bool = false
    ) throws {
        guard let tools = Self.tools else { throw HarnessError("tmux, timeout, pgrep or env is not on PATH") }
        self.tools = tools
        socket = "fw-tmux-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let d = directory.path
        var env = [Self.quote(tools.env), "--default-signal"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) where value == nil { env += ["-u", Self.quote(key)] }
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) {
            if let value { env.append(Self.quote("\(key)=\(value)")) }
        }
        env.append("SWIFT_BACKTRACE=interactive=no")
        var app = (env + [Self.quote(binary)] + arguments.map(Self.quote)).joined(separator: " ")
        if stderrToFile { app += " 2> '\(d)/stderr'" }
        let waitForGo = "n=0; while [ ! -e '\(d)/go' ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done; rm -f '\(d)/go'"
        // inDirectory: the program runs in `directory`, so what it writes there is the test's.
        let start = (inDirectory ? "cd '\(d)'; " : "") + (startOnGo ? "\(waitForGo); " : "")
        let end = startOnGo ? "echo '[ended]'; " : ""
        let runApp = stdoutToPipe
            ? "{ \(app); echo $? > '\(d)/status'; } | cat > '\(d)/stdout'"
            : "\(app); echo $? > '\(d)/status'"
        let again = rerun ? "\(waitForGo); \(app); echo $? > '\(d)/status2'; stty -g > '\(d)/after2'; echo '[ended]'; " : ""
        let script = suspendable
            ? """
            set -m; stty -g > '\(d)/before'; unset LANG LC_ALL LC_CTYPE; \(start)\(runApp); \
            stty -g > '\(d)/after'; \(end)\
            \(waitForGo); fg; \
            echo $? > '\(d)/status2'; stty -g > '\(d)/after2'; echo done > '\(d)/done'; exec sleep 60
            """
            : """
            stty -g > '\(d)/before'; unset LANG LC_ALL LC_CTYPE; \(start)\(runApp); \
            stty -g > '\(d)/after'; \(end)\(again)echo done > '\(d)/done'; exec sleep 60
            """
        let shell = suspendable ? "bash" : "sh"
        let started = tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", shell, "-c", script])
        if started.status != 0 { throw HarnessError("tmux new-session failed: \(started.output)") }
        serverPid = Int32(format("#{pid}"))
    }

    deinit {
        _ = tmux(["kill-server"])
        if let serverPid {  // kill it outright only if it is still this tmux server after a second
            for _ in 0..<25 where kill(serverPid, 0) == 0 { usleep(40_000) }
            let comm = (try? String(contentsOfFile: "/proc/\(serverPid)/comm", encoding: .utf8)) ?? ""
            if kill(serverPid, 0) == 0 && comm.hasPrefix("tmux") { kill(serverPid, SIGKILL) }
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// `text` as one single-quoted word for sh.
    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs one command under `timeout`; returns its exit status and output (stdout and stderr).
    @discardableResult
    public func run(_ executable: String, _ arguments: [String], seconds: Int = 5) -> (status: Int32, output: String) {
        // LC_CTYPE so that tmux shows (and captures) wide characters as UTF-8.
        let result = Spawn.run(executable, arguments, environment: ["LC_CTYPE": "C.UTF-8"], stdoutToFile: true, mergeStderr: true, seconds: seconds)
        return (result.status, result.stdoutText)
    }

    @discardableResult
    public func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        run(tools.tmux, ["-u", "-L", socket, "-f", "/dev/null"] + arguments)
    }

    /// The pane's visible lines (tmux strips trailing blanks).
    public func lines() -> [String] {
        tmux(["capture-pane", "-p"]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The pane as text, for failure messages.
    public var screen: String { lines().joined(separator: "\n") }

    public func format(_ name: String) -> String {
        tmux(["display-message", "-p", name]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane until `condition` holds; the last capture, or nil after `seconds`.
    public func wait(seconds: Double = 5, until condition: ([String]) -> Bool) -> [String]? {
        let deadline = min(self.deadline, Date().addingTimeInterval(seconds))
        while Date() < deadline {
            let captured = lines()
            if condition(captured) { return captured }
            usleep(40_000)
        }
        return nil
    }

    /// Waits for a file the pane's shell writes; its trimmed text, or nil after `seconds`.
    public func waitForFile(_ name: String, seconds: Double = 10) -> String? {
        let url = directory.appendingPathComponent(name)
        let deadline = min(self.deadline, Date().addingTimeInterval(seconds))
        while Date() < deadline {
            if let text = try? String(contentsOf: url, encoding: .utf8), !text.isEmpty {
                return text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            usleep(40_000)
        }
        return nil
    }

    public func file(_ name: String) -> String? {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Copies everything the pane receives from now on (escape codes included) to the file
    /// `name` in `directory`.
    public func recordPane(to name: String) {
        tmux(["pipe-pane", "-o", "cat > " + Self.quote(directory.appendingPathComponent(name).path)])
    }

    /// The pid of the program: the child of the pane's shell.
    public func appPid() -> Int32? {
        let panePid = format("#{pane_pid}")
        let children = run(tools.pgrep, ["-P", panePid]).output.split(separator: "\n")
        return children.first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    public func touch(_ name: String) {
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data())
    }

    public func sendKeys(_ keys: String...) { tmux(["send-keys"] + keys) }
    /// Types `text` literally.
    public func type(_ text: String) { tmux(["send-keys", "-l", text]) }
    public func resize(_ width: Int, _ height: Int) { tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"]) }
}
