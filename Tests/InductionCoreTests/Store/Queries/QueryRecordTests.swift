import Foundation
import Testing

@testable import InductionCore

@Suite("Query records")
struct QueryRecordTests {
  private func row<Column: SQLRecordColumn>(_: Column.Type, _ values: [SQLValue]) -> SQLRow {
    SQLRow(values: values, columns: SQLColumns(Column.allCases.map { "\($0)" }))
  }

  private func completionValues() -> [SQLValue] {
    [
      .text("Year 1"), .text("year 1"), .text("Amy Able"), .text("Ann Able"), .null,
      .text("Ann Able"), .text("2026-01-05T09:00:00Z"), .text("ABCD2345"), .integer(1),
      .integer(0), .text("en"),
    ]
  }

  @Test func aCompletionRowIsReadByPosition() throws {
    let record = try CompletionRecord(row: row(CompletionRecord.Column.self, completionValues()))
    #expect(record.className == "Year 1")
    #expect(record.classKey == "year 1")
    #expect(record.parentEmail == nil)
    #expect(record.isCurrent == true)
    #expect(record.revoked == false)
    #expect(record.status == .acknowledged)
  }

  @Test func aValueOfTheWrongKindThrowsNamingItsColumn() {
    var values = completionValues()
    values[CompletionRecord.Column.isCurrent.rawValue] = .text("yes")
    #expect(throws: SQLDecodingError(column: "isCurrent", expected: "Optional<Bool>")) {
      try CompletionRecord(row: row(CompletionRecord.Column.self, values))
    }
  }

  @Test func aNullWhereAValueMustBeThrows() {
    var values = completionValues()
    values[CompletionRecord.Column.childName.rawValue] = .null
    #expect(throws: SQLDecodingError.self) {
      try CompletionRecord(row: row(CompletionRecord.Column.self, values))
    }
  }

  @Test func anAcknowledgementRowOfTheWrongKindThrows() {
    let values: [SQLValue] = [
      .integer(1), .text("ABCD2345"), .text("2026-01-05T09:00:00Z"), .text("sha"), .text("3"),
      .integer(4), .text("office"), .text("Ann"), .text("Mother"), .text("en"), .null,
      .text("Amy"), .text("Year 1"), .integer(0), .integer(0),
    ]
    #expect(throws: SQLDecodingError(column: "firstTryCorrect", expected: "Int")) {
      try AcknowledgementRecord(row: row(AcknowledgementRecord.Column.self, values))
    }
  }

  @Test func otherRecordsThrowOnAWrongKindToo() {
    #expect(throws: SQLDecodingError.self) {
      try LedgerHeadRecord(row: row(LedgerHeadRecord.Column.self, [.integer(3), .text("hash")]))
    }
    #expect(throws: SQLDecodingError.self) {
      try CountRecord(row: row(CountRecord.Column.self, [.text("signed"), .real(1.5)]))
    }
    #expect(throws: SQLDecodingError.self) {
      try SignedLanguageRecord(
        row: row(SignedLanguageRecord.Column.self, [.text("en"), .integer(2), .null]))
    }
    #expect(throws: SQLDecodingError.self) {
      try ScenarioFirstTriesRecord(
        row: row(ScenarioFirstTriesRecord.Column.self, [.integer(1), .integer(2), .integer(1)]))
    }
    #expect(throws: SQLDecodingError.self) {
      try RosterParentRecord(row: row(RosterParentRecord.Column.self, [.integer(1), .null]))
    }
    #expect(throws: SQLDecodingError.self) {
      try HeldParentRecord(row: row(HeldParentRecord.Column.self, [.text("1"), .text("Ann")]))
    }
    #expect(throws: SQLDecodingError.self) {
      try RevocationRecord(row: row(RevocationRecord.Column.self, [.text("t"), .integer(0)]))
    }
    #expect(throws: SQLDecodingError.self) {
      try TranslationVersionRecord(
        row: row(TranslationVersionRecord.Column.self, [.text("cy"), .blob(Data())]))
    }
  }

  @Test func theSelectListNamesEachColumnInOrder() {
    #expect(
      TranslationVersionRecord.Column.selectList { "t.\($0.name)" }
        == "t.language AS language, t.sha256 AS sha256")
    #expect(TranslationVersionRecord.selection(of: "t") == "t.language, t.sha256")
  }

  @Test func aColumnThatIsItsOwnExpressionIsNotRenamed() {
    #expect(
      CountRecord.selection(value: "outcome") == "outcome AS value, count(*) AS count")
    #expect(
      TranslationVersionRecord.Column.selectList { $0.name } == "language, sha256")
  }

  @Test(arguments: [
    ("seq", "seq"), ("recordedAt", "recorded_at"), ("guidanceSHA256", "guidance_sha256"),
    ("log2N", "log2_n"), ("keyID", "key_id"), ("shownStatementSHA256", "shown_statement_sha256"),
    ("scenarioID", "scenario_id"),
  ])
  func aCaseNamesItsColumnInSnakeCase(swift: String, sql: String) {
    #expect(SQLName.snakeCase(swift) == sql)
  }

  @Test func theLedgerRecordNamesEveryLedgerColumn() throws {
    // Given a database made by the migrations
    let database = try AppDatabase.inMemory()
    let columns = try database.read { db in
      try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info('ledger')")
    }
    // Then the entry reads and writes exactly the table's columns
    #expect(Set(LedgerEntry.Column.allCases.map(\.name)) == Set(columns))
    #expect(LedgerEntry.columnCount == columns.count)
  }
}
