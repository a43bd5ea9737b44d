extension SQLDatabase {
  /// Inserts `rows` into `table` with one statement per `batch` rows (one round trip each to a
  /// server, one statement for SQLite to prepare), `suffix` (such as `ON CONFLICT DO NOTHING`)
  /// after each.
  func insert(
    into table: String, columns: [String], rows: [[any SQLValueConvertible]], suffix: String = "",
    batch: Int = 500
  ) throws {
    let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    for start in stride(from: 0, to: rows.count, by: batch) {
      let chunk = rows[start..<min(start + batch, rows.count)]
      try execute(
        sql: """
          INSERT INTO \(table) (\(columns.joined(separator: ", ")))
          VALUES \(Array(repeating: row, count: chunk.count).joined(separator: ", ")) \(suffix)
          """,
        arguments: chunk.flatMap { $0 })
    }
  }
}
