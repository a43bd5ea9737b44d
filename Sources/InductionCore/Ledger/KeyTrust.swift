import Foundation

/// Where a key stands in the ledger's trust record.
public enum KeyStatus: String, Sendable, Equatable {
  /// Named by the genesis entry or a key enrolment, and not retired since.
  case trusted
  /// Retired by a key retirement entry.
  case retired
  /// Never named by the ledger: its signatures count for nothing.
  case notEnrolled = "not enrolled"
}

/// Which keys the ledger trusts, from its genesis, key enrolment and key retirement entries, in seq
/// order. A key row in a table is never trust by itself: whoever can write the file can add one.
///
/// Built from the rows as stored, this is what the program checks before it signs (so it never
/// writes an entry that `verify` would reject); `verify` builds the same record while it checks
/// each of those entries' hash and signature.
public struct KeyTrust: Sendable, Equatable {
  /// One key the ledger names.
  public struct Key: Sendable, Equatable {
    /// The raw Ed25519 public key.
    public var publicKey: Data
    /// Its id (``SigningKey/id(of:)``).
    public var id: String
    /// The name given at enrolment ("first PC" for the genesis key).
    public var name: String
    /// The entry that made it trusted.
    public var enrolledAt: Int
    /// The entry that retired it, if any.
    public var retiredAt: Int?
    /// The retirement's reason.
    public var retirementReason: String?
  }

  /// The seq of the genesis entry, when there is one.
  public private(set) var genesisSeq: Int?
  /// Every key named, in the order first named.
  public private(set) var keys: [Key] = []

  /// An empty record (a ledger with no genesis yet).
  public init() {}

  /// The genesis key, when there is one.
  public var genesis: Key? { genesisSeq == nil ? nil : keys.first }

  /// The status of `publicKey` after every entry applied so far.
  public func status(of publicKey: Data) -> KeyStatus {
    status(ofID: SigningKey.id(of: publicKey))
  }

  /// The status of the key with id `keyID` after every entry applied so far.
  public func status(ofID keyID: String) -> KeyStatus {
    guard let key = keys.first(where: { $0.id == keyID }) else { return .notEnrolled }
    return key.retiredAt == nil ? .trusted : .retired
  }

  /// The keys trusted now.
  public var trusted: [Key] { keys.filter { $0.retiredAt == nil } }

  /// Takes a genesis, enrolment or retirement entry into account (other kinds change nothing).
  public mutating func apply(
    seq: Int, kind: LedgerKind, subjectKey: Data?, note: String
  ) {
    guard kind.namesKey, let subjectKey else { return }
    let id = SigningKey.id(of: subjectKey)
    switch kind {
    case .genesis:
      guard genesisSeq == nil else { return }
      genesisSeq = seq
      keys.insert(
        Key(publicKey: subjectKey, id: id, name: note, enrolledAt: seq, retiredAt: nil), at: 0)
    case .keyEnrolment:
      guard !keys.contains(where: { $0.id == id }) else { return }
      keys.append(Key(publicKey: subjectKey, id: id, name: note, enrolledAt: seq, retiredAt: nil))
    case .keyRetirement:
      guard let index = keys.firstIndex(where: { $0.id == id }), keys[index].retiredAt == nil
      else { return }
      keys[index].retiredAt = seq
      keys[index].retirementReason = note
    default: return
    }
  }
}
