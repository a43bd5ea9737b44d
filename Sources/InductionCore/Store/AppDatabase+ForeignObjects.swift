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
        return try db.fetchAll(
          sql: """
            SELECT type, name, tbl_name FROM sqlite_master
            WHERE type IN ('trigger', 'view', 'table') ORDER BY type, name
            """, arguments: []
        ).compactMap { row -> String? in
          let type: String = row["type"]
          let name: String = row["name"]
          let table: String = row["tbl_name"]
          switch type {
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
      for row in try db.fetchAll(
        sql: """
          SELECT t.tgname::text AS name, c.relname::text AS tbl FROM pg_trigger t
          JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE NOT t.tgisinternal AND \(schema) ORDER BY t.tgname
          """, arguments: [])
      {
        let name: String = row["name"]
        if !Self.ownTriggers.contains(name) {
          found.append("trigger \(name) on \(row["tbl"] as String)")
        }
      }
      for row in try db.fetchAll(
        sql: """
          SELECT r.rulename::text AS name, c.relname::text AS tbl FROM pg_rewrite r
          JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE r.rulename <> '_RETURN' AND \(schema) ORDER BY r.rulename
          """, arguments: [])
      {
        found.append("rule \(row["name"] as String) on \(row["tbl"] as String)")
      }
      for row in try db.fetchAll(
        sql: """
          SELECT p.polname::text AS name, c.relname::text AS tbl FROM pg_policy p
          JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE \(schema) ORDER BY p.polname
          """, arguments: [])
      {
        found.append("policy \(row["name"] as String) on \(row["tbl"] as String)")
      }
      for row in try db.fetchAll(
        sql: """
          SELECT c.relname::text AS name, c.relkind::text AS kind FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'v', 'm', 'p', 'f') AND \(schema) ORDER BY c.relname
          """, arguments: [])
      {
        let name: String = row["name"]
        let kind: String = row["kind"]
        if kind == "r" && Self.ownTables.contains(name) { continue }
        found.append((kind == "r" || kind == "p" ? "table " : "view ") + name)
      }
      for row in try db.fetchAll(
        sql: """
          SELECT p.proname::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE \(schema) ORDER BY p.proname
          """, arguments: [])
      {
        let name: String = row["name"]
        if !Self.ownFunctions.contains(name) { found.append("function \(name)") }
      }
      return found
    }
  }
}
