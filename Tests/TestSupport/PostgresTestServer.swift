import Foundation
import InductionCore

/// The PostgreSQL server the tests use: `INDUCTION_TEST_DATABASE_URL` names a role that may create
/// databases (`.ci/run` starts a throwaway cluster and sets it). Each test gets a database of its
/// own, made with `psql`. Without the variable the PostgreSQL tests run only in CI, where they fail
/// rather than skip.
public enum PostgresTestServer {
  /// The server URL, if one is configured.
  public static var url: String? {
    ProcessInfo.processInfo.environment["INDUCTION_TEST_DATABASE_URL"]
  }

  /// Whether the PostgreSQL tests run: when a server is configured, and always in CI.
  public static var shouldRun: Bool {
    url != nil || ProcessInfo.processInfo.environment["CI"] != nil
  }

  /// Why a test cannot reach the server.
  public struct Unavailable: Error, CustomStringConvertible {
    /// The reason.
    public var description: String

    /// Why, in a sentence.
    public init(description: String) { self.description = description }
  }

  /// The configured server's location (its own database), or an error saying how to configure one.
  public static func server() throws -> PostgresLocation {
    guard let url, let components = URLComponents(string: url), let host = components.host,
      let user = components.user
    else {
      throw Unavailable(
        description:
          "no PostgreSQL server for the tests: set INDUCTION_TEST_DATABASE_URL=postgres://USER@HOST:PORT/DB (.ci/run starts one)"
      )
    }
    let database = String(components.path.dropFirst())
    return PostgresLocation(
      host: host, port: components.port ?? 5432, user: user, password: components.password,
      database: database.isEmpty ? "postgres" : database)
  }

  /// A new, empty database on the server, named `induction_test_` and random hex.
  public static func freshDatabase() throws -> PostgresLocation {
    var location = try server()
    let name =
      "induction_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    _ = try psql(location, "CREATE DATABASE \(name)")
    location.database = name
    return location
  }

  /// The URL of `location` (with its password, if any), for `--database`.
  public static func url(of location: PostgresLocation) -> String {
    var components = URLComponents()
    components.scheme = "postgres"
    components.user = location.user
    components.password = location.password
    components.host = location.host
    components.port = location.port
    components.path = "/" + location.database
    components.queryItems = [URLQueryItem(name: "sslmode", value: location.sslMode.rawValue)]
    return components.string!
  }

  /// Runs `sql` with `psql` on `location` and returns its unaligned, tuples-only output.
  @discardableResult
  public static func psql(_ location: PostgresLocation, _ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", location.host, "-p",
      String(location.port), "-U", location.user, "-d", location.database, "-c", sql,
    ]
    var environment = ProcessInfo.processInfo.environment
    if let password = location.password { environment["PGPASSWORD"] = password }
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let text = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Unavailable(
        description: "psql failed: " + (String(data: errorText, encoding: .utf8) ?? ""))
    }
    return String(decoding: text, as: UTF8.self)
  }

  /// A new database owned by a new role, and a second new role for the PCs (both log in without
  /// a password): their locations.
  public static func ownedDatabase() throws -> (owner: PostgresLocation, pc: PostgresLocation) {
    let server = try PostgresTestServer.server()
    let suffix = String(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(12))
      .lowercased()
    var owner = server
    owner.user = "induction_owner_\(suffix)"
    owner.database = "induction_roles_\(suffix)"
    owner.password = nil
    var pc = owner
    pc.user = "induction_pc_\(suffix)"
    try PostgresTestServer.psql(server, "CREATE ROLE \(owner.user) LOGIN")
    try PostgresTestServer.psql(server, "CREATE ROLE \(pc.user) LOGIN")
    try PostgresTestServer.psql(server, "CREATE DATABASE \(owner.database) OWNER \(owner.user)")
    // Before PostgreSQL 15 every role may create in `public`; the README has a superuser take
    // that away, as here (a no-op on 15 and later).
    try PostgresTestServer.psql(
      server.on(owner.database), "REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    return (owner, pc)
  }
}

extension PostgresLocation {
  /// The same server and role, on `database`.
  fileprivate func on(_ database: String) -> PostgresLocation {
    var location = self
    location.database = database
    return location
  }
}
