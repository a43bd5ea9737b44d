import Foundation
import GRDB
import InductionCore

/// `verify` as it was written before it checked signatures in parallel: one entry at a time, in seq
/// order, every check in turn, through the public API. The self-test compares the real
/// ``AppDatabase/verifyLedger()`` against it on damaged ledgers.
enum ReferenceVerifier {
  /// The report checking entry by entry would give.
  static func verify(_ database: AppDatabase) throws -> VerificationReport {
    let (trust, erased) = try database.engine.read { db in
      (
        try KeyTrust.read(db),
        Set(
          try Int.fetchAll(
            db,
            sql: "SELECT subject_seq FROM ledger WHERE kind = 'erasure' AND subject_seq IS NOT NULL"
          ))
      )
    }
    var expectedSeq = 1
    var previousHash = LedgerEntry.genesisHash
    var count = 0
    var trusted: [String: Data] = [:]
    if let genesis = trust.genesis { trusted[genesis.id] = genesis.publicKey }
    for entry in try database.ledgerEntries() {
      count += 1
      func damage(_ kind: LedgerDamage.Kind) -> VerificationReport {
        VerificationReport(entryCount: count, damage: LedgerDamage(seq: entry.seq, kind: kind))
      }
      if entry.seq != expectedSeq { return damage(.missingEntry) }
      if entry.prevHash != previousHash { return damage(.brokenChain) }
      if entry.computedHash() != entry.entryHash { return damage(.alteredEntry) }
      guard let genesisSeq = trust.genesisSeq else { return damage(.noGenesis) }
      if entry.kind == .genesis && entry.seq != genesisSeq { return damage(.unexpectedGenesis) }
      if entry.kind == .genesis && entry.subjectKey.map(SigningKey.id(of:)) != entry.keyID {
        return damage(.untrustedKey)
      }
      if entry.kind.namesKey != (entry.subjectKey != nil) { return damage(.alteredEntry) }
      guard let publicKey = trusted[entry.keyID] else { return damage(.untrustedKey) }
      if !SigningKey.isValid(signature: entry.signature, of: entry.entryHash, publicKey: publicKey)
      {
        return damage(.badSignature)
      }
      if !entry.reference.hasPrefix(Reference.make(from: Array(entry.entryHash), length: 8))
        || entry.reference
          != Reference.make(from: Array(entry.entryHash), length: entry.reference.count)
      {
        return damage(.wrongReference)
      }
      if entry.kind == .acknowledgement {
        if let held = try database.personalDetails(seq: entry.seq) {
          if held.details.commitment(salt: held.salt) != entry.piiCommitment {
            return damage(.alteredPersonalDetails)
          }
        } else if !erased.contains(entry.seq) {
          return damage(.missingPersonalDetails)
        }
        if try database.signedAnswers(seq: entry.seq).transcriptSHA256 != entry.transcriptSHA256 {
          return damage(.alteredAnswers)
        }
      }
      if let subject = entry.subjectKey {
        if entry.kind == .keyRetirement {
          trusted[SigningKey.id(of: subject)] = nil
        } else {
          trusted[SigningKey.id(of: subject)] = subject
        }
      }
      expectedSeq += 1
      previousHash = entry.entryHash
    }
    return VerificationReport(entryCount: count, damage: nil)
  }
}
