import Foundation

/// A short signed statement of the ledger's state (how many entries, the newest hash) for a second
/// person to keep. A hash chain alone cannot show that the newest entries were deleted; a checkpoint
/// held elsewhere can.
public struct Checkpoint: Sendable, Equatable {
  /// The school's name.
  public var school: String
  /// How many ledger entries there were.
  public var entryCount: Int
  /// The newest entry's hash, hex (64 zeros for an empty ledger).
  public var headHash: String
  /// When it was made (UTC form).
  public var createdAt: String
  /// The signing key's raw public key.
  public var publicKey: Data
  /// Ed25519 over ``signedBytes``.
  public var signature: Data

  /// The key's id.
  public var keyID: String { SigningKey.id(of: publicKey) }

  /// What the signature covers: every field but the signature, length-prefixed.
  public var signedBytes: Data {
    var encoder = CanonicalEncoder(domain: "induction-checkpoint-v1")
    encoder.append(school)
    encoder.append(entryCount)
    encoder.append(headHash)
    encoder.append(createdAt)
    encoder.append(bytes: Array(publicKey))
    return Data(encoder.bytes)
  }

  /// Makes and signs a checkpoint.
  public static func make(
    school: String, entryCount: Int, headHash: Data, at date: Date, key: SigningKey
  ) throws -> Checkpoint {
    var checkpoint = Checkpoint(
      school: school, entryCount: entryCount, headHash: headHash.hexString,
      createdAt: Timestamp.utc(date),
      publicKey: key.publicKey, signature: Data())
    checkpoint.signature = try key.sign(checkpoint.signedBytes)
    return checkpoint
  }

  /// Whether the signature is valid for the public key it names.
  public var isSignatureValid: Bool {
    SigningKey.isValid(signature: signature, of: signedBytes, publicKey: publicKey)
  }

  /// The text printed or emailed: plain `name: value` lines, safe to paste into an email.
  public var text: String {
    """
    Induction ledger checkpoint
    school: \(school)
    entries: \(entryCount)
    head: \(headHash)
    time: \(createdAt)
    key: \(KeyFingerprint.display(keyID))
    public-key: \(publicKey.base64EncodedString())
    signature: \(signature.base64EncodedString())

    """
  }

  /// Parses the text form; nil when a field is missing or malformed.
  public static func parse(_ text: String) -> Checkpoint? {
    var fields: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
      fields[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    guard let school = fields["school"], let count = fields["entries"].flatMap({ Int($0) }),
      count >= 0,
      let head = fields["head"], head.count == 64, let time = fields["time"],
      let publicKey = fields["public-key"].flatMap({ Data(base64Encoded: $0) }),
      publicKey.count == 32,
      let signature = fields["signature"].flatMap({ Data(base64Encoded: $0) })
    else { return nil }
    if let typed = fields["key"], KeyFingerprint.parse(typed) != SigningKey.id(of: publicKey) {
      return nil
    }
    return Checkpoint(
      school: school, entryCount: count, headHash: head, createdAt: time, publicKey: publicKey,
      signature: signature)
  }
}

/// Why the ledger no longer matches a checkpoint.
public enum CheckpointMismatch: Sendable, Equatable, CustomStringConvertible {
  /// The checkpoint's signature is not valid (it was edited).
  case badSignature
  /// It was signed by a key the ledger did not trust when the checkpoint was made.
  case otherKey(String)
  /// The ledger has fewer entries than the checkpoint saw.
  case entriesRemoved(held: Int, expected: Int)
  /// The entry at the checkpoint's position has a different hash.
  case headChanged(seq: Int)

  /// The plain sentence.
  public var description: String {
    switch self {
    case .badSignature:
      "the checkpoint's signature is not valid, so the checkpoint itself was altered"
    case .otherKey(let id):
      "the checkpoint was signed by key \(KeyFingerprint.display(id)), which the ledger did not trust at that point"
    case .entriesRemoved(let held, let expected):
      "the ledger has \(held) entries but the checkpoint saw \(expected): entries were removed"
    case .headChanged(let seq):
      "entry \(seq) is not the one the checkpoint saw: the ledger was rewritten"
    }
  }
}

extension AppDatabase {
  /// Signs a checkpoint of the ledger as it is now; only a key the ledger trusts may.
  public func makeCheckpoint(school: String, key: SigningKey, at date: Date) throws -> Checkpoint {
    let (count, head) = try read { db in
      let status = try KeyTrust.read(db).status(of: key.publicKey)
      guard status == .trusted else {
        throw StoreError.keyNotTrusted(
          fingerprint: KeyFingerprint.display(key.id), status: status, database: databaseOption)
      }
      let head = try Self.ledgerHead(db)
      return (head.seq, head.entryHash)
    }
    return try Checkpoint.make(
      school: school, entryCount: count, headHash: head, at: date, key: key)
  }

  /// Whether the ledger still contains the checkpoint's prefix, and the checkpoint was signed by a
  /// key the ledger trusted at the checkpoint's newest entry. Run after ``verifyLedger()`` found
  /// the ledger sound, so its key entries are checked.
  public func check(against checkpoint: Checkpoint) throws -> CheckpointMismatch? {
    guard checkpoint.isSignatureValid else { return .badSignature }
    return try read { db in
      let count = try Self.ledgerEntryCount(db)
      if count < checkpoint.entryCount {
        return .entriesRemoved(held: count, expected: checkpoint.entryCount)
      }
      if checkpoint.entryCount > 0 {
        let hash = try Self.entryHash(db, seq: checkpoint.entryCount)
        guard hash?.hexString == checkpoint.headHash else {
          return .headChanged(seq: checkpoint.entryCount)
        }
      }
      // The prefix is the one the checkpoint saw, so its key entries are too.
      let trust = try KeyTrust.read(db, upTo: checkpoint.entryCount)
      guard trust.status(of: checkpoint.publicKey) == .trusted else {
        return .otherKey(checkpoint.keyID)
      }
      return nil
    }
  }
}
