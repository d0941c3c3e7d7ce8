// swift-tools-version:6.2
import PackageDescription

// Dependencies point one way only: Core <- Data <- Import <- Web <- CLI (see docs/ARCHITECTURE.md).
/// Podium's own targets build with every warning an error, so a warning cannot slip in unread; dependencies are not
/// affected (SwiftPM applies unsafe and warning settings to root targets only).
let strict: [SwiftSetting] = [.treatAllWarnings(as: .error)]

let package = Package(
    name: "podium",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "podium", targets: ["PodiumCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
    ],
    targets: [
        // Pure domain: no package dependencies, so the compiler enforces purity.
        .target(name: "PodiumCore", swiftSettings: strict),
        .target(
            name: "PodiumData",
            dependencies: [
                "PodiumCore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PodiumImport",
            dependencies: [
                "PodiumCore", "PodiumData",
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PodiumWeb",
            dependencies: [
                "PodiumCore", "PodiumData", "PodiumImport",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "PodiumCLI",
            dependencies: [
                "PodiumCore", "PodiumData", "PodiumImport", "PodiumWeb",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "PodiumTestSupport",
            dependencies: [
                "PodiumCore", "PodiumData", "PodiumImport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "PodiumCoreTests", dependencies: ["PodiumCore"], swiftSettings: strict),
        .testTarget(
            name: "PodiumImportTests", dependencies: ["PodiumImport", "PodiumTestSupport"], swiftSettings: strict),
        .testTarget(name: "PodiumDataTests", dependencies: ["PodiumData", "PodiumTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "PodiumWebTests",
            dependencies: [
                "PodiumWeb", "PodiumTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ],
            exclude: ["Golden"],  // golden JSON and HTML, read from disk by the tests
            swiftSettings: strict
        ),
    ]
)
