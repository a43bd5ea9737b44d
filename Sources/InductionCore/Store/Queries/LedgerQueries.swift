import Foundation

/// Conditions on ledger rows that several queries share, written once.
enum LedgerQueries {
  /// Whether the ledger row aliased `entry` has been revoked (an SQL boolean).
  static func isRevoked(_ entry: String) -> String {
    "EXISTS (SELECT 1 FROM ledger r WHERE r.kind = 'revocation' AND r.subject_seq = \(entry).seq)"
  }

  /// Whether the personal details of the ledger row aliased `entry` have been erased.
  static func isErased(_ entry: String) -> String {
    "EXISTS (SELECT 1 FROM ledger e WHERE e.kind = 'erasure' AND e.subject_seq = \(entry).seq)"
  }
}

/// The newest ledger entry's position and hash: what the next entry chains to.
struct LedgerHeadRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case seq, entryHash }

  var seq: Int
  var entryHash: Data

  init(row: SQLRow) throws {
    seq = try row.decode(Column.seq)
    entryHash = try row.decode(Column.entryHash)
  }

  /// An empty ledger's head: nothing before the first entry.
  static let empty = LedgerHeadRecord(seq: 0, entryHash: LedgerEntry.genesisHash)

  private init(seq: Int, entryHash: Data) {
    self.seq = seq
    self.entryHash = entryHash
  }
}

extension AppDatabase {
  /// The ledger's newest entry (``LedgerHeadRecord/empty`` when there is none).
  static func ledgerHead(_ db: any SQLDatabase) throws -> LedgerHeadRecord {
    try LedgerHeadRecord.fetchOne(
      db, sql: "SELECT \(LedgerHeadRecord.selection) FROM ledger ORDER BY seq DESC LIMIT 1")
      ?? .empty
  }

  /// How many entries the ledger holds.
  static func ledgerEntryCount(_ db: any SQLDatabase) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger") ?? 0
  }

  /// The hash of entry `seq`, or nil when there is none.
  static func entryHash(_ db: any SQLDatabase, seq: Int) throws -> Data? {
    try Data.fetchOne(db, sql: "SELECT entry_hash FROM ledger WHERE seq = ?", arguments: [seq])
  }

  /// Entry `seq`, or nil.
  static func entry(_ db: any SQLDatabase, seq: Int) throws -> LedgerEntry? {
    try LedgerEntry.fetchOne(
      db, sql: "SELECT \(LedgerEntry.selection) FROM ledger WHERE seq = ?", arguments: [seq])
  }

  /// The reference of entry `seq`, or nil.
  static func entryReference(_ db: any SQLDatabase, seq: Int) throws -> String? {
    try String.fetchOne(db, sql: "SELECT reference FROM ledger WHERE seq = ?", arguments: [seq])
  }
}
