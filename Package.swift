// swift-tools-version: 6.2
// FleetWatch: a terminal dashboard of a simulated connected-car fleet's data flows.
// Layers (see ARCHITECTURE.md); dependencies point one way only:
//   Simulation ─▶ Fleet ─▶ Scenario ──────────────────────────▶ fleetwatch
//                   └────▶ Dashboard ─▶ Export ───────────────▶
//   Screen ──────────────▶ Dashboard;  Screen ─▶ Terminal ─────▶
//   Scenario, Dashboard ─▶ Settings ──────────────────────────▶ fleetwatch
//   Dashboard ─▶ Linear ─▶ Settings, fleetwatch
//   Geography ─▶ Fleet, Screen;  CNcurses ─▶ Terminal;  CPrefetch ─▶ Fleet, Bench;
//   Simulation ─▶ Bench ─▶ fleetwatch
//   Fleet, Scenario, Screen ─▶ Ingest ─▶ fleetwatch
//   Fleet, Ingest ─▶ FleetMetrics ─▶ fleetwatch
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
]

let package = Package(
    name: "FleetWatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fleetwatch", targets: ["fleetwatch"]),
        // For the fuzz package (fuzz/Package.swift), which depends on this one by path: products
        // only name targets the build compiles anyway, so they cost `swift build` nothing.
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "Fleet", targets: ["Fleet"]),
        .library(name: "Scenario", targets: ["Scenario"]),
        .library(name: "Dashboard", targets: ["Dashboard"]),
        .library(name: "Terminal", targets: ["Terminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `--metrics` (DECISIONS.md, 2026-12-03): the exposition format by the Prometheus
        // client library, served by a small HTTP server with no SwiftNIO.
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // Discrete-event simulation core: time, event queue, seeded random numbers. Knows nothing of cars.
        .target(name: "Simulation", swiftSettings: strict),
        // Places on Earth: the one GeoPoint and GeoBox, and the plane approximations the fleet's
        // geofences and the map canvas share. Knows nothing of cars or screens.
        .target(name: "Geography", swiftSettings: strict),
        // A cache prefetch hint (Swift has no intrinsic for it): the fleet and the bench load the
        // next event's car while they handle the current one. No effect on results.
        .target(name: "CPrefetch"),
        // The fleet: vehicles, drivers, places, data flows, meters, policies, alerts.
        .target(
            name: "Fleet",
            dependencies: ["Simulation", "Geography", "CPrefetch", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        // Scenario files: YAML/JSON with located diagnostics; decodes policies, alerts and the timeline.
        .target(
            name: "Scenario",
            dependencies: ["Fleet", "Simulation", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        // Cells, styles, rectangles, the buffer, display width. Knows nothing of cars or curses.
        .target(name: "Screen", dependencies: ["Geography"], swiftSettings: strict),
        // Dashboard state and its pure reducer, view models, panels, layout. No I/O, no clock.
        .target(name: "Dashboard", dependencies: ["Fleet", "Screen", "Simulation"], swiftSettings: strict),
        // The user's config file: theme, glyphs, sort, filter, columns, key bindings; decoded with
        // the scenario's located diagnostics, written back commented. No I/O beyond the file named.
        .target(name: "Settings", dependencies: ["Scenario", "Dashboard", "Screen", "Fleet", "Linear"], swiftSettings: strict),
        // The dashboard told in lines, for screen readers and braille displays (`--linear`):
        // the spoken wording of sizes and rates, the typed commands, the sentences of alerts and
        // summaries. Plain values from the view model; no I/O, no clock, no curses.
        .target(name: "Linear", dependencies: ["Dashboard", "Fleet", "Geography", "Screen", "Simulation"], swiftSettings: strict),
        // Flow records from outside (`--source`): JSON records of FleetWatch, goflow2, nfdump and
        // Zeek cut from a byte stream, matched to an inventory of cars and servers, reordered
        // within a stated tolerance into the monitor's order. Bytes in, flows out: no I/O.
        .target(
            name: "Ingest",
            dependencies: ["Fleet", "Geography", "Scenario", "Screen", "Simulation", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        // The Prometheus series of a run (`--metrics`): which series, labels and values, read
        // from a monitor and a source's report, and their exposition by swift-prometheus. No I/O.
        .target(
            name: "FleetMetrics",
            dependencies: ["Fleet", "Ingest", "Simulation", .product(name: "Prometheus", package: "swift-prometheus")],
            swiftSettings: strict
        ),
        // Buffer -> txt / ANSI / SVG / HTML snapshots.
        .target(name: "Export", dependencies: ["Screen", "Dashboard", "Fleet", "Simulation"], swiftSettings: strict),
        // The fleet-flows reference workload (../shared/bench-ref) run through the real core.
        .target(name: "Bench", dependencies: ["Simulation", "CPrefetch"], swiftSettings: strict),
        // ncursesw made importable (wide characters, macros, globals) and the signal handlers.
        .target(name: "CNcurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // Temporary files removed on SIGTERM/SIGINT/SIGHUP (the atomic writer's; a handler that
        // only unlinks paths prepared beforehand).
        .target(name: "CFileGuard"),
        // The only Swift that touches curses, signals and the tty: sessions, input, presenting buffers.
        .target(name: "Terminal", dependencies: ["CNcurses", "Screen"], swiftSettings: strict),
        // A small program that proves the terminal driver end to end (run by TerminalTests in tmux).
        .executableTarget(name: "terminal-check", dependencies: ["Terminal", "Screen"], swiftSettings: strict),
        // Test support shared by the test targets: programs run under posix_spawn with an empty
        // signal mask, private tmux servers, bounded waits, and the schema and CSV checks.
        .target(name: "TestSupport", dependencies: ["Fleet", "Simulation"], swiftSettings: strict),
        // The command line: wiring only.
        .executableTarget(
            name: "fleetwatch",
            dependencies: [
                "Simulation", "Bench", "Fleet", "Scenario", "Screen", "Dashboard", "Export", "Terminal", "CFileGuard", "Settings", "Linear", "Ingest", "FleetMetrics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ],
            swiftSettings: strict
        ),

        .testTarget(name: "SimulationTests", dependencies: ["Simulation"], swiftSettings: strict),
        .testTarget(name: "GeographyTests", dependencies: ["Geography"], swiftSettings: strict),
        .testTarget(name: "FleetTests", dependencies: ["Fleet", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "ScenarioTests", dependencies: ["Scenario"], swiftSettings: strict),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "Scenario", "Dashboard", "Screen"], swiftSettings: strict),
        .testTarget(name: "ScreenTests", dependencies: ["Screen", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "TestSupport"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(name: "ExportTests", dependencies: ["Export", "Screen", "Dashboard", "Fleet", "TestSupport"], exclude: ["Snapshots"], swiftSettings: strict),
        .testTarget(name: "LinearTests", dependencies: ["Linear", "Dashboard", "Fleet", "Geography", "Simulation", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "Fleet", "Scenario", "Simulation"], swiftSettings: strict),
        .testTarget(name: "FleetMetricsTests", dependencies: ["FleetMetrics", "Fleet", "Ingest", "Scenario", "Simulation"], swiftSettings: strict),
        .testTarget(name: "BenchTests", dependencies: ["Bench"], swiftSettings: strict),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "Screen", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "fleetwatchTests", dependencies: ["fleetwatch", "TestSupport", "Settings"], exclude: ["Snapshots"], swiftSettings: strict),
    ]
)
