import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif

@main
struct FleetWatch: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "fleetwatch",
        abstract: "A live dashboard of the data that leaves a simulated fleet of connected cars.",
        discussion: """
            FleetWatch simulates Tesla cars in Shanghai and the US: what data leaves each car, how \
            much, to which servers in which country, and alerts when a car used by a restricted \
            person sends data out.
            """,
        version: version,
        subcommands: [Live.self, Snapshot.self, Stream.self, Merge.self, Validate.self, Bench.self, Demo.self, Config.self],
        defaultSubcommand: Live.self
    )

    /// ArgumentParser's own `main`, except that its messages (which quote the command line: a
    /// file name, an option's value) are written through `StandardError`/`StandardOutput`, hence
    /// through the sanitizer, like every other line FleetWatch prints; and a `Failure` is printed
    /// here, the one place that turns an error into a message and an exit status.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as Failure {
            StandardError.write(failure.message + "\n")
            Glibc.exit(failure.status)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { StandardOutput.write(message + "\n") } else { StandardError.write(message + "\n") }
            }
            Glibc.exit(code.rawValue)
        }
    }
}
