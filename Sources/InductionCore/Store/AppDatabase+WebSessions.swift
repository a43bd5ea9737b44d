import Foundation

/// A web session as kept in the store, for several `induction serve` processes on one PostgreSQL
/// database: any process can serve any page. `key` is the SHA-256 of the cookie's session id, so
/// whoever reads the table cannot take over a parent's session; `version` changes on every save.
public struct StoredWebSession: Sendable, Equatable {
  /// The session's encoded state.
  public var data: Data
  /// Changes on every save: a save names the version it read, and loses to any save since.
  public var version: String
  /// When the parent last did anything (UTC form).
  public var lastSeen: String
}

extension AppDatabase {
  /// The session stored under `key`, if any.
  public func webSession(key: String) throws -> StoredWebSession? {
    try read { db in
      try StoredWebSession.fetchOne(
        db, sql: "SELECT \(StoredWebSession.selection) FROM web_session WHERE key = ?",
        arguments: [key])
    }
  }

  /// Stores `data` under `key` as a new session (`replacing` nil) or in place of the version read;
  /// returns the new version, or nil when another process saved the session since it was read.
  public func saveWebSession(
    key: String, data: Data, lastSeen: Date, replacing version: String?
  ) throws -> String? {
    let next = UUID().uuidString
    return try writeOwnSession { db in
      if let version {
        try db.execute(
          sql: """
            UPDATE web_session SET data = ?, version = ?, last_seen = ?
            WHERE key = ? AND version = ?
            """,
          arguments: [data, next, Timestamp.utc(lastSeen), key, version])
      } else {
        try db.execute(
          sql: """
            INSERT INTO web_session (key, data, version, last_seen) VALUES (?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """,
          arguments: [key, data, next, Timestamp.utc(lastSeen)])
      }
      let stored = try String.fetchOne(
        db, sql: "SELECT version FROM web_session WHERE key = ?", arguments: [key])
      return stored == next ? next : nil
    }
  }

  /// Forgets the session under `key` (finished, or ended).
  public func removeWebSession(key: String) throws {
    try writeOwnSession { db in
      try db.execute(sql: "DELETE FROM web_session WHERE key = ?", arguments: [key])
    }
  }

  /// The keys of sessions idle since before `cutoff`, oldest first.
  public func idleWebSessions(before cutoff: Date) throws -> [String] {
    try read { db in
      try String.fetchAll(
        db, sql: "SELECT key FROM web_session WHERE last_seen < ? ORDER BY last_seen, key",
        arguments: [Timestamp.utc(cutoff)])
    }
  }

  /// How many web sessions are stored, and the key of the one idle longest.
  public func webSessionCount() throws -> (count: Int, oldest: String?) {
    try read { db in
      let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM web_session") ?? 0
      let oldest = try String.fetchOne(
        db, sql: "SELECT key FROM web_session ORDER BY last_seen, key LIMIT 1")
      return (count, oldest)
    }
  }
}

extension StoredWebSession: SQLRecord {
  enum Column: Int, SQLRecordColumn { case data, version, lastSeen }

  init(row: SQLRow) throws {
    self.init(
      data: try row.decode(Column.data), version: try row.decode(Column.version),
      lastSeen: try row.decode(Column.lastSeen))
  }
}
