import Foundation
import InductionCore

/// Where the web front end keeps its sessions: in this process's memory (one server, the SQLite
/// default), or in the store, so several `induction serve` processes on one PostgreSQL database
/// share them and any process can serve any page.
public enum WebSessionStorage: Sendable {
  /// This process's memory.
  case memory
  /// The store's `web_session` table.
  case database(AppDatabase)
}

/// The sessions, by key (the SHA-256 of the session id), each saved with a version so that two
/// requests of one session on two processes cannot both apply.
protocol WebSessionKeeper: AnyObject {
  /// The session under `key` and the version read.
  func load(_ key: String) throws -> (session: WebSession, version: String)?
  /// Saves `session` as new (`replacing` nil) or over the version read; the new version, or nil
  /// when the session was saved by someone else since.
  func save(_ key: String, _ session: WebSession, replacing version: String?) throws -> String?
  /// Forgets the session.
  func remove(_ key: String) throws
  /// Sessions idle since before `cutoff`.
  func idle(before cutoff: Date) throws -> [String]
  /// How many sessions are kept, and the one idle longest.
  func countAndOldest() throws -> (count: Int, oldest: String?)
}

/// Sessions in this process's memory.
final class MemorySessions: WebSessionKeeper {
  private var sessions: [String: (session: WebSession, version: String)] = [:]
  private var saves = 0

  func load(_ key: String) -> (session: WebSession, version: String)? { sessions[key] }

  func save(_ key: String, _ session: WebSession, replacing version: String?) -> String? {
    guard sessions[key]?.version == version else { return nil }
    saves += 1
    sessions[key] = (session, String(saves))
    return String(saves)
  }

  func remove(_ key: String) { sessions[key] = nil }

  func idle(before cutoff: Date) -> [String] {
    sessions.filter { $0.value.session.lastSeen < cutoff }.map(\.key)
  }

  func countAndOldest() -> (count: Int, oldest: String?) {
    (sessions.count, sessions.min { $0.value.session.lastSeen < $1.value.session.lastSeen }?.key)
  }
}

/// Sessions in the store, encoded as JSON.
final class StoredSessions: WebSessionKeeper {
  let database: AppDatabase

  init(_ database: AppDatabase) { self.database = database }

  func load(_ key: String) throws -> (session: WebSession, version: String)? {
    guard let stored = try database.webSession(key: key) else { return nil }
    // A session this version cannot read (written by another version) is as good as gone.
    guard let session = try? JSONDecoder().decode(WebSession.self, from: stored.data) else {
      return nil
    }
    return (session, stored.version)
  }

  func save(_ key: String, _ session: WebSession, replacing version: String?) throws -> String? {
    try database.saveWebSession(
      key: key, data: try JSONEncoder().encode(session), lastSeen: session.lastSeen,
      replacing: version)
  }

  func remove(_ key: String) throws { try database.removeWebSession(key: key) }

  func idle(before cutoff: Date) throws -> [String] {
    try database.idleWebSessions(before: cutoff)
  }

  func countAndOldest() throws -> (count: Int, oldest: String?) {
    try database.webSessionCount()
  }
}
