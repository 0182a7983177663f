import Foundation
import Screen

/// Runs `terminal-check` in a private tmux server and looks at what the pane shows. Every
/// external command runs under `timeout`, and every wait is bounded, so a broken terminal
/// driver fails the test instead of hanging it.
final class TmuxHarness {
    /// The tools this needs, found on PATH (nil when one is missing).
    static let tools: (tmux: String, timeout: String, pgrep: String, env: String)? = {
        guard let tmux = onPath("tmux"), let timeout = onPath("timeout"), let pgrep = onPath("pgrep"), let env = onPath("env") else { return nil }
        return (tmux, timeout, pgrep, env)
    }()

    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The `terminal-check` binary built next to the test bundle (.build/debug).
    static func terminalCheckBinary() -> String? {
        var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent("terminal-check").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    let socket: String
    let directory: URL
    let tools: (tmux: String, timeout: String, pgrep: String, env: String)
    var runCount = 0
    /// No wait goes past this: a scenario fails rather than run for more than 25 s.
    let deadline = Date().addingTimeInterval(25)
    /// The server's pid, to kill it outright should kill-server fail.
    var serverPid: Int32?

    /// Starts a detached `width`x`height` session whose pane records `stty -g`, runs the
    /// binary without any locale variables, then records its exit status and `stty -g` again.
    /// With `suspendable`, the pane's shell has job control: after Ctrl-Z it records status
    /// and modes, waits for the file `go`, runs `fg`, and records them again (`status2`, `after2`).
    init(binary: String, width: Int = 120, height: Int = 40, suspendable: Bool = false) throws {
        guard let tools = Self.tools else { throw HarnessError("tmux, timeout, pgrep or env is not on PATH") }
        self.tools = tools
        socket = "fw-term-\(getpid())-\(UUID().uuidString.prefix(8))"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let d = directory.path
        let app = "'\(tools.env)' --default-signal SWIFT_BACKTRACE=interactive=no '\(binary)'"
        let script = suspendable
            ? """
            set -m; stty -g > '\(d)/before'; unset LANG LC_ALL LC_CTYPE; \(app); \
            echo $? > '\(d)/status'; stty -g > '\(d)/after'; \
            n=0; while [ ! -e '\(d)/go' ] && [ $n -lt 200 ]; do sleep 0.05; n=$((n+1)); done; fg; \
            echo $? > '\(d)/status2'; stty -g > '\(d)/after2'; echo done > '\(d)/done'; exec sleep 60
            """
            : """
            stty -g > '\(d)/before'; unset LANG LC_ALL LC_CTYPE; \(app); \
            echo $? > '\(d)/status'; stty -g > '\(d)/after'; echo done > '\(d)/done'; exec sleep 60
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

    /// Runs one command under `timeout`; returns its exit status and output.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: under `swift test` this
    /// process runs with most signals blocked, so Process never saw its children exit (and
    /// the tmux server inherited the mask and ignored kill-server). The children here start
    /// with an empty mask and default dispositions.
    @discardableResult
    func run(_ executable: String, _ arguments: [String], seconds: Int = 5) -> (status: Int32, output: String) {
        runCount += 1
        let outputPath = directory.appendingPathComponent("out-\(runCount)").path
        let argv = [tools.timeout, "\(seconds)", executable] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LC_CTYPE"] = "C.UTF-8"  // so tmux shows (and captures) wide characters as UTF-8
        let envp = environment.map { "\($0.key)=\($0.value)" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvp = envp.map { strdup($0) } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }
        let spawned = posix_spawn(&pid, tools.timeout, &actions, &attributes, cArgv, cEnvp)
        guard spawned == 0 else { return (-1, "posix_spawn \(executable): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7F == 0
        return (exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), output)
    }

    @discardableResult
    func tmux(_ arguments: [String]) -> (status: Int32, output: String) {
        run(tools.tmux, ["-u", "-L", socket, "-f", "/dev/null"] + arguments)
    }

    /// The pane's visible lines (tmux strips trailing blanks).
    func lines() -> [String] {
        tmux(["capture-pane", "-p"]).output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func format(_ name: String) -> String {
        tmux(["display-message", "-p", name]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the pane until `condition` holds; the last capture, or nil after `seconds`.
    func wait(seconds: Double = 5, until condition: ([String]) -> Bool) -> [String]? {
        let deadline = min(self.deadline, Date().addingTimeInterval(seconds))
        while Date() < deadline {
            let captured = lines()
            if condition(captured) { return captured }
            usleep(40_000)
        }
        return nil
    }

    func waitForFile(_ name: String, seconds: Double = 10) -> String? {
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

    func file(_ name: String) -> String? {
        (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of terminal-check: the child of the pane's shell.
    func appPid() -> Int32? {
        let panePid = format("#{pane_pid}")
        let children = run(tools.pgrep, ["-P", panePid]).output.split(separator: "\n")
        return children.first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    func touch(_ name: String) {
        _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: Data())
    }

    func sendKeys(_ keys: String...) { tmux(["send-keys"] + keys) }
    func resize(_ width: Int, _ height: Int) { tmux(["resize-window", "-x", "\(width)", "-y", "\(height)"]) }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
