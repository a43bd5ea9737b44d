import Foundation

/// A roster row's parent, for matching a family by name.
struct RosterParentRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case id, parentName }

  var id: Int64
  var parentName: String

  init(row: SQLRow) throws {
    id = try row.decode(Column.id)
    parentName = try row.decode(Column.parentName)
  }
}

extension AppDatabase {
  /// Whether the personal details of entry `seq` were erased.
  static func isErased(_ db: any SQLDatabase, seq: Int) throws -> Bool {
    try Bool.fetchOne(
      db, sql: "SELECT 1 FROM ledger WHERE kind = 'erasure' AND subject_seq = ?",
      arguments: [seq]) ?? false
  }

  /// The match keys of the children acknowledgement `seq` named.
  static func childMatchKeys(_ db: any SQLDatabase, seq: Int) throws -> [String] {
    try String.fetchAll(
      db, sql: "SELECT match_key FROM acknowledged_child WHERE ledger_seq = ?", arguments: [seq])
  }

  /// The parent name held for entry `seq`, or nil once erased.
  static func parentName(_ db: any SQLDatabase, seq: Int) throws -> String? {
    try String.fetchOne(
      db, sql: "SELECT parent_name FROM personal_details WHERE ledger_seq = ?", arguments: [seq])
  }

  /// Every roster row's parent.
  static func rosterParents(_ db: any SQLDatabase) throws -> [RosterParentRecord] {
    try RosterParentRecord.fetchAll(
      db, sql: "SELECT \(RosterParentRecord.selection) FROM roster_child")
  }

  /// Deletes the roster rows of the child `matchKey`.
  static func deleteRosterChildren(_ db: any SQLDatabase, matchKey: String) throws {
    try db.execute(sql: "DELETE FROM roster_child WHERE match_key = ?", arguments: [matchKey])
  }

  /// Deletes roster row `id`.
  static func deleteRosterChild(_ db: any SQLDatabase, id: Int64) throws {
    try db.execute(sql: "DELETE FROM roster_child WHERE id = ?", arguments: [id])
  }

  /// Deletes the personal details behind entry `seq`: its children, names and typed signature,
  /// and its manual roster links. The ledger row keeps only its salted commitment.
  static func deletePersonalDetails(_ db: any SQLDatabase, seq: Int) throws {
    try db.execute(sql: "DELETE FROM acknowledged_child WHERE ledger_seq = ?", arguments: [seq])
    try db.execute(sql: "DELETE FROM personal_details WHERE ledger_seq = ?", arguments: [seq])
    try db.execute(sql: "DELETE FROM roster_link WHERE ledger_seq = ?", arguments: [seq])
  }

  /// Acknowledgements signed before `cutoff` whose personal details are still held, oldest first.
  static func acknowledgementsHeld(_ db: any SQLDatabase, before cutoff: Date) throws
    -> [LedgerEntry]
  {
    try LedgerEntry.fetchAll(
      db,
      sql: """
        SELECT \(LedgerEntry.selection(of: "l")) FROM ledger l JOIN personal_details p ON p.ledger_seq = l.seq
        WHERE l.kind = 'acknowledgement' AND l.recorded_at < ? ORDER BY l.seq
        """, arguments: [Timestamp.utc(cutoff)])
  }
}
