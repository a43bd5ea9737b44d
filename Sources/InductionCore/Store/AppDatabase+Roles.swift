import Foundation

/// Why the rights of a day-to-day role were not granted.
public enum RoleGrantRefusal: Error, Equatable {
  /// Roles belong to PostgreSQL; the SQLite file has none.
  case notShared
  /// No role of that name exists on the server.
  case noSuchRole(role: String)
  /// The role connected is not the owner of Induction's tables, so it cannot grant on them.
  case notOwner(connected: String, owner: String)
  /// The role is a superuser, or the tables' owner or one of its members: it can already do
  /// anything to the tables, triggers included.
  case tooPowerful(role: String, reason: String)
  /// The role may create objects in the schema or the database (any role may in the `public`
  /// schema before PostgreSQL 15), which only a superuser or the schema's owner can take away.
  case mayCreate(role: String, place: String)
}

/// What ``AppDatabase/grantDayToDayRights(to:)`` granted.
public struct RoleGrant: Equatable, Sendable {
  /// Tables the role may read and write (the ledger not among them).
  public var readWriteTables: Int
  /// The tables' owner, who keeps every right to change the schema.
  public var owner: String
}

extension AppDatabase {
  /// Tables the day-to-day role may only read: the ledger it may also add to, never change.
  static let readOnlyTables: Set<String> = ["schema_migrations"]

  /// Gives `role` exactly what a PC needs day to day on this PostgreSQL database: read and write
  /// on Induction's tables, insert and read on the ledger and read on its migration list; no
  /// TRUNCATE, TRIGGER or REFERENCES, and no right to create anything. Whoever holds that role
  /// can then neither add a trigger that copies names nor rewrite the schema. Run as the tables'
  /// owner, who keeps those rights and runs migrations; run again after an upgrade.
  public func grantDayToDayRights(to role: String) throws -> RoleGrant {
    guard engine.dialect == .postgres else { throw RoleGrantRefusal.notShared }
    return try write { db in
      let (connected, owner) = try Self.connectedRoleAndOwner(db)
      let role = try Self.checkRole(role, owner: owner, db)
      let ownsTables = try Bool.fetchOne(
        db, sql: "SELECT pg_has_role(current_user, ?::text::name, 'USAGE') AS owns",
        arguments: [owner])
      guard ownsTables == true else {
        throw RoleGrantRefusal.notOwner(connected: connected, owner: owner)
      }
      let present = try String.fetchAll(
        db,
        sql: """
          SELECT c.relname::text AS name FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind = 'r' AND n.nspname = current_schema() ORDER BY c.relname
          """
      ).filter(Self.ownTables.contains)
      let quoted = Self.quotedIdentifier(role)
      var readWrite = 0
      for table in present {
        try db.execute(sql: "REVOKE ALL ON TABLE \(table) FROM \(quoted)", arguments: [])
        let rights: String
        if table == "ledger" {
          rights = "SELECT, INSERT"
        } else if Self.readOnlyTables.contains(table) {
          rights = "SELECT"
        } else {
          rights = "SELECT, INSERT, UPDATE, DELETE"
          readWrite += 1
        }
        try db.execute(sql: "GRANT \(rights) ON TABLE \(table) TO \(quoted)", arguments: [])
      }
      guard let schemaName = try String.fetchOne(db, sql: "SELECT current_schema()::text AS s")
      else { throw SQLDecodingError(column: "s", expected: "a schema") }
      try db.execute(
        sql: "GRANT USAGE ON SCHEMA \(Self.quotedIdentifier(schemaName)) TO \(quoted)",
        arguments: [])
      try db.execute(
        sql:
          "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(Self.quotedIdentifier(schemaName)) TO \(quoted)",
        arguments: [])
      // VACUUM FULL after an erasure needs MAINTAIN (PostgreSQL 17 and later); before that only
      // the owner may, and the README has the owner run it on a schedule.
      let version = try Int.fetchOne(
        db, sql: "SELECT current_setting('server_version_num')::int AS v")
      if version ?? 0 >= 170_000 {
        try db.execute(
          sql:
            "GRANT MAINTAIN ON TABLE \(PostgresEngine.scrubbedTables.joined(separator: ", ")) TO \(quoted)",
          arguments: [])
      }
      let creates = try CreatePrivileges.fetchOne(
        db,
        sql: """
          SELECT has_schema_privilege(?::text, current_schema(), 'CREATE') AS in_schema,
            has_database_privilege(?::text, current_database(), 'CREATE') AS in_database
          """, arguments: [role, role])
      if creates?.inSchema == true {
        throw RoleGrantRefusal.mayCreate(role: role, place: "schema \(schemaName)")
      }
      if creates?.inDatabase == true {
        throw RoleGrantRefusal.mayCreate(role: role, place: "the database")
      }
      return RoleGrant(readWriteTables: readWrite, owner: owner)
    }
  }

  /// `role` as the server spells it, refused when it does not exist or could already change the
  /// tables (a superuser, the owner, a member of the owner).
  static func checkRole(_ role: String, owner: String, _ db: any SQLDatabase) throws -> String {
    guard
      let found = try ServerRole.fetchOne(
        db,
        sql: """
          SELECT rolname::text AS name, rolsuper AS is_superuser,
            pg_has_role(rolname, ?::text::name, 'USAGE') AS owns_tables
          FROM pg_roles WHERE rolname = ?::text
          """, arguments: [owner, role])
    else { throw RoleGrantRefusal.noSuchRole(role: role) }
    if found.isSuperuser {
      throw RoleGrantRefusal.tooPowerful(role: role, reason: "is a superuser")
    }
    if found.ownsTables {
      throw RoleGrantRefusal.tooPowerful(
        role: role, reason: role == owner ? "owns the tables" : "is a member of \(owner)")
    }
    return found.name
  }

  /// The role connected and the owner of the ledger (and so of every table).
  private static func connectedRoleAndOwner(_ db: any SQLDatabase) throws -> (String, String) {
    let rows = try ConnectedRoleAndOwner.fetchAll(
      db,
      sql: """
        SELECT current_user::text AS connected, pg_get_userbyid(c.relowner)::text AS owner
        FROM pg_class c WHERE c.oid = 'ledger'::regclass
        """)
    guard let row = rows.first else {
      throw SQLDecodingError(column: "owner", expected: "the ledger's owner")
    }
    return (row.connected, row.owner)
  }

  /// `name` in double quotes, each double quote doubled, as PostgreSQL reads an identifier.
  static func quotedIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Whether the role this store connects as could add a trigger, rule or policy to Induction's
  /// tables (it owns them, or was given TRIGGER): nil on SQLite, where whoever can write the file
  /// can do anything. `doctor` says so, since that role is the one every PC holds.
  public func connectedRoleMayChangeSchema() throws -> String? {
    guard engine.dialect == .postgres else { return nil }
    return try read { db in
      let rows = try ConnectedRoleRights.fetchAll(
        db,
        sql: """
          SELECT current_user::text AS connected,
            pg_has_role(current_user, c.relowner, 'USAGE') OR rolsuper
              OR has_table_privilege(current_user, c.oid, 'TRIGGER') AS may_change_schema
          FROM pg_class c, pg_roles r
          WHERE c.oid = 'ledger'::regclass AND r.rolname = current_user
          """)
      guard let row = rows.first, row.mayChangeSchema else { return nil }
      return row.connected
    }
  }
}

/// The role connected and the tables' owner.
private struct ConnectedRoleAndOwner: SQLRecord {
  enum Column: Int, SQLRecordColumn { case connected, owner }

  var connected: String
  var owner: String

  init(row: SQLRow) throws {
    connected = try row.decode(Column.connected)
    owner = try row.decode(Column.owner)
  }
}

/// Whether a role may create objects in the schema and in the database.
private struct CreatePrivileges: SQLRecord {
  enum Column: Int, SQLRecordColumn { case inSchema, inDatabase }

  var inSchema: Bool?
  var inDatabase: Bool?

  init(row: SQLRow) throws {
    inSchema = try row.decode(Column.inSchema)
    inDatabase = try row.decode(Column.inDatabase)
  }
}

/// A role on the server, and what it can already do to the tables.
private struct ServerRole: SQLRecord {
  enum Column: Int, SQLRecordColumn { case name, isSuperuser, ownsTables }

  var name: String
  var isSuperuser: Bool
  var ownsTables: Bool

  init(row: SQLRow) throws {
    name = try row.decode(Column.name)
    isSuperuser = try row.decode(Column.isSuperuser)
    ownsTables = try row.decode(Column.ownsTables)
  }
}

/// The role connected, and whether it could change the schema.
private struct ConnectedRoleRights: SQLRecord {
  enum Column: Int, SQLRecordColumn { case connected, mayChangeSchema }

  var connected: String
  var mayChangeSchema: Bool

  init(row: SQLRow) throws {
    connected = try row.decode(Column.connected)
    mayChangeSchema = try row.decode(Column.mayChangeSchema)
  }
}
