import Foundation

extension KeyTrust {
  /// The record from the key entries with seq up to `lastSeq` (all when nil), read through the
  /// partial index on key entries, so it costs a few rows however long the ledger is.
  public static func read(_ db: any SQLDatabase, upTo lastSeq: Int? = nil) throws -> KeyTrust {
    var trust = KeyTrust()
    // Read whole (a few rows): on PostgreSQL a cursor would cost three round trips per signing.
    let events = try KeyEvent.fetchAll(
      db,
      sql: """
        SELECT \(KeyEvent.selection) FROM ledger
        WHERE kind IN ('genesis', 'key enrolment', 'key retirement') AND seq <= ?
        ORDER BY seq
        """,
      arguments: [lastSeq ?? Int.max])
    for event in events {
      guard let kind = LedgerKind(rawValue: event.kind) else { continue }
      trust.apply(seq: event.seq, kind: kind, subjectKey: event.subjectKey, note: event.note)
    }
    return trust
  }
}

/// A ledger entry that enrols or retires a key, as the trust record reads it.
private struct KeyEvent: SQLRecord {
  var seq: Int
  var kind: String
  var subjectKey: Data?
  var note: String

  static let columns = ["seq", "kind", "subject_key", "note"]

  init(row: SQLRow) throws {
    seq = try row.decode(atIndex: 0)
    kind = try row.decode(atIndex: 1)
    subjectKey = try row.decode(atIndex: 2)
    note = try row.decode(atIndex: 3)
  }
}
