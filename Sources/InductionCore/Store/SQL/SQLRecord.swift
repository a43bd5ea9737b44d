/// A value read from one result row of either engine in ``init(row:)``, which throws (never stops
/// the program) on a missing column or a value of the wrong kind.
protocol SQLRowDecodable {
  /// The value in `row`.
  init(row: SQLRow) throws
}

/// The columns of a record's query, in SELECT order: a case's raw value is its index in the row and
/// its ``name`` the column it reads, so the select list and the reads cannot drift apart.
protocol SQLRecordColumn: CaseIterable, RawRepresentable where RawValue == Int {
  /// The column's name in its table, or its alias in a select list.
  var name: String { get }
}

extension SQLRecordColumn {
  /// The case's name in snake case: `lastFailureAt` reads `last_failure_at`, `guidanceSHA256`
  /// reads `guidance_sha256`.
  var name: String { SQLName.snakeCase("\(self)") }

  /// Every column's name, as a select list (`a, b, c`).
  static var selection: String { allCases.map(\.name).joined(separator: ", ") }

  /// Every column's name qualified by `table`, as a select list (`t.a, t.b`).
  static func selection(of table: String) -> String {
    allCases.map { "\(table).\($0.name)" }.joined(separator: ", ")
  }

  /// Each column's expression, named (`expression AS name`) unless it is the bare name, as a
  /// select list.
  static func selectList(_ expression: (Self) -> String) -> String {
    allCases.map { column in
      let value = expression(column)
      return value == column.name ? value : "\(value) AS \(column.name)"
    }.joined(separator: ", ")
  }
}

/// A record whose columns are the cases of its ``Column`` enum, read by ``init(row:)`` in that
/// order.
protocol SQLRecord: SQLRowDecodable {
  /// The record's columns, in SELECT order.
  associatedtype Column: SQLRecordColumn
}

extension SQLRecord {
  /// The record's columns, as a select list (`a, b, c`).
  static var selection: String { Column.selection }

  /// The record's columns qualified by `table`, as a select list (`t.a, t.b`).
  static func selection(of table: String) -> String { Column.selection(of: table) }
}

extension SQLRow {
  /// The value of a record's `column`, or an error naming it when it holds another kind.
  func decode<Column: SQLRecordColumn, T: SQLValueConvertible>(
    _ column: Column, as type: T.Type = T.self
  ) throws -> T {
    try decode(atIndex: column.rawValue)
  }

  /// The value of `column` of a record whose columns start at index `start` of the row.
  func decode<Column: SQLRecordColumn, T: SQLValueConvertible>(
    _ column: Column, from start: Int, as type: T.Type = T.self
  ) throws -> T {
    try decode(atIndex: start + column.rawValue)
  }
}

/// How a Swift name is spelled in SQL.
enum SQLName {
  /// `name` in snake case: an underscore before each capital that follows a small letter or a
  /// digit, then all in small letters.
  static func snakeCase(_ name: String) -> String {
    var result = ""
    var previous: Character?
    for character in name {
      if character.isUppercase, let before = previous, before.isLowercase || before.isNumber {
        result.append("_")
      }
      result.append(contentsOf: character.lowercased())
      previous = character
    }
    return result
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

  /// All records of a query with named text parameters.
  static func fetchAll(_ db: any SQLDatabase, sql: String, named: [String: String?]) throws
    -> [Self]
  {
    try db.fetchAll(sql: sql, named: named).map(Self.init(row:))
  }
}

/// Rows of a query read one at a time as records.
final class SQLRecordCursor<Record: SQLRowDecodable> {
  private let cursor: any SQLCursor

  init(_ cursor: any SQLCursor) { self.cursor = cursor }

  /// The next record, or nil at the end.
  func next() throws -> Record? { try cursor.next().map(Record.init(row:)) }
}
