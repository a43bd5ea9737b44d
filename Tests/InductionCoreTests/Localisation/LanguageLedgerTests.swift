import Foundation
import GRDB
import InductionCore
import TestSupport
import Testing

/// The language and the text shown are under the signature of each new acknowledgement; entries
/// made before translations keep their hashes; `verify` catches an edited language field.
@Suite("Ledger: language bound")
struct LanguageLedgerTests {
  static let polishShown = ShownText(
    language: "pl", guidanceSHA256: Guidance(text: Fixtures.polishGuidanceText).sha256,
    statement: "Przeczytałam lub przeczytałem wskazówki.")

  /// A file ledger: genesis, an acknowledgement from before translations (seq 2), one read in Polish
  /// (seq 3) and one in English since translations (seq 4).
  static func ledger() throws -> (LedgerBuilder, URL, [LedgerEntry]) {
    let folder = Fixtures.temporaryDirectory("language-ledger")
    let url = folder.appendingPathComponent("induction.sqlite")
    let builder = try LedgerBuilder(database: AppDatabase.open(at: url))
    let old = try builder.sign(
      parent: "Liam Byrne", children: [("Niamh Byrne", "Nursery")],
      at: LedgerBuilder.utc("2026-09-01 09:00"))
    let polish = try builder.sign(
      parent: "Agnieszka Nowak", children: [("Zofia Nowak", "Year 1")],
      at: LedgerBuilder.utc("2026-09-02 09:00"), shown: polishShown,
      shownGuidanceText: Fixtures.polishGuidanceText)
    let english = try builder.sign(
      parent: "Amara Okafor", children: [("Tobi Okafor", "Nursery")],
      at: LedgerBuilder.utc("2026-09-03 09:00"),
      shown: ShownText(
        language: "en", guidanceSHA256: LedgerBuilder.fixtureGuidance.sha256,
        statement: builder.statement), shownGuidanceText: Fixtures.guidanceText)
    return (builder, url, [old, polish, english])
  }

  @Test func anEntryMadeBeforeTranslationsKeepsTheHashItWasSignedWith() throws {
    // Given an acknowledgement with no language fields
    let (_, _, entries) = try Self.ledger()
    let old = entries[0]
    #expect(old.language == nil && old.shownGuidanceSHA256 == nil)
    // When its hash is computed the way it was before translations existed
    var encoder = CanonicalEncoder(domain: "induction-ledger-v1")
    encoder.appendRaw(Array(old.prevHash))
    encoder.append(old.seq)
    encoder.append(old.kind.rawValue)
    encoder.append(old.recordedAt)
    encoder.append(old.station)
    encoder.append(old.mode)
    encoder.append(old.guidanceSHA256)
    encoder.append(old.statementSHA256)
    encoder.append(old.scenarioCount)
    encoder.append(old.firstTryCorrect)
    encoder.append(old.attemptCount)
    encoder.append(old.transcriptSHA256)
    encoder.append(old.piiCommitment)
    encoder.append(optional: old.subjectSeq)
    encoder.append(old.note)
    // Then it is the hash recorded, and the one computed now
    #expect(Digest.sha256(encoder.bytes) == old.entryHash)
    #expect(old.computedHash() == old.entryHash)
  }

  @Test func aTranslatedEntryBindsTheLanguageTheTextShownAndTheEnglishOriginals() throws {
    // Given the Polish acknowledgement
    let (builder, _, entries) = try Self.ledger()
    let polish = entries[1]
    // Then it records Polish, the Polish guidance and statement, and the English ones
    #expect(polish.language == "pl")
    #expect(polish.shownGuidanceSHA256 == Self.polishShown.guidanceSHA256)
    #expect(polish.shownStatementSHA256 == Digest.sha256Hex(Self.polishShown.statement))
    #expect(polish.guidanceSHA256 == LedgerBuilder.fixtureGuidance.sha256)
    #expect(polish.statementSHA256 == Digest.sha256Hex(builder.statement))
    // And each of those fields is under the hash
    for change in [
      { (entry: inout LedgerEntry) in entry.language = "cy" },
      { (entry: inout LedgerEntry) in entry.language = nil },
      { (entry: inout LedgerEntry) in entry.shownGuidanceSHA256 = entries[2].guidanceSHA256 },
      { (entry: inout LedgerEntry) in entry.shownStatementSHA256 = entries[2].statementSHA256 },
    ] {
      var changed = polish
      change(&changed)
      #expect(changed.computedHash() != polish.entryHash)
    }
    // And the English one since translations records English, its text shown being the original
    #expect(entries[2].language == "en")
    #expect(entries[2].shownGuidanceSHA256 == entries[2].guidanceSHA256)
    #expect(try builder.database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
  }

  @Test func aLedgerFromBeforeTranslationsIsUpgradedInPlaceAndStillVerifies() throws {
    // Given a database as the previous version left it: acknowledgements without a language, and
    // no language columns or translation versions (the new migration not yet applied)
    let folder = Fixtures.temporaryDirectory("old-ledger")
    let url = folder.appendingPathComponent("induction.sqlite")
    let before = try {
      let (database, _) = try makeSignedLedger(count: 3, in: folder)
      return try database.ledgerEntries()
    }()
    let queue = try DatabaseQueue(path: url.path)
    try queue.writeWithoutTransaction { db in
      try db.execute(
        sql: """
          ALTER TABLE ledger DROP COLUMN shown_statement_sha256;
          ALTER TABLE ledger DROP COLUMN shown_guidance_sha256;
          ALTER TABLE ledger DROP COLUMN language;
          ALTER TABLE session DROP COLUMN language;
          DROP TABLE translation_version;
          DELETE FROM grdb_migrations WHERE identifier = 'v6-languages';
          """)
    }
    let oldColumns = try queue.read { db in try db.columns(in: "ledger").map(\.name) }
    try queue.close()
    #expect(!oldColumns.contains("language"))

    // When this version opens it
    let database = try AppDatabase.open(at: url)

    // Then the columns are added in place, every entry is exactly as it was, and it verifies
    let columns = try DatabaseQueue(path: url.path).read { db in
      try db.columns(in: "ledger").map(\.name)
    }
    #expect(
      columns == oldColumns + ["language", "shown_guidance_sha256", "shown_statement_sha256"])
    #expect(try database.ledgerEntries() == before)
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
  }

  @Test func subjectAccessSaysWhichLanguageWasReadAndGivesTheStatementAsShown() throws {
    // Given the Polish acknowledgement and the one from before translations
    let (builder, _, entries) = try Self.ledger()
    // When each parent asks for what is held about them
    let polish = try builder.database.subjectAccess(
      parentName: nil, reference: entries[1].reference, at: Fixtures.instant)
    let old = try builder.database.subjectAccess(
      parentName: "Liam Byrne", reference: nil, at: Fixtures.instant)
    // Then the Polish one is in Polish, with the Polish statement they signed
    #expect(polish.acknowledgements.map(\.language) == ["pl"])
    #expect(polish.acknowledgements.map(\.statement) == [Self.polishShown.statement])
    // And the older one reads as English, with the English statement
    #expect(old.acknowledgements.map(\.language) == ["en"])
    #expect(old.acknowledgements.map(\.statement) == [builder.statement])
  }

  @Test(arguments: [
    ("the language changed", "UPDATE ledger SET language = 'cy' WHERE seq = 3", 3),
    ("the language removed", "UPDATE ledger SET language = NULL WHERE seq = 3", 3),
    (
      "the guidance shown changed",
      "UPDATE ledger SET shown_guidance_sha256 = guidance_sha256 WHERE seq = 3", 3
    ),
    (
      "the statement shown changed",
      "UPDATE ledger SET shown_statement_sha256 = statement_sha256 WHERE seq = 3", 3
    ),
    (
      "a language added to an entry made before translations",
      "UPDATE ledger SET language = 'en', shown_guidance_sha256 = guidance_sha256, shown_statement_sha256 = statement_sha256 WHERE seq = 2",
      2
    ),
    ("English changed to Polish", "UPDATE ledger SET language = 'pl' WHERE seq = 4", 4),
  ])
  func verifyNamesTheEntryWhoseLanguageFieldsWereEdited(label: String, sql: String, seq: Int)
    throws
  {
    // Given the ledger, edited behind the program's back
    let (builder, url, _) = try Self.ledger()
    try tamper(url, sql)
    // When it is verified
    let report = try builder.database.verifyLedger()
    // Then the edited entry is named as altered
    #expect(report.damage == LedgerDamage(seq: seq, kind: .alteredEntry), "\(label)")
  }
}
