import Foundation

extension AppDatabase {
  /// The last ledger entry's seq and time, nil for an empty ledger: what `induction doctor`
  /// reports, and checks the clock against.
  public func lastLedgerEntry() throws -> (seq: Int, recordedAt: Date?)? {
    try read { db in
      guard
        let last = try LastEntry.fetchOne(
          db, sql: "SELECT \(LastEntry.selection) FROM ledger ORDER BY seq DESC LIMIT 1")
      else { return nil }
      return (last.seq ?? 0, last.recordedAt.flatMap(Timestamp.parseUTC))
    }
  }
}

/// The last entry's seq and time, as `doctor` reads them (leniently: it reports, never refuses).
private struct LastEntry: SQLRecord {
  var seq: Int?
  var recordedAt: String?

  enum Column: Int, SQLRecordColumn { case seq, recordedAt }

  init(row: SQLRow) throws {
    seq = try row.decode(Column.seq)
    recordedAt = try row.decode(Column.recordedAt)
  }
}
