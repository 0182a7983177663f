import Foundation

/// A program run in the background for a test (a broker, a scraper, a pipeline under `sh -c`):
/// in its own process group, with an empty signal mask (see `Spawn`), standard input from
/// /dev/null, standard output and error to files. `stop()` ends the whole group (SIGTERM, then
/// SIGKILL after a grace period) and reaps it; deinit stops it too, so a test that fails
/// half-way leaves nothing running. And should the test process itself die (a crash, a kill),
/// a small shell beside the program sees the pipe from the test close and ends it.
public final class Background: @unchecked Sendable {
    public let pid: pid_t
    public let name: String
    public let stdoutPath: String
    public let stderrPath: String
    private var status: Int32?
    private let lock = NSLock()
    /// The write end of the pipe whose closing tells the watcher to end the program.
    private var lifeline: Int32 = -1

    /// The watcher: runs "$@" with /dev/null for input, and ends it (TERM, then KILL) when its
    /// own standard input, the test's lifeline, reaches its end; passes a TERM on and reaps
    /// what it started (no zombie is left to init); exits with the program's status.
    static let watcher = """
        exec 3<&0
        trap 'kill -TERM $child 2>/dev/null' TERM INT
        "$@" < /dev/null & child=$!
        { read _ <&3; kill -TERM $child 2>/dev/null; sleep 2; kill -KILL $child 2>/dev/null; } & watch=$!
        status=0
        while kill -0 $child 2>/dev/null; do wait $child; status=$?; done
        kill $watch 2>/dev/null; wait $watch 2>/dev/null
        exit $status
        """

    /// Starts `executable` with `arguments`; throws if it cannot be spawned.
    public init(_ executable: String, _ arguments: [String], name: String? = nil) throws {
        self.name = name ?? URL(fileURLWithPath: executable).lastPathComponent
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("fw-bg-\(getpid())-\(UUID().uuidString.prefix(8))").path
        stdoutPath = scratch + ".out"
        stderrPath = scratch + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw HarnessError("pipe: \(String(cString: strerror(errno)))") }
        // Close-on-exec: no other child may hold the lifeline open.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        defer { close(fds[0]) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setpgroup(&attributes, 0)
        Spawn.cleanSignals(&attributes, flags: Int32(POSIX_SPAWN_SETPGROUP))
        let argv = ["/bin/sh", "-c", Self.watcher, "sh", executable] + arguments
        let cArgv = argv.map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let cEnvp = environment.map { strdup($0) } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArgv, cEnvp)
        guard spawned == 0 else {
            close(fds[1])
            throw HarnessError("cannot start \(executable): posix_spawn error \(spawned)")
        }
        self.pid = pid
        lifeline = fds[1]
    }

    /// Runs `script` under /bin/sh (a pipeline), in the background.
    public convenience init(shell script: String, name: String) throws {
        try self.init("/bin/sh", ["-c", script], name: name)
    }

    /// What it wrote to standard output and standard error so far.
    public var output: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var errors: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// The exit status if it has ended (128+N for signal N), without waiting.
    public var exitStatus: Int32? {
        lock.lock()
        defer { lock.unlock() }
        if status == nil {
            var raw: Int32 = 0
            if waitpid(pid, &raw, WNOHANG) == pid { status = raw & 0x7F == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F) }
        }
        return status
    }

    /// Waits up to `seconds` for it to end by itself; its status, or nil if it is still running.
    public func wait(seconds: Double) -> Int32? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let s = exitStatus { return s }
            usleep(20_000)
        }
        return exitStatus
    }

    /// Ends the process group and reaps the process; its exit status.
    @discardableResult
    public func stop() -> Int32? {
        if let s = exitStatus {
            kill(-pid, SIGKILL)  // what the group may still hold (a pipeline's other programs)
            return s
        }
        kill(-pid, SIGTERM)
        if let s = wait(seconds: 3) {
            kill(-pid, SIGKILL)
            return s
        }
        kill(-pid, SIGKILL)
        return wait(seconds: 5)
    }

    deinit {
        stop()
        if lifeline >= 0 { close(lifeline) }
        unlink(stdoutPath)
        unlink(stderrPath)
    }
}

/// Small helpers for tests that talk to servers on loopback.
public enum Loopback {
    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel's pick, released).
    public static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw HarnessError("socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else { throw HarnessError("bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw HarnessError("getsockname: \(String(cString: strerror(errno)))") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Polls `condition` every 100 ms until it holds or `seconds` pass; whether it held.
    public static func wait(seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            if try condition() { return true }
            usleep(100_000)
        } while Date() < deadline
        return try condition()
    }

    /// A program the test needs, or an error naming the Debian package that has it (CI installs
    /// them: a missing one is a failure, never a skip).
    public static func require(_ program: String, package: String) throws -> String {
        // Daemons live in /usr/sbin, which a user's PATH may leave out.
        let path = Tools.onPath(program) ?? ["/usr/sbin", "/usr/bin", "/sbin"].map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else {
            throw HarnessError("\(program) is not installed: the test needs Debian's \(package) (apt-get install \(package); .ci/run installs it)")
        }
        return path
    }
}

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension Loopback {
    /// GET `url` with Foundation's client, bounded by `seconds`: the status and the body, or nil
    /// when nothing answered.
    public static func get(_ url: String, seconds: Double = 5) -> (status: Int, body: String)? {
        guard let target = URL(string: url) else { return nil }
        final class Box: @unchecked Sendable {
            let lock = NSLock()
            var value: (Int, String)?
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        var request = URLRequest(url: target)
        request.timeoutInterval = seconds
        let task = URLSession.shared.dataTask(with: request) { data, response, _ in
            if let http = response as? HTTPURLResponse {
                box.lock.lock()
                box.value = (http.statusCode, data.map { String(decoding: $0, as: UTF8.self) } ?? "")
                box.lock.unlock()
            }
            done.signal()
        }
        task.resume()
        if done.wait(timeout: .now() + seconds + 1) == .timedOut { task.cancel() }
        box.lock.lock()
        defer { box.lock.unlock() }
        return box.value
    }
}
