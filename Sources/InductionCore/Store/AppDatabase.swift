import Foundation

/// The one gateway to Induction's records, whichever engine keeps them. Writes are named by what
/// they mean; the ledger is appended inside one write transaction, in turn with every other writer,
/// so concurrent kiosks never fork the chain. Its statements are written once for both engines.
public final class AppDatabase: Sendable {
  /// The engine underneath, the store's own: the program goes through the store's named reads
  /// and writes. The benchmarks (which build and time stores) and tests that damage a store on
  /// purpose reach it as the `RawStore` SPI.
  @_spi(RawStore) public let engine: any StoreEngine

  /// Which engine keeps the records: SQLite in the data folder, or a shared PostgreSQL database.
  public var dialect: SQLDialect { engine.dialect }

  /// How messages name the store: a file's path, or a server and database.
  public var path: String { engine.location }

  /// A store on `engine`.
  public init(engine: any StoreEngine) { self.engine = engine }

  /// Opens (creating if needed) the SQLite database at `url`.
  public static func open(at url: URL, busyTimeout: TimeInterval = SQLiteEngine.busyTimeout) throws
    -> AppDatabase
  {
    AppDatabase(engine: try SQLiteEngine.open(at: url, busyTimeout: busyTimeout))
  }

  /// An in-memory SQLite database for tests.
  public static func inMemory() throws -> AppDatabase {
    AppDatabase(engine: try SQLiteEngine.inMemory())
  }

  /// What a command line run against this store needs besides the command: ` --database URL`
  /// (without the password) for a shared database, nothing for the SQLite file. Hints that name a
  /// command end with it, so that the command, run as printed, opens this same store.
  public var databaseOption: String {
    guard let shared = engine as? PostgresEngine else { return "" }
    return " --database " + PasswordFile.shellQuoted(shared.server.urlWithoutPassword)
  }

  /// The SQLite engine, when that is the engine (for tools that read the file directly).
  @_spi(RawStore) public var sqlite: SQLiteEngine? { engine as? SQLiteEngine }

  /// Runs `body` in a write transaction in turn with every other writer. Unless `isSigning`,
  /// housekeeping may follow; a signing leaves it to ``checkpointWAL()``.
  func write<T>(isSigning: Bool = false, _ body: (any SQLDatabase) throws -> T) throws -> T {
    do {
      return try engine.write(isSigning: isSigning, body)
    } catch StoreError.keyNotTrusted(let fingerprint, let status, let database)
      where database.isEmpty
    {
      // The ledger's rules know no command line: the hint gains this store's here.
      throw StoreError.keyNotTrusted(
        fingerprint: fingerprint, status: status, database: databaseOption)
    }
  }

  /// Runs `body` in a write transaction that touches only one parent session's own rows.
  func writeOwnSession<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
    try engine.writeOwnSession(body)
  }

  /// Runs a read that sees one consistent state.
  func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
    try engine.read(body)
  }

  /// Housekeeping kept off the signing path: call it once the receipt is drawn.
  public func checkpointWAL() { engine.afterReceipt() }
}
