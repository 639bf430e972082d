// swift-tools-version:6.0
import PackageDescription

// Data flows one way: CICU → NomenNormalization → (glossary, matching,
// checking) → the `nomen` executable. See DESIGN.md, "Architecture".
let package = Package(
    name: "nomen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "nomen", targets: ["nomen"]),
        .library(name: "NomenNormalization", targets: ["NomenNormalization"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // The only code that includes ICU headers; its public header exposes no ICU type.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n")]
        ),
        .target(
            name: "NomenNormalization",
            dependencies: ["CICU", "NomenData"]
        ),
        // Data/ compiled into the binary by tools/embed_data.py.
        .target(name: "NomenData"),
        // The glossary's data model as plain values, shared by store and matcher.
        .target(name: "NomenModel"),
        // The glossary store: SQLite through GRDB, exchange formats, lint.
        .target(
            name: "NomenGlossary",
            dependencies: [
                "NomenModel", "NomenNormalization", "NomenData",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the import's row inserts (SQLiteRowInsert).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The glossary in PostgreSQL, for several nomen processes sharing one
        // glossary: the same model, revision and change log as the SQLite store.
        .target(
            name: "NomenPostgres",
            dependencies: [
                "NomenGlossary", "NomenModel", "NomenNormalization",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        // Starts a throw-away PostgreSQL server for the tests (initdb, pg_ctl).
        .target(name: "NomenPostgresTesting"),
        // Finds glossary names in text: one automaton over folded UTF-8 (no database).
        .target(
            name: "NomenMatching",
            dependencies: ["NomenNormalization", "NomenModel"]
        ),
        // The spelling-consistency linter behind `nomen check`.
        .target(
            name: "NomenCheck",
            dependencies: [
                "NomenMatching", "NomenModel", "NomenNormalization",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // `nomen serve`: the HTTP API over the libraries (Hummingbird).
        .target(
            name: "NomenServer",
            dependencies: [
                "NomenNormalization", "NomenModel", "NomenMatching", "NomenGlossary", "NomenCheck", "NomenData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "nomen",
            dependencies: [
                "NomenNormalization",
                "NomenModel",
                "NomenMatching",
                "NomenGlossary",
                "NomenPostgres",
                "NomenCheck",
                "NomenServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz targets' bodies and the properties they check (docs/reliability.md,
        // "Fuzzing"); only the libraries they exercise, so a sanitized build stays small.
        .target(
            name: "NomenFuzzing",
            dependencies: ["NomenNormalization", "NomenModel", "NomenMatching", "NomenGlossary", "NomenCheck", "NomenData"]
        ),
        // The fuzz targets under libFuzzer (tools/fuzz.sh builds it with
        // -DNOMEN_LIBFUZZER and the fuzzer and address sanitizers); built
        // plainly, it replays inputs and writes the seed corpus.
        .executableTarget(
            name: "nomen-fuzz",
            dependencies: ["NomenFuzzing"]
        ),
        // Drives the benchmarks in tools/bench; no benchmark library needed.
        .executableTarget(
            name: "nomen-bench",
            dependencies: ["NomenNormalization", "NomenMatching", "NomenModel", "NomenCheck"]
        ),
        .testTarget(
            name: "NomenNormalizationTests",
            dependencies: ["NomenNormalization", "NomenData"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "NomenDataTests",
            dependencies: ["NomenData"]
        ),
        .testTarget(
            name: "NomenGlossaryTests",
            dependencies: [
                "NomenGlossary", "NomenPostgres", "NomenPostgresTesting",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(
            name: "NomenMatchingTests",
            dependencies: ["NomenMatching", "NomenData"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "NomenCheckTests",
            dependencies: ["NomenCheck", "NomenData"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "NomenModelTests",
            dependencies: ["NomenModel"]
        ),
        .testTarget(
            name: "NomenServerTests",
            dependencies: [
                "NomenServer", "NomenGlossary", "NomenMatching", "NomenCheck", "NomenData",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "NomenFuzzingTests",
            dependencies: ["NomenFuzzing"],
            exclude: ["Inputs"]
        ),
        .testTarget(
            name: "NomenCLITests",
            dependencies: [
                "nomen", "NomenNormalization", "NomenGlossary", "NomenPostgresTesting",
                // To see from outside when a killed process holds the write lock (CrashSafetyTests).
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Fixtures"]
        ),
    ]
)
