/// One connection inside a transaction, as the store's code sees it whichever engine is underneath.
/// Statements use `?` placeholders; the PostgreSQL engine numbers them.
public protocol SQLDatabase: AnyObject {
  /// Which engine, for the few statements that differ.
  var dialect: SQLDialect { get }
  /// Runs a statement that returns no rows.
  func execute(sql: String, arguments: [any SQLValueConvertible]) throws
  /// Runs a query and reads all its rows.
  func fetchAll(sql: String, arguments: [any SQLValueConvertible]) throws -> [SQLRow]
  /// Runs a query whose rows are read one at a time, for results too large to hold. Several
  /// cursors may be open at once, within the transaction that opened them.
  func fetchCursor(sql: String, arguments: [any SQLValueConvertible]) throws -> any SQLCursor
  /// Makes deleted personal details unrecoverable from the file where the engine supports it.
  func overwriteDeletedContent() throws
}

/// Rows read one at a time.
public protocol SQLCursor: AnyObject {
  /// The next row, or nil at the end.
  func next() throws -> SQLRow?
}

/// The statements that cannot be written once for both engines.
public enum SQLDialect: Sendable {
  /// SQLite, the embedded default.
  case sqlite
  /// PostgreSQL, shared by several PCs.
  case postgres

  /// The column that orders rows of `guidance_version` and `translation_version` as they were
  /// first stored.
  public var insertionOrder: String {
    switch self {
    case .sqlite: "rowid"
    case .postgres: "insertion_order"
    }
  }

  /// Joins `expression` over a group with `separator` (an SQL string literal), in `order`.
  public func joined(_ expression: String, separator: String, orderedBy order: String) -> String {
    switch self {
    case .sqlite: "group_concat(\(expression), \(separator))"
    case .postgres: "string_agg(\(expression), \(separator) ORDER BY \(order))"
    }
  }
}

extension SQLDatabase {
  /// Runs a statement without arguments.
  public func execute(sql: String) throws { try execute(sql: sql, arguments: []) }

  /// The first row, or nil.
  public func fetchOne(sql: String, arguments: [any SQLValueConvertible] = []) throws -> SQLRow? {
    try fetchAll(sql: sql, arguments: arguments).first
  }
}

extension SQLRow {
  /// All rows of a query.
  public static func fetchAll(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> [SQLRow] {
    try db.fetchAll(sql: sql, arguments: arguments)
  }

  /// The first row of a query, or nil.
  public static func fetchOne(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> SQLRow? {
    try db.fetchOne(sql: sql, arguments: arguments)
  }

  /// The rows of a query, one at a time.
  public static func fetchCursor(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> any SQLCursor {
    try db.fetchCursor(sql: sql, arguments: arguments)
  }
}

extension SQLValueConvertible {
  /// The first column of the first row, or nil when there is no row or it is NULL.
  public static func fetchOne(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> Self? {
    guard let row = try db.fetchOne(sql: sql, arguments: arguments), !row.hasNull(atIndex: 0)
    else { return nil }
    return try row.decode(atIndex: 0)
  }

  /// The first column of every row.
  public static func fetchAll(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> [Self] {
    try db.fetchAll(sql: sql, arguments: arguments).map { try $0.decode(atIndex: 0) }
  }
}
