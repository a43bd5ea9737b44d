/// The store's `SQLDatabase` inside one PostgreSQL transaction. It lives only as long as the
/// transaction: the engine ends it before COMMIT or ROLLBACK.
final class PostgresSQLDatabase: SQLDatabase {
  var dialect: SQLDialect { .postgres }
  private let session: PostgresSession
  private(set) var isOpen = true

  init(session: PostgresSession) { self.session = session }

  /// Ends the transaction's use of the connection; cursors still open are closed by COMMIT or
  /// ROLLBACK.
  func end() { isOpen = false }

  func execute(sql: String, arguments: [any SQLValueConvertible]) throws {
    try SQLValue.refuseNul(in: arguments)
    let statements = try PostgresStatement.split(sql)
    try checkArguments(arguments.count, expected: statements.map(\.placeholderCount).reduce(0, +))
    var remaining = arguments[...]
    for statement in statements {
      _ = try run(statement.sql, Array(remaining.prefix(statement.placeholderCount)))
      remaining = remaining.dropFirst(statement.placeholderCount)
    }
  }

  func fetchAll(sql: String, arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
    try SQLValue.refuseNul(in: arguments)
    let statement = try single(sql, arguments: arguments)
    return try run(statement.sql, arguments)
  }

  /// A server-side cursor, so that several can be open at once on the one connection and none
  /// holds its whole result in memory.
  func fetchCursor(sql: String, arguments: [any SQLValueConvertible]) throws -> any SQLCursor {
    try SQLValue.refuseNul(in: arguments)
    let statement = try single(sql, arguments: arguments)
    let name = session.cursorName()
    _ = try run("DECLARE \(name) NO SCROLL CURSOR FOR \(statement.sql)", arguments)
    return PostgresCursor(database: self, name: name)
  }

  /// Nothing to do: PostgreSQL keeps no deleted rows where a reader of the database could see
  /// them, and VACUUM reclaims their space on the server (the README says how the server's files
  /// and backups must be kept).
  func overwriteDeletedContent() throws {}

  func run(_ sql: String, _ arguments: [any SQLValueConvertible]) throws -> [SQLRow] {
    precondition(isOpen, "a database was used after its transaction ended")
    return try session.run(sql, arguments, phase: .statement)
  }

  private func single(_ sql: String, arguments: [any SQLValueConvertible]) throws
    -> PostgresStatement
  {
    let statements = try PostgresStatement.split(sql)
    guard statements.count == 1 else {
      throw PostgresStatementError(reason: "holds \(statements.count) statements where one is read")
    }
    try checkArguments(arguments.count, expected: statements[0].placeholderCount)
    return statements[0]
  }

  private func checkArguments(_ count: Int, expected: Int) throws {
    guard count == expected else {
      throw PostgresStatementError(reason: "has \(expected) placeholders but \(count) arguments")
    }
  }
}

/// Rows of a server-side cursor, fetched in batches.
final class PostgresCursor: SQLCursor {
  private static let batchSize = 2000
  private let database: PostgresSQLDatabase
  private let name: String
  private var buffer: [SQLRow] = []
  private var position = 0
  private var isExhausted = false

  init(database: PostgresSQLDatabase, name: String) {
    self.database = database
    self.name = name
  }

  func next() throws -> SQLRow? {
    if position == buffer.count {
      guard !isExhausted else { return nil }
      buffer = try database.run("FETCH FORWARD \(Self.batchSize) FROM \(name)", [])
      position = 0
      if buffer.count < Self.batchSize {
        isExhausted = true
        _ = try database.run("CLOSE \(name)", [])
      }
      guard !buffer.isEmpty else { return nil }
    }
    defer { position += 1 }
    return buffer[position]
  }
}
