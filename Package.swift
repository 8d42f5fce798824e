// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Crossroads",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "crossroads", targets: ["crossroads"]),
        .library(name: "Atlas", targets: ["Atlas"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift.git", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
    ],
    targets: [
        // Domain library: model, atlas files, store, search. No terminal code.
        .target(
            name: "Atlas",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the import's bulk inserts (see StoreWriter).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                "CWidth",
            ],
            // Resources/ at the top of the repository holds the seed atlas; SwiftPM only
            // bundles files under a target's folder, so Sources/Atlas/Resources links to it.
            resources: [.copy("Resources/atlas"), .copy("Resources/reference")]
        ),
        // glibc's wcwidth, which Swift's Glibc module hides behind _XOPEN_SOURCE.
        .target(name: "CWidth"),
        // View-model: state, actions, keymap, layout, Frame rendering. Pure Swift.
        .target(name: "BrowserModel", dependencies: ["Atlas"]),
        // ncursesw, wide API. The only module that sees it is CursesUI.
        .systemLibrary(name: "CNCursesW", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CursesUI", dependencies: ["BrowserModel", "CNCursesW"]),
        .executableTarget(
            name: "crossroads",
            dependencies: [
                "Atlas", "BrowserModel", "CursesUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded randomness and the random-key run, for tests and benchmarks; not shipped.
        .target(name: "TestTools", dependencies: ["Atlas", "BrowserModel"]),
        // Benchmarks at dataset scale; run by hand (`swift run -c release crossroads-bench`).
        .executableTarget(
            name: "crossroads-bench",
            dependencies: [
                "Atlas", "BrowserModel", "TestTools",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // libFuzzer targets (EDTF, atlas YAML, CSV reader, import presets); built and run
        // by Tests/Fuzz/run.sh. A plain build is a replayer of saved inputs.
        .executableTarget(
            name: "crossroads-fuzz",
            dependencies: ["Atlas", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/Fuzz",
            exclude: ["run.sh"]
        ),
        .testTarget(name: "AtlasTests", dependencies: ["Atlas"], exclude: ["Fixtures"]),
        .testTarget(name: "BrowserModelTests", dependencies: ["BrowserModel", "TestTools"], exclude: ["Fixtures", "__Snapshots__"]),
        .testTarget(name: "CLITests", dependencies: ["Atlas", "TestTools"]),
        .testTarget(name: "ImportTests", dependencies: ["Atlas"], exclude: ["Fixtures"]),
        .testTarget(name: "CursesUITests", dependencies: ["CursesUI", "BrowserModel", "CNCursesW"]),
        // Runs the built binary in tmux; `swift test` builds it first.
        .testTarget(name: "EndToEndTests", dependencies: ["Atlas", "TestTools"]),
    ]
)
