/// Copies every record of one store into another, empty one (`induction migrate --to`): the
/// ledger verbatim, personal details, roster, sessions, quiz answers and staff settings, in one
/// write transaction on the target, so it holds everything or nothing.
public enum StoreCopy {
  /// A table's rows in the source and, after the copy, in the target.
  public struct TableCount: Sendable, Equatable {
    /// The table.
    public var table: String
    /// Rows in the source.
    public var source: Int
    /// Rows in the target.
    public var target: Int
  }

  /// Why nothing was copied.
  public enum Refusal: Error, Equatable {
    /// The target already holds records (`rows` in all).
    case targetNotEmpty(location: String, rows: Int)
    /// The target holds triggers, rules, tables or functions Induction did not create.
    case foreignObjects(location: String, objects: [String])
  }

  /// Every table, parents before the tables that refer to them, each in the order its rows were
  /// stored (which numbers guidance versions and keeps identity columns rising).
  static let tables: [(name: String, order: String)] = [
    ("signing_key", "rowid"), ("guidance_version", "rowid"), ("statement_version", "rowid"),
    ("translation_version", "rowid"), ("ledger", "seq"), ("personal_details", "ledger_seq"),
    ("acknowledged_child", "ledger_seq, position"), ("invitation", "id"), ("session", "id"),
    ("quiz_attempt", "id"), ("staff_pin", "id"), ("staff_lockout", "id"), ("staff_event", "id"),
    ("roster_child", "id"), ("roster_link", "rowid"),
  ]

  /// Tables whose `id` the target numbers itself after the copy.
  static let identityTables = [
    "session", "quiz_attempt", "staff_event", "roster_child", "invitation",
  ]

  /// Rows per INSERT statement.
  public static let batchSize = 400

  /// Copies `source` (an SQLite store) into `target`, refusing a target that holds any record.
  /// Returns each table's counts, read back from both after the commit.
  public static func copy(
    from source: AppDatabase, to target: AppDatabase, progress: (Int) -> Void = { _ in }
  ) throws -> [TableCount] {
    let held = try rowCounts(target)
    let rows = held.values.reduce(0, +)
    guard rows == 0 else {
      throw Refusal.targetNotEmpty(location: target.path, rows: rows)
    }
    let foreign = try target.foreignObjects()
    guard foreign.isEmpty else {
      throw Refusal.foreignObjects(location: target.path, objects: foreign)
    }
    try source.read { from in
      try target.write { to in
        var copied = 0
        for table in tables {
          let cursor = try from.fetchCursor(
            sql: "SELECT * FROM \(table.name) ORDER BY \(table.order)", arguments: [])
          var pending: [[any SQLValueConvertible]] = []
          var columns: [String] = []
          func flush() throws {
            try to.insert(into: table.name, columns: columns, rows: pending, batch: batchSize)
            copied += pending.count
            progress(copied)
            pending.removeAll(keepingCapacity: true)
          }
          while let row = try cursor.next() {
            columns = row.columns.names
            pending.append(row.values)
            if pending.count == batchSize { try flush() }
          }
          if !pending.isEmpty { try flush() }
        }
        if to.dialect == .postgres {
          // Rows came with their ids; the next id each table makes must follow the last copied.
          for table in identityTables {
            try to.execute(
              sql: """
                SELECT setval(pg_get_serial_sequence('\(table)', 'id'),
                  (SELECT coalesce(max(id), 0) + 1 FROM \(table)), false)
                """)
          }
        }
      }
    }
    let before = try rowCounts(source)
    let after = try rowCounts(target)
    return tables.map {
      TableCount(table: $0.name, source: before[$0.name] ?? 0, target: after[$0.name] ?? 0)
    }
  }

  /// Each table's row count.
  static func rowCounts(_ database: AppDatabase) throws -> [String: Int] {
    try database.read { db in
      var counts: [String: Int] = [:]
      for table in tables {
        counts[table.name] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0
      }
      return counts
    }
  }
}
