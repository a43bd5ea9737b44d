import Foundation

extension AppDatabase {
  /// Induction's own triggers and functions: anything else on its tables was added by someone.
  static let ownTriggers: Set<String> = [
    "ledger_no_update", "ledger_no_delete", "ledger_no_truncate",
  ]
  static let ownFunctions: Set<String> = ["ledger_append_only"]
  static let ownTables: Set<String> = Set(StoreCopy.tables.map(\.name)).union([
    "grdb_migrations", "schema_migrations", "sqlite_sequence", "web_session",
  ])

  /// Triggers, rules, policies, views, functions and tables in the store that Induction did not
  /// create, each as `kind name` (`trigger copy_names on personal_details`). A trigger can copy
  /// every name typed into a hidden table, which `erase` never clears, or rewrite what is stored
  /// around the signatures; none of it is under a signature, so `verify` and `migrate` name it.
  public func foreignObjects() throws -> [String] {
    try read { db in
      if engine is SQLiteEngine {
        return try SchemaObject.fetchAll(
          db,
          sql: """
            SELECT type, name, tbl_name FROM sqlite_master
            WHERE type IN ('trigger', 'view', 'table') ORDER BY type, name
            """
        ).compactMap { object -> String? in
          let (name, table) = (object.name, object.table)
          switch object.kind {
          case "trigger":
            return Self.ownTriggers.contains(name) ? nil : "trigger \(name) on \(table)"
          case "table":
            return Self.ownTables.contains(name) || name.hasPrefix("sqlite_")
              ? nil : "table \(name)"
          default: return "view \(name)"
          }
        }
      }
      let schema = "n.nspname = current_schema()"
      var found: [String] = []
      for trigger in try SchemaObject.fetchAll(
        db,
        sql: """
          SELECT 'trigger', t.tgname::text, c.relname::text FROM pg_trigger t
          JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE NOT t.tgisinternal AND \(schema) ORDER BY t.tgname
          """)
      where !Self.ownTriggers.contains(trigger.name) {
        found.append("trigger \(trigger.name) on \(trigger.table)")
      }
      for rule in try SchemaObject.fetchAll(
        db,
        sql: """
          SELECT 'rule', r.rulename::text, c.relname::text FROM pg_rewrite r
          JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE r.rulename <> '_RETURN' AND \(schema) ORDER BY r.rulename
          """)
      {
        found.append("rule \(rule.name) on \(rule.table)")
      }
      for policy in try SchemaObject.fetchAll(
        db,
        sql: """
          SELECT 'policy', p.polname::text, c.relname::text FROM pg_policy p
          JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE \(schema) ORDER BY p.polname
          """)
      {
        found.append("policy \(policy.name) on \(policy.table)")
      }
      for relation in try SchemaObject.fetchAll(
        db,
        sql: """
          SELECT c.relkind::text, c.relname::text, c.relname::text FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND \(schema) ORDER BY c.relname
          """)
      {
        let (name, kind) = (relation.name, relation.kind)
        if kind == "r" && Self.ownTables.contains(name) { continue }
        found.append((kind == "r" || kind == "p" ? "table " : "view ") + name)
      }
      for function in try SchemaObject.fetchAll(
        db,
        sql: """
          SELECT 'function', p.proname::text, p.proname::text FROM pg_proc p
          JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE \(schema) ORDER BY p.proname
          """)
      where !Self.ownFunctions.contains(function.name) {
        found.append("function \(function.name)")
      }
      return found
    }
  }
}

/// An object in the schema as a catalogue lists it: its kind, its name and the table it belongs to
/// (its own name when it is one). Each catalogue spells these differently, so each query selects
/// them in this order.
private struct SchemaObject: SQLRecord {
  enum Column: Int, SQLRecordColumn { case kind, name, table }

  var kind: String
  var name: String
  var table: String

  init(row: SQLRow) throws {
    kind = try row.decode(Column.kind)
    name = try row.decode(Column.name)
    table = try row.decode(Column.table)
  }
}
