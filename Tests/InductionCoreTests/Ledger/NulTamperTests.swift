import Foundation
import InductionCore
import TestSupport
import Testing

/// Text after a NUL character: reports that stop at the NUL would show "Alice Able" while the file
/// holds "Alice Able\0 + Mallory Evil". No text with a NUL is ever stored, and `verify` reads whole
/// values, so one edited in is damage. (PostgreSQL text cannot hold a NUL at all.)
@Suite("Text after a NUL")
struct NulTamperTests {
  static let suffix = "||char(0)||' + Mallory Evil'"

  /// A SQLite ledger of genesis and two acknowledgements with answers, the ledger's append-only
  /// triggers dropped as someone editing the file can.
  static func ledger() throws -> (LedgerBuilder, [LedgerEntry]) {
    let (builder, entries) = try StoreTamperTests.ledger(.sqlite)
    try StoreTamperTests.tamper(
      builder.database, "DROP TRIGGER ledger_no_update; DROP TRIGGER ledger_no_delete")
    return (builder, entries)
  }

  /// Each edit: what it changes, for which of the two acknowledgements, and the damage named.
  static let edits: [(sql: String, entry: Int, kind: LedgerDamage.Kind)] = [
    (
      "UPDATE personal_details SET parent_name = parent_name\(suffix) WHERE ledger_seq = ?", 0,
      .alteredPersonalDetails
    ),
    (
      "UPDATE acknowledged_child SET name = name\(suffix) WHERE ledger_seq = ?", 1,
      .alteredPersonalDetails
    ),
    ("UPDATE ledger SET station = station\(suffix) WHERE seq = ?", 1, .alteredEntry),
    ("UPDATE ledger SET note = note\(suffix) WHERE seq = ?", 1, .alteredEntry),
    ("UPDATE ledger SET reference = reference\(suffix) WHERE seq = ?", 1, .wrongReference),
    (
      """
      UPDATE quiz_attempt SET choice_text = choice_text\(suffix)
      WHERE session_id = (SELECT id FROM session WHERE ledger_seq = ?)
      """, 0, .alteredAnswers
    ),
  ]

  @Test(arguments: 0..<edits.count)
  func aTextWithTextAfterANulIsNamed(edit: Int) throws {
    let (builder, entries) = try Self.ledger()
    let (sql, entry, kind) = Self.edits[edit]
    try StoreTamperTests.tamper(builder.database, sql, [entries[entry].seq])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[entry].seq, kind: kind))
  }

  @Test func everyReaderSeesTheWholeValue() throws {
    let (builder, entries) = try Self.ledger()
    try StoreTamperTests.tamper(builder.database, Self.edits[0].sql, [entries[0].seq])
    let details = try #require(try builder.database.personalDetails(seq: entries[0].seq))
    #expect(details.details.parentName == "Ann Able\u{0} + Mallory Evil")
  }

  @Test(arguments: TestEngine.available)
  func aTextWithANulIsNeverStored(engine: TestEngine) throws {
    let builder = try LedgerBuilder.fresh(engine)
    #expect(throws: StoreError.nulInText) {
      try builder.sign(
        parent: "Alice Able\u{0} + Mallory Evil", children: [("Amy Able", "Year 1")],
        at: LedgerBuilder.utc("2026-09-01 09:00"))
    }
    #expect(throws: StoreError.nulInText) {
      try builder.sign(
        parent: "Alice Able", children: [("Amy Able", "Year 1")],
        at: LedgerBuilder.utc("2026-09-01 09:00"), station: "Reception\u{0}2")
    }
    #expect(try builder.database.ledgerEntries().map(\.kind) == [.genesis])
    #expect(try builder.database.verifyLedger().damage == nil)
  }
}
