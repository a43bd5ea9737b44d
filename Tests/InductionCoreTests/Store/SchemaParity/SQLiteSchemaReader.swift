import InductionCore

/// An SQLite store's schema as SQLite reports it: `sqlite_master` and the `table_info`,
/// `index_list`, `index_xinfo` and `foreign_key_list` pragmas, with what no pragma gives (checks,
/// collations, AUTOINCREMENT, partial indexes' WHERE, triggers) read from the statements
/// `sqlite_master` keeps.
enum SQLiteSchemaReader {
  static func read(_ db: any SQLDatabase) throws -> SchemaDescription {
    var tables: [String: SchemaDescription.Table] = [:]
    for row in try db.fetchAll(
      sql: """
        SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
        ORDER BY name
        """, arguments: [])
    {
      let name = try row.decode("name", as: String.self)
      tables[name] = try table(name, sql: row.decode("sql"), db)
    }
    for row in try db.fetchAll(
      sql: "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'", arguments: [])
    {
      let table = try row.decode("tbl_name", as: String.self)
      let name = try row.decode("name", as: String.self)
      tables[table]?.triggers[name] = try trigger(row.decode("sql"))
    }
    return SchemaDescription(tables: tables)
  }

  /// What CREATE TABLE says of each column and of the table, beyond what the pragmas give.
  struct Definition {
    var collations: [String: String] = [:]
    var autoincrement: Set<String> = []
    var checks: [[SQLToken]] = []
  }

  static func definition(_ sql: String) throws -> Definition {
    let tokens = try SQLToken.tokens(sql)
    guard let open = tokens.firstIndex(where: { $0.isSymbol("(") }) else {
      throw SchemaReadError("no column list in \(sql)")
    }
    let close = try tokens.closingParenthesis(from: open)
    var definition = Definition()
    let tableConstraints = ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
    for part in Array(tokens[(open + 1)..<close]).splitAtTopLevelCommas() {
      var index = 0
      while index < part.count {
        if part[index].isKeyword("CHECK"), index + 1 < part.count, part[index + 1].isSymbol("(") {
          let end = try part.closingParenthesis(from: index + 1)
          definition.checks.append(Array(part[(index + 2)..<end]))
          index = end
        }
        index += 1
      }
      guard !tableConstraints.contains(where: part[0].isKeyword), let column = part[0].name else {
        continue
      }
      if let collate = part.firstIndex(where: { $0.isKeyword("COLLATE") }),
        let collation = part[collate + 1].name
      {
        definition.collations[column] = collation
      }
      if part.contains(where: { $0.isKeyword("AUTOINCREMENT") }) {
        definition.autoincrement.insert(column)
      }
    }
    return definition
  }

  static func table(_ name: String, sql: String, _ db: any SQLDatabase) throws
    -> SchemaDescription.Table
  {
    let definition = try definition(sql)
    var table = SchemaDescription.Table()
    let info = try db.fetchAll(sql: "SELECT * FROM pragma_table_info(?)", arguments: [name])
    let keyColumns = try info.filter { try $0.decode("pk", as: Int.self) > 0 }
      .sorted { try $0.decode("pk", as: Int.self) < $1.decode("pk", as: Int.self) }
    table.primaryKey = try keyColumns.map { try $0.decode("name") }
    for row in info {
      let column = try row.decode("name", as: String.self)
      let declared = try row.decode("type", as: String.self)
      let type = SchemaDescription.TypeFamily.sqlite(declared)
      // A rowid alias is never NULL: SQLite numbers a row given none.
      let isRowid = table.primaryKey == [column] && declared.uppercased() == "INTEGER"
      table.columns.append(
        SchemaDescription.Column(
          name: column, type: type,
          notNull: try row.decode("notnull", as: Int.self) == 1 || isRowid,
          collation: type.family == "text"
            ? collation(definition.collations[column] ?? "BINARY") : nil,
          defaultValue: try row.decode("dflt_value", as: String?.self).map {
            try SchemaExpression.parse($0).description
          },
          generated: definition.autoincrement.contains(column) ? "identity" : nil))
    }
    let columnNames = Set(table.columns.map(\.name))
    for tokens in definition.checks {
      let expression = try SchemaExpression.parse(tokens)
      table.checks[expression.description] = SchemaDescription.Check(
        expression: expression.description, columns: expression.columns.intersection(columnNames))
    }
    try readIndexes(of: name, into: &table, db)
    try readForeignKeys(of: name, into: &table, db)
    return table
  }

  /// SQLite's BINARY compares code points, as PostgreSQL's "C" does.
  static func collation(_ name: String) -> String {
    ["BINARY": "binary"][name.uppercased()] ?? name.lowercased()
  }

  static func readIndexes(
    of name: String, into table: inout SchemaDescription.Table, _ db: any SQLDatabase
  ) throws {
    for index in try db.fetchAll(sql: "SELECT * FROM pragma_index_list(?)", arguments: [name]) {
      let indexName = try index.decode("name", as: String.self)
      let origin = try index.decode("origin", as: String.self)
      let keys = try db.fetchAll(
        sql: "SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno",
        arguments: [indexName])
      var columns: [String] = []
      for key in keys {
        guard let column = try key.decode("name", as: String?.self) else {
          throw SchemaReadError("index \(indexName) on an expression")
        }
        var described = column
        if try key.decode("desc", as: Int.self) == 1 { described += " DESC" }
        let own = table.column(column)?.collation
        let used = collation(try key.decode("coll"))
        if own != nil && used != own { described += " COLLATE \(used)" }
        columns.append(described)
      }
      switch origin {
      case "pk": continue
      case "u": table.uniques.insert(columns)
      default:
        var predicate: String?
        if try index.decode("partial", as: Int.self) == 1 {
          let sql = try String.fetchOne(
            db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
            arguments: [indexName])
          let tokens = try SQLToken.tokens(sql ?? "")
          guard let whereAt = tokens.lastIndex(where: { $0.isKeyword("WHERE") }) else {
            throw SchemaReadError("partial index \(indexName) without WHERE")
          }
          predicate = try SchemaExpression.parse(Array(tokens[(whereAt + 1)...])).description
        }
        table.indexes[indexName] = SchemaDescription.Index(
          columns: columns, unique: try index.decode("unique", as: Int.self) == 1,
          predicate: predicate)
      }
    }
  }

  static func readForeignKeys(
    of name: String, into table: inout SchemaDescription.Table, _ db: any SQLDatabase
  ) throws {
    let rows = try db.fetchAll(
      sql: "SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq", arguments: [name])
    for (_, parts) in try Dictionary(grouping: rows, by: { try $0.decode("id", as: Int.self) }) {
      let referenced = try parts[0].decode("table", as: String.self)
      var referencedColumns = try parts.map { try $0.decode("to", as: String?.self) }
      if referencedColumns.contains(nil) {
        referencedColumns = try String.fetchAll(
          db, sql: "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
          arguments: [referenced])
      }
      table.foreignKeys.insert(
        SchemaDescription.ForeignKey(
          columns: try parts.map { try $0.decode("from") }, table: referenced,
          referencedColumns: referencedColumns.compactMap { $0 },
          onDelete: try parts[0].decode("on_delete"), onUpdate: try parts[0].decode("on_update")))
    }
  }

  /// A trigger from its CREATE TRIGGER statement.
  static func trigger(_ sql: String) throws -> SchemaDescription.Trigger {
    let tokens = try SQLToken.tokens(sql)
    guard let begin = tokens.firstIndex(where: { $0.isKeyword("BEGIN") }),
      let end = tokens.lastIndex(where: { $0.isKeyword("END") })
    else { throw SchemaReadError("no body in \(sql)") }
    let header = tokens[..<begin]
    let timing =
      header.contains(where: { $0.isKeyword("AFTER") })
      ? "AFTER" : header.contains(where: { $0.isKeyword("INSTEAD") }) ? "INSTEAD OF" : "BEFORE"
    guard
      let event = header.firstIndex(where: {
        $0.isKeyword("INSERT") || $0.isKeyword("UPDATE") || $0.isKeyword("DELETE")
      })
    else { throw SchemaReadError("no event in \(sql)") }
    var action = ""
    if let when = header.firstIndex(where: { $0.isKeyword("WHEN") }) {
      let condition = try SchemaExpression.parse(Array(tokens[(when + 1)..<begin]))
      action = "WHEN \(condition) "
    }
    let body = Array(tokens[(begin + 1)..<end])
    if body.count == 8, body[0].isKeyword("SELECT"), body[1].isKeyword("RAISE"),
      body[3].isKeyword("ABORT"), case .string(let message) = body[5]
    {
      action += "refuses '\(message)'"
    } else {
      action += body.map(\.description).joined(separator: " ")
    }
    return SchemaDescription.Trigger(
      timing: timing, event: tokens[event].name!.uppercased(), level: "ROW", action: action)
  }
}
