import Foundation
import GRDB
@_spi(RawStore) import InductionCore
import TestSupport
import Testing

/// Someone who can write the database uses erasure to cover what they did: details deleted behind
/// a forged erasure, or a child added to an entry whose details were really erased.
@Suite("Tampering around erasure, on both engines")
struct ErasureTamperTests {
  @Test(arguments: TestEngine.available)
  func detailsDeletedBehindAForgedErasureNameTheEntryWhoseDetailsWentMissing(engine: TestEngine)
    throws
  {
    // Given an attacker who deletes the first parent's details and appends an erasure for it,
    // signed with a key of their own
    let (builder, entries) = try StoreTamperTests.ledger(engine)
    try StoreTamperTests.tamper(
      builder.database, "DELETE FROM personal_details WHERE ledger_seq = ?", [entries[0].seq])
    var forged = entries[1]
    forged.seq += 1
    forged.kind = .erasure
    forged.mode = "admin"
    forged.subjectSeq = entries[0].seq
    forged.prevHash = entries[1].entryHash
    forged.guidanceSHA256 = ""
    forged.statementSHA256 = ""
    forged.scenarioCount = 0
    forged.firstTryCorrect = 0
    forged.attemptCount = 0
    forged.piiCommitment = ""
    forged.transcriptSHA256 = [QuizAttempt]().transcriptSHA256
    _ = try StoreTamperTests.appendForged(forged, to: builder.database)
    // Then verify names the entry whose details are gone, not the forged erasure after it
    #expect(
      try builder.database.verifyLedger()
        == VerificationReport(
          entryCount: 2, damage: LedgerDamage(seq: entries[0].seq, kind: .missingPersonalDetails)))
  }

  @Test(arguments: TestEngine.available)
  func aChildAddedToAnErasedEntryIsNamedAndNeverExported(engine: TestEngine) throws {
    // Given the first parent's details really erased
    let (builder, entries) = try StoreTamperTests.ledger(engine)
    try builder.database.erase(
      references: [entries[0].reference], key: builder.key,
      at: LedgerBuilder.utc("2026-09-05 09:00"))
    #expect(try builder.database.verifyLedger().damage == nil)
    // When the attacker adds a child row to the erased entry, around the foreign key
    let insert = """
      INSERT INTO acknowledged_child (ledger_seq, position, name, class_name, match_key, class_key)
      VALUES (\(entries[0].seq), 0, 'Mallory Junior', 'Year 1', 'mallory junior', 'year 1')
      """
    switch engine {
    case .sqlite:
      let sqlite = try #require(builder.database.engine as? SQLiteEngine)
      try sqlite.writer.writeWithoutTransaction { db in
        try db.execute(sql: "PRAGMA foreign_keys = OFF; \(insert); PRAGMA foreign_keys = ON")
      }
    case .postgres:
      try StoreTamperTests.tamper(
        builder.database,
        "ALTER TABLE acknowledged_child DROP CONSTRAINT acknowledged_child_ledger_seq_fkey; \(insert)"
      )
    }
    // Then verify names the erased entry
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[0].seq, kind: .alteredPersonalDetails))
    // And the acknowledgements export shows the entry as erased, with no child
    let output = Fixtures.temporaryDirectory("export").appendingPathComponent("a.csv")
    let writer = try CSVExportWriter(
      destination: .file(output, displayPath: "a.csv", overwrite: false),
      header: ExportKind.acknowledgements.header)
    _ = try builder.database.export(
      .acknowledgements, filter: ExportFilter(),
      context: ExportContext(
        currentGuidance: LedgerBuilder.fixtureGuidance.sha256,
        timeZone: Fixtures.school.timeZone),
      into: writer)
    try writer.finish()
    let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
    #expect(
      text.contains("\(entries[0].displayReference),2026-09-01 10:00:00 +01:00,(erased),,,,1 ("))
    #expect(!text.contains("Mallory"))
  }
}
