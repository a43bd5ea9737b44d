import Foundation
import InductionCore

/// The store engines a store test runs on: SQLite always, PostgreSQL when a server is configured
/// and always in CI (where a missing server fails the test).
public enum TestEngine: String, CaseIterable, Sendable, CustomStringConvertible {
  /// An in-memory SQLite database.
  case sqlite
  /// A fresh database on the tests' PostgreSQL server.
  case postgres

  /// The engine a test uses when it does not say: `INDUCTION_TEST_ENGINE=postgres` runs the
  /// store, flow and end-to-end suites again on PostgreSQL (`.ci/run` does).
  public static var `default`: TestEngine {
    ProcessInfo.processInfo.environment["INDUCTION_TEST_ENGINE"] == "postgres" ? .postgres : .sqlite
  }

  /// The engines to run on here.
  public static var available: [TestEngine] {
    PostgresTestServer.shouldRun ? [.sqlite, .postgres] : [.sqlite]
  }

  /// The engine's name, in test names.
  public var description: String { rawValue }

  /// A new, empty store on this engine.
  public func makeDatabase() throws -> AppDatabase {
    switch self {
    case .sqlite: try AppDatabase.inMemory()
    case .postgres:
      AppDatabase(engine: try PostgresEngine.open(try PostgresTestServer.freshDatabase()))
    }
  }
}

extension LedgerBuilder {
  /// A builder over a new, empty store on `engine`.
  public static func fresh(_ engine: TestEngine) throws -> LedgerBuilder {
    try LedgerBuilder(database: engine.makeDatabase())
  }
}
