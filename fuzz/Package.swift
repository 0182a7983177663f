// swift-tools-version: 6.2
// FleetWatch's libFuzzer targets (issue #14), kept out of the main package so that `swift test`
// builds nothing more. Build and run them with `fuzz/run.sh [seconds]`; see DECISIONS.md
// (2026-12-02) for the flags. Each target is an executable whose `main` is libFuzzer's: the
// sources define only `LLVMFuzzerTestOneInput` and are compiled with `-parse-as-library`.
import PackageDescription

let settings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .unsafeFlags(["-parse-as-library"]),
]

let package = Package(
    name: "FleetWatchFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "FleetWatch", path: ".."),
    ],
    targets: [
        // What the scenario targets share: the input as text, the checks on a refusal.
        .target(
            name: "FuzzSupport", dependencies: [.product(name: "Scenario", package: "FleetWatch")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
        // The scenario decoder: text -> YAML nodes -> Scenario, with located diagnostics.
        .executableTarget(
            name: "fuzz-scenario",
            dependencies: ["FuzzSupport", .product(name: "Scenario", package: "FleetWatch")],
            path: "Sources/FuzzScenario", swiftSettings: settings),
        // The world sections (fleet, regions, classes, services, routing, flows): decoded, then
        // a small world built and run.
        .executableTarget(
            name: "fuzz-config",
            dependencies: [
                "FuzzSupport", .product(name: "Scenario", package: "FleetWatch"), .product(name: "Fleet", package: "FleetWatch"),
                .product(name: "Simulation", package: "FleetWatch"),
            ],
            path: "Sources/FuzzConfig", swiftSettings: settings),
        // The `/` filter language.
        .executableTarget(
            name: "fuzz-query",
            dependencies: [.product(name: "Dashboard", package: "FleetWatch"), .product(name: "Fleet", package: "FleetWatch")],
            path: "Sources/FuzzQuery", swiftSettings: settings),
        // The terminal input decoder: curses' raw input -> keys, escape sequences reassembled.
        .executableTarget(
            name: "fuzz-input",
            dependencies: [.product(name: "Terminal", package: "FleetWatch")],
            path: "Sources/FuzzInput", swiftSettings: settings),
    ]
)
