import Foundation
@_spi(RawStore) import InductionCore

/// The PostgreSQL side of the bench (`--database URL`): the built SQLite store copied into the
/// (empty) PostgreSQL database with ``StoreCopy/copy(from:to:progress:)``, as `induction migrate
/// --to` does, so that both engines hold the same records.
struct PostgresStore {
  /// The database's URL, as given.
  let url: String
  /// `psql`, for VACUUM (which cannot run inside the engine's transactions).
  let psql: String
  /// The environment for `psql`.
  let environment: [String: String]

  /// What the copy did.
  struct Copy {
    /// The server's version (`server_version`).
    var serverVersion: String
    /// Rows copied, all tables together.
    var rows: Int
    /// Ledger entries in the database after the copy.
    var ledgerEntries: Int
    /// Seconds the copy took.
    var seconds: Double
  }

  /// Opens the database (bringing its schema up to date).
  func open() throws -> AppDatabase {
    let location = try DatabaseURL.parse(
      url, environment: ProcessInfo.processInfo.environment, homeDirectory: NSHomeDirectory())
    return AppDatabase(engine: try PostgresEngine.open(location))
  }

  /// Copies the SQLite store at `source` into the database, which must hold no records.
  func copy(from source: URL, progress: (String) -> Void) throws -> Copy {
    let target = try open()
    defer { (target.engine as? PostgresEngine)?.close() }
    let sqlite = try AppDatabase.open(at: source)
    let start = MonotonicClock.now()
    var reported = 0
    let counts: [StoreCopy.TableCount]
    do {
      counts = try StoreCopy.copy(from: sqlite, to: target) { copied in
        if copied - reported >= 250_000 {
          reported = copied
          progress("copied \(copied.formatted()) rows to \(target.path)")
        }
      }
    } catch StoreCopy.Refusal.targetNotEmpty(let location, let rows) {
      throw BenchError(
        "\(location) already holds \(rows.formatted()) rows; give --database an empty database (a new cluster from .ci/postgres start)"
      )
    }
    let seconds = MonotonicClock.seconds(since: start)
    if let different = counts.first(where: { $0.source != $0.target }) {
      throw BenchError(
        "the copy of \(different.table) holds \(different.target) rows, not \(different.source)")
    }
    let version = try target.engine.read { db in
      try String.fetchOne(db, sql: "SELECT current_setting('server_version')") ?? "?"
    }
    // What autovacuum would soon do after a bulk load: statistics for the planner, hint bits and
    // the visibility map, so that no measured run pays for them or has autovacuum running beside it.
    let pid = try Spawner.spawn(
      psql, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", "VACUUM (ANALYZE)"],
      environment: environment)
    let vacuum = try Spawner.wait(pid)
    guard vacuum.status == 0 else {
      throw BenchError("psql -c \"VACUUM (ANALYZE)\" exited with status \(vacuum.status)")
    }
    return Copy(
      serverVersion: version, rows: counts.map(\.target).reduce(0, +),
      ledgerEntries: counts.first { $0.table == "ledger" }?.target ?? 0, seconds: seconds)
  }
}
