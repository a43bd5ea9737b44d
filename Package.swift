// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Induction",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "induction", targets: ["induction"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    // The web front end (`induction serve`); no configuration-file support is wanted from it.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CReadline",
      pkgConfig: "readline",
      providers: [.apt(["libreadline-dev"])]
    ),
    // Induction's own C is in real targets, never in headers: a header's variables get a copy in
    // each module that uses them, and a release build once counted Ctrl-C in one copy and read
    // another. CReadlineShim: readline glue; CProcessSignals: handlers and their flags; CLocale:
    // the UTF-8 locale for input and character widths.
    .target(name: "CReadlineShim", dependencies: ["CReadline"]),
    .target(name: "CProcessSignals"),
    .target(name: "CLocale"),
    .systemLibrary(
      name: "CXlsxwriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    .target(
      name: "InductionCore",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "_CryptoExtras", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
        .product(name: "Logging", package: "swift-log"),
        "CXlsxwriter",
      ],
      // The program's own words, one file per language, built into the binary (nothing to ship
      // beside it).
      resources: [
        .embedInCode("Resources/Strings/en.yaml"),
        .embedInCode("Resources/Strings/pl.yaml"),
        .embedInCode("Resources/Strings/cy.yaml"),
      ],
      plugins: ["ProgramStringsPlugin"]
    ),
    .target(
      name: "InductionTerminal",
      dependencies: [
        "InductionCore", "CReadline", "CReadlineShim", "CProcessSignals", "CLocale",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "InductionWeb",
      dependencies: [
        "InductionCore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
      ],
      // The pages' templates and style sheet, built into the binary (nothing to install beside it).
      resources: [
        .embedInCode("Resources/layout.mustache"),
        .embedInCode("Resources/induction.css"),
      ]
    ),
    .executableTarget(
      name: "induction",
      dependencies: [
        "InductionCore",
        "InductionTerminal",
        "InductionWeb",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "HummingbirdTLS", package: "hummingbird"),
        .product(name: "NIOSSL", package: "swift-nio-ssl"),
      ],
      linkerSettings: [
        // A build with --static-swift-stdlib exports every symbol of every package, which made
        // each start-up look through 40,000 of them (measured: 0.9 ms before main).
        .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(configuration: .release))
      ],
      plugins: ["BuildInfoPlugin"]
    ),
    .executableTarget(name: "BuildInfoGenerator"),
    .executableTarget(
      name: "ProgramStringsGenerator",
      dependencies: [.product(name: "Yams", package: "Yams")]),
    .plugin(
      name: "ProgramStringsPlugin", capability: .buildTool(),
      dependencies: ["ProgramStringsGenerator"]),
    .plugin(
      name: "BuildInfoPlugin", capability: .buildTool(), dependencies: ["BuildInfoGenerator"]),
    .executableTarget(
      name: "induction-bench",
      dependencies: [
        "InductionCore", "ProcessDriving",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        // The web measurement's simulated browsers: NIO's HTTP/1.1 client codec, already built
        // for the server.
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"),
      ],
      path: "Benchmarks/induction-bench"
    ),
    .target(
      name: "ProcessDriving",
      path: "Tests/ProcessDriving"
    ),
    .target(
      name: "TestSupport",
      dependencies: [
        "InductionCore", "InductionTerminal", "ProcessDriving",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      path: "Tests/TestSupport"
    ),
    .testTarget(
      name: "InductionCoreTests",
      dependencies: [
        "InductionCore", "TestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "CSV", package: "CSV.swift"),
      ]
    ),
    .testTarget(
      name: "InductionTerminalTests",
      dependencies: [
        "InductionTerminal", "InductionCore", "TestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "InductionWebTests",
      dependencies: [
        "InductionWeb", "InductionCore", "TestSupport",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
    .testTarget(
      name: "EndToEndTests",
      dependencies: [
        "induction", "TestSupport", "InductionCore",
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
