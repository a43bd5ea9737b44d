/// Named text parameters (`:since`) for the long report queries, turned into positional ones both
/// engines accept. Each becomes `CAST(? AS TEXT)`, so PostgreSQL knows its type even when it is
/// NULL (`:since IS NULL`).
enum SQLNamedArguments {
  /// `sql` with every `:name` replaced, and the arguments in the order they now appear. A name
  /// missing from `values` binds NULL.
  static func expand(_ sql: String, _ values: [String: String?]) -> (
    sql: String, arguments: [any SQLValueConvertible]
  ) {
    var output = ""
    var arguments: [any SQLValueConvertible] = []
    var characters = sql[...]
    var inLiteral = false
    while let character = characters.first {
      characters = characters.dropFirst()
      if character == "'" { inLiteral.toggle() }
      guard character == ":", !inLiteral, let first = characters.first, first.isLetter,
        output.last != ":"
      else {
        output.append(character)
        continue
      }
      let name = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
      characters = characters.dropFirst(name.count)
      output += "CAST(? AS TEXT)"
      arguments.append(values[String(name)] ?? nil)
    }
    return (output, arguments)
  }
}

extension SQLDatabase {
  /// All rows of a query with named text parameters.
  func fetchAll(sql: String, named values: [String: String?]) throws -> [SQLRow] {
    let query = SQLNamedArguments.expand(sql, values)
    return try fetchAll(sql: query.sql, arguments: query.arguments)
  }

  /// The rows of a query with named text parameters, one at a time.
  func fetchCursor(sql: String, named values: [String: String?]) throws -> any SQLCursor {
    let query = SQLNamedArguments.expand(sql, values)
    return try fetchCursor(sql: query.sql, arguments: query.arguments)
  }
}
