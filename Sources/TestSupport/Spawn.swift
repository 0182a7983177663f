import Foundation

/// What a child process did: its exit status (128+N when killed by signal N, 124 when `timeout`
/// stopped it) and what it wrote.
public struct SpawnResult: Sendable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: [UInt8]

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs programs for tests, bounded by `timeout`.
///
/// posix_spawn and waitpid rather than Foundation's Process: under `swift test` this process
/// runs with most signals blocked, so Process never saw its children exit (and a tmux server
/// inherited the mask and ignored kill-server). Children here start with an empty signal mask
/// and default dispositions.
public enum Spawn {
    /// Spawn attributes for a child that starts with an empty signal mask and every signal at
    /// its default disposition, whatever this process blocks or ignores; `flags` adds more
    /// (`POSIX_SPAWN_SETPGROUP`).
    static func cleanSignals(_ attributes: inout posix_spawnattr_t, flags: Int32 = 0) {
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | flags))
    }

    /// Runs `executable` with `arguments` under `timeout seconds`. Standard input comes from
    /// `stdinPath`; standard output is a pipe read to the end (or, with `stdoutToFile`, a
    /// temporary file: a daemon such as the tmux server may keep a pipe open after the command
    /// exits); standard error goes to a temporary file, or where standard output goes with
    /// `mergeStderr`. `environment` replaces the inherited environment's entries (a nil value
    /// removes the variable).
    public static func run(
        _ executable: String, _ arguments: [String], environment overrides: [String: String?] = [:],
        stdinPath: String = "/dev/null", stdoutToFile: Bool = false, mergeStderr: Bool = false, seconds: Int = 20
    ) -> SpawnResult {
        guard let timeout = Tools.onPath("timeout") else {
            return SpawnResult(status: -1, stdout: [], stderr: Array("timeout is not on PATH".utf8))
        }
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in overrides { environment[key] = value }
        let envp = environment.map { "\($0.key)=\($0.value)" }
        let argv = [timeout, "\(seconds)", executable] + arguments
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("fw-spawn-\(getpid())-\(UUID().uuidString.prefix(8))").path
        let errorPath = scratch + ".err", outputPath = scratch + ".out"
        defer {
            unlink(errorPath)
            unlink(outputPath)
        }

        var pipeFDs: [Int32] = [-1, -1]
        // Close-on-exec, under a lock held until the spawn: tests run in parallel, and a pipe
        // end inherited by another test's long-lived child (a tmux server) would keep this read
        // from ever seeing the end. (pipe2 is not imported without _GNU_SOURCE.)
        spawnLock.lock()
        guard pipe(&pipeFDs) == 0 else {
            spawnLock.unlock()
            return SpawnResult(status: -1, stdout: [], stderr: Array("pipe failed".utf8))
        }
        _ = fcntl(pipeFDs[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeFDs[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
        if stdoutToFile {
            posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        }
        if mergeStderr {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addclose(&actions, pipeFDs[1])
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        Self.cleanSignals(&attributes)

        var pid: pid_t = 0
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnvp = envp.map { strdup($0) } + [nil]
        defer { (cArgv + cEnvp).forEach { free($0) } }
        let spawned = posix_spawn(&pid, timeout, &actions, &attributes, cArgv, cEnvp)
        close(pipeFDs[1])
        spawnLock.unlock()
        guard spawned == 0 else {
            close(pipeFDs[0])
            return SpawnResult(status: -1, stdout: [], stderr: Array("posix_spawn \(executable): error \(spawned)".utf8))
        }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        // Bounded even if a grandchild keeps the pipe open after `timeout` ended the child.
        let readDeadline = Date().addingTimeInterval(Double(seconds) + 5)
        while Date() < readDeadline {
            var poller = pollfd(fd: pipeFDs[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            let n = chunk.withUnsafeMutableBytes { read(pipeFDs[0], $0.baseAddress, $0.count) }
            if n > 0 { output.append(contentsOf: chunk[0..<n]) } else if n < 0 && errno == EINTR { continue } else { break }
        }
        close(pipeFDs[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if stdoutToFile { output = FileManager.default.contents(atPath: outputPath).map { [UInt8]($0) } ?? [] }
        let errors = FileManager.default.contents(atPath: errorPath).map { [UInt8]($0) } ?? []
        let exited = status & 0x7F == 0
        return SpawnResult(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), stdout: output, stderr: errors)
    }
}

/// Serialises creating a pipe and spawning the child that uses it (see `Spawn.run`).
private let spawnLock = NSLock()

/// Finds the tools and the built products the tests run.
public enum Tools {
    public static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The package's root directory (this file is Sources/TestSupport/Spawn.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// An executable product (`fleetwatch`, `terminal-check`) built next to the test bundle,
    /// or in .build/debug.
    public static func builtProduct(_ name: String) -> String? {
        var directories = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        directories.append(Bundle.main.bundleURL.deletingLastPathComponent())
        if let executable = Bundle.main.executableURL { directories.append(executable.deletingLastPathComponent()) }
        directories.append(packageRoot.appendingPathComponent(".build/debug"))
        for directory in directories {
            let candidate = directory.appendingPathComponent(name).path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// A harness step that could not be done; the message says which and why.
public struct HarnessError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
