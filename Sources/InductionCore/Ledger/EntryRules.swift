import Crypto
import Foundation

/// The rules one entry must follow given the entries before it, in the order `verify` applies
/// them: seq, link, hash, genesis, fields, key, then (after the signature, checked by the caller)
/// reference, personal details, answers and texts. Holds the chain so far: the seq and hash
/// expected next and the keys trusted at this point.
struct EntryRules {
  /// What the checks before the signature decided.
  enum Signer {
    /// The entry is damaged before its signature counts.
    case damaged(LedgerDamage.Kind)
    /// The signature must be valid for this key (nil: the ledger names a key that is not a valid
    /// Ed25519 public key, so no signature by it is).
    case key(Curve25519.Signing.PublicKey?)
  }

  private let genesisSeq: Int?
  private let erasures: [Int: [Int]]
  private let texts: StoredTexts
  private var expectedSeq = 1
  private var previousHash = LedgerEntry.genesisHash
  private var trusted: Set<String> = []
  private var publicKeys: [String: Curve25519.Signing.PublicKey?] = [:]

  /// Rules for a ledger whose key entries as stored give `trust`, whose erasure entries are
  /// `erasures` (subject seq → the erasures naming it) and whose stored texts are `texts`.
  ///
  /// Only the genesis key is taken from `trust`: entries from before key enrolment (upgraded
  /// ledgers) precede the genesis entry that names the key they were signed with, so that key is
  /// trusted from seq 1. Every other key is trusted only once its entry has passed these rules.
  init(trust: KeyTrust, erasures: [Int: [Int]], texts: StoredTexts) {
    genesisSeq = trust.genesisSeq
    self.erasures = erasures
    self.texts = texts
    if let genesis = trust.genesis { self.trust(genesis.publicKey) }
  }

  /// The checks before the signature: seq, link, hash, genesis, fields and key, in that order.
  func signer(of entry: LedgerEntry, digests: EntryDigests) -> Signer {
    if entry.seq != expectedSeq { return .damaged(.missingEntry) }
    if entry.prevHash != previousHash { return .damaged(.brokenChain) }
    if !digests.hashMatches { return .damaged(.alteredEntry) }
    guard let genesisSeq else { return .damaged(.noGenesis) }
    if entry.kind == .genesis && entry.seq != genesisSeq { return .damaged(.unexpectedGenesis) }
    if entry.kind == .genesis && entry.subjectKey.map(SigningKey.id(of:)) != entry.keyID {
      return .damaged(.untrustedKey)
    }
    if entry.kind.namesKey != (entry.subjectKey != nil) || !entry.hasConsistentLanguageFields {
      return .damaged(.alteredEntry)
    }
    guard trusted.contains(entry.keyID), let key = publicKeys[entry.keyID] else {
      return .damaged(.untrustedKey)
    }
    return .key(key)
  }

  /// The checks after the signature: reference, personal details, answers and texts, in that
  /// order.
  func damageAfterSignature(of stored: StoredEntry, digests: EntryDigests) -> LedgerDamage.Kind? {
    let entry = stored.entry
    if !entry.reference.hasPrefix(Reference.make(from: Array(entry.entryHash), length: 8))
      || entry.reference
        != Reference.make(from: Array(entry.entryHash), length: entry.reference.count)
    {
      return .wrongReference
    }
    guard entry.kind == .acknowledgement else { return nil }
    if stored.details != nil {
      if !digests.detailsMatch { return .alteredPersonalDetails }
    } else if erasures[entry.seq] != nil {
      // Erased: nothing of the person may be left, a child row added since included.
      if stored.hasChildrenWithoutDetails { return .alteredPersonalDetails }
    } else {
      return .missingPersonalDetails
    }
    if !digests.answersMatch { return .alteredAnswers }
    if !texts.holdsEveryText(of: entry) { return .alteredText }
    return nil
  }

  /// The erasure entries that excuse the missing personal details of `stored`, an entry that
  /// passed every rule; nil when its details are there or it is not an acknowledgement.
  func erasures(excusing stored: StoredEntry) -> [Int]? {
    guard stored.entry.kind == .acknowledgement, stored.details == nil else { return nil }
    return erasures[stored.entry.seq]
  }

  /// Moves past `entry`, which passed every rule and whose signature is valid: the next seq and
  /// link, and the key it enrols or retires.
  mutating func accept(_ entry: LedgerEntry) {
    if let subject = entry.subjectKey {
      switch entry.kind {
      case .genesis, .keyEnrolment: trust(subject)
      case .keyRetirement: trusted.remove(SigningKey.id(of: subject))
      default: break
      }
    }
    expectedSeq += 1
    previousHash = entry.entryHash
  }

  private mutating func trust(_ publicKey: Data) {
    let id = SigningKey.id(of: publicKey)
    trusted.insert(id)
    if publicKeys[id] == nil {
      publicKeys[id] = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
    }
  }
}
