/// A value read from one result row of either engine in ``init(row:)``, which throws (never stops
/// the program) on a missing column or a value of the wrong kind.
protocol SQLRowDecodable {
  /// The value in `row`.
  init(row: SQLRow) throws
}

/// A record whose columns are named once, in ``columns``, and read in that order by
/// ``SQLRowDecodable/init(row:)``.
protocol SQLRecord: SQLRowDecodable {
  /// The select list's expressions, in the order ``SQLRowDecodable/init(row:)`` reads them.
  static var columns: [String] { get }
}

extension SQLRecord {
  /// ``columns`` as a select list (`a, b, c`).
  static var selection: String { columns.joined(separator: ", ") }

  /// ``columns`` (plain column names) qualified by `table`, as a select list (`t.a, t.b`).
  static func selection(of table: String) -> String {
    columns.map { "\(table).\($0)" }.joined(separator: ", ")
  }
}

extension SQLRowDecodable {
  /// The values of every row of a query.
  static func fetchAll(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> [Self] {
    try db.fetchAll(sql: sql, arguments: arguments).map(Self.init(row:))
  }

  /// The value of the first row of a query, or nil when there is none.
  static func fetchOne(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> Self? {
    try db.fetchOne(sql: sql, arguments: arguments).map(Self.init(row:))
  }
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
final class SQLRecordCursor<Record: SQLRowDecodable> {
  private let cursor: any SQLCursor

  init(_ cursor: any SQLCursor) { self.cursor = cursor }

  /// The next record, or nil at the end.
  func next() throws -> Record? { try cursor.next().map(Record.init(row:)) }
}

extension SQLRowDecodable {
  /// All records of a query with named text parameters.
  static func fetchAll(_ db: any SQLDatabase, sql: String, named: [String: String?]) throws
    -> [Self]
  {
    try db.fetchAll(sql: sql, named: named).map(Self.init(row:))
  }
}
