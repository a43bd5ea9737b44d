import Foundation
import GRDB
import InductionCore
import TestSupport
import Testing

@Suite("Migration v7: signings from the web")
struct WebModeMigrationTests {
  @Test func theLedgerAndSessionsAreRebuiltRowForRowAndStayAppendOnly() throws {
    // Given a ledger of three acknowledgements whose database has not had v7 yet
    let (made, url) = try makeSignedLedger(count: 3)
    let entriesBefore = try made.ledgerEntries()
    let outcomesBefore = try made.sessionOutcomes()
    let queue = try DatabaseQueue(path: url.path)
    try queue.write { db in
      // Later migrations are undone too: a database without v7 has none of them.
      try db.execute(
        sql: """
          DELETE FROM grdb_migrations
            WHERE identifier IN ('v7-web', 'v8-invitations', 'v9-folded-match-keys',
              'v10-signed-roster-links');
          DROP TABLE invitation;
          ALTER TABLE roster_link DROP COLUMN link_seq;
          ALTER TABLE roster_link DROP COLUMN child_name;
          ALTER TABLE roster_link DROP COLUMN class_name;
          ALTER TABLE roster_link DROP COLUMN salt;
          """)
    }
    try queue.close()

    // When this version opens it
    let database = try AppDatabase.open(at: url)

    // Then every entry and session is as it was, the ledger verifies and is still append-only
    #expect(try database.ledgerEntries() == entriesBefore)
    #expect(try database.sessionOutcomes() == outcomesBefore)
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
    let reopened = try DatabaseQueue(path: url.path)
    #expect(throws: (any Error).self) {
      try reopened.write { db in try db.execute(sql: "UPDATE ledger SET note = 'x' WHERE seq = 2") }
    }
    #expect(throws: (any Error).self) {
      try reopened.write { db in try db.execute(sql: "DELETE FROM ledger WHERE seq = 2") }
    }
    let indexes = try reopened.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger' ORDER BY name"
      )
    }
    #expect(indexes.contains("ledger_key_events") && indexes.contains("ledger_subject"))
    try reopened.close()

    // And a session and an acknowledgement made on the web are accepted
    let web = SessionContext(station: "Website", mode: "web")
    let guidance = Guidance(text: Fixtures.guidanceText)
    let shown = ShownText(
      language: "en", guidanceSHA256: guidance.sha256, statement: "I have read it.")
    let session = try database.startSession(
      context: web, guidance: guidance, guidanceText: Fixtures.guidanceText, shown: shown,
      shownGuidanceText: Fixtures.guidanceText, at: Fixtures.instant)
    let entry = try database.appendAcknowledgement(
      AcknowledgementDraft(
        session: session, context: web, guidanceSHA256: guidance.sha256,
        statement: "I have read it.",
        summary: QuizSummary(scenarioCount: 0, firstTryCorrect: 0, attemptCount: 0),
        attempts: [],
        details: PersonalDetails(
          parentName: "Ann Able", relationship: "parent", signature: "ann able",
          children: [.init(name: "Amy Able", className: "Year 1")]),
        shown: shown),
      key: Fixtures.signingKey, at: Fixtures.instant, salt: Array(repeating: 1, count: 16))
    #expect(entry.mode == "web")
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 5, damage: nil))
  }
}
