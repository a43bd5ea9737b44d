import Foundation
import GRDB

/// The embedded store: one SQLite file in the data folder, in WAL mode, written by one process at a
/// time in turn (``WriterLock``), `synchronous=FULL` so a receipt survives power loss.
public final class SQLiteEngine: StoreEngine {
  /// The GRDB writer (a WAL pool for files), for tools that read the file directly.
  @_spi(RawStore) public let writer: any DatabaseWriter
  /// The file path, for messages.
  public let path: String

  /// How long a writer waits for another process's lock before giving up.
  public static let busyTimeout: TimeInterval = 10

  /// The write-ahead log is checkpointed after a write that leaves it larger than this (the size at
  /// which SQLite would checkpoint by itself).
  static let walCheckpointBytes = 4 * 1024 * 1024

  /// After a receipt, the log is checkpointed once it passes this: about every hundred signings,
  /// so a kiosk's checkpoint seldom competes for the disk with another kiosk's signing.
  static let receiptCheckpointBytes = 1024 * 1024

  /// The queue writers join (nil in memory).
  let writerLock: WriterLock?
  /// How long a writer waits for the lock.
  let busyTimeout: TimeInterval

  init(
    writer: any DatabaseWriter, path: String, writerLock: WriterLock? = nil,
    busyTimeout: TimeInterval = SQLiteEngine.busyTimeout
  ) {
    self.writer = writer
    self.path = path
    self.writerLock = writerLock
    self.busyTimeout = busyTimeout
  }

  /// The engine's kind.
  public var dialect: SQLDialect { .sqlite }
  /// The file's path.
  public var location: String { path }

  /// Opens (creating if needed) the database at `url`: WAL, `synchronous=FULL` on the writer, a busy
  /// timeout, foreign keys, files 0600. Refuses a database made by a newer version, and files that
  /// are links, another user's or readable by others (``DatabaseFile``).
  public static func open(at url: URL, busyTimeout: TimeInterval = SQLiteEngine.busyTimeout) throws
    -> SQLiteEngine
  {
    let path = url.path
    try DatabaseFile.check(path, mode: false)
    let existed = FileManager.default.fileExists(atPath: path)
    if existed {
      guard isSQLiteFile(path) else { throw StoreError.notADatabase(path: path) }
      // Checked read-only before the pool exists: setting a pool up writes to the file, and a
      // newer version's database must be left exactly as it was.
      if try isFromNewerVersion(path, busyTimeout: busyTimeout) {
        throw StoreError.newerSchema(path: path)
      }
      try DatabaseFile.check(path)
    }
    var configuration = Configuration()
    configuration.busyMode = .callback(Self.busyCallback(timeout: busyTimeout))
    configuration.foreignKeysEnabled = true
    do {
      let pool = try DatabasePool(path: path, configuration: configuration)
      // GRDB's pool sets synchronous=NORMAL on its writer; a signed acknowledgement must survive power
      // loss, so the writing connection goes back to FULL. SQLite's automatic checkpoint would run
      // inside whichever commit crosses its threshold, a parent's signing among them: checkpoints
      // are run by ``afterReceipt()`` instead, after the receipt is on screen.
      try pool.writeWithoutTransaction { db in
        try db.execute(
          sql: """
            PRAGMA synchronous = FULL;
            PRAGMA wal_autocheckpoint = 0;
            PRAGMA journal_size_limit = \(walCheckpointBytes);
            """)
      }
      let engine = SQLiteEngine(
        writer: pool, path: path, writerLock: WriterLock(path: lockPath(for: path)),
        busyTimeout: busyTimeout)
      try engine.migrate()
      for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) }
      return engine
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  /// An in-memory database for tests.
  public static func inMemory() throws -> SQLiteEngine {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    let engine = SQLiteEngine(
      writer: try DatabaseQueue(configuration: configuration), path: ":memory:")
    try engine.migrate()
    return engine
  }

  /// Retries a held lock every 2 ms until `timeout`. SQLite's own timeout backs off to 100 ms sleeps,
  /// and with several kiosks writing, a waiter that sleeps that long can miss every free moment.
  static func busyCallback(timeout: TimeInterval) -> Database.BusyCallback {
    // Each try sleeps at least 2 ms, so giving up after `limit` tries waits at least `timeout`.
    let limit = max(1, Int(timeout / 0.002))
    return { tries in
      guard tries < limit else { return false }
      usleep(2_000)
      return true
    }
  }

  private func migrate() throws {
    let migrator = SQLiteMigrations.migrator
    // Most opens find the schema current: check with a read, so a command that only reads (an export
    // beside busy kiosks) never waits for the write lock.
    if try writer.read({ try migrator.hasCompletedMigrations($0) }) { return }
    if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
      throw StoreError.newerSchema(path: path)
    }
    try migrator.migrate(writer)
    // A reader opened by the checks above still has the old schema, and GRDB would name a
    // `SELECT *`'s columns from it: readers open afresh after a migration.
    (writer as? DatabasePool)?.invalidateReadOnlyConnections()
  }

  private static func isFromNewerVersion(_ path: String, busyTimeout: TimeInterval) throws -> Bool {
    // A plain connection only reads here; closing it, as the last one, removes the -wal and -shm
    // files it made (a read-only one could not), so the folder is left as it was found.
    do {
      var configuration = Configuration()
      configuration.busyMode = .callback(busyCallback(timeout: busyTimeout))
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      defer { try? queue.close() }
      return try queue.read { db in
        try db.tableExists("grdb_migrations") && SQLiteMigrations.migrator.hasBeenSuperseded(db)
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  private static func isSQLiteFile(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return true }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    return header.isEmpty || header == Data("SQLite format 3\0".utf8)
  }

  /// The lock file writers queue on: `induction.lock` beside `induction.sqlite`.
  static func lockPath(for databasePath: String) -> String {
    URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent(
      "induction.lock"
    ).path
  }

  /// Runs `body` in a write transaction of kind IMMEDIATE, in turn with other processes' writers
  /// (``WriterLock``), mapping SQLite errors to ``StoreError``. Unless `isSigning`, a log left large
  /// is checkpointed afterwards; a signing leaves that to ``afterReceipt()``.
  public func write<T>(isSigning: Bool, _ body: (any SQLDatabase) throws -> T) throws -> T {
    let result = try write(durable: true, body)
    if !isSigning { checkpoint(ifLogPasses: Self.walCheckpointBytes) }
    return result
  }

  /// A parent session's own rows (its start, each answer, its end) are committed without waiting
  /// for the disk (`synchronous=NORMAL`): losing the last of them in a power cut loses nothing
  /// signed, and the next durable commit (a signing) flushes them with it. That spares every kiosk
  /// a flush per answer, which other kiosks' signings would queue behind.
  public func writeOwnSession<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
    try write(durable: false, body)
  }

  /// Runs `body` in an IMMEDIATE transaction in turn with other processes' writers, committing
  /// with `synchronous` FULL when `durable` (set on every write, so a signing is never left with
  /// a lighter setting), else NORMAL.
  private func write<T>(durable: Bool, _ body: (any SQLDatabase) throws -> T) throws -> T {
    do {
      let held = try writerLock?.acquire(timeout: busyTimeout, databasePath: path)
      defer { held?.release() }
      return try writer.writeWithoutTransaction { db in
        try db.execute(sql: durable ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(SQLiteConnection(db))
          return .commit
        }
        return result!
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  /// Copies the write-ahead log into the database once it has grown past a megabyte (a passive
  /// checkpoint: it never waits for, nor blocks, another writer) and lets the log restart. A
  /// failure is left for the next one.
  public func afterReceipt() { checkpoint(ifLogPasses: Self.receiptCheckpointBytes) }

  private func checkpoint(ifLogPasses bytes: Int) {
    var info = stat()
    guard writerLock != nil, stat(path + "-wal", &info) == 0, Int(info.st_size) > bytes else {
      return
    }
    _ = try? writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA wal_checkpoint(PASSIVE)")
    }
  }

  /// Runs a read, mapping SQLite errors to ``StoreError``.
  public func read<T>(_ body: (any SQLDatabase) throws -> T) throws -> T {
    do {
      return try writer.read { db in try body(SQLiteConnection(db)) }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  /// Empties the WAL and rebuilds the file so deleted rows leave no trace on disk.
  public func scrub() throws {
    do {
      try writer.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA secure_delete = ON")
        try db.checkpoint(.truncate)
        try db.execute(sql: "VACUUM")
        try db.checkpoint(.truncate)
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  /// The `synchronous` setting of the writing connection (2 is FULL).
  public func writerSynchronousSetting() throws -> Int {
    try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1
    }
  }
}

extension StoreError {
  init(_ error: DatabaseError, path: String) {
    // A file-size limit (EFBIG) or a quota (EDQUOT) reaches SQLite as a failed write, not SQLITE_FULL;
    // to staff it is the same problem as a full disk, not a permissions one.
    if error.extendedResultCode == .SQLITE_IOERR_WRITE {
      self = .diskFull(path: path)
      return
    }
    switch error.resultCode.primaryResultCode {
    case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy(path: path)
    case .SQLITE_FULL: self = .diskFull(path: path)
    case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .notADatabase(path: path)
    case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_IOERR, .SQLITE_AUTH:
      self = .cannotWrite(path: path)
    default: self = .failed(path: path, code: error.resultCode.primaryResultCode.rawValue)
    }
  }
}
