import Foundation

extension AppDatabase {
  /// The last ledger entry's seq and time, nil for an empty ledger: what `induction doctor`
  /// reports, and checks the clock against.
  public func lastLedgerEntry() throws -> (seq: Int, recordedAt: Date?)? {
    try read { db in
      guard
        let row = try SQLRow.fetchOne(
          db, sql: "SELECT seq, recorded_at FROM ledger ORDER BY seq DESC LIMIT 1")
      else { return nil }
      let seq: Int = row["seq"] ?? 0
      let recordedAt: String? = row["recorded_at"]
      return (seq, recordedAt.flatMap(Timestamp.parseUTC))
    }
  }
}
