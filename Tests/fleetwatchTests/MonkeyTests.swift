import Foundation
import Testing
import TestSupport

/// The seeded monkey test, short: `scripts/monkey.py` drives `fleetwatch --speed 10000` in tmux
/// with random keys, filters, resizes down to 1×1 and SIGWINCH bursts for 20 s, then checks it
/// is alive, draws a whole screen at 120×40, quits on q with status 0 and gives the terminal
/// back, and that its RSS did not grow after warm-up (`scripts/monkey.sh 600` is the long run).
@Suite("monkey test in tmux", .enabled(if: LiveDashboard.available && Tools.onPath("python3") != nil, "tmux or python3 is not on PATH"))
struct MonkeyTests {
    @Test func randomKeysResizesAndWinchStormsNeitherCrashNorGrow() throws {
        let binary = try #require(Tools.builtProduct("fleetwatch"), "fleetwatch not built next to the test bundle: run swift build")
        let python = try #require(Tools.onPath("python3"))
        let script = Tools.packageRoot.appendingPathComponent("scripts/monkey.py").path
        let run = Spawn.run(python, [script, "--binary", binary, "--seconds", "20", "--seed", "2021", "--warmup", "8"],
                            environment: ["SWIFT_BACKTRACE": "interactive=no"], stdoutToFile: true, mergeStderr: true, seconds: 60)
        #expect(run.status == 0, "\(run.stdoutText)")
        #expect(run.stdoutText.contains("RSS start "), "\(run.stdoutText)")
    }
}
