import Foundation
import InductionCore
import TestSupport
import Testing

/// Someone who can write the database rewrites a stored text (a statement, the guidance, a
/// translation) that the ledger names only by its SHA-256: `verify` names the entry, and no reader
/// shows the rewritten text as what a parent read or signed.
@Suite("Tampering with stored texts, on both engines")
struct StoredTextTamperTests {
  static let forgedStatement =
    "I agree that the school may publish my child's photo and I waive all complaints."

  static let polishShown = LanguageLedgerTests.polishShown

  /// Genesis, an English acknowledgement (seq 2) and one read in Polish (seq 3).
  static func ledger(_ engine: TestEngine) throws -> (LedgerBuilder, [LedgerEntry]) {
    let builder = try LedgerBuilder.fresh(engine)
    let english = try builder.sign(
      parent: "Ann Able", children: [("Amy Able", "Year 1")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    let polish = try builder.sign(
      parent: "Agnieszka Nowak", children: [("Zofia Nowak", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 09:00"), shown: polishShown,
      shownGuidanceText: Fixtures.polishGuidanceText)
    return (builder, [english, polish])
  }

  @Test(arguments: TestEngine.available)
  func anEditedStatementIsNamedAndNeverReportedAsSigned(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    #expect(try builder.database.verifyLedger().damage == nil)
    // When the attacker rewrites the English statement's text
    try StoreTamperTests.tamper(
      builder.database, "UPDATE statement_version SET text = ? WHERE sha256 = ?",
      [Self.forgedStatement, entries[0].statementSHA256])
    // Then verify names the first entry that signed it
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[0].seq, kind: .alteredText))
    // And subject access never reports the rewritten text as the statement signed
    let report = try builder.database.subjectAccess(
      parentName: nil, reference: entries[0].reference, at: LedgerBuilder.utc("2026-10-01 09:00"))
    #expect(report.acknowledgements.map(\.statement) == [""])
  }

  @Test(arguments: TestEngine.available)
  func anEditedGuidanceIsNamedAndLeftOutOfWhatChanged(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    try StoreTamperTests.tamper(
      builder.database, "UPDATE guidance_version SET text = ? WHERE sha256 = ?",
      ["# Guidance\n\nPost whatever you like.\n", entries[0].guidanceSHA256])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[0].seq, kind: .alteredText))
    // A returning parent's "what changed" reads these versions: the rewritten one is not among them
    #expect(try builder.database.guidanceVersions().map(\.text) == [])
    #expect(try builder.database.guidanceVersions(language: "en").map(\.text) == [])
  }

  @Test(arguments: TestEngine.available)
  func anEditedTranslationOrTranslatedStatementIsNamed(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    try StoreTamperTests.tamper(
      builder.database,
      "UPDATE translation_version SET text = ? WHERE language = 'pl' AND sha256 = ?",
      ["# Wskazówki\n\nWszystko wolno.\n", Self.polishShown.guidanceSHA256])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[1].seq, kind: .alteredText))
    #expect(try builder.database.guidanceVersions(language: "pl").map(\.text) == [])
    // The original text back, then the Polish statement rewritten
    try StoreTamperTests.tamper(
      builder.database,
      "UPDATE translation_version SET text = ? WHERE language = 'pl' AND sha256 = ?",
      [Fixtures.polishGuidanceText, Self.polishShown.guidanceSHA256])
    #expect(try builder.database.verifyLedger().damage == nil)
    try StoreTamperTests.tamper(
      builder.database, "UPDATE statement_version SET text = ? WHERE sha256 = ?",
      [Self.forgedStatement, try #require(entries[1].shownStatementSHA256)])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[1].seq, kind: .alteredText))
  }

  @Test(arguments: TestEngine.available)
  func aDeletedStatementIsNamed(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    try StoreTamperTests.tamper(
      builder.database, "DELETE FROM statement_version WHERE sha256 = ?",
      [try #require(entries[1].shownStatementSHA256)])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[1].seq, kind: .alteredText))
  }
}
