import Foundation
import TestSupport
import Testing

@testable import InductionCore

@Suite("PostgreSQL signing", .enabled(if: PostgresTestServer.shouldRun))
struct PostgresSigningTests {
  private static func at(_ text: String) -> Date { LedgerBuilder.utc(text) }
  private static let salt = [UInt8](repeating: 7, count: 16)

  private static func answer(_ index: Int, correct: Bool, first: Bool, _ time: String)
    -> QuizAttempt
  {
    QuizAttempt(
      scenarioID: "rule-\(index)", choiceIndex: index, choiceText: "Choice \(index).",
      isCorrect: correct, isFirstTry: first, answeredAt: at(time))
  }

  @Test func aSigningIsFiveRoundTripsHoweverManyChildrenAndAnswers() throws {
    // Given a ledger on PostgreSQL and a parent with three children and six answers
    let engine = try PostgresEngine.open(try PostgresTestServer.freshDatabase())
    let builder = try LedgerBuilder(database: AppDatabase(engine: engine))
    let draft = try builder.draft(
      parent: "Ann Able", children: [("Amy Able", "Year 1"), ("Bo Able", "Year 3"), ("Cy", "R")],
      at: Self.at("2026-07-01 10:00"),
      attempts: (0..<6).map {
        Self.answer($0, correct: $0 % 2 == 0, first: $0 < 4, "2026-07-01 09:5\($0)")
      })
    // When they sign
    let before = engine.statementCount
    let entry = try builder.database.appendAcknowledgement(
      draft, key: builder.key, at: Self.at("2026-07-01 10:00"), salt: Self.salt)
    // Then the server saw BEGIN, the writers' lock, one read, one write and COMMIT
    #expect(engine.statementCount - before == 5)
    #expect(try builder.database.signedAnswers(seq: entry.seq).count == 6)
    #expect(try builder.database.personalDetails(seq: entry.seq)?.details.children.count == 3)
  }

  @Test func theSigningsWriteTheRowsTheyWriteOnSQLite() throws {
    // Given the same signings on each engine: one through a personal link with answers saved along
    // the way and replaced by the signed list, one read in Polish, the first one again (a retry
    // after a lost COMMIT) and a batch
    let rows = try TestEngine.allCases.map { engine in
      let builder = try LedgerBuilder.fresh(engine)
      let session = try builder.startSession(at: Self.at("2026-07-01 09:00"))
      try builder.database.write { db in
        try db.execute(
          sql: """
            INSERT INTO invitation (token_hash, family_hash, issued_at, expires_at)
            VALUES (?, ?, ?, ?)
            """,
          arguments: [
            String(repeating: "a", count: 64), String(repeating: "b", count: 64),
            "2026-06-30 09:00:00", "2026-07-30 09:00:00",
          ])
      }
      try builder.database.claimInvitation(1, session: session)
      for index in 0..<2 {
        try builder.database.recordAttempt(
          Self.answer(index, correct: false, first: true, "2026-07-01 09:1\(index)"),
          session: session)
      }
      let draft = try builder.draft(
        parent: "Ann Able", children: [("Amy Able", "Year 1"), ("Bo Able", "Year 3")],
        at: Self.at("2026-07-01 10:00"), session: session,
        attempts: [
          Self.answer(0, correct: false, first: true, "2026-07-01 09:10"),
          Self.answer(1, correct: true, first: true, "2026-07-01 09:11"),
          Self.answer(0, correct: true, first: false, "2026-07-01 09:12"),
        ])
      let first = try builder.database.appendAcknowledgement(
        draft, key: builder.key, at: Self.at("2026-07-01 10:00"), salt: Self.salt)
      let polish = Guidance(text: Fixtures.polishGuidanceText)
      try builder.sign(
        parent: "Agnieszka Nowak", children: [("Zofia Nowak", "Year 1")],
        at: Self.at("2026-07-02 09:00"),
        shown: ShownText(
          language: "pl", guidanceSHA256: polish.sha256, statement: "Przeczytałam wskazówki."),
        shownGuidanceText: Fixtures.polishGuidanceText,
        attempts: [Self.answer(0, correct: true, first: true, "2026-07-02 08:59")])
      let again = try builder.database.appendAcknowledgement(
        draft, key: builder.key, at: Self.at("2026-07-03 10:00"), salt: Self.salt)
      #expect(again == first, "\(engine)")
      try builder.bulk(count: 3, start: Self.at("2026-07-04 09:00"))
      return try Self.signingRows(builder.database)
    }
    // Then PostgreSQL holds exactly the rows SQLite holds
    #expect(rows[0].count == 7)
    for (table, sqlite) in rows[0] {
      #expect(rows[1][table] == sqlite, "\(table)")
    }
  }

  @Test func aKeyNotTrustedSignsNothingOnEitherEngine() throws {
    for engine in TestEngine.allCases {
      // Given a ledger whose key is not the one signing
      let builder = try LedgerBuilder.fresh(engine)
      let draft = try builder.draft(
        parent: "Ann Able", children: [("Amy Able", "Year 1")], at: Self.at("2026-07-01 10:00"))
      // When a stranger's key signs, it is refused and nothing is written
      #expect(throws: StoreError.self) {
        _ = try builder.database.appendAcknowledgement(
          draft, key: SigningKey.generate(), at: Self.at("2026-07-01 10:00"), salt: Self.salt)
      }
      #expect(try builder.database.ledgerEntries().count == 1, "\(engine)")
      #expect(try builder.database.sessionOutcomes() == [.inProgress], "\(engine)")
    }
  }

  /// Every row a signing writes, table by table, in a stable order; the ledger without signatures
  /// (the hashes they sign are compared).
  private static func signingRows(_ database: AppDatabase) throws -> [String: [[SQLValue]]] {
    let queries = [
      "ledger": """
      SELECT seq, kind, recorded_at, station, mode, guidance_sha256, statement_sha256,
        scenario_count, first_try_correct, attempt_count, transcript_sha256, pii_commitment,
        subject_seq, note, prev_hash, entry_hash, key_id, reference, subject_key, language,
        shown_guidance_sha256, shown_statement_sha256
      FROM ledger ORDER BY seq
      """,
      "statement_version":
        "SELECT sha256, text, first_seen_at FROM statement_version ORDER BY sha256",
      "personal_details": "SELECT * FROM personal_details ORDER BY ledger_seq",
      "acknowledged_child": "SELECT * FROM acknowledged_child ORDER BY ledger_seq, position",
      "session": "SELECT id, outcome, ended_at, ledger_seq, invitation_id FROM session ORDER BY id",
      "invitation": "SELECT id, used_at, ledger_seq FROM invitation ORDER BY id",
      "quiz_attempt": """
      SELECT session_id, scenario_id, choice_index, choice_text, is_correct, is_first_try,
        answered_at
      FROM quiz_attempt ORDER BY id
      """,
    ]
    return try database.read { db in
      try queries.mapValues { sql in try db.fetchAll(sql: sql, arguments: []).map(\.values) }
    }
  }
}
