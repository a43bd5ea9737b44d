import Foundation
import InductionCore
import TestSupport
import Testing

/// Two roles on a shared database, as PostgreSQL's own guidance has it: an owner who runs the
/// migrations and `induction grant`, and the role every PC connects as, which can sign and erase
/// but cannot add a trigger, empty or change the ledger, or create anything.
@Suite("Two roles on PostgreSQL", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresRolesTests {
  /// Opens `location` as a store (migrating it, if the role may).
  static func open(_ location: PostgresLocation) throws -> AppDatabase {
    AppDatabase(engine: try PostgresEngine.open(location))
  }

  /// Runs `sql` as `location`'s role and returns psql's complaint, or nil when it ran.
  static func refusal(_ location: PostgresLocation, _ sql: String) -> String? {
    do {
      try PostgresTestServer.psql(location, sql)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func aPCRoleSignsAndErasesButCannotAddATriggerEmptyOrChangeTheLedger() throws {
    // Given a database set up by its owner, who grants the PCs' role its rights
    let (ownerLocation, pcLocation) = try PostgresTestServer.ownedDatabase()
    let owner = try Self.open(ownerLocation)
    let granted = try owner.grantDayToDayRights(to: pcLocation.user)
    #expect(granted.owner == ownerLocation.user)
    #expect(granted.readWriteTables >= 10)

    // When a PC connects as that role and a parent signs
    let builder = try LedgerBuilder(database: try Self.open(pcLocation))
    let signed = try builder.sign(
      parent: "Ann Able", children: [("Amy Able", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    try builder.sign(
      parent: "Ben Best", children: [("Bo Best", "Year 2")],
      at: LedgerBuilder.utc("2026-09-02 09:00"))
    // And one parent's details are erased (a signed erasure, and the tables rewritten)
    _ = try builder.database.erase(
      references: [signed.reference], key: builder.key, at: LedgerBuilder.utc("2026-09-03 09:00"))
    try builder.database.scrub()
    #expect(try builder.database.verifyLedger().damage == nil)
    #expect(try builder.database.connectedRoleMayChangeSchema() == nil)

    #expect(
      try PostgresTestServer.psql(ownerLocation, "SELECT count(*) FROM personal_details")
        .trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    // But not add a trigger, a table, a function; nor empty, change or delete the ledger
    for sql in [
      "CREATE TABLE names_seen (name TEXT)",
      "CREATE FUNCTION keep() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
      "CREATE TRIGGER copy_names AFTER INSERT ON personal_details FOR EACH ROW EXECUTE FUNCTION ledger_append_only()",
      "CREATE RULE quiet AS ON DELETE TO personal_details DO INSTEAD NOTHING",
      "TRUNCATE ledger",
      "UPDATE ledger SET note = 'x'",
      "DELETE FROM ledger",
      "ALTER TABLE acknowledged_child ADD COLUMN x TEXT",
      "DROP TABLE roster_link",
    ] {
      let refused = Self.refusal(pcLocation, sql)
      #expect(
        refused?.contains("permission denied") == true
          || refused?.contains("must be owner") == true,
        "\(sql): \(refused ?? "ran")")
    }
    #expect(try owner.foreignObjects() == [])
    // And the owner's connection is the one doctor warns about
    #expect(try owner.connectedRoleMayChangeSchema() == ownerLocation.user)
  }

  @Test func aPCRoleOnADatabaseItsOwnerHasNotSetUpIsToldWhoMustRunGrant() throws {
    let (_, pcLocation) = try PostgresTestServer.ownedDatabase()
    #expect(
      throws: StoreError.notPermitted(location: pcLocation.displayName, role: pcLocation.user)
    ) {
      _ = try Self.open(pcLocation)
    }
  }

  @Test func rolesThatCouldChangeTheTablesAnywayAreRefusedAndNothingIsGranted() throws {
    let (ownerLocation, pcLocation) = try PostgresTestServer.ownedDatabase()
    let owner = try Self.open(ownerLocation)
    let server = try PostgresTestServer.server()
    #expect(throws: RoleGrantRefusal.tooPowerful(role: server.user, reason: "is a superuser")) {
      _ = try owner.grantDayToDayRights(to: server.user)
    }
    #expect(
      throws: RoleGrantRefusal.tooPowerful(role: ownerLocation.user, reason: "owns the tables")
    ) {
      _ = try owner.grantDayToDayRights(to: ownerLocation.user)
    }
    #expect(throws: RoleGrantRefusal.noSuchRole(role: "no_such_role\"; DROP TABLE ledger")) {
      _ = try owner.grantDayToDayRights(to: "no_such_role\"; DROP TABLE ledger")
    }
    // A role that may create in the schema could add its own objects: refused, nothing granted
    try PostgresTestServer.psql(
      ownerLocation, "GRANT CREATE ON SCHEMA public TO \(pcLocation.user)")
    #expect(
      throws: RoleGrantRefusal.mayCreate(role: pcLocation.user, place: "schema public")
    ) {
      _ = try owner.grantDayToDayRights(to: pcLocation.user)
    }
    #expect(
      Self.refusal(pcLocation, "SELECT count(*) FROM ledger")?.contains("permission denied") == true
    )
    // And a PC's role cannot grant itself more
    try PostgresTestServer.psql(
      ownerLocation, "REVOKE CREATE ON SCHEMA public FROM \(pcLocation.user)")
    _ = try owner.grantDayToDayRights(to: pcLocation.user)
    let pc = try Self.open(pcLocation)
    #expect(
      throws: RoleGrantRefusal.notOwner(connected: pcLocation.user, owner: ownerLocation.user)
    ) {
      _ = try pc.grantDayToDayRights(to: pcLocation.user)
    }
  }
}
