import Foundation
import GRDB
import GRDBSQLite

/// A GRDB connection seen through ``SQLDatabase``.
final class SQLiteConnection: SQLDatabase {
  private let db: Database

  init(_ db: Database) { self.db = db }

  var dialect: SQLDialect { .sqlite }

  func execute(sql: String, arguments: [any SQLValueConvertible]) throws {
    try SQLValue.refuseNul(in: arguments)
    // One statement is compiled once per connection and kept (a signing runs the same dozen on
    // every kiosk); a script of several is compiled each time.
    if sql.contains(";") {
      try db.execute(sql: sql, arguments: Self.arguments(arguments))
    } else {
      try db.cachedStatement(sql: sql).execute(arguments: Self.arguments(arguments))
    }
  }

  func fetchAll(sql: String, arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
    try SQLValue.refuseNul(in: arguments)
    // All rows are read before returning, so a kept statement is never stepped by two readers.
    let statement = try db.cachedStatement(sql: sql)
    let cursor = SQLiteCursor(
      try GRDB.Row.fetchCursor(statement, arguments: Self.arguments(arguments)), statement)
    var rows: [SQLRow] = []
    while let row = try cursor.next() { rows.append(row) }
    return rows
  }

  func fetchCursor(sql: String, arguments: [any SQLValueConvertible]) throws -> any SQLCursor {
    try SQLValue.refuseNul(in: arguments)
    let statement = try db.makeStatement(sql: sql)
    return SQLiteCursor(
      try GRDB.Row.fetchCursor(statement, arguments: Self.arguments(arguments)), statement)
  }

  func overwriteDeletedContent() throws { try db.execute(sql: "PRAGMA secure_delete = ON") }

  static func arguments(_ values: [any SQLValueConvertible]) -> StatementArguments {
    StatementArguments(values.map { databaseValue($0.sqlValue) })
  }

  static func databaseValue(_ value: SQLValue) -> DatabaseValue {
    switch value {
    case .null: .null
    case .integer(let integer): integer.databaseValue
    case .real(let real): real.databaseValue
    case .text(let text): text.databaseValue
    case .blob(let blob): blob.databaseValue
    }
  }

  static func value(_ value: DatabaseValue) -> SQLValue {
    switch value.storage {
    case .null: .null
    case .int64(let integer): .integer(integer)
    case .double(let real): .real(real)
    case .string(let text): .text(text)
    case .blob(let blob): .blob(blob)
    }
  }
}

/// A GRDB row cursor that copies each row out (GRDB reuses its row between steps).
final class SQLiteCursor: SQLCursor {
  private let cursor: RowCursor
  private let statement: Statement
  private var columns: SQLColumns?

  /// A cursor stepping `statement`.
  init(_ cursor: RowCursor, _ statement: Statement) {
    self.cursor = cursor
    self.statement = statement
  }

  func next() throws -> SQLRow? {
    guard let row = try cursor.next() else { return nil }
    let columns = self.columns ?? SQLColumns(Array(row.columnNames))
    self.columns = columns
    // Read from the statement itself: going through `Row`'s generic subscript cost an export a
    // tenth of its time.
    let statement = statement.sqliteStatement
    var values: [SQLValue] = []
    values.reserveCapacity(row.count)
    for index in 0..<CInt(row.count) {
      values.append(
        sqlite3_column_type(statement, index) == SQLITE_TEXT
          ? .text(Self.wholeText(statement, index))
          : SQLiteConnection.value(DatabaseValue(sqliteStatement: statement, index: index)))
    }
    return SQLRow(values: values, columns: columns)
  }

  /// The whole text at `index`, its length as SQLite stores it: GRDB reads text as a C string,
  /// which would stop at a NUL an edit put in and hide what follows from `verify`.
  private static func wholeText(_ statement: SQLiteStatement, _ index: CInt) -> String {
    guard let bytes = sqlite3_column_text(statement, index) else { return "" }
    let count = Int(sqlite3_column_bytes(statement, index))
    return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  }
}
