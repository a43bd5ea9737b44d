import Foundation
import GRDB
import InductionCore
import TestSupport
import Testing

/// A file database with `count` signed acknowledgements, appended through the real API.
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
      guidanceText: Fixtures.guidanceText, at: at)
    let details = PersonalDetails(
      parentName: "Parent \(index)", relationship: "parent", signature: "parent \(index)",
      children: [.init(name: "Child \(index)", className: "Year 1")])
    _ = try database.appendAcknowledgement(
      AcknowledgementDraft(
        session: session, context: SessionContext(station: "Test", mode: "start"),
        guidanceSHA256: guidance.sha256, statement: "I have read it.",
        summary: QuizSummary(scenarioCount: 2, firstTryCorrect: 1, attemptCount: 3),
        transcriptSHA256: [QuizAttempt]().transcriptSHA256, details: details),
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
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
    let entries = try database.ledgerEntries()
    #expect(entries.map(\.seq) == [1, 2, 3])
    #expect(entries[1].prevHash == entries[0].entryHash)
    #expect(entries.allSatisfy { $0.reference.count == 8 })
  }

  @Test func theLedgerRefusesUpdatesAndDeletesThroughSQLite() throws {
    let (database, _) = try makeSignedLedger(count: 1)
    #expect(throws: DatabaseError.self) {
      try database.writer.write { try $0.execute(sql: "UPDATE ledger SET station = 'X'") }
    }
    #expect(throws: DatabaseError.self) {
      try database.writer.write { try $0.execute(sql: "DELETE FROM ledger") }
    }
  }

  static let damageCases: [(String, String, Int, LedgerDamage.Kind)] = [
    (
      "an edited name",
      "UPDATE personal_details SET parent_name = 'Someone Else' WHERE ledger_seq = 2", 2,
      .alteredPersonalDetails
    ),
    (
      "an edited child class",
      "UPDATE acknowledged_child SET class_name = 'Year 6' WHERE ledger_seq = 3", 3,
      .alteredPersonalDetails
    ),
    (
      "an edited ledger field", "UPDATE ledger SET first_try_correct = 2 WHERE seq = 2", 2,
      .alteredEntry
    ),
    (
      "a changed timestamp",
      "UPDATE ledger SET recorded_at = '2026-01-01T00:00:00.000Z' WHERE seq = 1", 1, .alteredEntry
    ),
    ("a deleted middle entry", "DELETE FROM ledger WHERE seq = 2", 3, .missingEntry),
    (
      "a corrupted signature", "UPDATE ledger SET signature = zeroblob(64) WHERE seq = 3", 3,
      .badSignature
    ),
    (
      "removed personal details", "DELETE FROM personal_details WHERE ledger_seq = 1", 1,
      .missingPersonalDetails
    ),
    (
      "a changed reference", "UPDATE ledger SET reference = 'AAAAAAAA' WHERE seq = 2", 2,
      .wrongReference
    ),
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
    // Given three entries, shift the last one up and insert a forged copy of entry 1 as seq 2,
    // re-hashed and re-signed with a key that is not the installation's
    let (database, url) = try makeSignedLedger(count: 3)
    var forged = try database.ledgerEntries()[0]
    forged.seq = 2
    forged.prevHash = try database.ledgerEntries()[0].entryHash
    forged.entryHash = forged.computedHash()
    let otherKey = SigningKey.generate()
    forged.signature = try otherKey.sign(forged.entryHash)
    forged.reference = Reference.make(from: Array(forged.entryHash))
    try tamper(url, "UPDATE ledger SET seq = seq + 10 WHERE seq >= 2")
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
    #expect(try database.verifyLedger().damage == LedgerDamage(seq: 2, kind: .badSignature))
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
          at: Fixtures.instant)
        _ = try! database.appendAcknowledgement(
          AcknowledgementDraft(
            session: session, context: context, guidanceSHA256: guidance.sha256, statement: "S",
            summary: QuizSummary(scenarioCount: 1, firstTryCorrect: 1, attemptCount: 1),
            transcriptSHA256: "t",
            details: PersonalDetails(
              parentName: "P \(worker) \(index)", relationship: "parent", signature: "p",
              children: [])),
          key: Fixtures.signingKey, at: Fixtures.instant, salt: Array(repeating: 1, count: 16))
      }
    }
    // Then the chain has 80 contiguous entries and verifies
    #expect(try first.verifyLedger() == VerificationReport(entryCount: 80, damage: nil))
  }
}
