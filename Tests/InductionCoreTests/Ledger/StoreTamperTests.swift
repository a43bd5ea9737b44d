import Foundation
@_spi(RawStore) import InductionCore
import TestSupport
import Testing

/// Someone who can write the database (the SQLite file, or the PostgreSQL database with its owner's
/// password) but holds no trusted key: on either engine, `verify` names what they did.
@Suite("Tampering, on both engines")
struct StoreTamperTests {
  /// A ledger of genesis and two signed acknowledgements with their answers.
  static func ledger(_ engine: TestEngine) throws -> (LedgerBuilder, [LedgerEntry]) {
    let builder = try LedgerBuilder.fresh(engine)
    var entries: [LedgerEntry] = []
    for (index, parent) in ["Ann Able", "Ben Best"].enumerated() {
      let at = LedgerBuilder.utc("2026-09-0\(index + 1) 09:00")
      entries.append(
        try builder.sign(
          parent: parent, children: [("\(parent) Junior", "Year 1")], at: at,
          attempts: [
            QuizAttempt(
              scenarioID: "rule-one", choiceIndex: 1, choiceText: "Speak to staff.",
              isCorrect: true, isFirstTry: true, answeredAt: at.addingTimeInterval(-60)),
            QuizAttempt(
              scenarioID: "rule-two", choiceIndex: 0, choiceText: "Post it.", isCorrect: false,
              isFirstTry: true, answeredAt: at.addingTimeInterval(-30)),
          ]))
    }
    return (builder, entries)
  }

  /// Runs `sql` as the attacker would, straight into the store.
  static func tamper(
    _ database: AppDatabase, _ sql: String, _ arguments: [any SQLValueConvertible] = []
  ) throws {
    try database.engine.write(isSigning: false) { db in
      try db.execute(sql: sql, arguments: arguments)
    }
  }

  /// Signs `entry` with a key of the attacker's own, adds that key to the key table and appends
  /// the entry, as someone who can write the database but holds no trusted key can; returns it.
  static func appendForged(_ entry: LedgerEntry, to database: AppDatabase) throws -> LedgerEntry {
    let attacker = SigningKey.generate()
    var forged = entry
    forged.keyID = attacker.id
    forged.entryHash = forged.computedHash()
    forged.signature = try attacker.sign(forged.entryHash)
    forged.reference = Reference.make(from: Array(forged.entryHash))
    try tamper(
      database,
      "INSERT INTO signing_key (id, public_key, created_at) VALUES (?, ?, '2026-09-03')",
      [attacker.id, attacker.publicKey])
    try tamper(
      database,
      """
      INSERT INTO ledger (seq, kind, recorded_at, station, mode, guidance_sha256, statement_sha256,
        scenario_count, first_try_correct, attempt_count, transcript_sha256, pii_commitment,
        subject_seq, note, prev_hash, entry_hash, signature, key_id, reference)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        forged.seq, forged.kind.rawValue, forged.recordedAt, forged.station, forged.mode,
        forged.guidanceSHA256, forged.statementSHA256, forged.scenarioCount,
        forged.firstTryCorrect, forged.attemptCount, forged.transcriptSHA256,
        forged.piiCommitment, forged.subjectSeq, forged.note, forged.prevHash, forged.entryHash,
        forged.signature, forged.keyID, forged.reference,
      ])
    return forged
  }

  @Test(arguments: TestEngine.available)
  func aSoundLedgerVerifies(engine: TestEngine) throws {
    let (builder, _) = try Self.ledger(engine)
    #expect(try builder.database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
  }

  @Test(arguments: TestEngine.available)
  func anEntrySignedByAKeyTheAttackerAddedIsNamed(engine: TestEngine) throws {
    // Given an attacker who adds their key to the key table and appends an entry signed with it
    let (builder, entries) = try Self.ledger(engine)
    var forged = entries[1]
    forged.seq += 1
    forged.prevHash = entries[1].entryHash
    forged.piiCommitment = ""
    forged.transcriptSHA256 = [QuizAttempt]().transcriptSHA256
    forged = try Self.appendForged(forged, to: builder.database)
    // Then verify names it
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: forged.seq, kind: .untrustedKey))
  }

  @Test(arguments: TestEngine.available)
  func aChangedAnswerIsNamed(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    // When the attacker makes a wrong first answer right
    try Self.tamper(
      builder.database,
      """
      UPDATE quiz_attempt SET is_correct = 1, choice_text = 'Speak to staff.'
      WHERE scenario_id = 'rule-two' AND session_id =
        (SELECT id FROM session WHERE ledger_seq = ?)
      """, [entries[0].seq])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[0].seq, kind: .alteredAnswers))
  }

  @Test(arguments: TestEngine.available)
  func aChangedNameIsNamed(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    try Self.tamper(
      builder.database,
      "UPDATE personal_details SET parent_name = 'Someone Else' WHERE ledger_seq = ?",
      [entries[1].seq])
    #expect(
      try builder.database.verifyLedger().damage
        == LedgerDamage(seq: entries[1].seq, kind: .alteredPersonalDetails))
  }

  @Test(arguments: TestEngine.available)
  func theLedgerRefusesUpdateAndDeleteOnEitherEngine(engine: TestEngine) throws {
    let (builder, entries) = try Self.ledger(engine)
    #expect(throws: (any Error).self) {
      try Self.tamper(
        builder.database, "UPDATE ledger SET station = 'X' WHERE seq = ?", [entries[0].seq])
    }
    #expect(throws: (any Error).self) {
      try Self.tamper(builder.database, "DELETE FROM ledger WHERE seq = ?", [entries[1].seq])
    }
    #expect(try builder.database.ledgerEntries().count == 3)
    #expect(try builder.database.verifyLedger().damage == nil)
  }
}
