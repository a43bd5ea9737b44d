import Foundation

/// Streams the ledger in seq order with each entry's personal details, children and quiz answers,
/// in three queries (entries joined to their details; all children in (seq, position) order; all
/// answers of signed sessions in (seq, id) order), the last two merged alongside, instead of more
/// queries per entry. Rows are decoded by column index.
struct LedgerScanner {
  private let entries: any SQLCursor
  private let children: any SQLCursor
  private let attempts: any SQLCursor
  private var nextChild: (seq: Int, child: PersonalDetails.Child)?
  private var childrenStarted = false
  private var nextAnswer: (seq: Int, answer: QuizAttempt.Stored)?
  private var answersStarted = false

  /// Opens both cursors in `db`.
  init(_ db: any SQLDatabase) throws {
    entries = try SQLRow.fetchCursor(
      db,
      sql: """
        SELECT l.seq, l.kind, l.recorded_at, l.station, l.mode, l.guidance_sha256, l.statement_sha256,
          l.scenario_count, l.first_try_correct, l.attempt_count, l.transcript_sha256, l.pii_commitment,
          l.subject_seq, l.note, l.prev_hash, l.entry_hash, l.signature, l.key_id, l.reference,
          p.ledger_seq, p.salt, p.parent_name, p.relationship, p.signature_text, l.subject_key,
          l.language, l.shown_guidance_sha256, l.shown_statement_sha256
        FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
        ORDER BY l.seq
        """)
    children = try SQLRow.fetchCursor(
      db,
      sql:
        "SELECT ledger_seq, name, class_name FROM acknowledged_child ORDER BY ledger_seq, position")
    // Walks the unique index on session.ledger_seq, then each session's answers by the
    // quiz_attempt_session index (whose entries are in id order): no sort of all answers.
    attempts = try SQLRow.fetchCursor(
      db,
      sql: """
        SELECT s.ledger_seq, a.scenario_id, a.choice_index, a.choice_text, a.is_correct,
          a.is_first_try, a.answered_at
        FROM session s JOIN quiz_attempt a ON a.session_id = s.id
        WHERE s.ledger_seq IS NOT NULL
        ORDER BY s.ledger_seq, a.id
        """)
  }

  /// Appends the next entries to `window`, at most `limit`, none at the end. When a row cannot be
  /// read, `window` keeps those read before it.
  mutating func read(into window: inout [StoredEntry], limit: Int) throws {
    while window.count < limit, let stored = try next() { window.append(stored) }
  }

  /// The next entry, or nil at the end.
  mutating func next() throws -> StoredEntry? {
    guard let row = try entries.next() else { return nil }
    let kindText: String = try row.decode(atIndex: 1)
    guard let kind = LedgerKind(rawValue: kindText) else {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(
          codingPath: [LedgerEntry.CodingKeys.kind],
          debugDescription: "Cannot initialize LedgerKind from invalid String value \(kindText)"))
    }
    let entry = LedgerEntry(
      seq: try row.decode(atIndex: 0), kind: kind, recordedAt: try row.decode(atIndex: 2),
      station: try row.decode(atIndex: 3), mode: try row.decode(atIndex: 4),
      guidanceSHA256: try row.decode(atIndex: 5), statementSHA256: try row.decode(atIndex: 6),
      scenarioCount: try row.decode(atIndex: 7), firstTryCorrect: try row.decode(atIndex: 8),
      attemptCount: try row.decode(atIndex: 9), transcriptSHA256: try row.decode(atIndex: 10),
      piiCommitment: try row.decode(atIndex: 11), subjectSeq: try row.decode(atIndex: 12),
      note: try row.decode(atIndex: 13),
      subjectKey: try row.decode(atIndex: 24), language: try row.decode(atIndex: 25),
      shownGuidanceSHA256: try row.decode(atIndex: 26),
      shownStatementSHA256: try row.decode(atIndex: 27), prevHash: try row.decode(atIndex: 14),
      entryHash: try row.decode(atIndex: 15), signature: try row.decode(atIndex: 16),
      keyID: try row.decode(atIndex: 17), reference: try row.decode(atIndex: 18))
    var details: (PersonalDetails, [UInt8])?
    if !row.hasNull(atIndex: 19) {
      let salt: Data = try row.decode(atIndex: 20)
      details = (
        PersonalDetails(
          stored: try row.decode(atIndex: 21), relationship: try row.decode(atIndex: 22),
          signature: try row.decode(atIndex: 23), children: try children(of: entry.seq)),
        Array(salt)
      )
    }
    let answers = entry.kind == .acknowledgement ? try answers(of: entry.seq) : []
    let orphans = try details == nil && !children(of: entry.seq).isEmpty
    return StoredEntry(
      entry: entry, details: details, answers: answers, hasChildrenWithoutDetails: orphans)
  }

  /// The stored answers of the session that signed `seq`, skipping those of entries before it.
  private mutating func answers(of seq: Int) throws -> [QuizAttempt.Stored] {
    if !answersStarted {
      answersStarted = true
      try advanceAnswer()
    }
    var found: [QuizAttempt.Stored] = []
    while let next = nextAnswer, next.seq <= seq {
      if next.seq == seq { found.append(next.answer) }
      try advanceAnswer()
    }
    return found
  }

  private mutating func advanceAnswer() throws {
    guard let row = try attempts.next() else {
      nextAnswer = nil
      return
    }
    nextAnswer = (
      try row.decode(atIndex: 0),
      QuizAttempt.Stored(
        scenarioID: try row.decode(atIndex: 1), choiceIndex: try row.decode(atIndex: 2),
        choiceText: try row.decode(atIndex: 3), isCorrect: try row.decode(atIndex: 4),
        isFirstTry: try row.decode(atIndex: 5), answeredAt: try row.decode(atIndex: 6))
    )
  }

  /// The children of `seq`, in position order, skipping those of entries before it.
  private mutating func children(of seq: Int) throws -> [PersonalDetails.Child] {
    if !childrenStarted {
      childrenStarted = true
      try advanceChild()
    }
    var found: [PersonalDetails.Child] = []
    while let next = nextChild, next.seq <= seq {
      if next.seq == seq { found.append(next.child) }
      try advanceChild()
    }
    return found
  }

  private mutating func advanceChild() throws {
    guard let row = try children.next() else {
      nextChild = nil
      return
    }
    nextChild = (
      try row.decode(atIndex: 0),
      PersonalDetails.Child(
        stored: try row.decode(atIndex: 1), className: try row.decode(atIndex: 2))
    )
  }
}
