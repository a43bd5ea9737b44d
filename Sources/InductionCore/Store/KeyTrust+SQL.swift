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

  /// The record from the key entries, in seq order.
  init(keyEntries entries: [LedgerEntry]) {
    self.init(
      events: entries.map {
        KeyEvent(seq: $0.seq, kind: $0.kind.rawValue, subjectKey: $0.subjectKey, note: $0.note)
      })
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

  enum Column: Int, SQLRecordColumn { case seq, kind, subjectKey, note }

  init(seq: Int, kind: String, subjectKey: Data?, note: String) {
    self.seq = seq
    self.kind = kind
    self.subjectKey = subjectKey
    self.note = note
  }

  init(row: SQLRow) throws {
    seq = try row.decode(Column.seq)
    kind = try row.decode(Column.kind)
    subjectKey = try row.decode(Column.subjectKey)
    note = try row.decode(Column.note)
  }
}
