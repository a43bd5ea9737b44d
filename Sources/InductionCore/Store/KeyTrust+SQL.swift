import Foundation

extension KeyTrust {
  /// The record from the key entries with seq up to `lastSeq` (all when nil), read through the
  /// partial index on key entries, so it costs a few rows however long the ledger is.
  public static func read(_ db: any SQLDatabase, upTo lastSeq: Int? = nil) throws -> KeyTrust {
    var trust = KeyTrust()
    // Read whole (a few rows): on PostgreSQL a cursor would cost three round trips per signing.
    let rows = try SQLRow.fetchAll(
      db,
      sql: """
        SELECT seq, kind, subject_key, note FROM ledger
        WHERE kind IN ('genesis', 'key enrolment', 'key retirement') AND seq <= ?
        ORDER BY seq
        """,
      arguments: [lastSeq ?? Int.max])
    for row in rows {
      guard let kind = LedgerKind(rawValue: row[1]) else { continue }
      trust.apply(seq: row[0], kind: kind, subjectKey: row[2], note: row[3])
    }
    return trust
  }
}
