import Foundation

@testable import InductionCore

/// `verify` written the plain way: one entry at a time, in seq order, every check in turn and each
/// signature checked on its own. ``LedgerVerifier`` must report exactly what it reports.
enum ReferenceVerifier {
  /// The report checking `ledger` entry by entry gives.
  static func verify(_ ledger: InMemoryLedger) -> VerificationReport {
    let trust = ledger.trust
    var expectedSeq = 1
    var previousHash = LedgerEntry.genesisHash
    var count = 0
    var trusted: [String: Data] = [:]
    if let genesis = trust.genesis { trusted[genesis.id] = genesis.publicKey }
    for stored in ledger.entries {
      let entry = stored.entry
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
      if entry.kind.namesKey != (entry.subjectKey != nil) || !entry.hasConsistentLanguageFields {
        return damage(.alteredEntry)
      }
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
        if let held = stored.details {
          if held.details.commitment(salt: held.salt) != entry.piiCommitment {
            return damage(.alteredPersonalDetails)
          }
        } else if ledger.erasures[entry.seq] == nil {
          return damage(.missingPersonalDetails)
        } else if stored.hasChildrenWithoutDetails {
          return damage(.alteredPersonalDetails)
        }
        if stored.answers.transcriptSHA256 != entry.transcriptSHA256 {
          return damage(.alteredAnswers)
        }
        if !ledger.texts.holdsEveryText(of: entry) { return damage(.alteredText) }
      }
      if let subject = entry.subjectKey {
        if entry.kind == .keyRetirement {
          trusted[SigningKey.id(of: subject)] = nil
        } else if trusted[SigningKey.id(of: subject)] == nil {
          trusted[SigningKey.id(of: subject)] = subject
        }
      }
      expectedSeq += 1
      previousHash = entry.entryHash
    }
    return VerificationReport(entryCount: count, damage: nil)
  }
}
