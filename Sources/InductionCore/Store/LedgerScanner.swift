import Foundation

/// Streams the ledger in seq order with each entry's personal details, children and quiz answers,
/// in three queries (entries joined to their details; all children in (seq, position) order; all
/// answers of signed sessions in (seq, id) order), the last two merged alongside, instead of more
/// queries per entry. Rows are decoded by column index.
struct LedgerScanner {
  private let entries: any SQLCursor
  private var children: MergedCursor<PersonalDetails.Child>
  private var answers: MergedCursor<QuizAttempt.Stored>

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
    children = MergedCursor(
      try SQLRow.fetchCursor(
        db,
        sql: """
          SELECT \(PersonalDetails.Child.selection), ledger_seq FROM acknowledged_child
          ORDER BY ledger_seq, position
          """))
    // Walks the unique index on session.ledger_seq, then each session's answers by the
    // quiz_attempt_session index (whose entries are in id order): no sort of all answers.
    answers = MergedCursor(
      try SQLRow.fetchCursor(
        db,
        sql: """
          SELECT \(QuizAttempt.Stored.selection(of: "a")), s.ledger_seq
          FROM session s JOIN quiz_attempt a ON a.session_id = s.id
          WHERE s.ledger_seq IS NOT NULL
          ORDER BY s.ledger_seq, a.id
          """))
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
          signature: try row.decode(atIndex: 23), children: try children.values(of: entry.seq)),
        Array(salt)
      )
    }
    let answers = entry.kind == .acknowledgement ? try self.answers.values(of: entry.seq) : []
    let orphans = try details == nil && !children.values(of: entry.seq).isEmpty
    return StoredEntry(
      entry: entry, details: details, answers: answers, hasChildrenWithoutDetails: orphans)
  }
}

/// A cursor over records in seq order, each row a record's ``SQLRecord/columns`` then its seq,
/// walked alongside the ledger: ``values(of:)`` returns the records of one seq, skipping those of
/// entries before it.
private struct MergedCursor<Value: SQLRecord> {
  private let rows: any SQLCursor
  private var pending: (seq: Int, value: Value)?
  private var started = false

  init(_ rows: any SQLCursor) { self.rows = rows }

  /// The records of `seq`, in row order. Seqs must be asked for in rising order.
  mutating func values(of seq: Int) throws -> [Value] {
    if !started {
      started = true
      try advance()
    }
    var found: [Value] = []
    while let next = pending, next.seq <= seq {
      if next.seq == seq { found.append(next.value) }
      try advance()
    }
    return found
  }

  private mutating func advance() throws {
    guard let row = try rows.next() else {
      pending = nil
      return
    }
    pending = (try row.decode(atIndex: Value.columns.count), try Value(row: row))
  }
}
