/// The column names of a result, shared by its rows.
public final class SQLColumns: Sendable {
  /// The names, in order.
  public let names: [String]
  private let indexes: [String: Int]

  /// Columns named `names`.
  public init(_ names: [String]) {
    self.names = names
    var indexes: [String: Int] = [:]
    for (index, name) in names.enumerated() where indexes[name] == nil { indexes[name] = index }
    self.indexes = indexes
  }

  /// The index of `name`, or nil.
  public func index(of name: String) -> Int? { indexes[name] }
}

/// One result row, read by column index or name.
public struct SQLRow: Sendable {
  /// The values, in column order.
  public let values: [SQLValue]
  /// The columns.
  public let columns: SQLColumns

  /// A row of `values` under `columns`.
  public init(values: [SQLValue], columns: SQLColumns) {
    self.values = values
    self.columns = columns
  }

  /// Whether the value at `index` is NULL.
  public func hasNull(atIndex index: Int) -> Bool {
    values.indices.contains(index) && values[index] == .null
  }

  /// The value at `index`, or an error naming the column when it is of another kind.
  public func decode<T: SQLValueConvertible>(atIndex index: Int, as type: T.Type = T.self) throws
    -> T
  {
    guard values.indices.contains(index) else {
      throw SQLDecodingError(column: "\(index)", expected: "a value (no such column)")
    }
    guard let value = T(sqlValue: values[index]) else {
      throw SQLDecodingError(column: columns.names[index], expected: "\(T.self)")
    }
    return value
  }

  /// The value in the column `name`, or an error when there is no such column or it holds
  /// another kind.
  public func decode<T: SQLValueConvertible>(_ name: String, as type: T.Type = T.self) throws -> T {
    guard let index = columns.index(of: name) else {
      throw SQLDecodingError(column: name, expected: "a value (no such column)")
    }
    return try decode(atIndex: index)
  }
}
