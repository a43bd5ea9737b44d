import Foundation
import GRDB

/// What `verify` found wrong with the ledger, naming the first bad entry.
public struct LedgerDamage: Sendable, Equatable, CustomStringConvertible {
  /// The kinds of damage `verify` tells apart.
  public enum Kind: String, Sendable, Equatable {
    /// An entry is missing: `seq` is not contiguous.
    case missingEntry = "an entry is missing before it (seq is not contiguous)"
    /// `prev_hash` does not match the previous entry's hash: entries were removed, reordered or inserted.
    case brokenChain = "its link to the previous entry is broken (entries removed, reordered or inserted)"
    /// A recorded field no longer matches the entry hash.
    case alteredEntry = "its recorded fields were changed after signing"
    /// The signature is not valid for the entry hash.
    case badSignature = "its signature is not valid"
    /// The entry names a key the database does not hold.
    case unknownKey = "it names a signing key this database does not hold"
    /// The personal details were changed.
    case alteredPersonalDetails = "its personal details were changed after signing"
    /// The personal details are gone without an erasure entry.
    case missingPersonalDetails = "its personal details are missing and no erasure was recorded"
    /// The reference does not derive from the hash.
    case wrongReference = "its reference does not match its hash"
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
  /// Recomputes every commitment, link, hash and signature, streaming entries so memory stays flat.
  public func verifyLedger() throws -> VerificationReport {
    try read { db in
      let keys = Dictionary(
        uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, public_key FROM signing_key").map {
          ($0["id"] as String, $0["public_key"] as Data)
        })
      let erased = Set(try Int.fetchAll(db, sql: "SELECT subject_seq FROM ledger WHERE kind = 'erasure' AND subject_seq IS NOT NULL"))
      var expectedSeq = 1
      var previousHash = LedgerEntry.genesisHash
      var count = 0
      let cursor = try LedgerEntry.order(Column("seq")).fetchCursor(db)
      while let entry = try cursor.next() {
        count += 1
        func damage(_ kind: LedgerDamage.Kind) -> VerificationReport {
          VerificationReport(entryCount: count, damage: LedgerDamage(seq: entry.seq, kind: kind))
        }
        if entry.seq != expectedSeq { return damage(.missingEntry) }
        if entry.prevHash != previousHash { return damage(.brokenChain) }
        if entry.computedHash() != entry.entryHash { return damage(.alteredEntry) }
        guard let publicKey = keys[entry.keyID] else { return damage(.unknownKey) }
        if !SigningKey.isValid(signature: entry.signature, of: entry.entryHash, publicKey: publicKey) {
          return damage(.badSignature)
        }
        if !entry.reference.hasPrefix(Reference.make(from: Array(entry.entryHash), length: 8))
          || entry.reference != Reference.make(from: Array(entry.entryHash), length: entry.reference.count)
        {
          return damage(.wrongReference)
        }
        if entry.kind == .acknowledgement {
          if let held = try Self.personalDetails(db, seq: entry.seq) {
            if held.details.commitment(salt: held.salt) != entry.piiCommitment {
              return damage(.alteredPersonalDetails)
            }
          } else if !erased.contains(entry.seq) {
            return damage(.missingPersonalDetails)
          }
        }
        expectedSeq += 1
        previousHash = entry.entryHash
      }
      return VerificationReport(entryCount: count, damage: nil)
    }
  }
}
