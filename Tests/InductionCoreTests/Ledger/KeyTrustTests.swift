import Foundation
import GRDB
import InductionCore
import TestSupport
import Testing

/// Writes `entry` straight into the file as an attacker with the database but no trusted key would:
/// hashed and signed with `key`, triggers and foreign keys out of the way.
func forge(
  _ url: URL, kind: LedgerKind, subjectKey: Data? = nil, note: String = "", key: SigningKey,
  after previous: LedgerEntry, piiCommitment: String = ""
) throws -> LedgerEntry {
  var entry = previous
  entry.seq = previous.seq + 1
  entry.kind = kind
  entry.prevHash = previous.entryHash
  entry.subjectKey = subjectKey
  entry.subjectSeq = nil
  entry.note = note
  entry.piiCommitment = piiCommitment
  entry.transcriptSHA256 = [QuizAttempt]().transcriptSHA256
  entry.entryHash = entry.computedHash()
  entry.signature = try key.sign(entry.entryHash)
  entry.keyID = key.id
  entry.reference = Reference.make(from: Array(entry.entryHash))
  try tamper(
    url,
    """
    INSERT OR IGNORE INTO signing_key (id, public_key, created_at) VALUES (?, ?, '2026-01-01');
    INSERT INTO ledger (seq, kind, recorded_at, station, mode, guidance_sha256, statement_sha256,
      scenario_count, first_try_correct, attempt_count, transcript_sha256, pii_commitment, subject_seq,
      note, prev_hash, entry_hash, signature, key_id, reference, subject_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
    """,
    arguments: [
      key.id, key.publicKey,
      entry.seq, entry.kind.rawValue, entry.recordedAt, entry.station, entry.mode,
      entry.guidanceSHA256, entry.statementSHA256, entry.scenarioCount, entry.firstTryCorrect,
      entry.attemptCount, entry.transcriptSHA256, entry.piiCommitment, entry.note, entry.prevHash,
      entry.entryHash, entry.signature, entry.keyID, entry.reference, entry.subjectKey,
    ])
  return entry
}

@Suite("Trusted keys")
struct KeyTrustTests {
  @Test func anEntrySignedByAKeyAddedToTheKeyTableIsRefused() throws {
    // Given a sound ledger, an attacker adds their own key to the key table and signs a new entry
    let (database, url) = try makeSignedLedger(count: 2)
    let attacker = SigningKey.generate()
    let last = try database.ledgerEntries().last!
    _ = try forge(url, kind: .acknowledgement, key: attacker, after: last)
    // Then verify names that entry: its key was never enrolled
    #expect(try database.verifyLedger().damage == LedgerDamage(seq: 4, kind: .untrustedKey))
    #expect(
      LedgerDamage(seq: 4, kind: .untrustedKey).description
        == "seq 4: it is signed by a key that the ledger had not enrolled, or had retired, at that point"
    )
  }

  @Test func anEnrolmentSignedByTheKeyItEnrolsIsRefused() throws {
    // Given an attacker who writes a key enrolment for their own key, signed by it, then an entry
    let (database, url) = try makeSignedLedger(count: 1)
    let attacker = SigningKey.generate()
    let enrolment = try forge(
      url, kind: .keyEnrolment, subjectKey: attacker.publicKey, note: "Reception 2", key: attacker,
      after: try database.ledgerEntries().last!)
    _ = try forge(url, kind: .acknowledgement, key: attacker, after: enrolment)
    // Then the enrolment itself is the first bad entry
    #expect(
      try database.verifyLedger().damage == LedgerDamage(seq: enrolment.seq, kind: .untrustedKey))
  }

  @Test func aSecondGenesisIsRefused() throws {
    let (database, url) = try makeSignedLedger(count: 1)
    let attacker = SigningKey.generate()
    let genesis = try forge(
      url, kind: .genesis, subjectKey: attacker.publicKey, note: "first PC", key: attacker,
      after: try database.ledgerEntries().last!)
    #expect(
      try database.verifyLedger().damage == LedgerDamage(seq: genesis.seq, kind: .unexpectedGenesis)
    )
  }

  @Test func anEnrolledKeySignsUntilItIsRetired() throws {
    // Given a second PC's key enrolled by the first PC's key
    let (database, url) = try makeSignedLedger(count: 1)
    let second = SigningKey.generate()
    #expect(
      try database.registerSigningKey(second, keyPath: "k2", at: Fixtures.instant) == .notEnrolled)
    let typed = KeyFingerprint.display(second.id).lowercased()
    let publicKey = try database.publicKey(forFingerprintOrKey: typed)
    #expect(publicKey == second.publicKey)
    let enrolment = try database.enrolKey(
      publicKey, name: "Reception 2", by: Fixtures.signingKey, at: Fixtures.instant)
    #expect(enrolment.kind == .keyEnrolment && enrolment.subjectKey == second.publicKey)
    #expect(
      try database.registerSigningKey(second, keyPath: "k2", at: Fixtures.instant) == .trusted)
    // When both PCs sign
    let secondPC = try LedgerBuilder(database: database, key: second)
    let bySecond = try secondPC.sign(
      parent: "P2", children: [("C2", "Year 1")], at: Fixtures.instant)
    #expect(bySecond.keyID == second.id)
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 4, damage: nil))
    // When the second key is retired, it may sign nothing more
    _ = try database.retireKey(
      second.publicKey, reason: "PC replaced", by: Fixtures.signingKey, at: Fixtures.instant)
    #expect(
      throws: StoreError.keyNotTrusted(
        fingerprint: KeyFingerprint.display(second.id), status: .retired,
        database: database.databaseOption)
    ) {
      try secondPC.sign(parent: "P3", children: [], at: Fixtures.instant)
    }
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 5, damage: nil))
    // And an entry it signs behind the program's back is refused by verify
    _ = try forge(
      url, kind: .acknowledgement, key: second, after: try database.ledgerEntries().last!)
    #expect(try database.verifyLedger().damage == LedgerDamage(seq: 6, kind: .untrustedKey))
    #expect(
      try database.keyListings().map { "\($0.name): \($0.status.rawValue)" } == [
        "first PC: trusted", "Reception 2: retired",
      ])
  }

  @Test func enrolmentAndRetirementMistakesAreRefusedWithASentence() throws {
    let (database, _) = try makeSignedLedger(count: 0)
    let own = Fixtures.signingKey
    let fingerprint = KeyFingerprint.display(own.id)
    #expect(throws: KeyError.alreadyEnrolled(fingerprint)) {
      try database.enrolKey(own.publicKey, name: "Again", by: own, at: Fixtures.instant)
    }
    #expect(throws: KeyError.lastTrustedKey(fingerprint)) {
      try database.retireKey(own.publicKey, reason: "old", by: own, at: Fixtures.instant)
    }
    #expect(
      throws: KeyError.unknownFingerprint("0000 0000 0000 0000", database: database.databaseOption)
    ) {
      try database.publicKey(forFingerprintOrKey: "0000-0000-0000-0000")
    }
    #expect(throws: KeyError.malformed("Reception")) {
      try database.publicKey(forFingerprintOrKey: "Reception")
    }
  }

  @Test func aLedgerFromBeforeEnrolmentGainsAGenesisWithoutARewrite() throws {
    // Given a ledger as the previous version left it: two entries signed by the key, no genesis
    let directory = Fixtures.temporaryDirectory("legacy")
    let url = directory.appendingPathComponent("induction.sqlite")
    let database = try AppDatabase.open(at: url)
    let key = Fixtures.signingKey
    // A stand-in "entry 0" whose hash is the all-zero genesis hash, so the first forged entry links.
    var previous = try makeSignedLedger(count: 0).0.ledgerEntries()[0]
    previous.seq = 0
    previous.entryHash = LedgerEntry.genesisHash
    var legacy: [LedgerEntry] = []
    for _ in 0..<2 {
      previous = try forge(url, kind: .revocation, key: key, after: previous)
      legacy.append(previous)
    }
    #expect(try database.verifyLedger().damage == LedgerDamage(seq: 1, kind: .noGenesis))
    // When another key opens it, it is refused; when its own key opens it, a genesis is appended
    #expect(throws: StoreError.signingKeyMismatch(path: "other")) {
      try database.registerSigningKey(SigningKey.generate(), keyPath: "other", at: Fixtures.instant)
    }
    #expect(try database.registerSigningKey(key, keyPath: "k", at: Fixtures.instant) == .trusted)
    // Then the old entries are untouched and everything verifies under the genesis key
    let entries = try database.ledgerEntries()
    #expect(Array(entries.prefix(2)) == legacy)
    #expect(entries.map(\.kind) == [.revocation, .revocation, .genesis])
    #expect(entries[2].subjectKey == key.publicKey)
    #expect(try database.verifyLedger() == VerificationReport(entryCount: 3, damage: nil))
  }

  @Test func aCheckpointByAKeyEnrolledLaterIsRefusedForTheEarlierLedger() throws {
    let (database, _) = try makeSignedLedger(count: 1)
    let second = SigningKey.generate()
    let early = try database.ledgerEntries().last!
    _ = try database.enrolKey(
      second.publicKey, name: "Office", by: Fixtures.signingKey, at: Fixtures.instant)
    let backdated = try Checkpoint.make(
      school: "T", entryCount: early.seq, headHash: early.entryHash, at: Fixtures.instant,
      key: second)
    #expect(try database.check(against: backdated) == .otherKey(second.id))
    let current = try database.makeCheckpoint(school: "T", key: second, at: Fixtures.instant)
    #expect(try database.check(against: current) == nil)
  }

  @Test func fingerprintsReadAloudInGroupsAndParseAsTyped() {
    #expect(KeyFingerprint.display("1a2b3c4d5e6f7a8b") == "1A2B 3C4D 5E6F 7A8B")
    #expect(KeyFingerprint.parse("1A2B 3C4D-5e6f:7a8b") == "1a2b3c4d5e6f7a8b")
    #expect(KeyFingerprint.parse("1A2B 3C4D") == nil)
    #expect(KeyFingerprint.parse("1A2B 3C4D 5E6F 7A8G") == nil)
  }
}
