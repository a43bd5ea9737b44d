import Foundation
import GRDB
import InductionCore
import TestSupport
import Testing

/// Signs one acknowledgement for `parent` with children, through the store API.
@discardableResult
func sign(
  _ database: AppDatabase, parent: String, children: [(String, String)],
  at date: Date = Fixtures.instant,
  guidance: Guidance = Guidance(text: Fixtures.guidanceText)
) throws -> LedgerEntry {
  let context = SessionContext(station: "Office", mode: "start")
  let session = try database.startSession(
    context: context, guidance: guidance, guidanceText: Fixtures.guidanceText,
    shown: .english(guidance), shownGuidanceText: Fixtures.guidanceText, at: date)
  let attempt = QuizAttempt(
    scenarioID: "rule-one", choiceIndex: 1, choiceText: "Post about it.", isCorrect: false,
    isFirstTry: true, answeredAt: date)
  try database.recordAttempt(attempt, session: session)
  return try database.appendAcknowledgement(
    AcknowledgementDraft(
      session: session, context: context, guidanceSHA256: guidance.sha256,
      statement: "I have read it.",
      summary: QuizSummary(scenarioCount: 2, firstTryCorrect: 1, attemptCount: 3),
      attempts: [attempt],
      details: PersonalDetails(
        parentName: parent, relationship: "parent", signature: parent,
        children: children.map { PersonalDetails.Child(name: $0.0, className: $0.1) })),
    key: Fixtures.signingKey, at: date, salt: Array(repeating: 7, count: 16))
}

@Suite("Checkpoints")
struct CheckpointTests {
  @Test func aCheckpointRoundTripsAsTextAndMatchesTheLedgerItSaw() throws {
    let (database, _) = try makeSignedLedger(count: 3)
    let checkpoint = try database.makeCheckpoint(
      school: "Test School", key: Fixtures.signingKey, at: Fixtures.instant)
    let parsed = try #require(Checkpoint.parse(checkpoint.text))
    #expect(parsed == checkpoint)
    #expect(parsed.entryCount == 4)
    #expect(try database.check(against: parsed) == nil)
    // Appending more entries later is fine: the checkpoint's prefix is still there.
    try sign(database, parent: "Later Parent", children: [("Kid", "Year 1")])
    #expect(try database.check(against: parsed) == nil)
  }

  @Test func deletingTheNewestEntryIsCaughtThoughTheChainStillVerifies() throws {
    let (database, url) = try makeSignedLedger(count: 3)
    let checkpoint = try database.makeCheckpoint(
      school: "T", key: Fixtures.signingKey, at: Fixtures.instant)
    try tamper(
      url, "DELETE FROM ledger WHERE seq = 4; DELETE FROM personal_details WHERE ledger_seq = 4")
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
    #expect(try database.check(against: checkpoint) == .entriesRemoved(held: 3, expected: 4))
  }

  @Test func deletingEveryEntryIsCaught() throws {
    let (database, url) = try makeSignedLedger(count: 3)
    let checkpoint = try database.makeCheckpoint(
      school: "T", key: Fixtures.signingKey, at: Fixtures.instant)
    try tamper(
      url, "DELETE FROM acknowledged_child; DELETE FROM personal_details; DELETE FROM ledger")
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 0, damage: nil))
    #expect(try database.check(against: checkpoint) == .entriesRemoved(held: 0, expected: 4))
    #expect(
      CheckpointMismatch.entriesRemoved(held: 0, expected: 4).description
        == "the ledger has 0 entries but the checkpoint saw 4: entries were removed")
  }

  @Test func aRewrittenLedgerOfTheSameLengthIsCaught() throws {
    let (database, url) = try makeSignedLedger(count: 2)
    let checkpoint = try database.makeCheckpoint(
      school: "T", key: Fixtures.signingKey, at: Fixtures.instant)
    try tamper(url, "UPDATE ledger SET entry_hash = zeroblob(32) WHERE seq = 3")
    #expect(try database.check(against: checkpoint) == .headChanged(seq: 3))
  }

  @Test func aCheckpointSignedByAnotherKeyOrEditedIsRefused() throws {
    let (database, _) = try makeSignedLedger(count: 1)
    // A key the ledger never enrolled may not make a checkpoint, and one made outside the program
    // with it is refused.
    let stranger = SigningKey.generate()
    #expect(
      throws: StoreError.keyNotTrusted(
        fingerprint: KeyFingerprint.display(stranger.id), status: .notEnrolled,
        database: database.databaseOption)
    ) {
      try database.makeCheckpoint(school: "T", key: stranger, at: Fixtures.instant)
    }
    let head = try database.ledgerEntries().last!
    let other = try Checkpoint.make(
      school: "T", entryCount: head.seq, headHash: head.entryHash, at: Fixtures.instant,
      key: stranger)
    #expect(try database.check(against: other) == .otherKey(other.keyID))
    var edited = try database.makeCheckpoint(
      school: "T", key: Fixtures.signingKey, at: Fixtures.instant)
    edited.entryCount = 0
    #expect(try database.check(against: edited) == .badSignature)
    #expect(Checkpoint.parse("school: T\nentries: x\n") == nil)
  }
}

@Suite("Erasure, retention and subject access")
struct DataProtectionTests {
  @Test func erasingOneParentLeavesNoTraceOfTheirNamesOnDiskAndTheOtherIntact() throws {
    // Given two parents signed into a file database (names chosen to be easy to scan for)
    let directory = Fixtures.temporaryDirectory("erase")
    let database = try AppDatabase.open(at: directory.appendingPathComponent("induction.sqlite"))
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "k", at: Fixtures.instant)
    let erased = try sign(
      database, parent: "Quentina Zzyzx-Erased", children: [("Pollyanna Zzyzx-Erased", "Year 2")])
    let kept = try sign(
      database, parent: "Harriet Keepwell", children: [("Horace Keepwell", "Year 2")])
    try database.replaceRoster(
      [
        RosterRow(
          line: 2, parentName: "Quentina Zzyzx-Erased", parentEmail: "q@example.org",
          childName: "Pollyanna Zzyzx-Erased", className: "Year 2")
      ],
      at: Fixtures.instant)
    // When the first is erased
    let erasures = try database.erase(
      references: [erased.reference], key: Fixtures.signingKey, at: Fixtures.instant)
    // Then no byte of the data folder holds their names (any case), the other record is intact, and verify is ok
    for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
      let bytes = try Data(contentsOf: directory.appendingPathComponent(name))
      for needle in [
        "Zzyzx", "zzyzx", "Quentina", "quentina", "Pollyanna", "pollyanna", "q@example.org",
      ] {
        #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) found in \(name)")
      }
    }
    #expect(erasures.map(\.kind) == [.erasure])
    #expect(erasures[0].subjectSeq == erased.seq)
    #expect(try database.personalDetails(seq: erased.seq) == nil)
    #expect(try database.personalDetails(seq: kept.seq)?.details.parentName == "Harriet Keepwell")
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
    #expect(throws: ErasureError.alreadyErased(erased.displayReference)) {
      try database.erase(
        references: [erased.reference], key: Fixtures.signingKey, at: Fixtures.instant)
    }
  }

  @Test func newExportsShowAnErasedEntryAsErased() throws {
    let database = try AppDatabase.inMemory()
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "k", at: Fixtures.instant)
    let entry = try sign(database, parent: "Gone Parent", children: [("Gone Child", "Year 1")])
    try database.erase(
      references: [entry.reference], key: Fixtures.signingKey, at: Fixtures.instant)
    let output = Fixtures.temporaryDirectory("export").appendingPathComponent("a.csv")
    let writer = try CSVExportWriter(
      destination: .file(output, displayPath: "a.csv", overwrite: false),
      header: ExportKind.acknowledgements.header)
    _ = try database.export(
      .acknowledgements, filter: ExportFilter(),
      context: ExportContext(
        currentGuidance: Guidance(text: Fixtures.guidanceText).sha256,
        timeZone: Fixtures.school.timeZone),
      into: writer)
    try writer.finish()
    let text = String(decoding: try Data(contentsOf: output), as: UTF8.self)
    #expect(text.contains("\(entry.displayReference),2026-11-26 09:00:00 +00:00,(erased),,,,1 ("))
    #expect(!text.contains("Gone"))
  }

  @Test func purgeDryRunCountsEqualWhatPurgeThenErases() throws {
    let database = try AppDatabase.inMemory()
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "k", at: Fixtures.instant)
    let retention = try #require(RetentionPeriod("6 years"))
    let now = Fixtures.instant
    let cutoff = retention.cutoff(from: now, in: Fixtures.school.timeZone)
    for years in [8, 7, 6, 5, 1] {
      let date = Calendar(identifier: .gregorian).date(
        byAdding: .day, value: -365 * years - 2, to: now)!
      try sign(
        database, parent: "Parent \(years)", children: [("Child \(years)", "Year 1")], at: date)
    }
    let wouldErase = try database.retentionCandidates(before: cutoff).count
    #expect(wouldErase == 3)
    #expect(try database.purge(before: cutoff, key: Fixtures.signingKey, at: now) == wouldErase)
    #expect(try database.retentionCandidates(before: cutoff).isEmpty)
    #expect(try database.verifyLedger().damage == nil)
    #expect(RetentionPeriod("18 month")?.description == "18 months")
    #expect(RetentionPeriod("soon") == nil)
    // A period past any record a school keeps, which the calendar could not take away from today
    #expect(RetentionPeriod("100 years")?.description == "100 years")
    for text in ["101 years", "1201 months", "36526 days", "1000000 years", "10000 years"] {
      #expect(RetentionPeriod(text) == nil, "\(text)")
    }
  }

  @Test func subjectAccessHoldsAllOfOneParentsDataAndNoneOfAnothers() throws {
    let database = try AppDatabase.inMemory()
    try database.registerSigningKey(Fixtures.signingKey, keyPath: "k", at: Fixtures.instant)
    let first = try sign(
      database, parent: "Zoë Ní Bhriain", children: [("Siobhán O'Neil-Smith", "Reception (Blue)")])
    _ = try sign(database, parent: "Other Parent", children: [("Other Child", "Year 1")])
    let second = try sign(
      database, parent: "ZOE\u{308} NI\u{301}  BHRIAIN", children: [("Ciarán Ní Bhriain", "Year 3")]
    )
    _ = try database.revoke(
      reference: second.reference, reason: "signed twice", key: Fixtures.signingKey,
      at: Fixtures.instant)

    let report = try database.subjectAccess(
      parentName: "zoë ní bhriain", reference: nil, at: Fixtures.instant)
    #expect(
      report.acknowledgements.map(\.reference) == [first.displayReference, second.displayReference])
    #expect(
      report.acknowledgements[0].children == [
        ["name": "Siobhán O'Neil-Smith", "class": "Reception (Blue)"]
      ])
    #expect(report.acknowledgements[0].answers.map(\.choice) == ["Post about it."])
    #expect(
      report.acknowledgements[1].revocations == [
        ["at": "2026-11-26T09:00:00.000Z", "reason": "signed twice"]
      ])
    let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
    #expect(!json.contains("Other"))
    let byReference = try database.subjectAccess(
      parentName: nil, reference: first.displayReference, at: Fixtures.instant)
    #expect(byReference.acknowledgements.count == 1)
  }
}
