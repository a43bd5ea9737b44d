import Foundation

/// Why a revocation could not be recorded. Only the command line revokes, so only it says these
/// (`CommandLineMessage` in InductionTerminal).
public enum RevocationError: Error, Equatable {
  /// No acknowledgement has that reference.
  case unknownReference(String)
  /// It was revoked already.
  case alreadyRevoked(String)
  /// The reason is empty or too long.
  case badReason
}

extension AppDatabase {
  /// Appends a signed revocation of the acknowledgement with `reference`. Nothing is edited or deleted.
  public func revoke(reference typed: String, reason: String, key: SigningKey, at date: Date) throws
    -> LedgerEntry
  {
    let reason = NameNormalisation.tidy(reason)
    guard (1...200).contains(reason.count) else { throw RevocationError.badReason }
    guard let subject = try entry(reference: typed), subject.kind == .acknowledgement else {
      throw RevocationError.unknownReference(typed)
    }
    return try write { db in
      let revoked =
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM ledger WHERE kind = 'revocation' AND subject_seq = ?",
          arguments: [subject.seq]) ?? false
      if revoked { throw RevocationError.alreadyRevoked(subject.displayReference) }
      return try Self.appendEntry(db, key: key) { seq, prevHash in
        LedgerEntry(
          seq: seq, kind: .revocation, recordedAt: Timestamp.utc(date), station: "admin",
          mode: "admin",
          guidanceSHA256: "", statementSHA256: "", scenarioCount: 0, firstTryCorrect: 0,
          attemptCount: 0,
          transcriptSHA256: "", piiCommitment: "", subjectSeq: subject.seq, note: reason,
          subjectKey: nil,
          prevHash: prevHash,
          entryHash: Data(), signature: Data(), keyID: key.id, reference: "")
      }
    }
  }

  /// Every guidance version seen, oldest first: SHA-256, text and when first seen. A version
  /// whose stored text no longer has its SHA-256 is left out (`verify` names it).
  public func guidanceVersions() throws -> [(sha256: String, text: String, firstSeenAt: String)] {
    try read { db in
      try Self.intactVersions(
        db,
        sql:
          "SELECT \(StoredTextVersion.selection) FROM guidance_version ORDER BY first_seen_at, \(db.dialect.insertionOrder)"
      )
    }
  }

  /// The rows of `sql` (a ``StoredTextVersion`` each) whose text has its SHA-256.
  static func intactVersions(
    _ db: any SQLDatabase, sql: String, arguments: [any SQLValueConvertible] = []
  ) throws -> [(sha256: String, text: String, firstSeenAt: String)] {
    try StoredTextVersion.fetchAll(db, sql: sql, arguments: arguments)
      .filter { StoredTexts.isIntact(sha256: $0.sha256, text: $0.text) }
      .map { ($0.sha256, $0.text, $0.firstSeenAt) }
  }
}

/// A version of a stored text (the guidance, a translation): its SHA-256, text and when first seen.
struct StoredTextVersion: SQLRecord {
  enum Column: Int, SQLRecordColumn { case sha256, text, firstSeenAt }

  var sha256: String
  var text: String
  var firstSeenAt: String

  init(row: SQLRow) throws {
    sha256 = try row.decode(Column.sha256)
    text = try row.decode(Column.text)
    firstSeenAt = try row.decode(Column.firstSeenAt)
  }
}
