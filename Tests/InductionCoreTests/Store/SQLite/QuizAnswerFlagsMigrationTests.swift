import Foundation
import GRDB
import TestSupport
import Testing

@_spi(RawStore) @testable import InductionCore

@Suite("Migration v12: quiz answer flags hold 0 or 1")
struct QuizAnswerFlagsMigrationTests {
  /// A store file as the version before made it: private to its owner, migrated up to v11.
  static func storeBeforeV12(at url: URL) throws -> DatabaseQueue {
    #expect(
      FileManager.default.createFile(
        atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600]))
    let queue = try DatabaseQueue(path: url.path)
    try SQLiteMigrations.migrator.migrate(queue, upTo: "v11-web-sessions")
    return queue
  }

  /// A guidance version (its hash the two arguments) and a session, then the start of an
  /// INSERT of that session's answers.
  static let oneSession = """
    INSERT INTO guidance_version (sha256, text, first_seen_at)
      VALUES (?, 'Guidance', '2026-09-01T08:00:00.000Z');
    INSERT INTO session (started_at, station, mode, guidance_sha256, outcome)
      VALUES ('2026-09-01T08:00:00.000Z', 'Office', 'start', ?, 'cancelled');
    INSERT INTO quiz_attempt (session_id, scenario_id, choice_index, choice_text, is_correct,
      is_first_try, answered_at)

    """

  @Test func answersAreKeptRowForRowWithTheirIdsIndexesAndCounter() throws {
    // Given a store of the version before, with three answers of which the last was deleted
    let url = Fixtures.temporaryDirectory("v12").appendingPathComponent("induction.sqlite")
    let queue = try Self.storeBeforeV12(at: url)
    let sha = String(repeating: "a", count: 64)
    try queue.write { db in
      try db.execute(
        sql: Self.oneSession + """
          VALUES (1, 'rumour', 0, 'Share it.', 0, 1, '2026-09-01T08:01:00.000Z'),
            (1, 'rumour', 2, 'Ask the school.', 1, 0, '2026-09-01T08:02:00.000Z'),
            (1, 'photo', 1, 'Ask first.', 1, 1, '2026-09-01T08:03:00.000Z');
          DELETE FROM quiz_attempt WHERE id = 3;
          """, arguments: [sha, sha])
    }
    let rowsBefore = try queue.read { db in
      try GRDB.Row.fetchAll(db, sql: "SELECT * FROM quiz_attempt ORDER BY id")
    }
    try queue.close()

    // When this version opens it
    let database = try AppDatabase.open(at: url)

    // Then every answer is as it was, and the next one gets an id never given before
    let reopened = try DatabaseQueue(path: url.path)
    defer { try? reopened.close() }
    #expect(
      try reopened.read { db in
        try GRDB.Row.fetchAll(db, sql: "SELECT * FROM quiz_attempt ORDER BY id")
      } == rowsBefore)
    #expect(rowsBefore.count == 2)
    #expect(
      try reopened.read { db in
        try Int.fetchAll(db, sql: "SELECT is_correct FROM quiz_attempt ORDER BY id")
      } == [0, 1])
    try database.engine.write(isSigning: false) { db in
      try db.execute(
        sql: """
          INSERT INTO quiz_attempt (session_id, scenario_id, choice_index, choice_text, is_correct,
            is_first_try, answered_at)
          VALUES (1, 'photo', 0, 'Post it.', 0, 1, '2026-09-01T08:04:00.000Z')
          """)
    }
    #expect(
      try reopened.read { db in try Int.fetchOne(db, sql: "SELECT MAX(id) FROM quiz_attempt") }
        == 4)
    // And a flag other than 0 or 1 is refused
    for column in ["is_correct", "is_first_try"] {
      #expect(throws: (any Error).self, "\(column)") {
        try database.engine.write(isSigning: false) { db in
          try db.execute(sql: "UPDATE quiz_attempt SET \(column) = 2 WHERE id = 1")
        }
      }
    }
    // And its schema is the one a new store gets, indexes and all
    let upgraded = try database.engine.read { try SQLiteSchemaReader.read($0) }
    let fresh = try AppDatabase.inMemory().engine.read { try SQLiteSchemaReader.read($0) }
    #expect(upgraded.tables["quiz_attempt"] == fresh.tables["quiz_attempt"])
    #expect(upgraded.tables["quiz_attempt"]?.indexes.count == 2)
    #expect(
      upgraded.tables["quiz_attempt"]?.checks.keys.sorted() == [
        "(choice_index >= 0)", "(is_correct IN (0, 1))", "(is_first_try IN (0, 1))",
      ])
  }

  @Test func aStoreWithoutAnswersGetsNoCounterItDidNotHave() throws {
    // Given a store of the version before, no answer ever given
    let url = Fixtures.temporaryDirectory("v12-empty").appendingPathComponent("induction.sqlite")
    let queue = try Self.storeBeforeV12(at: url)
    try queue.close()

    // When this version opens it
    _ = try AppDatabase.open(at: url)

    // Then the answers start at 1, as on a new store
    let reopened = try DatabaseQueue(path: url.path)
    defer { try? reopened.close() }
    #expect(
      try reopened.read { db in
        try Int.fetchOne(
          db, sql: "SELECT COALESCE(MAX(seq), 0) FROM sqlite_sequence WHERE name = 'quiz_attempt'")
      } == 0)
  }

  @Test(.enabled(if: PostgresTestServer.shouldRun))
  func aPostgreSQLStoreOfTheVersionBeforeKeepsItsAnswersAndRecordsTheMigration() throws {
    // Given a PostgreSQL store with answers, v12 not yet recorded
    let location = try PostgresTestServer.freshDatabase()
    let sha = String(repeating: "b", count: 64)
    try PostgresEngine.open(location).write(isSigning: false) { db in
      try db.execute(
        sql: Self.oneSession + """
          VALUES (1, 'rumour', 0, 'Share it.', 0, 1, '2026-09-01T08:01:00.000Z'),
            (1, 'photo', 1, 'Ask first.', 1, 0, '2026-09-01T08:03:00.000Z');
          DELETE FROM schema_migrations WHERE identifier = 'v12-quiz-answer-flags';
          """, arguments: [sha, sha])
    }
    let answers =
      "SELECT string_agg(id || ':' || is_correct || is_first_try, ',' ORDER BY id) FROM quiz_attempt"
    let before = try PostgresTestServer.psql(location, answers)

    // When this version opens it
    let engine = try PostgresEngine.open(location)

    // Then the answers are as they were and the migration is recorded
    #expect(try PostgresTestServer.psql(location, answers) == before)
    #expect(before == "1:01,2:10\n")
    let recorded = try engine.read { db in
      try String.fetchAll(
        db, sql: "SELECT identifier FROM schema_migrations WHERE identifier LIKE 'v12-%'")
    }
    #expect(recorded == ["v12-quiz-answer-flags"])
  }
}
