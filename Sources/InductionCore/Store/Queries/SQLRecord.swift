/// A row of one query's result, read by column position.
protocol SQLRecord {
  /// The record in `row`; a value of the wrong kind is an error naming its column.
  init(row: SQLRow) throws
}

/// The columns of a record's query, in SELECT order: a case's raw value is its index in the row,
/// so the SELECT list and the reads cannot drift apart.
protocol SQLRecordColumn: CaseIterable, RawRepresentable where RawValue == Int {}

extension SQLRecordColumn {
  /// Each column's expression as `expression AS name`, joined into a SELECT list.
  static func selectList(_ expression: (Self) -> String) -> String {
    allCases.map { "\(expression($0)) AS \($0)" }.joined(separator: ", ")
  }
}

/// Rows of a query read one at a time as records.
final class SQLRecordCursor<Record: SQLRecord> {
  private let cursor: any SQLCursor

  init(_ cursor: any SQLCursor) { self.cursor = cursor }

  /// The next record, or nil at the end.
  func next() throws -> Record? { try cursor.next().map(Record.init(row:)) }
}

extension SQLRecord {
  /// All records of a query.
  static func fetchAll(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> [Self] {
    try db.fetchAll(sql: sql, arguments: arguments).map(Self.init(row:))
  }

  /// All records of a query with named text parameters.
  static func fetchAll(_ db: any SQLDatabase, sql: String, named: [String: String?]) throws
    -> [Self]
  {
    try db.fetchAll(sql: sql, named: named).map(Self.init(row:))
  }

  /// The first record of a query, or nil.
  static func fetchOne(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> Self? {
    try db.fetchOne(sql: sql, arguments: arguments).map(Self.init(row:))
  }
}
