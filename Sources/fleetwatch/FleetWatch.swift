import ArgumentParser

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
        subcommands: [Live.self, Snapshot.self, Validate.self, Bench.self],
        defaultSubcommand: Live.self
    )
}
