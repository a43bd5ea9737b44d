import Foundation

/// The store in a PostgreSQL database shared by several PCs: one connection, used by one
/// transaction at a time, made again when the server restarts or the connection is lost.
public final class PostgresEngine: StoreEngine, @unchecked Sendable {
  /// Every writer on every PC takes this transaction-scoped advisory lock before writing, so
  /// writers run one at a time as SQLite's single writer does. A row lock on the chain's head
  /// would not do: an empty ledger has no head to lock, and the other writes (sessions, roster,
  /// staff PIN) would need locks of their own. One lock keeps `seq` contiguous and the chain
  /// unforked, and is released by COMMIT or ROLLBACK, or by the server when a PC disappears.
  static let writerLockKey: Int64 = 0x696E_6475_6374_0001
  /// Taken while migrating, so two PCs opening a new database at once do not both migrate.
  static let migrationLockKey: Int64 = 0x696E_6475_6374_0002

  /// Always `.postgres`.
  public var dialect: SQLDialect { .postgres }
  /// The server and database, never the password.
  public var location: String { server.displayName }
  /// Where the database is.
  public let server: PostgresLocation

  // `session` is used only while `lock` is held, which is what makes the class Sendable. It is
  // recursive so that a transaction started inside another on the same thread stops at the
  // precondition below rather than waiting for itself forever.
  private let lock = NSRecursiveLock()
  private let session: PostgresSession
  private var isInTransaction = false

  private init(
    _ server: PostgresLocation, connectTimeout: TimeInterval, statementTimeout: TimeInterval
  )
    throws
  {
    self.server = server
    session = try PostgresSession(
      server, connectTimeout: connectTimeout, statementTimeout: statementTimeout)
  }

  /// Connects to the database at `location` and brings its schema up to date.
  ///
  /// - Parameters:
  ///   - connectTimeout: Seconds to wait for the server to accept the connection and the login.
  ///   - statementTimeout: Seconds the server lets one statement run; the client gives up on a
  ///     server that does not answer a few seconds after that.
  /// - Throws: `StoreError` with a sentence naming the server: it cannot be reached, it refused
  ///   the login, the database is missing, or it was made by a newer version of induction.
  public static func open(
    _ location: PostgresLocation, connectTimeout: TimeInterval = 5,
    statementTimeout: TimeInterval = 15
  ) throws -> PostgresEngine {
    let engine = try PostgresEngine(
      location, connectTimeout: connectTimeout, statementTimeout: statementTimeout)
    try engine.transaction(begin: "BEGIN", lockKey: migrationLockKey) { db in
      try PostgresMigrations.migrate(db, location: location)
    }
    return engine
  }

  /// Statements sent to the server so far, each a round trip: what a signing costs.
  var statementCount: Int {
    lock.lock()
    defer { lock.unlock() }
    return session.statementCount
  }

  /// Closes the connection. The engine connects again if it is used after this.
  public func close() {
    lock.lock()
    defer { lock.unlock() }
    session.close()
  }

  /// Runs `body` in a read-only transaction that sees one snapshot of the database.
  public func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
    try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lockKey: nil, body)
  }

  /// Runs `body` in a transaction holding the writers' lock, and returns once the server has
  /// acknowledged the COMMIT.
  public func write<T>(isSigning: Bool, _ body: (any SQLDatabase) throws -> T) throws -> T {
    try transaction(begin: "BEGIN", lockKey: Self.writerLockKey, body)
  }

  /// Runs `body` in a transaction without the writers' lock: a session's own rows never meet
  /// another PC's, so a parent starting or answering never waits behind another PC's signing.
  public func writeOwnSession<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
    try transaction(begin: "BEGIN", lockKey: nil, body)
  }

  /// Nothing to do: the server does its own housekeeping.
  public func afterReceipt() {}

  /// Rewrites the tables that hold personal details (VACUUM FULL), so an erased person's rows are
  /// not left in the table files waiting for autovacuum. VACUUM cannot run in a transaction.
  public func scrub() throws {
    lock.lock()
    defer { lock.unlock() }
    precondition(!isInTransaction, "PostgresEngine transactions do not nest")
    _ = try session.run(
      "VACUUM FULL \(Self.scrubbedTables.joined(separator: ", "))", [], phase: .statement)
  }

  /// The tables that hold personal details, which ``scrub()`` rewrites.
  static let scrubbedTables = [
    "personal_details", "acknowledged_child", "roster_child", "roster_link",
  ]

  private func transaction<T>(
    begin: String, lockKey: Int64?, _ body: (PostgresSQLDatabase) throws -> T
  ) throws -> T {
    lock.lock()
    defer { lock.unlock() }
    precondition(!isInTransaction, "PostgresEngine transactions do not nest")
    isInTransaction = true
    defer { isInTransaction = false }

    try session.begin(begin)
    defer { session.end() }
    let database = PostgresSQLDatabase(session: session)
    let value: T
    do {
      defer { database.end() }
      if let lockKey {
        _ = try database.run("SELECT pg_advisory_xact_lock($1)", [lockKey])
      }
      value = try body(database)
    } catch {
      rollback()
      throw error
    }
    try session.commit()
    return value
  }

  /// Ends a failed transaction. If the connection is gone, the server has rolled back already.
  private func rollback() {
    guard session.isConnected else { return }
    _ = try? session.run("ROLLBACK", [], phase: .statement)
  }
}
