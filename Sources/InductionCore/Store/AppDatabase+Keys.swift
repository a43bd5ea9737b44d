import Foundation

/// Why a key could not be enrolled or retired. Only the command line enrols and retires keys, so
/// only it says these (`CommandLineMessage` in InductionTerminal).
public enum KeyError: Error, Equatable, Sendable {
  /// The text given is neither a fingerprint nor a public key.
  case malformed(String)
  /// No key with this fingerprint has been seen by this database.
  case unknownFingerprint(String, database: String)
  /// The key is trusted already.
  case alreadyEnrolled(String)
  /// The key was retired; retired keys do not come back.
  case retired(String)
  /// The key is not trusted, so it cannot be retired.
  case notEnrolled(String)
  /// Retiring it would leave no trusted key to sign with.
  case lastTrustedKey(String)
  /// The name of a key to enrol is empty.
  case missingName
  /// The reason for retiring a key is empty.
  case missingReason

}

/// One key as `induction keys show` lists it.
public struct KeyListing: Sendable, Equatable {
  /// The key id.
  public var id: String
  /// The name given at enrolment (empty for a key that is not enrolled).
  public var name: String
  /// Where it stands.
  public var status: KeyStatus
  /// When it was enrolled or retired (UTC form), or first seen when not enrolled.
  public var since: String
}

extension AppDatabase {
  /// Records the installation's key and returns where it stands. On a new ledger this appends the
  /// signed genesis entry naming the key; on a ledger from before key enrolment (no genesis, every
  /// entry signed by this key) it appends the genesis for that key, rewriting nothing. A key the
  /// ledger does not trust is kept as a candidate, so a trusted PC can enrol it by its fingerprint.
  @discardableResult
  public func registerSigningKey(_ key: SigningKey, keyPath: String, at date: Date) throws
    -> KeyStatus
  {
    // Every open but the first: a read, so readers never queue for the write lock.
    let known = try read { db -> KeyStatus? in
      let trust = try KeyTrust.read(db)
      guard trust.genesis != nil else { return nil }
      let status = trust.status(of: key.publicKey)
      let stored = try Bool.fetchOne(
        db, sql: "SELECT 1 FROM signing_key WHERE id = ?", arguments: [key.id])
      return stored == true ? status : nil
    }
    if let known { return known }
    return try write { db in
      try db.execute(
        sql:
          "INSERT INTO signing_key (id, public_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        arguments: [key.id, key.publicKey, Timestamp.utc(date)])
      let trust = try KeyTrust.read(db)
      if trust.genesis != nil { return trust.status(of: key.publicKey) }
      let signers = try String.fetchAll(db, sql: "SELECT DISTINCT key_id FROM ledger")
      if signers.contains(where: { $0 != key.id }) {
        throw StoreError.signingKeyMismatch(path: keyPath)
      }
      _ = try Self.appendEntry(db, key: key) { seq, prevHash in
        Self.keyEntry(
          seq: seq, kind: .genesis, subject: key.publicKey, note: "first PC", date: date,
          signer: key, prevHash: prevHash)
      }
      return .trusted
    }
  }

  /// The ledger's trust record as stored (not verified: `verify` checks it).
  public func keyTrust() throws -> KeyTrust {
    try read { db in try KeyTrust.read(db) }
  }

  /// The public key `typed` names: a base64 public key, or the fingerprint of a key that has
  /// opened this database (``registerSigningKey(_:keyPath:at:)`` keeps every key it sees).
  public func publicKey(forFingerprintOrKey typed: String) throws -> Data {
    if let raw = Data(base64Encoded: typed.trimmingCharacters(in: .whitespaces)), raw.count == 32 {
      return raw
    }
    guard let id = KeyFingerprint.parse(typed) else { throw KeyError.malformed(typed) }
    let stored = try read { db in
      try Data.fetchOne(db, sql: "SELECT public_key FROM signing_key WHERE id = ?", arguments: [id])
    }
    if let stored, SigningKey.id(of: stored) == id { return stored }
    let named = try keyTrust().keys.first { $0.id == id }
    guard let named else {
      throw KeyError.unknownFingerprint(KeyFingerprint.display(id), database: databaseOption)
    }
    return named.publicKey
  }

  /// Appends a key enrolment, signed by `signer` (a trusted key): from the next entry on,
  /// signatures by `publicKey` verify.
  @discardableResult
  public func enrolKey(_ publicKey: Data, name: String, by signer: SigningKey, at date: Date)
    throws -> LedgerEntry
  {
    let name = NameNormalisation.tidy(name)
    guard !name.isEmpty else {
      throw KeyError.missingName
    }
    let fingerprint = KeyFingerprint.display(SigningKey.id(of: publicKey))
    return try write { db in
      switch try KeyTrust.read(db).status(of: publicKey) {
      case .trusted: throw KeyError.alreadyEnrolled(fingerprint)
      case .retired: throw KeyError.retired(fingerprint)
      case .notEnrolled: break
      }
      try db.execute(
        sql:
          "INSERT INTO signing_key (id, public_key, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        arguments: [SigningKey.id(of: publicKey), publicKey, Timestamp.utc(date)])
      return try Self.appendEntry(db, key: signer) { seq, prevHash in
        Self.keyEntry(
          seq: seq, kind: .keyEnrolment, subject: publicKey, note: name, date: date,
          signer: signer, prevHash: prevHash)
      }
    }
  }

  /// Appends a key retirement, signed by `signer`: from the next entry on, signatures by
  /// `publicKey` no longer verify. The last trusted key cannot be retired.
  @discardableResult
  public func retireKey(_ publicKey: Data, reason: String, by signer: SigningKey, at date: Date)
    throws -> LedgerEntry
  {
    let reason = NameNormalisation.tidy(reason)
    guard !reason.isEmpty else { throw KeyError.missingReason }
    let fingerprint = KeyFingerprint.display(SigningKey.id(of: publicKey))
    return try write { db in
      let trust = try KeyTrust.read(db)
      guard trust.status(of: publicKey) == .trusted else { throw KeyError.notEnrolled(fingerprint) }
      guard trust.trusted.count > 1 else { throw KeyError.lastTrustedKey(fingerprint) }
      return try Self.appendEntry(db, key: signer) { seq, prevHash in
        Self.keyEntry(
          seq: seq, kind: .keyRetirement, subject: publicKey, note: reason, date: date,
          signer: signer, prevHash: prevHash)
      }
    }
  }

  /// Every key the ledger names, then keys that opened this database but are not enrolled.
  public func keyListings() throws -> [KeyListing] {
    try read { db in
      let trust = try KeyTrust.read(db)
      var listings: [KeyListing] = []
      for key in trust.keys {
        let seq = key.retiredAt ?? key.enrolledAt
        let at =
          try String.fetchOne(
            db, sql: "SELECT recorded_at FROM ledger WHERE seq = ?", arguments: [seq]) ?? ""
        listings.append(
          KeyListing(
            id: key.id, name: key.name, status: key.retiredAt == nil ? .trusted : .retired,
            since: at))
      }
      let named = Set(trust.keys.map(\.id))
      for key in try StoredSigningKey.fetchAll(
        db,
        sql: "SELECT \(StoredSigningKey.selection) FROM signing_key ORDER BY created_at, id")
      where !named.contains(key.id) && SigningKey.id(of: key.publicKey) == key.id {
        listings.append(
          KeyListing(id: key.id, name: "", status: .notEnrolled, since: key.createdAt))
      }
      return listings
    }
  }

  static func keyEntry(
    seq: Int, kind: LedgerKind, subject: Data, note: String, date: Date, signer: SigningKey,
    prevHash: Data
  ) -> LedgerEntry {
    LedgerEntry(
      seq: seq, kind: kind, recordedAt: Timestamp.utc(date), station: "admin", mode: "admin",
      guidanceSHA256: "", statementSHA256: "", scenarioCount: 0, firstTryCorrect: 0,
      attemptCount: 0, transcriptSHA256: "", piiCommitment: "", subjectSeq: nil, note: note,
      subjectKey: subject, prevHash: prevHash, entryHash: Data(), signature: Data(),
      keyID: signer.id, reference: "")
  }
}

/// A key that opened this database, as `signing_key` holds it.
private struct StoredSigningKey: SQLRecord {
  var id: String
  var publicKey: Data
  var createdAt: String

  enum Column: Int, SQLRecordColumn { case id, publicKey, createdAt }

  init(row: SQLRow) throws {
    id = try row.decode(Column.id)
    publicKey = try row.decode(Column.publicKey)
    createdAt = try row.decode(Column.createdAt)
  }
}
