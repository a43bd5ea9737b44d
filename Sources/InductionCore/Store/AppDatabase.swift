import Foundation
import GRDB

/// The one gateway to Induction's SQLite database. Writes are named by what they mean; the ledger is
/// appended inside one IMMEDIATE transaction so concurrent kiosks never fork the chain.
public final class AppDatabase: Sendable {
  /// The GRDB writer (a WAL pool for files).
  public let writer: any DatabaseWriter
  /// The file path, for messages.
  public let path: String

  /// How long a writer waits for another process's lock before giving up.
  public static let busyTimeout: TimeInterval = 10

  init(writer: any DatabaseWriter, path: String) {
    self.writer = writer
    self.path = path
  }

  /// Opens (creating if needed) the database at `url`: WAL, `synchronous=FULL` on the writer, a busy
  /// timeout, foreign keys, files 0600. Refuses a database made by a newer version.
  public static func open(at url: URL, busyTimeout: TimeInterval = AppDatabase.busyTimeout) throws
    -> AppDatabase
  {
    let path = url.path
    let existed = FileManager.default.fileExists(atPath: path)
    if existed {
      guard isSQLiteFile(path) else { throw StoreError.notADatabase(path: path) }
    }
    var configuration = Configuration()
    configuration.busyMode = .timeout(busyTimeout)
    configuration.foreignKeysEnabled = true
    do {
      let pool = try DatabasePool(path: path, configuration: configuration)
      // GRDB's pool sets synchronous=NORMAL on its writer; a signed acknowledgement must survive power
      // loss, so the writing connection goes back to FULL.
      try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
      let database = AppDatabase(writer: pool, path: path)
      try database.migrate()
      for suffix in ["", "-wal", "-shm"] { chmod(path + suffix, 0o600) }
      return database
    } catch let error as StoreError {
      throw error
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  /// An in-memory database for tests.
  public static func inMemory() throws -> AppDatabase {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    let database = AppDatabase(
      writer: try DatabaseQueue(configuration: configuration), path: ":memory:")
    try database.migrate()
    return database
  }

  private func migrate() throws {
    let migrator = Migrations.migrator
    if try writer.read({ try migrator.hasBeenSuperseded($0) }) {
      throw StoreError.newerSchema(path: path)
    }
    try migrator.migrate(writer)
  }

  private static func isSQLiteFile(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return true }
    defer { try? handle.close() }
    let header = (try? handle.read(upToCount: 16)) ?? Data()
    return header.isEmpty || header == Data("SQLite format 3\0".utf8)
  }

  /// Runs `body` in a write transaction of kind IMMEDIATE, mapping SQLite errors to ``StoreError``.
  func writeImmediate<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writer.writeWithoutTransaction { db in
        var result: T?
        try db.inTransaction(.immediate) {
          result = try body(db)
          return .commit
        }
        return result!
      }
    } catch let error as DatabaseError {
      throw StoreError(error, path: path)
    }
  }

  /// Runs a read, mapping SQLite errors to ``StoreError``.
  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try writer.read(body)
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
