import Foundation
import InductionCore
import TestSupport
import Testing

/// When a role with a password is configured, and always in CI.
let passwordTestsShouldRun =
  ProcessInfo.processInfo.environment["INDUCTION_TEST_PASSWORD_URL"] != nil
  || ProcessInfo.processInfo.environment["CI"] != nil

/// Logging in with a password, as a school's server asks: the password from the libpq password file
/// opens the store, a wrong one is refused with a sentence that never holds it. `.ci/run` makes the
/// role (`INDUCTION_TEST_PASSWORD_URL`, password in `INDUCTION_TEST_PASSWORD`); in CI these fail
/// without it.
@Suite("PostgreSQL login with a password file", .enabled(if: passwordTestsShouldRun))
struct PostgresLoginTests {
  /// The role's URL (no password) and its password.
  static func role() throws -> (URLComponents, String) {
    let environment = ProcessInfo.processInfo.environment
    guard let text = environment["INDUCTION_TEST_PASSWORD_URL"],
      let url = URLComponents(string: text), let password = environment["INDUCTION_TEST_PASSWORD"]
    else {
      throw PostgresTestServer.Unavailable(
        description:
          "no role with a password for the tests: set INDUCTION_TEST_PASSWORD_URL and INDUCTION_TEST_PASSWORD (.ci/run does)"
      )
    }
    return (url, password)
  }

  /// A fresh database owned by the role, and a password file in a folder of its own saying `line`.
  static func setUp(passwordLine: (_ database: String, _ password: String) -> String) throws
    -> (url: String, environment: [String: String], password: String)
  {
    let (role, password) = try role()
    let database = try PostgresTestServer.freshDatabase()
    try PostgresTestServer.psql(
      database, "ALTER DATABASE \(database.database) OWNER TO \(role.user!)")
    let folder = Fixtures.temporaryDirectory("pgpass")
    let file = folder.appendingPathComponent("pgpass")
    try Data(passwordLine(database.database, password).utf8).write(to: file)
    chmod(file.path, 0o600)
    let url = "postgres://\(role.user!)@\(role.host!):\(role.port!)/\(database.database)"
    return (url, ["PGPASSFILE": file.path], password)
  }

  @Test func thePasswordFromThePasswordFileOpensTheStore() throws {
    let (url, environment, _) = try Self.setUp { database, password in
      "# the school's server\n*:*:\(database):induction_password:\(password)\n"
    }
    let location = try DatabaseURL.parse(
      url, environment: environment, homeDirectory: "/nonexistent")
    let database = AppDatabase(engine: try PostgresEngine.open(location))
    #expect(try database.hasLedgerEntries() == false)
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 0, damage: nil))
  }

  @Test func aWrongPasswordInTheFileIsRefusedWithoutShowingIt() throws {
    let (url, environment, password) = try Self.setUp { database, _ in
      "*:*:\(database):induction_password:Wr0ng-and-secret\n"
    }
    let location = try DatabaseURL.parse(
      url, environment: environment, homeDirectory: "/nonexistent")
    #expect(location.password == "Wr0ng-and-secret")
    do {
      _ = try PostgresEngine.open(location)
      Issue.record("logged in with a wrong password")
    } catch let error as StoreError {
      #expect(error == .loginRefused(location: location.displayName))
      let sentence = error.localizedDescription
      #expect(!sentence.contains("Wr0ng-and-secret") && !sentence.contains(password))
    }
  }

  @Test func withoutAPasswordTheRefusalSaysWhereItLooked() throws {
    // A password file that does not exist
    let (url, environment, _) = try Self.setUp { _, _ in "" }
    let location = try DatabaseURL.parse(url, environment: [:], homeDirectory: "/nonexistent")
    let missing = StoreError.loginRefused(
      location: location.displayName,
      passwordSearch: "the password file /nonexistent/.pgpass does not exist")
    #expect(throws: missing) { _ = try PostgresEngine.open(location) }
    let named = try DatabaseURL.parse(
      url, environment: ["PGPASSFILE": "/nonexistent/pw"], homeDirectory: "/nonexistent")
    #expect(named.passwordSearch == "the password file /nonexistent/pw (PGPASSFILE) does not exist")

    // A line for the host spelt another way (localhost, where the address says 127.0.0.1)
    let file = environment["PGPASSFILE"]!
    let role = try #require(URLComponents(string: url))
    try Data("otherhost:\(role.port!):*:*:secret\n".utf8).write(to: URL(fileURLWithPath: file))
    let spelt = try DatabaseURL.parse(url, environment: environment, homeDirectory: "/nonexistent")
    let key = "\(role.host!):\(role.port!):\(spelt.database):\(spelt.user)"
    do {
      _ = try PostgresEngine.open(spelt)
      Issue.record("logged in without a password")
    } catch let error as StoreError {
      #expect(
        error.localizedDescription
          == "the database server \(spelt.displayName) wants a password and none was given: the password file \(file) has no line for \(key); add a line host:port:database:user:password there, with the host written as in the address"
      )
    }
  }
}
