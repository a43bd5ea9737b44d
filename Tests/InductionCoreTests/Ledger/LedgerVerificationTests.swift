import Foundation
import GRDB
@_spi(RawStore) import InductionCore
import TestSupport
import Testing

/// A file database with its genesis entry (seq 1) and `count` signed acknowledgements (seq 2 on),
/// each with three quiz answers, appended through the real API.
func makeSignedLedger(count: Int, in directory: URL = Fixtures.temporaryDirectory("ledger")) throws
  -> (AppDatabase, URL)
{
  let url = directory.appendingPathComponent("induction.sqlite")
  let database = try AppDatabase.open(at: url)
  try database.registerSigningKey(Fixtures.signingKey, keyPath: "key", at: Fixtures.instant)
  let guidance = Guidance(text: Fixtures.guidanceText)
  for index in 0..<count {
    let at = Fixtures.instant.addingTimeInterval(Double(index) * 60)
    let session = try database.startSession(
      context: SessionContext(station: "Test", mode: "start"), guidance: guidance,
      guidanceText: Fixtures.guidanceText, shown: .english(guidance),
      shownGuidanceText: Fixtures.guidanceText, at: at)
    let details = PersonalDetails(
      parentName: "Parent \(index)", relationship: "parent", signature: "parent \(index)",
      children: [.init(name: "Child \(index)", className: "Year 1")])
    _ = try database.appendAcknowledgement(
      AcknowledgementDraft(
        session: session, context: SessionContext(station: "Test", mode: "start"),
        guidanceSHA256: guidance.sha256, statement: "I have read it.",
        summary: QuizSummary(scenarioCount: 2, firstTryCorrect: 1, attemptCount: 3),
        attempts: [
          QuizAttempt(
            scenarioID: "rule-one", choiceIndex: 0, choiceText: "Post it.", isCorrect: false,
            isFirstTry: true, answeredAt: at.addingTimeInterval(-50)),
          QuizAttempt(
            scenarioID: "rule-two", choiceIndex: 1, choiceText: "Speak to staff.", isCorrect: true,
            isFirstTry: true, answeredAt: at.addingTimeInterval(-40)),
          QuizAttempt(
            scenarioID: "rule-one", choiceIndex: 2, choiceText: "Speak to staff.", isCorrect: true,
            isFirstTry: false, answeredAt: at.addingTimeInterval(-30)),
        ], details: details),
      key: Fixtures.signingKey, at: at, salt: Array(repeating: UInt8(index), count: 16))
  }
  return (database, url)
}

/// Opens the file behind the program's back, as someone tampering with it would, triggers removed.
func tamper(_ url: URL, _ sql: String, arguments: StatementArguments = []) throws {
  let queue = try DatabaseQueue(path: url.path)
  try queue.writeWithoutTransaction { db in
    try db.execute(
      sql:
        "DROP TRIGGER IF EXISTS ledger_no_update; DROP TRIGGER IF EXISTS ledger_no_delete; PRAGMA foreign_keys = OFF"
    )
    try db.execute(sql: sql, arguments: arguments)
  }
  try queue.close()
}

@Suite("Ledger verification")
struct LedgerVerificationTests {
  @Test func anUntouchedLedgerVerifies() throws {
    let (database, _) = try makeSignedLedger(count: 3)
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
    let entries = try database.ledgerEntries()
    #expect(entries.map(\.seq) == [1, 2, 3, 4])
    #expect(
      entries.map(\.kind) == [.genesis, .acknowledgement, .acknowledgement, .acknowledgement])
    #expect(entries[0].subjectKey == Fixtures.signingKey.publicKey)
    #expect(entries[1].prevHash == entries[0].entryHash)
    #expect(entries.allSatisfy { $0.reference.count == 8 })
  }

  @Test func theLedgerRefusesUpdatesAndDeletesThroughSQLite() throws {
    let (database, _) = try makeSignedLedger(count: 1)
    #expect(throws: DatabaseError.self) {
      try database.sqlite!.writer.write { try $0.execute(sql: "UPDATE ledger SET station = 'X'") }
    }
    #expect(throws: DatabaseError.self) {
      try database.sqlite!.writer.write { try $0.execute(sql: "DELETE FROM ledger") }
    }
  }

  static let damageCases: [(String, String, Int, LedgerDamage.Kind)] = [
    (
      "an edited name",
      "UPDATE personal_details SET parent_name = 'Someone Else' WHERE ledger_seq = 3", 3,
      .alteredPersonalDetails
    ),
    (
      "an edited child class",
      "UPDATE acknowledged_child SET class_name = 'Year 6' WHERE ledger_seq = 4", 4,
      .alteredPersonalDetails
    ),
    (
      "an edited ledger field", "UPDATE ledger SET first_try_correct = 2 WHERE seq = 3", 3,
      .alteredEntry
    ),
    (
      "a changed timestamp",
      "UPDATE ledger SET recorded_at = '2026-01-01T00:00:00.000Z' WHERE seq = 2", 2, .alteredEntry
    ),
    ("a deleted middle entry", "DELETE FROM ledger WHERE seq = 3", 4, .missingEntry),
    (
      "a corrupted signature", "UPDATE ledger SET signature = zeroblob(64) WHERE seq = 4", 4,
      .badSignature
    ),
    (
      "removed personal details", "DELETE FROM personal_details WHERE ledger_seq = 2", 2,
      .missingPersonalDetails
    ),
    (
      "a changed reference", "UPDATE ledger SET reference = 'AAAAAAAA' WHERE seq = 3", 3,
      .wrongReference
    ),
    (
      "an answer changed to the right one",
      """
      UPDATE quiz_attempt SET choice_index = 2, choice_text = 'Speak to staff.', is_correct = 1
      WHERE scenario_id = 'rule-one' AND is_first_try = 1
        AND session_id = (SELECT id FROM session WHERE ledger_seq = 3)
      """, 3, .alteredAnswers
    ),
    (
      "a wrong answer deleted",
      """
      DELETE FROM quiz_attempt WHERE is_correct = 0
        AND session_id = (SELECT id FROM session WHERE ledger_seq = 4)
      """, 4, .alteredAnswers
    ),
    (
      "answers moved to another signing",
      "UPDATE session SET outcome = 'cancelled', ledger_seq = NULL WHERE ledger_seq = 2", 2,
      .alteredAnswers
    ),
    (
      "the genesis key swapped in the key table and ledger",
      "UPDATE ledger SET subject_key = zeroblob(32) WHERE seq = 1", 1, .alteredEntry
    ),
    ("the genesis entry removed", "DELETE FROM ledger WHERE seq = 1", 2, .missingEntry),
  ]

  @Test(arguments: damageCases)
  func damageIsDetectedAtTheRightSeq(label: String, sql: String, seq: Int, kind: LedgerDamage.Kind)
    throws
  {
    let (database, url) = try makeSignedLedger(count: 3)
    try tamper(url, sql)
    #expect(try database.verifyLedger().damage == LedgerDamage(seq: seq, kind: kind), "\(label)")
  }

  @Test func aForgedEntryInsertedInTheMiddleBreaksTheChain() throws {
    // Given three acknowledgements, shift the last two up and insert a forged copy of the first as
    // seq 3, re-hashed and re-signed with a key that is not the installation's
    let (database, url) = try makeSignedLedger(count: 3)
    var forged = try database.ledgerEntries()[1]
    forged.seq = 3
    forged.prevHash = try database.ledgerEntries()[1].entryHash
    forged.entryHash = forged.computedHash()
    let otherKey = SigningKey.generate()
    forged.signature = try otherKey.sign(forged.entryHash)
    forged.reference = Reference.make(from: Array(forged.entryHash))
    try tamper(url, "UPDATE ledger SET seq = seq + 10 WHERE seq >= 3")
    try tamper(
      url,
      """
      INSERT INTO ledger (seq, kind, recorded_at, station, mode, guidance_sha256, statement_sha256,
        scenario_count, first_try_correct, attempt_count, transcript_sha256, pii_commitment, subject_seq,
        note, prev_hash, entry_hash, signature, key_id, reference)
      VALUES (?, 'acknowledgement', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?, ?, ?, ?)
      """,
      arguments: [
        forged.seq, forged.recordedAt, forged.station, forged.mode, forged.guidanceSHA256,
        forged.statementSHA256, forged.scenarioCount, forged.firstTryCorrect, forged.attemptCount,
        forged.transcriptSHA256, forged.piiCommitment, forged.prevHash, forged.entryHash,
        forged.signature, forged.keyID, forged.reference,
      ])
    #expect(try database.verifyLedger().damage == LedgerDamage(seq: 3, kind: .badSignature))
  }

  @Test func appendsFromTwoConnectionsAtOnceKeepSeqContiguous() throws {
    // Given two gateways on one file, as two kiosks would have
    let directory = Fixtures.temporaryDirectory("concurrent")
    let (first, url) = try makeSignedLedger(count: 0, in: directory)
    let second = try AppDatabase.open(at: url)
    let guidance = Guidance(text: Fixtures.guidanceText)
    // When each appends 40 acknowledgements concurrently
    DispatchQueue.concurrentPerform(iterations: 2) { worker in
      let database = worker == 0 ? first : second
      for index in 0..<40 {
        let context = SessionContext(station: "Station \(worker)", mode: "kiosk")
        let session = try! database.startSession(
          context: context, guidance: guidance, guidanceText: Fixtures.guidanceText,
          shown: .english(guidance), shownGuidanceText: Fixtures.guidanceText,
          at: Fixtures.instant)
        _ = try! database.appendAcknowledgement(
          AcknowledgementDraft(
            session: session, context: context, guidanceSHA256: guidance.sha256, statement: "S",
            summary: QuizSummary(scenarioCount: 1, firstTryCorrect: 1, attemptCount: 1),
            attempts: [],
            details: PersonalDetails(
              parentName: "P \(worker) \(index)", relationship: "parent", signature: "p",
              children: [])),
          key: Fixtures.signingKey, at: Fixtures.instant, salt: Array(repeating: 1, count: 16))
      }
    }
    // Then the chain has 80 contiguous entries and verifies
    #expect(try first.verifyLedger() == VerificationReport(entryCount: 81, damage: nil))
  }
}
