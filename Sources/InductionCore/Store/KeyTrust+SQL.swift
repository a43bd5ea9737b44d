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
      keyRows: SQLRow.fetchAll(
        db,
        sql: """
          SELECT seq, kind, subject_key, note FROM ledger
          WHERE \(keyEntryCondition) AND seq <= ?
          ORDER BY seq
          """,
        arguments: [lastSeq ?? Int.max]))
  }

  /// The record from `ledger` rows with at least `seq`, `kind`, `subject_key` and `note`, in seq
  /// order.
  init(keyRows rows: [SQLRow]) throws {
    self.init()
    for row in rows {
      guard let kind = LedgerKind(rawValue: try row.decode("kind")) else { continue }
      apply(
        seq: try row.decode("seq"), kind: kind, subjectKey: try row.decode("subject_key"),
        note: try row.decode("note"))
    }
  }
}
