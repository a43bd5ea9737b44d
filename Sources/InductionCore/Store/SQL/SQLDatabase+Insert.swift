extension SQLDatabase {
  /// Inserts `rows` into `table` with one statement per `batch` rows (one round trip each to a
  /// server, one statement for SQLite to prepare), `suffix` (such as `ON CONFLICT DO NOTHING`)
  /// after each.
  func insert(
    into table: String, columns: [String], rows: [[any SQLValueConvertible]], suffix: String = "",
    batch: Int = 500
  ) throws {
    for start in stride(from: 0, to: rows.count, by: batch) {
      let chunk = rows[start..<min(start + batch, rows.count)]
      try execute(
        sql: """
          INSERT INTO \(table) (\(columns.joined(separator: ", ")))
          VALUES \(SQLPlaceholders.rows(chunk.count, columns: columns.count)) \(suffix)
          """,
        arguments: chunk.flatMap { $0 })
    }
  }
}

/// Placeholders for rows of values.
enum SQLPlaceholders {
  /// `(?, ?), (?, ?)` for `count` rows of `columns` values.
  static func rows(_ count: Int, columns: Int) -> String {
    let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
    return Array(repeating: row, count: count).joined(separator: ", ")
  }
}
