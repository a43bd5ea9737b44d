import Foundation
import TestSupport
import Testing

@_spi(RawStore) @testable import InductionCore

/// Migration `v9-folded-match-keys`: keys stored before apostrophes and hyphens were folded are
/// recomputed, on both engines.
@Suite("Migration v9: folded match keys")
struct FoldedMatchKeysMigrationTests {
  /// A store that can be opened again, so its migrations run again.
  struct ReopenableStore {
    var reopen: () throws -> AppDatabase
    var migrationsTable: String
  }

  static func store(_ engine: TestEngine) throws -> ReopenableStore {
    switch engine {
    case .sqlite:
      let url = Fixtures.temporaryDirectory("v9").appendingPathComponent("induction.sqlite")
      return ReopenableStore(
        reopen: { try AppDatabase.open(at: url) }, migrationsTable: "grdb_migrations")
    case .postgres:
      let location = try PostgresTestServer.freshDatabase()
      return ReopenableStore(
        reopen: { AppDatabase(engine: try PostgresEngine.open(location)) },
        migrationsTable: "schema_migrations")
    }
  }

  /// A key as ``NameNormalisation/matchKey(_:)`` made it before the fold.
  static func oldChildKey(_ name: String, _ className: String) -> String {
    NameNormalisation.keyBeforePunctuationFold(name) + "\u{1F}"
      + NameNormalisation.keyBeforePunctuationFold(className)
  }

  @Test(arguments: TestEngine.available)
  func keysStoredBeforeTheFoldAreRecomputedAndTheChildIsAcknowledged(engine: TestEngine) throws {
    // Given a store with a roster child written with a curly apostrophe, an acknowledgement typed
    // with a curly one for a roster child written with a typewriter one, a manual link and a
    // personal link of a family without an email, all with the keys of the version before
    let store = try Self.store(engine)
    let builder = try LedgerBuilder(database: store.reopen())
    let rosterName = "Niamh O\u{2019}Neill\u{2013}Ward"
    try builder.database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Ciara O\u{2019}Neill", parentEmail: nil, childName: rosterName,
          className: "Year 2"),
        RosterRow(
          line: 3, parentName: "Máire O'Brien", parentEmail: "maire@example.test",
          childName: "Seán O'Brien", className: "Year 1"),
      ],
      at: LedgerBuilder.utc("2026-09-01 08:00"))
    let typedName = "seán o\u{2019}brien"
    let sean = try builder.sign(
      parent: "Máire O'Brien", children: [(typedName, "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 08:00"))
    let misspelt = try builder.sign(
      parent: "Ciara O'Neill", children: [("Nia O'Neill", "Year 2")],
      at: LedgerBuilder.utc("2026-09-02 09:00"))
    let oldFamily = InvitedFamilies.familyHash(
      email: "", parent: "Ciara O\u{2019}Neill", key: NameNormalisation.keyBeforePunctuationFold)
    let rosterOldKey = Self.oldChildKey(rosterName, "Year 2")
    try builder.database.engine.write(isSigning: false) { db in
      try db.execute(
        sql: "UPDATE roster_child SET match_key = ? WHERE child_name = ?",
        arguments: [rosterOldKey, rosterName])
      try db.execute(
        sql: "UPDATE acknowledged_child SET match_key = ? WHERE ledger_seq = ?",
        arguments: [Self.oldChildKey(typedName, "Year 1"), sean.seq])
      // A link as the version before made it: its key alone, no signed entry yet.
      try db.execute(
        sql: "INSERT INTO roster_link (ledger_seq, match_key, linked_at) VALUES (?, ?, ?)",
        arguments: [misspelt.seq, rosterOldKey, "2026-09-03T08:00:00.000Z"])
      try db.execute(
        sql: """
          INSERT INTO invitation (token_hash, family_hash, issued_at, expires_at)
          VALUES (?, ?, '2026-09-01T08:00:00.000Z', '2026-09-15T08:00:00.000Z')
          """,
        arguments: [String(repeating: "a", count: 64), oldFamily])
      try db.execute(
        sql: "DELETE FROM \(store.migrationsTable) WHERE identifier = 'v9-folded-match-keys'")
    }
    #expect(try builder.database.unmatchedAcknowledgements().count == 1)

    // When this version opens it
    let database = try store.reopen()

    // Then every key is as this version computes it: Seán is matched, the link still stands
    #expect(try database.unmatchedAcknowledgements() == [])
    let keys = try database.engine.read { db in
      (
        roster: try String.fetchAll(db, sql: "SELECT match_key FROM roster_child ORDER BY id"),
        acknowledged: try String.fetchAll(
          db, sql: "SELECT match_key FROM acknowledged_child ORDER BY ledger_seq"),
        links: try String.fetchAll(db, sql: "SELECT match_key FROM roster_link"),
        families: try String.fetchAll(db, sql: "SELECT family_hash FROM invitation")
      )
    }
    let niamhKey = NameNormalisation.childKey(name: rosterName, className: "Year 2")
    let seanKey = NameNormalisation.childKey(name: "Seán O'Brien", className: "Year 1")
    #expect(keys.roster == [niamhKey, seanKey])
    #expect(
      keys.acknowledged == [
        seanKey, NameNormalisation.childKey(name: "Nia O'Neill", className: "Year 2"),
      ])
    #expect(keys.links == [niamhKey])
    #expect(keys.families == [InvitedFamilies.familyHash(email: "", parent: "Ciara O'Neill")])
    // And the link, unsigned until a trusted key opens the store, is then signed and verifies
    #expect(try database.verifyLedger().damage?.kind == .alteredLink)
    #expect(try database.signEarlierRosterLinks(key: builder.key, at: Fixtures.instant) == 1)
    #expect(try database.verifyLedger().damage == nil)
    #expect(try database.unmatchedAcknowledgements() == [])
  }
}
