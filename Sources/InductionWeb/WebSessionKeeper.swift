import Foundation
import InductionCore
import NIOConcurrencyHelpers

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
/// requests of one session, on two threads or two processes, cannot both apply.
protocol WebSessionKeeper: AnyObject, Sendable {
  /// Whether the sessions are in the store (each call a store call), not in this process.
  var isShared: Bool { get }
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
  private struct Kept {
    var sessions: [String: (session: WebSession, version: String)] = [:]
    var saves = 0
  }

  private let kept = NIOLockedValueBox(Kept())

  var isShared: Bool { false }

  func load(_ key: String) -> (session: WebSession, version: String)? {
    kept.withLockedValue { $0.sessions[key] }
  }

  func save(_ key: String, _ session: WebSession, replacing version: String?) -> String? {
    kept.withLockedValue { kept in
      guard kept.sessions[key]?.version == version else { return nil }
      kept.saves += 1
      kept.sessions[key] = (session, String(kept.saves))
      return String(kept.saves)
    }
  }

  func remove(_ key: String) { kept.withLockedValue { $0.sessions[key] = nil } }

  func idle(before cutoff: Date) -> [String] {
    kept.withLockedValue { $0.sessions.filter { $0.value.session.lastSeen < cutoff }.map(\.key) }
  }

  func countAndOldest() -> (count: Int, oldest: String?) {
    kept.withLockedValue { kept in
      let oldest = kept.sessions.min { $0.value.session.lastSeen < $1.value.session.lastSeen }
      return (kept.sessions.count, oldest?.key)
    }
  }
}

/// Sessions in the store, encoded as JSON.
final class StoredSessions: WebSessionKeeper {
  let database: AppDatabase

  init(_ database: AppDatabase) { self.database = database }

  var isShared: Bool { true }

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
