import InductionCore

/// A PostgreSQL store's schema as `pg_catalog` reports it for the current schema: columns with
/// `format_type`, NOT NULL, collation, default and identity; constraints with `pg_get_expr`;
/// indexes that back no constraint with each key column's order and collation; triggers with
/// their events and the body of the function they run.
enum PostgresSchemaReader {
  static func read(_ db: any SQLDatabase) throws -> SchemaDescription {
    var tables: [String: SchemaDescription.Table] = [:]
    let schema = "n.nspname = current_schema()"
    for row in try db.fetchAll(
      sql: """
        SELECT c.relname::text AS tbl, a.attname::text AS name,
          format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
          coll.collname::text AS collation, pg_get_expr(d.adbin, d.adrelid) AS default_value,
          a.attidentity::text AS identity, a.attgenerated::text AS generated
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
        WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND \(schema)
        ORDER BY c.relname, a.attnum
        """, arguments: [])
    {
      let type = SchemaDescription.TypeFamily.postgres(try row.decode("type"))
      var defaultValue = try row.decode("default_value", as: String?.self)
      let identity = try row.decode("identity", as: String.self)
      var generated: String? = ["d": "identity", "a": "identity always"][identity]
      if try row.decode("generated", as: String.self) == "s" {
        generated = "stored \(defaultValue ?? "")"
        defaultValue = nil
      } else if let value = defaultValue, value.hasPrefix("nextval(") {
        generated = "serial"
        defaultValue = nil
      }
      let table = try row.decode("tbl", as: String.self)
      tables[table, default: SchemaDescription.Table()].columns.append(
        SchemaDescription.Column(
          name: try row.decode("name"), type: type, notNull: try row.decode("not_null"),
          collation: try row.decode("collation", as: String?.self).map(collation),
          defaultValue: try defaultValue.map { try SchemaExpression.parse($0).description },
          generated: generated))
    }
    try readConstraints(into: &tables, db, schema: schema)
    try readIndexes(into: &tables, db, schema: schema)
    try readTriggers(into: &tables, db, schema: schema)
    return SchemaDescription(tables: tables)
  }

  /// "C" and "POSIX" compare code points, as SQLite's BINARY does; "default" is the database's
  /// locale, which need not.
  static func collation(_ name: String) -> String {
    ["C": "binary", "POSIX": "binary"][name] ?? name.lowercased()
  }

  /// The names of `array`'s column numbers of table `relation`, in order, as one text.
  static func columnNames(_ array: String, of relation: String) -> String {
    """
    (SELECT string_agg(a.attname::text, ',' ORDER BY k.ord)
      FROM unnest(\(array)) WITH ORDINALITY AS k(attnum, ord)
      JOIN pg_attribute a ON a.attrelid = \(relation) AND a.attnum = k.attnum)
    """
  }

  static func readConstraints(
    into tables: inout [String: SchemaDescription.Table], _ db: any SQLDatabase, schema: String
  ) throws {
    let actions = [
      "a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT",
    ]
    for row in try db.fetchAll(
      sql: """
        SELECT c.relname::text AS tbl, con.contype::text AS kind, con.convalidated AS validated,
          pg_get_expr(con.conbin, con.conrelid) AS expression,
          \(columnNames("con.conkey", of: "con.conrelid")) AS columns,
          (SELECT relname::text FROM pg_class WHERE oid = con.confrelid) AS referenced,
          \(columnNames("con.confkey", of: "con.confrelid")) AS referenced_columns,
          con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE con.contype IN ('p', 'u', 'c', 'f') AND \(schema)
        """, arguments: [])
    {
      let name = try row.decode("tbl", as: String.self)
      guard var table = tables[name] else { continue }
      let columns = try row.decode("columns", as: String?.self)?.split(separator: ",").map(
        String.init)
      switch try row.decode("kind", as: String.self) {
      case "p": table.primaryKey = columns ?? []
      case "u": table.uniques.insert(columns ?? [])
      case "c":
        let blobs = Set(table.columns.filter { $0.type.family == "blob" }.map(\.name))
        let expression = try SchemaExpression.parse(row.decode("expression"), blobColumns: blobs)
        table.checks[expression.description] = SchemaDescription.Check(
          expression: expression.description,
          columns: expression.columns.intersection(table.columns.map(\.name)),
          validated: try row.decode("validated"))
      default:
        table.foreignKeys.insert(
          SchemaDescription.ForeignKey(
            columns: columns ?? [], table: try row.decode("referenced"),
            referencedColumns: try row.decode("referenced_columns", as: String.self)
              .split(separator: ",").map(String.init),
            onDelete: actions[try row.decode("on_delete", as: String.self)] ?? "?",
            onUpdate: actions[try row.decode("on_update", as: String.self)] ?? "?"))
      }
      tables[name] = table
    }
  }

  static func readIndexes(
    into tables: inout [String: SchemaDescription.Table], _ db: any SQLDatabase, schema: String
  ) throws {
    for row in try db.fetchAll(
      sql: """
        SELECT t.relname::text AS tbl, i.relname::text AS name, ix.indisunique AS is_unique,
          pg_get_expr(ix.indpred, ix.indrelid) AS predicate, am.amname::text AS method,
          (SELECT string_agg(pg_get_indexdef(ix.indexrelid, k, true)
              || CASE WHEN ix.indoption[k - 1] & 1 = 1 THEN ' DESC' ELSE '' END
              || '|' || COALESCE((SELECT collname::text FROM pg_collation
                WHERE oid = ix.indcollation[k - 1]), ''), ',' ORDER BY k)
            FROM generate_series(1, ix.indnkeyatts) AS k) AS keys
        FROM pg_index ix
        JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam
        JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE \(schema) AND NOT EXISTS (SELECT 1 FROM pg_constraint con
          WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u', 'x'))
        """, arguments: [])
    {
      let name = try row.decode("tbl", as: String.self)
      guard var table = tables[name] else { continue }
      var columns: [String] = []
      for key in try row.decode("keys", as: String.self).split(separator: ",") {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        var described = parts[0]
        let column = parts[0].hasSuffix(" DESC") ? String(parts[0].dropLast(5)) : parts[0]
        let own = table.column(column)?.collation
        if let own, !parts[1].isEmpty, collation(parts[1]) != own {
          described += " COLLATE \(collation(parts[1]))"
        }
        columns.append(described)
      }
      let method = try row.decode("method", as: String.self)
      if method != "btree" { columns.append("USING \(method)") }
      let index = try row.decode("name", as: String.self)
      table.indexes[index] = SchemaDescription.Index(
        columns: columns, unique: try row.decode("is_unique"),
        predicate: try row.decode("predicate", as: String?.self).map {
          try SchemaExpression.parse($0).description
        })
      tables[name] = table
    }
  }

  static func readTriggers(
    into tables: inout [String: SchemaDescription.Table], _ db: any SQLDatabase, schema: String
  ) throws {
    for row in try db.fetchAll(
      sql: """
        SELECT c.relname::text AS tbl, t.tgname::text AS name, t.tgtype::bigint AS type,
          t.tgenabled::text AS enabled, p.proname::text AS function, p.prosrc AS source,
          pg_get_triggerdef(t.oid) AS definition, t.tgqual IS NOT NULL AS has_when
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE NOT t.tgisinternal AND \(schema)
        """, arguments: [])
    {
      let name = try row.decode("tbl", as: String.self)
      let type = try row.decode("type", as: Int.self)
      let events = [(4, "INSERT"), (8, "DELETE"), (16, "UPDATE"), (32, "TRUNCATE")]
        .filter { type & $0.0 != 0 }.map(\.1)
      var action = ""
      if try row.decode("has_when") {
        let tokens = try SQLToken.tokens(row.decode("definition"))
        guard let when = tokens.firstIndex(where: { $0.isKeyword("WHEN") }),
          let execute = tokens.lastIndex(where: { $0.isKeyword("EXECUTE") })
        else { throw SchemaReadError("trigger \(name) without its WHEN") }
        let condition = try SchemaExpression.parse(Array(tokens[(when + 1)..<execute]))
        action = "WHEN \(condition) "
      }
      let body = try SQLToken.tokens(row.decode("source"))
      if body.count == 10, body[0].isKeyword("BEGIN"), body[1].isKeyword("RAISE"),
        body[2].isKeyword("EXCEPTION"), case .string(let message) = body[3],
        body[4].isKeyword("USING"), body[5].isKeyword("ERRCODE"),
        body[7] == .string("integrity_constraint_violation"), body[9].isKeyword("END")
      {
        action += "refuses '\(message)'"
      } else {
        action +=
          "\(try row.decode("function", as: String.self)): "
          + body.map(\.description).joined(separator: " ")
      }
      let trigger = try row.decode("name", as: String.self)
      tables[name]?.triggers[trigger] = SchemaDescription.Trigger(
        timing: type & 64 != 0 ? "INSTEAD OF" : type & 2 != 0 ? "BEFORE" : "AFTER",
        event: events.joined(separator: " OR "), level: type & 1 != 0 ? "ROW" : "STATEMENT",
        action: action, enabled: try row.decode("enabled", as: String.self) != "D")
    }
  }
}
