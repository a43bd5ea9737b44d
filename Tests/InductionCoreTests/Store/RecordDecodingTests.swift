import Foundation
import TestSupport
import Testing

@testable import InductionCore

@Suite("Records read from rows")
struct RecordDecodingTests {
  private static func row(_ values: [SQLValue], _ names: [String]) -> SQLRow {
    SQLRow(values: values, columns: SQLColumns(names))
  }

  @Test func aRecordReadsItsColumnsInOrder() throws {
    let row = Self.row(
      [.blob(Data([1])), .blob(Data([2])), .integer(14), .integer(8), .integer(1)],
      StoredPin.Column.allCases.map(\.name))
    let pin = try StoredPin(row: row)
    #expect(
      pin
        == StoredPin(
          hash: Data([1]), salt: Data([2]), parameters: ScryptParameters(log2N: 14, r: 8, p: 1)))
  }

  @Test func aValueOfTheWrongKindThrowsNamingItsColumn() {
    let row = Self.row(
      [.blob(Data([1])), .blob(Data([2])), .text("fourteen"), .integer(8), .integer(1)],
      StoredPin.Column.allCases.map(\.name))
    #expect(throws: SQLDecodingError(column: "log2_n", expected: "Int")) {
      try StoredPin(row: row)
    }
  }

  @Test func aNullInANotNullColumnThrows() {
    let row = Self.row(
      [.null, .text("1"), .text("2026-01-01T00:00:00Z")], ["data", "version", "last_seen"])
    #expect(throws: SQLDecodingError(column: "data", expected: "Data")) {
      try StoredWebSession(row: row)
    }
  }

  @Test func aMissingColumnThrowsRatherThanStopping() {
    let row = Self.row([.integer(3)], ["failures"])
    #expect(throws: SQLDecodingError(column: "1", expected: "a value (no such column)")) {
      try StaffLockout(row: row)
    }
  }

  @Test func anOptionalColumnReadsNullAsNil() throws {
    let row = Self.row([.integer(3), .null], StaffLockout.Column.allCases.map(\.name))
    #expect(try StaffLockout(row: row) == StaffLockout(failures: 3, lastFailure: nil))
  }

  @Test func theStoreThrowsOnAnEditedRowOfTheWrongKind() throws {
    // Given a lockout row whose count someone replaced by text (SQLite keeps it as text)
    let database = try AppDatabase.inMemory()
    _ = try database.recordPinFailure(station: "Reception", at: Fixtures.instant)
    try database.write { try $0.execute(sql: "UPDATE staff_lockout SET failures = 'many'") }
    // When the store reads it, it throws naming the column instead of stopping the program
    #expect(throws: SQLDecodingError(column: "failures", expected: "Int")) {
      try database.staffLockout()
    }
  }
}
