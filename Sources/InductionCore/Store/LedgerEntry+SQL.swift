import Foundation

extension LedgerEntry {
  /// Every column of the `ledger` table, in the order ``sqlValues`` gives them.
  static let columnNames = [
    "seq", "kind", "recorded_at", "station", "mode", "guidance_sha256", "statement_sha256",
    "scenario_count", "first_try_correct", "attempt_count", "transcript_sha256", "pii_commitment",
    "subject_seq", "note", "prev_hash", "entry_hash", "signature", "key_id", "reference",
    "subject_key", "language", "shown_guidance_sha256", "shown_statement_sha256",
  ]

  /// The entry in a `ledger` row (`SELECT l.*`). A kind this build does not know, or a value of the
  /// wrong type, is an error rather than a guess.
  public init(row: SQLRow) throws {
    let kindText: String = try row.decode("kind")
    guard let kind = LedgerKind(rawValue: kindText) else {
      throw SQLDecodingError(column: "kind", expected: "a ledger kind")
    }
    self.init(
      seq: try row.decode("seq"), kind: kind, recordedAt: try row.decode("recorded_at"),
      station: try row.decode("station"), mode: try row.decode("mode"),
      guidanceSHA256: try row.decode("guidance_sha256"),
      statementSHA256: try row.decode("statement_sha256"),
      scenarioCount: try row.decode("scenario_count"),
      firstTryCorrect: try row.decode("first_try_correct"),
      attemptCount: try row.decode("attempt_count"),
      transcriptSHA256: try row.decode("transcript_sha256"),
      piiCommitment: try row.decode("pii_commitment"), subjectSeq: try row.decode("subject_seq"),
      note: try row.decode("note"), subjectKey: try row.decode("subject_key"),
      language: try row.decode("language"),
      shownGuidanceSHA256: try row.decode("shown_guidance_sha256"),
      shownStatementSHA256: try row.decode("shown_statement_sha256"),
      prevHash: try row.decode("prev_hash"), entryHash: try row.decode("entry_hash"),
      signature: try row.decode("signature"), keyID: try row.decode("key_id"),
      reference: try row.decode("reference"))
  }

  /// The values of ``columnNames``, in order.
  var sqlValues: [any SQLValueConvertible] {
    [
      seq, kind.rawValue, recordedAt, station, mode, guidanceSHA256, statementSHA256,
      scenarioCount, firstTryCorrect, attemptCount, transcriptSHA256, piiCommitment, subjectSeq,
      note, prevHash, entryHash, signature, keyID, reference, subjectKey, language,
      shownGuidanceSHA256, shownStatementSHA256,
    ]
  }

  /// Inserts the entry as one `ledger` row, unless its reference is taken: then inserts nothing
  /// and returns false.
  func insertUnlessReferenceTaken(_ db: any SQLDatabase) throws -> Bool {
    let placeholders = Array(repeating: "?", count: Self.columnNames.count).joined(separator: ", ")
    return try Int.fetchOne(
      db,
      sql: """
        INSERT INTO ledger (\(Self.columnNames.joined(separator: ", "))) VALUES (\(placeholders))
        ON CONFLICT (reference) DO NOTHING RETURNING seq
        """,
      arguments: sqlValues) != nil
  }
}

extension LedgerEntry: SQLRowDecodable {}
