import Foundation

extension KeyTrust {
  /// The `ledger` rows that can change the trust record, as a condition the partial index on key
  /// entries answers.
  static let keyEntryCondition = "kind IN ('genesis', 'key enrolment', 'key retirement')"

  /// The record from the key entries with seq up to `lastSeq` (all when nil), read through the
  /// partial index on key entries, so it costs a few rows however long the ledger is.
  public static func read(_ db: any SQLDatabase, upTo lastSeq: Int? = nil) throws -> KeyTrust {
    // Read whole (a few rows): on PostgreSQL a cursor would cost three round trips per signing.
    try KeyTrust(
      events: KeyEvent.fetchAll(
        db,
        sql: """
          SELECT \(KeyEvent.selection) FROM ledger
          WHERE \(keyEntryCondition) AND seq <= ?
          ORDER BY seq
          """,
        arguments: [lastSeq ?? Int.max]))
  }

  /// The record from whole `ledger` rows (among other columns, read by name), in seq order.
  init(keyRows rows: [SQLRow]) throws {
    self.init(events: try rows.map(KeyEvent.init(ledgerRow:)))
  }

  private init(events: [KeyEvent]) {
    self.init()
    for event in events {
      guard let kind = LedgerKind(rawValue: event.kind) else { continue }
      apply(seq: event.seq, kind: kind, subjectKey: event.subjectKey, note: event.note)
    }
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

  /// The event in a whole `ledger` row that has other columns too.
  init(ledgerRow row: SQLRow) throws {
    seq = try row.decode("seq")
    kind = try row.decode("kind")
    subjectKey = try row.decode("subject_key")
    note = try row.decode("note")
  }
}
