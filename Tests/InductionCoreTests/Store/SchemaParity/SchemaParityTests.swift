import Foundation
import GRDB
import TestSupport
import Testing

@_spi(RawStore) @testable import InductionCore

/// A difference between the engines' schemas that is there by design, and why.
struct SchemaAllowance: CustomStringConvertible {
  var table: String
  var subject: String
  var detail: String
  var reason: String

  func allows(_ difference: SchemaDifference) -> Bool {
    difference == SchemaDifference(table: table, subject: subject, detail: detail)
  }

  var description: String { "table \(table), \(subject): \(detail) (\(reason))" }
}

@Suite("One schema on both engines")
struct SchemaParityTests {
  /// Every difference by design; anything else the catalogues show is a difference to fix with a
  /// migration.
  static let allowances =
    [
      SchemaAllowance(
        table: "grdb_migrations", subject: "table", detail: "only on SQLite",
        reason: "GRDB's record of the migrations run; PostgreSQL's is schema_migrations"),
      SchemaAllowance(
        table: "schema_migrations", subject: "table", detail: "only on PostgreSQL",
        reason: "PostgresMigrations' record of the migrations run, as grdb_migrations is SQLite's"),
      SchemaAllowance(
        table: "ledger", subject: "trigger ledger_no_truncate",
        detail:
          "BEFORE TRUNCATE FOR EACH STATEMENT: refuses 'the ledger is append-only' only on PostgreSQL",
        reason: "SQLite has no TRUNCATE"),
    ]
    + ["guidance_version", "statement_version", "translation_version"].map {
      SchemaAllowance(
        table: $0, subject: "column insertion_order", detail: "integer (bigint) only on PostgreSQL",
        reason: "stands in for SQLite's rowid (SQLDialect.insertionOrder)")
    }

  @Test(.enabled(if: PostgresTestServer.shouldRun))
  func bothEnginesMakeTheSameSchemaConstraintByConstraint() throws {
    // Given a store migrated by each engine's own migrations
    let sqlite = try AppDatabase.inMemory()
    let postgres = try PostgresEngine.open(try PostgresTestServer.freshDatabase())

    // When each engine's catalogue is read into one description
    let sqliteSchema = try sqlite.engine.read { try SQLiteSchemaReader.read($0) }
    let postgresSchema = try postgres.read { try PostgresSchemaReader.read($0) }

    // Then they differ only where they are meant to
    let differences = SchemaDifference.between(sqlite: sqliteSchema, postgres: postgresSchema)
    for difference in differences where !Self.allowances.contains(where: { $0.allows(difference) })
    {
      Issue.record("\(difference)")
    }
    for allowance in Self.allowances where !differences.contains(where: allowance.allows) {
      Issue.record("no longer a difference, take it off the allowances: \(allowance)")
    }
    // And the reading saw what there is to compare
    let quizAttempt = try #require(sqliteSchema.tables["quiz_attempt"])
    #expect(quizAttempt.indexes.keys.sorted() == ["quiz_attempt_scenario", "quiz_attempt_session"])
    #expect(
      quizAttempt.foreignKeys == [
        .init(
          columns: ["session_id"], table: "session", referencedColumns: ["id"],
          onDelete: "NO ACTION", onUpdate: "NO ACTION")
      ])
    #expect(sqliteSchema.tables["ledger"]?.triggers.count == 2)
    #expect(
      sqliteSchema.tables["ledger"]?.indexes["ledger_key_events"]?.predicate
        == "(kind IN ('genesis', 'key enrolment', 'key retirement'))")
    #expect(
      postgresSchema.tables["acknowledged_child"]?.foreignKeys.first?.onDelete == "CASCADE")
  }

  @Test(.enabled(if: PostgresTestServer.shouldRun))
  func beforeV12TheQuizAnswerFlagsWereTheOneDifference() throws {
    // Given an SQLite store of the version before and a PostgreSQL store of this one
    let queue = try DatabaseQueue()
    try SQLiteMigrations.migrator.migrate(queue, upTo: "v11-web-sessions")
    let postgres = try PostgresEngine.open(try PostgresTestServer.freshDatabase())

    // When they are compared
    let before = try queue.read { try SQLiteSchemaReader.read(SQLiteConnection($0)) }
    let differences = SchemaDifference.between(
      sqlite: before, postgres: try postgres.read { try PostgresSchemaReader.read($0) }
    ).filter { difference in !Self.allowances.contains { $0.allows(difference) } }

    // Then each flag's type and check is named
    #expect(
      differences.map(\.description) == [
        "table quiz_attempt, column is_correct: type numeric (BOOLEAN) on SQLite, integer (bigint) on PostgreSQL",
        "table quiz_attempt, column is_first_try: type numeric (BOOLEAN) on SQLite, integer (bigint) on PostgreSQL",
        "table quiz_attempt, check on is_correct: CHECK (is_correct IN (0, 1)) only on PostgreSQL",
        "table quiz_attempt, check on is_first_try: CHECK (is_first_try IN (0, 1)) only on PostgreSQL",
      ])
  }

  @Test func bothEnginesHaveTheSameMigrationsInTheSameOrder() {
    #expect(SQLiteMigrations.migrator.migrations == PostgresMigrations.all.map(\.identifier))
  }

  @Test func aDifferenceNamesTheTableTheColumnAndWhatDiffers() {
    // Given one column described by each engine, with a check on one side only
    var table = SchemaDescription.Table()
    table.columns = [
      .init(
        name: "is_correct", type: .sqlite("BOOLEAN"), notNull: true, collation: nil,
        defaultValue: nil, generated: nil)
    ]
    var other = table
    other.columns[0].type = .postgres("bigint")
    other.checks["(is_correct IN (0, 1))"] = .init(
      expression: "(is_correct IN (0, 1))", columns: ["is_correct"])

    // When they are compared
    let differences = SchemaDifference.between(
      sqlite: SchemaDescription(tables: ["quiz_attempt": table]),
      postgres: SchemaDescription(tables: ["quiz_attempt": other]))

    // Then each difference says where and what
    #expect(
      differences.map(\.description) == [
        "table quiz_attempt, column is_correct: type numeric (BOOLEAN) on SQLite, integer (bigint) on PostgreSQL",
        "table quiz_attempt, check on is_correct: CHECK (is_correct IN (0, 1)) only on PostgreSQL",
      ])
  }

  @Test(arguments: [
    (
      "kind IN ('genesis', 'key enrolment')",
      "(kind = ANY (ARRAY['genesis'::text, 'key enrolment'::text]))"
    ),
    (
      "first_try_correct BETWEEN 0 AND scenario_count",
      "((first_try_correct >= 0) AND (first_try_correct <= scenario_count))"
    ),
    (
      "(outcome = 'signed') = (ledger_seq IS NOT NULL)",
      "((outcome = 'signed'::text) = (ledger_seq IS NOT NULL))"
    ),
    ("length(salt) = 16", "(octet_length(salt) = 16)"),
    ("kind NOT IN ('a', 'b')", "(kind <> ALL (ARRAY['a'::text, 'b'::text]))"),
    (
      "subject_key IS NULL OR length(subject_key) = 32",
      "((subject_key IS NULL) OR (octet_length(subject_key) = 32))"
    ),
  ])
  func sqlitesCheckAndPostgresDeparsedOneReadAlike(sqlite: String, postgres: String) throws {
    let blobs: Set<String> = ["salt", "subject_key"]
    #expect(
      try SchemaExpression.parse(sqlite).description
        == SchemaExpression.parse(postgres, blobColumns: blobs).description)
  }

  @Test func aTextLengthInBytesIsNotATextLengthInCharacters() throws {
    #expect(
      try SchemaExpression.parse("length(name) = 4").description
        != SchemaExpression.parse("(octet_length(name) = 4)", blobColumns: ["salt"]).description)
  }

  @Test func aCreateTableStatementGivesItsChecksCollationsAndAutoincrement() throws {
    let definition = try SQLiteSchemaReader.definition(
      """
      CREATE TABLE "t" (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT COLLATE NOCASE NOT NULL CHECK (length(name) > 0), -- a comment, (unbalanced
        flag BOOLEAN NOT NULL CHECK (flag IN (0, 1)),
        CHECK ((name = 'x') = (flag = 1))
      )
      """)
    #expect(definition.collations == ["name": "nocase"])
    #expect(definition.autoincrement == ["id"])
    #expect(
      try definition.checks.map { try SchemaExpression.parse($0).description } == [
        "(length(name) > 0)", "(flag IN (0, 1))", "((name = 'x') = (flag = 1))",
      ])
  }
}
