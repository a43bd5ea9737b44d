import Foundation
import InductionCore
import TestSupport
import Testing

@Suite("Choosing the PostgreSQL store from a URL")
struct DatabaseURLTests {
  /// A home folder with no password file, so only the URL counts.
  let home = Fixtures.temporaryDirectory("database-url").path

  func parse(_ text: String, environment: [String: String] = [:]) throws -> PostgresLocation {
    try DatabaseURL.parse(text, environment: environment, homeDirectory: home)
  }

  @Test func everyPartIsRead() throws {
    #expect(
      try parse("postgres://induction:s3cret@db.school.lan:6543/ledger?sslmode=require")
        == PostgresLocation(
          host: "db.school.lan", port: 6543, user: "induction", password: "s3cret",
          database: "ledger", sslMode: .require))
  }

  @Test func bothSchemesInAnyCase() throws {
    for scheme in ["postgres", "postgresql", "POSTGRES", "PostgreSQL"] {
      let location = try parse("\(scheme)://induction@db.school.lan/induction")
      #expect(location.host == "db.school.lan", "\(scheme)")
      #expect(location.database == "induction", "\(scheme)")
    }
  }

  @Test func thePortIs5432UnlessGiven() throws {
    #expect(try parse("postgres://u@db.school.lan/d").port == 5432)
    #expect(try parse("postgres://u@db.school.lan:5433/d").port == 5433)
    #expect(try parse("postgres://u@[::1]/d").port == 5432)
    #expect(try parse("postgres://u@[::1]:1/d").port == 1)
    #expect(try parse("postgres://u@10.0.0.5:65535/d").port == 65535)
  }

  @Test func hostsByNameIPv4AndBracketedIPv6() throws {
    #expect(try parse("postgres://u@db-1.school_lan.example/d").host == "db-1.school_lan.example")
    #expect(try parse("postgres://u@192.168.1.20:5432/d").host == "192.168.1.20")
    #expect(try parse("postgres://u@[::1]:5432/d").host == "::1")
    #expect(try parse("postgres://u@[fd00:1::20]/d").host == "fd00:1::20")
  }

  @Test func userPasswordAndDatabaseArePercentDecoded() throws {
    let location = try parse(
      "postgres://head%20teacher:p%40ss%3Aw%2Ford%25@db.school.lan/st%20mary%27s%2Fledger")
    #expect(location.user == "head teacher")
    #expect(location.password == "p@ss:w/ord%")
    #expect(location.database == "st mary's/ledger")
    #expect(try parse("postgres://u:%C5%BC%C3%B3%C5%82w@h.lan/d").password == "żółw")
  }

  @Test func aPasswordMayHoldUnencodedSeparators() throws {
    // The last @ ends the password, as people paste passwords without encoding them.
    let location = try parse("postgres://induction:a@b/c?d#e:f@db.school.lan:5433/induction")
    #expect(location.password == "a@b/c?d#e:f")
    #expect(location.host == "db.school.lan")
    #expect(location.port == 5433)
    #expect(location.database == "induction")
  }

  @Test func anEmptyPasswordIsNoPassword() throws {
    #expect(try parse("postgres://induction:@db.school.lan/induction").password == nil)
    #expect(try parse("postgres://induction@db.school.lan/induction").password == nil)
  }

  @Test func eachSSLModeIsTaken() throws {
    for mode in PostgresLocation.SSLMode.allCases {
      #expect(try parse("postgres://u@db.school.lan/d?sslmode=\(mode.rawValue)").sslMode == mode)
      #expect(try parse("postgres://u@localhost/d?sslmode=\(mode.rawValue)").sslMode == mode)
    }
    #expect(try parse("postgres://u@db.school.lan/d?").sslMode == .verifyFull)
    #expect(try parse("postgres://u@db.school.lan/d?sslmode=disable&").sslMode == .disable)
  }

  @Test func withoutSSLModeOnlyThisPCGoesWithoutTLS() throws {
    for host in ["localhost", "LocalHost", "127.0.0.1", "127.3.2.1", "[::1]", "[0:0:0:0:0:0:0:1]"] {
      #expect(try parse("postgres://u@\(host)/d").sslMode == .disable, "\(host)")
    }
    for host in [
      "db.school.lan", "10.0.0.5", "192.168.1.20", "128.0.0.1", "localhost.school.lan",
      "[fd00::1]", "[::2]",
    ] {
      #expect(try parse("postgres://u@\(host)/d").sslMode == .verifyFull, "\(host)")
    }
  }

  /// Each refusal, for URLs holding the password `s3cretPW` wherever one could be.
  static let refusals: [(String, DatabaseURLError)] = [
    ("/var/lib/induction/induction.sqlite", .notPostgres),
    ("induction.sqlite", .notPostgres),
    ("sqlite:///var/lib/induction/induction.sqlite", .notPostgres),
    ("mysql://induction:s3cretPW@db.school.lan/induction", .notPostgres),
    ("postgres:/induction:s3cretPW@db.school.lan/induction", .notPostgres),
    ("s3cretPW", .notPostgres),
    ("", .notPostgres),
    (
      "postgres://db.school.lan/induction",
      .missingUser(url: "postgres://db.school.lan/induction")
    ),
    (
      "postgres://:s3cretPW@db.school.lan/induction",
      .missingUser(url: "postgres://:***@db.school.lan/induction")
    ),
    (
      // The host forgotten: the password would read as a port, so it is hidden
      "postgres://induction:s3cretPW/induction",
      .missingUser(url: "postgres://induction:***/induction")
    ),
    (
      "postgres://induction:s3cretPW@/induction",
      .missingHost(url: "postgres://induction:***@/induction")
    ),
    (
      "postgres://induction:s3cretPW@:5432/induction",
      .missingHost(url: "postgres://induction:***@:5432/induction")
    ),
    (
      "postgres://induction:s3cretPW@db1.lan,db2.lan/induction",
      .invalidHost(url: "postgres://induction:***@db1.lan,db2.lan/induction")
    ),
    (
      "postgres://induction:s3cretPW@::1/induction",
      .invalidHost(url: "postgres://induction:***@::1/induction")
    ),
    (
      "postgres://induction:s3cretPW@[::1/induction",
      .invalidHost(url: "postgres://induction:***@[::1/induction")
    ),
    (
      "postgres://induction:s3cretPW@[db.school.lan]/induction",
      .invalidHost(url: "postgres://induction:***@[db.school.lan]/induction")
    ),
    (
      "postgres://induction:s3cretPW@[::1]5432/induction",
      .invalidHost(url: "postgres://induction:***@[::1]5432/induction")
    ),
    (
      "postgres://induction:s3cretPW@%2Fvar%2Frun%2Fpostgresql/induction",
      .invalidHost(url: "postgres://induction:***@%2Fvar%2Frun%2Fpostgresql/induction")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan:/induction",
      .invalidPort(url: "postgres://induction:***@db.school.lan:/induction")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan:0/induction",
      .invalidPort(url: "postgres://induction:***@db.school.lan:0/induction")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan:65536/induction",
      .invalidPort(url: "postgres://induction:***@db.school.lan:65536/induction")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan:54x/induction",
      .invalidPort(url: "postgres://induction:***@db.school.lan:54x/induction")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan:-1/induction",
      .invalidPort(url: "postgres://induction:***@db.school.lan:-1/induction")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan",
      .missingDatabase(url: "postgres://induction:***@db.school.lan")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/",
      .missingDatabase(url: "postgres://induction:***@db.school.lan/")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan?sslmode=require",
      .missingDatabase(url: "postgres://induction:***@db.school.lan")
    ),
    (
      "postgres://in%g1duction:s3cretPW@db.school.lan/induction",
      .badEncoding(url: "postgres://in%g1duction:***@db.school.lan/induction", part: .user)
    ),
    (
      "postgres://induction:s3cretPW%@db.school.lan/induction",
      .badEncoding(url: "postgres://induction:***@db.school.lan/induction", part: .password)
    ),
    (
      "postgres://induction:s3cretPW%ff@db.school.lan/induction",
      .badEncoding(url: "postgres://induction:***@db.school.lan/induction", part: .password)
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/in%00duction",
      .badEncoding(url: "postgres://induction:***@db.school.lan/in%00duction", part: .database)
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode=%zz",
      .badEncoding(url: "postgres://induction:***@db.school.lan/induction", part: .sslMode)
    ),
    (
      "postgres://induction@db.school.lan/induction?password=s3cretPW",
      .unknownParameter(url: "postgres://induction@db.school.lan/induction", name: "password")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode=require&connect_timeout=5",
      .unknownParameter(
        url: "postgres://induction:***@db.school.lan/induction", name: "connect_timeout")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode",
      .unknownSSLMode(url: "postgres://induction:***@db.school.lan/induction", value: "")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode=require&sslmode=disable",
      .repeatedParameter(url: "postgres://induction:***@db.school.lan/induction", name: "sslmode")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode=prefer",
      .unknownSSLMode(url: "postgres://induction:***@db.school.lan/induction", value: "prefer")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode=verify-ca",
      .unknownSSLMode(url: "postgres://induction:***@db.school.lan/induction", value: "verify-ca")
    ),
    (
      "postgres://induction:s3cretPW@db.school.lan/induction?sslmode=Disable",
      .unknownSSLMode(url: "postgres://induction:***@db.school.lan/induction", value: "Disable")
    ),
  ]

  @Test(arguments: refusals)
  func eachRefusalIsOneSentenceWithoutThePassword(_ text: String, _ expected: DatabaseURLError)
    throws
  {
    #expect(throws: expected) { try parse(text) }
    let sentence = try #require(expected.errorDescription)
    #expect(!sentence.contains("s3cretPW"))
    #expect(!sentence.contains("\n"))
    #expect(!sentence.hasSuffix("."))
  }

  @Test func theSentences() {
    #expect(
      DatabaseURLError.notPostgres.errorDescription
        == "a shared database is named by a PostgreSQL URL such as postgres://induction@db.school.lan:5432/induction?sslmode=verify-full; leave it out to use the SQLite file in the data folder"
    )
    #expect(
      DatabaseURLError.unknownSSLMode(url: "postgres://u:***@h/d", value: "prefer").errorDescription
        == "sslmode=prefer in the database URL postgres://u:***@h/d is not one induction takes; use disable, require or verify-full"
    )
    #expect(
      DatabaseURLError.unknownParameter(url: "postgres://u@h/d", name: "password").errorDescription
        == "the database URL postgres://u@h/d has a parameter password that induction does not take; the only one it takes is sslmode"
    )
    #expect(
      DatabaseURLError.badEncoding(url: "postgres://u:***@h/d", part: .password).errorDescription
        == "the password in the database URL postgres://u:***@h/d has a % that is not followed by two hex digits of UTF-8 text (write % itself as %25)"
    )
  }

  @Test func redactionHidesThePasswordAndTheParameters() {
    #expect(
      DatabaseURL.redacted(
        "postgres://induction:s3cretPW@db.school.lan:5432/induction?sslmode=require")
        == "postgres://induction:***@db.school.lan:5432/induction")
    #expect(
      DatabaseURL.redacted("postgres://induction:a@b/c?d@db.school.lan/induction")
        == "postgres://induction:***@db.school.lan/induction")
    #expect(
      DatabaseURL.redacted("postgres://induction@db.school.lan/induction?password=s3cretPW")
        == "postgres://induction@db.school.lan/induction")
    #expect(
      DatabaseURL.redacted("postgres://db.school.lan:5432/induction")
        == "postgres://db.school.lan:5432/induction")
    #expect(DatabaseURL.redacted("/var/lib/induction") == "/var/lib/induction")
    #expect(DatabaseURL.redacted("induction:s3cretPW@db") == "***")
  }

  @Test func theURLsPasswordWinsOverThePasswordFile() throws {
    let file = try PasswordFileTests.write("*:*:*:*:from-file\n")
    let environment = ["PGPASSFILE": file]
    #expect(
      try parse("postgres://induction:from-url@db.school.lan/induction", environment: environment)
        .password == "from-url")
    #expect(
      try parse("postgres://induction@db.school.lan/induction", environment: environment)
        .password == "from-file")
    #expect(
      try parse("postgres://induction:@db.school.lan/induction", environment: environment)
        .password == "from-file")
  }

  @Test func aPasswordFileOpenToOthersStopsTheURLWithoutAPassword() throws {
    let file = try PasswordFileTests.write("*:*:*:*:from-file\n", mode: 0o644)
    let environment = ["PGPASSFILE": file]
    #expect(throws: DatabaseURLError.passwordFileOpenToOthers(path: file)) {
      try parse("postgres://induction@db.school.lan/induction", environment: environment)
    }
    // A password in the URL means the file is not read at all
    #expect(
      try parse("postgres://induction:from-url@db.school.lan/induction", environment: environment)
        .password == "from-url")
  }

  @Test func thePasswordFileInTheHomeFolderIsRead() throws {
    try "db.school.lan:5432:induction:induction:from-home\n".write(
      toFile: home + "/.pgpass", atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: home + "/.pgpass")
    #expect(try parse("postgres://induction@db.school.lan/induction").password == "from-home")
    #expect(try parse("postgres://induction@db.school.lan:5433/induction").password == nil)
  }
}
