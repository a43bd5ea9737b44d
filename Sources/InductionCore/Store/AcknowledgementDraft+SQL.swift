import Foundation

extension AcknowledgementDraft {
  /// The columns of ``statementVersionRows(at:)``.
  static let statementVersionColumns = ["sha256", "text", "first_seen_at"]
  /// The columns of ``personalDetailsRow(seq:salt:)``.
  static let personalDetailsColumns = [
    "ledger_seq", "salt", "parent_name", "relationship", "signature_text",
  ]
  /// The columns of ``childRows(seq:)``.
  static let childColumns = [
    "ledger_seq", "position", "name", "class_name", "match_key", "class_key",
  ]
  /// The columns of ``attemptRows``.
  static let attemptColumns = [
    "session_id", "scenario_id", "choice_index", "choice_text", "is_correct", "is_first_try",
    "answered_at",
  ]

  /// The `statement_version` rows: the English statement and, when it differs, the one shown.
  func statementVersionRows(at recordedAt: String) -> [[any SQLValueConvertible]] {
    var statements = [statement]
    if let shown = shown?.statement, shown != statement { statements.append(shown) }
    return statements.map { [Digest.sha256Hex($0), $0, recordedAt] }
  }

  /// The ledger entry the draft becomes at `seq`, after `prevHash`, not yet signed.
  func entry(seq: Int, prevHash: Data, recordedAt: String, salt: [UInt8], key: SigningKey)
    -> LedgerEntry
  {
    LedgerEntry(
      seq: seq, kind: .acknowledgement, recordedAt: recordedAt, station: context.station,
      mode: context.mode, guidanceSHA256: guidanceSHA256,
      statementSHA256: Digest.sha256Hex(statement),
      scenarioCount: summary.scenarioCount,
      firstTryCorrect: summary.firstTryCorrect,
      attemptCount: summary.attemptCount, transcriptSHA256: transcriptSHA256,
      piiCommitment: details.commitment(salt: salt), subjectSeq: nil, note: "",
      subjectKey: nil, language: shown?.language,
      shownGuidanceSHA256: shown?.guidanceSHA256,
      shownStatementSHA256: shown.map { Digest.sha256Hex($0.statement) },
      prevHash: prevHash, entryHash: Data(), signature: Data(), keyID: key.id, reference: "")
  }

  /// The `personal_details` row of the entry at `seq`.
  func personalDetailsRow(seq: Int, salt: [UInt8]) -> [any SQLValueConvertible] {
    [seq, Data(salt), details.parentName, details.relationship, details.signature]
  }

  /// The `acknowledged_child` rows of the entry at `seq`, in the order the parent gave.
  func childRows(seq: Int) -> [[any SQLValueConvertible]] {
    details.children.enumerated().map { position, child in
      [
        seq, position, child.name, child.className,
        NameNormalisation.childKey(name: child.name, className: child.className),
        NameNormalisation.matchKey(child.className),
      ]
    }
  }

  /// The `quiz_attempt` rows: every answer, in order, as signed through the transcript's hash.
  var attemptRows: [[any SQLValueConvertible]] {
    attempts.map(\.stored).map { attempt in
      [
        session, attempt.scenarioID, attempt.choiceIndex, attempt.choiceText,
        attempt.isCorrect, attempt.isFirstTry, attempt.answeredAt,
      ]
    }
  }
}
