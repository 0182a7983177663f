import Foundation
import Testing
import TestSupport

/// Faults while an export is written: a full disk, a read-only directory, a target that is a
/// symbolic link, a reader that goes away, a terminating signal in the middle. Each gives one
/// clear line on stderr and a non-zero exit (or, for a closed pipe, a quiet exit as `cat` does),
/// leaves the old file as it was or the new one whole, and never a temporary file.
@Suite(.serialized) struct WriteFaultTests {
    /// Runs `script` in bash (job control on, so a background job takes SIGINT too); `$F` is
    /// the fleetwatch binary. Returns what the script printed on stdout.
    static func bash(_ script: String, seconds: Int = 60) -> (status: Int32, stdout: String, stderr: String) {
        let result = Spawn.run(
            "/bin/bash", ["-c", "set -m\n" + script], environment: ["F": Run.binary.path, "SWIFT_BACKTRACE": "enable=no"], seconds: seconds)
        return (result.status, result.stdoutText, result.stderrText)
    }

    /// Whether this process may mount a tmpfs (root, and a kernel and container that allow it).
    static let canMount: Bool = {
        guard getuid() == 0, let directory = try? SnapshotEndToEndTests.scratchDirectory() else { return false }
        defer { try? FileManager.default.removeItem(at: directory) }
        guard mount(directory.path, options: "size=8k") else { return false }
        return unmount(directory.path)
    }()

    static func mount(_ path: String, options: String) -> Bool {
        guard let mount = Tools.onPath("mount") else { return false }
        return Spawn.run(mount, ["-t", "tmpfs", "-o", options, "tmpfs", path], seconds: 10).status == 0
    }

    static func remountReadOnly(_ path: String) -> Bool {
        guard let mount = Tools.onPath("mount") else { return false }
        return Spawn.run(mount, ["-o", "remount,ro", path], seconds: 10).status == 0
    }

    @discardableResult
    static func unmount(_ path: String) -> Bool {
        guard let umount = Tools.onPath("umount") else { return false }
        return Spawn.run(umount, [path], seconds: 10).status == 0
    }

    /// A scratch directory holding `old.txt`-like `name` with "old\n"; on a tmpfs of `size` when
    /// given (mounted for the test, unmounted by `cleanUp`).
    struct Scratch {
        let directory: URL
        let mounted: Bool
        let name: String
        var target: String { directory.appendingPathComponent(name).path }

        init(name: String, tmpfs options: String? = nil) throws {
            directory = try SnapshotEndToEndTests.scratchDirectory()
            self.name = name
            if let options {
                guard WriteFaultTests.mount(directory.path, options: options) else {
                    try? FileManager.default.removeItem(at: directory)
                    throw HarnessError("mount -t tmpfs -o \(options) failed")
                }
            }
            mounted = options != nil
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        }

        func cleanUp() {
            if mounted { WriteFaultTests.unmount(directory.path) }
            try? FileManager.default.removeItem(at: directory)
        }

        /// The old file untouched and nothing else beside it.
        func expectUntouched(sourceLocation: SourceLocation = #_sourceLocation) {
            #expect((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) == [name],
                    "left behind: \((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])", sourceLocation: sourceLocation)
            #expect((try? String(contentsOfFile: target, encoding: .utf8)) == "old\n", "the old file changed", sourceLocation: sourceLocation)
        }
    }

    static func expectOneClearLine(_ run: Run, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "status \(run.status)", sourceLocation: sourceLocation)
        #expect(run.output.isEmpty, sourceLocation: sourceLocation)
        #expect(run.stderr.hasPrefix("fleetwatch: cannot write ") && run.stderr.contains(message), "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)", sourceLocation: sourceLocation)
        #expect(HostileOutputTests.isInert(run.stderr), sourceLocation: sourceLocation)
    }

    static let exports: [[String]] = [
        ["--format", "txt"], ["--format", "csv"], ["--format", "ndjson"], ["--format", "svg"],
    ]

    @Test(.enabled(if: canMount), arguments: exports)
    func aFullDiskLeavesTheOldFileAndNoTemporaryFile(_ format: [String]) throws {
        let scratch = try Scratch(name: "out", tmpfs: "size=8k")
        defer { scratch.cleanUp() }
        let run = try Run(["snapshot", "--at", "10m", "--vehicles", "300", "--out", scratch.target] + format)
        Self.expectOneClearLine(run, "No space left on device; free some space or write elsewhere")
        scratch.expectUntouched()
    }

    /// Root ignores permissions, so as root the directory is a tmpfs remounted read-only;
    /// otherwise a directory without write permission.
    @Test(.enabled(if: canMount || getuid() != 0), arguments: exports)
    func aReadOnlyDirectoryIsAClearError(_ format: [String]) throws {
        let scratch = try Scratch(name: "out", tmpfs: getuid() == 0 ? "size=64k" : nil)
        defer {
            chmod(scratch.directory.path, 0o755)
            scratch.cleanUp()
        }
        if scratch.mounted {
            try #require(Self.remountReadOnly(scratch.directory.path))
        } else {
            chmod(scratch.directory.path, 0o555)
        }
        let run = try Run(["snapshot", "--at", "1m", "--out", scratch.target] + format)
        Self.expectOneClearLine(run, scratch.mounted ? "Read-only file system; choose a directory on a writable file system"
                                                     : "Permission denied; choose a directory you may write to")
        scratch.expectUntouched()
    }

    @Test func aDirectoryAsTargetIsRefusedForEveryFormat() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("target")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for format in Self.exports + [["--format", "json"], ["--format", "html"]] {
            let run = try Run(["snapshot", "--at", "1m", "--out", target.path] + format)
            Self.expectOneClearLine(run, "'\(target.path)': it is a directory")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["target"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.path).isEmpty)
    }

    /// Documented (README): the link is replaced by the new file; what it pointed to is untouched.
    @Test func aSymbolicLinkIsReplacedAndItsTargetLeftAlone() throws {
        let directory = try SnapshotEndToEndTests.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let real = directory.appendingPathComponent("real.txt")
        let link = directory.appendingPathComponent("link.txt")
        try Data("real\n".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: real.path)
        let run = try Run(["snapshot", "--at", "1m", "--out", link.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOf: real, encoding: .utf8) == "real\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: link.path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: link) == Data(try Run(["snapshot", "--at", "1m"]).output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["link.txt", "real.txt"])
    }

    /// `| head -1`: quiet, as `cat` is: killed by SIGPIPE (141), or with SIGPIPE ignored by
    /// the parent, the same status on EPIPE and no message; and at the first write, not after
    /// writing the whole log (`timeout` would give 124). The flow log is sorted by start, so
    /// its first write comes when the run is over: the runs here are short.
    @Test(arguments: ["", "trap '' PIPE"])
    func aClosedPipeEndsTheRunQuietly(_ trap: String) {
        let r = Self.bash("""
            \(trap)
            E=$(mktemp)
            timeout 20 "$F" snapshot --format ndjson --at 20m 2>"$E" | head -1 > /dev/null
            echo "${PIPESTATUS[0]}"
            cat "$E"; rm -f "$E"
            timeout 20 "$F" snapshot --format ndjson --at 10m --vehicles 2000 2>&1 | head -c 100 > /dev/null
            echo "${PIPESTATUS[0]}"
            """, seconds: 60)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "141\n141\n", "\(String(reflecting: r.stdout))")
    }

    @Test func aFullStandardOutputIsAClearError() {
        for command in ["snapshot --at 1m", "snapshot --at 1m --format ndjson", "snapshot --at 1m --format csv", "demo --headless",
                        "validate Scenarios/default.yaml"] {
            let r = Self.bash("""
                cd "\(Tools.packageRoot.path)"
                E=$(mktemp)
                "$F" \(command) > /dev/full 2>"$E"
                echo "$?"; cat "$E"; rm -f "$E"
                """)
            #expect(r.stdout == "1\nfleetwatch: cannot write 'standard output': No space left on device; free some space or write elsewhere\n",
                    "\(command): \(String(reflecting: r.stdout))")
        }
    }

    /// A terminating signal in the middle of a long export: the temporary file is removed, the
    /// old file stays, and the exit status is the conventional 128 + N.
    @Test(arguments: [("TERM", 143), ("INT", 130), ("HUP", 129)])
    func aSignalMidExportLeavesNoTemporaryFile(_ signal: String, _ status: Int) throws {
        let scratch = try Scratch(name: "flows.ndjson")
        defer { scratch.cleanUp() }
        let r = Self.bash("""
            E=$(mktemp)
            "$F" snapshot --vehicles 20000 --at 1d --format ndjson --out "\(scratch.target)" 2>"$E" &
            pid=$!
            trap 'kill -KILL $pid 2>/dev/null' EXIT
            for i in $(seq 1 400); do
                ls "\(scratch.target)".tmp-* > /dev/null 2>&1 && break
                sleep 0.05
            done
            ls "\(scratch.target)".tmp-* > /dev/null 2>&1 || echo "no temporary file appeared"
            sleep 0.5
            kill -\(signal) $pid
            wait $pid
            echo "$?"
            cat "$E"; rm -f "$E"
            """)
        #expect(r.stdout == "\(status)\n", "\(String(reflecting: r.stdout)) \(r.stderr)")
        scratch.expectUntouched()
    }
}
