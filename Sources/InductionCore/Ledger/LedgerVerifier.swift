import Crypto
import Foundation

/// What `verify` found wrong with the ledger, naming the first bad entry.
public struct LedgerDamage: Sendable, Equatable, CustomStringConvertible {
  /// The kinds of damage `verify` tells apart.
  public enum Kind: String, Sendable, Equatable {
    /// An entry is missing: `seq` is not contiguous.
    case missingEntry = "an entry is missing before it (seq is not contiguous)"
    /// `prev_hash` does not match the previous entry's hash: entries were removed, reordered or inserted.
    case brokenChain =
      "its link to the previous entry is broken (entries removed, reordered or inserted)"
    /// A recorded field no longer matches the entry hash.
    case alteredEntry = "its recorded fields were changed after signing"
    /// The signature is not valid for the entry hash.
    case badSignature = "its signature is not valid"
    /// The ledger has entries but no genesis entry naming the key trusted from the start.
    case noGenesis = "no genesis entry names the key trusted from the start"
    /// A second genesis entry: only the first entry of an installation may name its own key.
    case unexpectedGenesis =
      "it is a second genesis entry (keys after the first are added only by enrolment)"
    /// The entry is signed by a key the ledger had not enrolled, or had retired, at that point.
    case untrustedKey =
      "it is signed by a key that the ledger had not enrolled, or had retired, at that point"
    /// The stored quiz answers no longer hash to the signed transcript hash.
    case alteredAnswers = "its quiz answers were changed after signing"
    /// The personal details were changed.
    case alteredPersonalDetails = "its personal details were changed after signing"
    /// The personal details are gone without an erasure entry.
    case missingPersonalDetails = "its personal details are missing and no erasure was recorded"
    /// The reference does not derive from the hash.
    case wrongReference = "its reference does not match its hash"
    /// A text it names by SHA-256 (the guidance or statement, as shown or in English) is missing
    /// or no longer has that hash.
    case alteredText = "a guidance or statement text it names was changed or removed after signing"
    /// A manual roster link for it (or it, a link entry) does not match what is stored: a link
    /// row added, edited or removed by hand, or one undone but still stored.
    case alteredLink =
      "a roster link signed for it, or stored as if signed, was added, changed or removed by hand"
    /// A child's stored match key does not follow from the name and class under its commitment.
    case alteredMatchKey =
      "a child's match key stored for it does not follow from the name and class signed"
  }

  /// The first bad entry.
  public var seq: Int
  /// What is wrong with it.
  public var kind: Kind

  /// Creates a damage report.
  public init(seq: Int, kind: Kind) {
    self.seq = seq
    self.kind = kind
  }

  /// `seq 5: its signature is not valid`.
  public var description: String { "seq \(seq): \(kind.rawValue)" }
}

/// The result of verifying the whole ledger.
public struct VerificationReport: Sendable, Equatable {
  /// How many entries were checked.
  public var entryCount: Int
  /// The first damage found, or `nil` when every entry is sound.
  public var damage: LedgerDamage?

  /// Creates a report.
  public init(entryCount: Int, damage: LedgerDamage?) {
    self.entryCount = entryCount
    self.damage = damage
  }
}

extension AppDatabase {
  /// Recomputes every commitment, link, hash, transcript, stored text and signature, and accepts a
  /// signature only from a key the ledger trusted at that entry (the genesis key from the start,
  /// enrolled keys from their enrolment until their retirement), streaming entries so memory stays
  /// flat.
  ///
  /// One thread reads the ledger in seq order and checks everything but the signatures (seq,
  /// link, hash, key, reference, personal details); the Ed25519 signatures, the costly part, are
  /// checked in batches on the other cores meanwhile. The report is the same as checking entry by
  /// entry: the first damaged entry in seq order, and for that entry the first failing check in the
  /// order seq, link, hash, key, signature, reference, personal details, answers, texts. Missing
  /// details excused only by an erasure that proves damaged are reported at the entry that lost
  /// them (``ErasureReliance``).
  public func verifyLedger() throws -> VerificationReport {
    try read { db in
      // Every key the ledger names, as stored: the signature workers need them all before the
      // scan starts. Trust is decided during the scan, from key entries whose hash and signature
      // have been checked, so a key edited into these rows is an altered entry, not trust.
      var keyIndex: [String: Int] = [:]
      var keys: [Curve25519.Signing.PublicKey?] = []
      let stored = try KeyTrust.read(db)
      for row in try SQLRow.fetchAll(
        db,
        sql:
          "SELECT subject_key FROM ledger WHERE kind IN ('genesis', 'key enrolment', 'key retirement') ORDER BY seq"
      ) {
        guard let raw = row[0] as Data? else { continue }
        let id = SigningKey.id(of: raw)
        if keyIndex[id] != nil { continue }
        keyIndex[id] = keys.count
        keys.append(try? Curve25519.Signing.PublicKey(rawRepresentation: raw))
      }
      // Entries from before key enrolment (upgraded ledgers) precede the genesis entry that names
      // the key they were signed with: that key is trusted from seq 1.
      var trusted: Set<String> = stored.genesis.map { [$0.id] } ?? []
      let genesisSeq = stored.genesisSeq
      // The erasure entries recorded for each entry, by seq: an entry's missing details are
      // excused by them only if one of them proves sound.
      var erasures: [Int: [Int]] = [:]
      for row in try SQLRow.fetchAll(
        db,
        sql:
          "SELECT subject_seq, seq FROM ledger WHERE kind = 'erasure' AND subject_seq IS NOT NULL"
      ) {
        erasures[try row.decode(atIndex: 0), default: []].append(try row.decode(atIndex: 1))
      }
      var excused = ErasureReliance()
      var rosterLinks = RosterLinkVerification()
      let texts = try StoredTexts(db)
      let signatures = SignatureBatchVerifier(keys: keys)
      var expectedSeq = 1
      var previousHash = LedgerEntry.genesisHash
      var count = 0
      /// The first damage found by the checks other than the signature's.
      var found: (position: Int, damage: LedgerDamage)?
      do {
        var scanner = try LedgerScanner(db)
        scan: while let item = try scanner.next() {
          count += 1
          let entry = item.entry
          if count % SignatureBatchVerifier.batchSize == 0,
            let bad = signatures.earliestBadSoFar, bad.position < count
          {
            break scan
          }
          func damage(_ kind: LedgerDamage.Kind) {
            found = (count, LedgerDamage(seq: entry.seq, kind: kind))
          }
          if entry.seq != expectedSeq {
            damage(.missingEntry)
            break scan
          }
          if entry.prevHash != previousHash {
            damage(.brokenChain)
            break scan
          }
          if entry.computedHash() != entry.entryHash {
            damage(.alteredEntry)
            break scan
          }
          guard let genesisSeq else {
            damage(.noGenesis)
            break scan
          }
          if entry.kind == .genesis
            && (entry.seq != genesisSeq || entry.subjectKey.map(SigningKey.id(of:)) != entry.keyID)
          {
            damage(entry.seq != genesisSeq ? .unexpectedGenesis : .untrustedKey)
            break scan
          }
          if entry.kind.namesKey != (entry.subjectKey != nil) || !entry.hasConsistentLanguageFields
          {
            damage(.alteredEntry)
            break scan
          }
          guard trusted.contains(entry.keyID), let key = keyIndex[entry.keyID] else {
            damage(.untrustedKey)
            break scan
          }
          signatures.submit(
            .init(
              position: count, seq: entry.seq, entryHash: entry.entryHash,
              signature: entry.signature, key: key))
          if !entry.reference.hasPrefix(Reference.make(from: Array(entry.entryHash), length: 8))
            || entry.reference
              != Reference.make(from: Array(entry.entryHash), length: entry.reference.count)
          {
            damage(.wrongReference)
            break scan
          }
          if entry.kind == .acknowledgement {
            if let held = item.details {
              if held.details.commitment(salt: held.salt) != entry.piiCommitment {
                damage(.alteredPersonalDetails)
                break scan
              }
            } else if let erasedBy = erasures[entry.seq] {
              // Erased: nothing of the person may be left, a child row added since included.
              if item.hasChildrenWithoutDetails {
                damage(.alteredPersonalDetails)
                break scan
              }
              excused.record(seq: entry.seq, position: count, erasures: erasedBy)
            } else {
              damage(.missingPersonalDetails)
              break scan
            }
            if item.answers.transcriptSHA256 != entry.transcriptSHA256 {
              damage(.alteredAnswers)
              break scan
            }
            if !texts.holdsEveryText(of: entry) {
              damage(.alteredText)
              break scan
            }
          }
          rosterLinks.record(entry)
          if let subject = entry.subjectKey {
            switch entry.kind {
            case .genesis, .keyEnrolment: trusted.insert(SigningKey.id(of: subject))
            case .keyRetirement: trusted.remove(SigningKey.id(of: subject))
            default: break
            }
          }
          expectedSeq += 1
          previousHash = entry.entryHash
        }
      } catch {
        // Checked one by one, a bad signature before the unreadable row would have been reported.
        if let bad = signatures.finish() {
          return excused.attributed(
            VerificationReport(
              entryCount: bad.position, damage: LedgerDamage(seq: bad.seq, kind: .badSignature)))
        }
        throw error
      }
      // A bad signature wins when it is on an earlier entry, or on the same entry (the signature is
      // checked before the reference and the personal details).
      if let bad = signatures.finish(), found == nil || bad.position <= found!.position {
        return excused.attributed(
          VerificationReport(
            entryCount: bad.position, damage: LedgerDamage(seq: bad.seq, kind: .badSignature)))
      }
      if let found {
        return excused.attributed(
          VerificationReport(entryCount: found.position, damage: found.damage))
      }
      // Every entry is sound: what the completion list is built from must follow from them.
      if let damage = try rosterLinks.firstDamage(db, erased: Set(erasures.keys)) {
        return VerificationReport(entryCount: count, damage: damage)
      }
      return VerificationReport(entryCount: count, damage: nil)
    }
  }
}
