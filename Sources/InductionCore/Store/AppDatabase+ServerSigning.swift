import Foundation

/// A signing on PostgreSQL in two statements besides BEGIN, the writers' lock and COMMIT: one read
/// (the session's entry if it is signed already, the chain's head, the key entries) and, once the
/// entry is signed in Swift, one write of every row a signing makes, through data-modifying `WITH`
/// queries. Each statement is a round trip, and writers queue on the lock behind the one holding
/// it: the lock is now held for a read, a write and the COMMIT rather than for twelve statements.
/// The rows, the errors and the retry after a lost COMMIT are those of
/// ``AppDatabase/insertAcknowledgement(_:_:key:trust:at:salt:)``.
extension AppDatabase {
  /// The most placeholders one statement may have (PostgreSQL counts them in 16 bits).
  static let serverPlaceholderLimit = 65_535

  /// The signings of ``appendAcknowledgements(_:key:)`` on PostgreSQL, in its transaction.
  static func insertAcknowledgementsOnServer(
    _ db: any SQLDatabase, _ items: [(draft: AcknowledgementDraft, date: Date, salt: [UInt8])],
    key: SigningKey
  ) throws -> [LedgerEntry] {
    // Acknowledgements change no key's trust, so the first read's record holds for the batch.
    var trust: KeyTrust?
    return try items.map { item in
      let draft = item.draft
      guard SigningWrite.placeholderCount(draft) <= serverPlaceholderLimit else {
        // Thousands of answers: the rows go in a statement at a time, as on SQLite.
        let known = try trust ?? KeyTrust.read(db)
        trust = known
        return try insertAcknowledgement(
          db, draft, key: key, trust: known, at: item.date, salt: item.salt)
      }
      let start = try SigningStart(db, session: draft.session)
      // A retry after a COMMIT the server made but never confirmed finds its receipt here.
      if let signed = start.signed { return signed }
      let known = trust ?? start.trust
      trust = known
      let recordedAt = Timestamp.utc(item.date)
      let unsigned = draft.entry(
        seq: start.headSeq + 1, prevHash: start.headHash, recordedAt: recordedAt,
        salt: item.salt, key: key)
      return try signAndInsert(unsigned, key: key, trust: known) { entry in
        try SigningWrite(draft: draft, entry: entry, salt: item.salt).run(db)
      }
    }
  }
}

/// What a signing reads before it can sign, in one statement.
private struct SigningStart {
  /// The entry the session signed already, if any.
  var signed: LedgerEntry?
  /// The seq of the chain's head, 0 for an empty ledger.
  var headSeq = 0
  /// The hash the next entry chains to.
  var headHash = LedgerEntry.genesisHash
  /// The ledger's trust record now.
  var trust: KeyTrust

  init(_ db: any SQLDatabase, session: Int64) throws {
    // One snapshot after the writers' lock: a read-committed statement started once the lock is
    // held sees every signing committed before it.
    // Each row is a whole ledger row, then which part it is.
    let rows = try db.fetchAll(
      sql: """
        SELECT \(LedgerEntry.selection(of: "l")), 'signed' AS part
        FROM session s JOIN ledger l ON l.seq = s.ledger_seq WHERE s.id = ?
        UNION ALL
        (SELECT \(LedgerEntry.selection), 'head' FROM ledger ORDER BY seq DESC LIMIT 1)
        UNION ALL
        SELECT \(LedgerEntry.selection), 'key' FROM ledger WHERE \(KeyTrust.keyEntryCondition)
        ORDER BY part, seq
        """,
      arguments: [session])
    var keyEntries: [LedgerEntry] = []
    for row in rows {
      switch try row.decode(atIndex: LedgerEntry.columnCount, as: String.self) {
      case "signed": signed = try LedgerEntry(row: row)
      case "head":
        // Only its place in the chain: a head of a kind a newer build wrote still chains.
        headSeq = try row.decode(LedgerEntry.Column.seq)
        headHash = try row.decode(LedgerEntry.Column.entryHash)
      default: keyEntries.append(try LedgerEntry(row: row))
      }
    }
    trust = KeyTrust(keyEntries: keyEntries)
  }
}

/// Every row a signing writes, in one statement: the statement versions, the ledger entry and,
/// only when the entry went in (its reference was free), the personal details, the children, the
/// session closed as signed, the invitation used up and the answers replaced by the signed list.
/// Foreign keys are checked at the end of the statement, so each row may name the entry.
private struct SigningWrite {
  var sql = ""
  var arguments: [any SQLValueConvertible] = []

  init(draft: AcknowledgementDraft, entry: LedgerEntry, salt: [UInt8]) {
    let written = "EXISTS (SELECT 1 FROM entry)"
    var parts: [String] = []
    add(
      &parts, "statement_versions", insert: "statement_version",
      columns: AcknowledgementDraft.statementVersionColumns,
      rows: draft.statementVersionRows(at: entry.recordedAt), suffix: "ON CONFLICT DO NOTHING")
    parts.append(
      """
      entry AS (
        INSERT INTO ledger (\(LedgerEntry.selection))
        VALUES \(SQLPlaceholders.rows(1, columns: LedgerEntry.columnCount))
        ON CONFLICT (reference) DO NOTHING RETURNING seq)
      """)
    arguments += entry.sqlValues
    add(
      &parts, "details", insert: "personal_details",
      columns: AcknowledgementDraft.personalDetailsColumns,
      rows: [draft.personalDetailsRow(seq: entry.seq, salt: salt)], when: written)
    add(
      &parts, "children", insert: "acknowledged_child",
      columns: AcknowledgementDraft.childColumns, rows: draft.childRows(seq: entry.seq),
      when: written)
    parts.append(
      """
      signed_session AS (
        UPDATE session SET outcome = 'signed', ended_at = ?, ledger_seq = ?
        WHERE id = ? AND \(written))
      """)
    arguments += [entry.recordedAt, entry.seq, draft.session]
    // The session's invitation is read as it was before this statement; the signing does not
    // change it.
    parts.append(
      """
      used_invitation AS (
        UPDATE invitation SET used_at = ?, ledger_seq = ?
        WHERE used_at IS NULL AND id = (SELECT invitation_id FROM session WHERE id = ?)
          AND \(written))
      """)
    arguments += [entry.recordedAt, entry.seq, draft.session]
    // The DELETE sees only the answers saved before this statement, never the signed list.
    parts.append(
      "old_answers AS (DELETE FROM quiz_attempt WHERE session_id = ? AND \(written))")
    arguments.append(draft.session)
    add(
      &parts, "answers", insert: "quiz_attempt", columns: AcknowledgementDraft.attemptColumns,
      rows: draft.attemptRows, when: written)
    sql = "WITH " + parts.joined(separator: ",\n") + "\nSELECT seq FROM entry"
  }

  /// A `name AS (INSERT …)` part for `rows` (none for no rows), gated on `condition` when given.
  private mutating func add(
    _ parts: inout [String], _ name: String, insert table: String, columns: [String],
    rows: [[any SQLValueConvertible]], suffix: String = "", when condition: String? = nil
  ) {
    guard let first = rows.first else { return }
    let values = SQLPlaceholders.rows(rows.count, columns: first.count)
    let source =
      condition.map {
        "SELECT * FROM (VALUES \(values)) AS v (\(columns.joined(separator: ", "))) WHERE \($0)"
      } ?? "VALUES \(values)"
    parts.append(
      "\(name) AS (INSERT INTO \(table) (\(columns.joined(separator: ", "))) \(source) \(suffix))")
    arguments += rows.flatMap { $0 }
  }

  /// How many placeholders the statement for `draft` has.
  static func placeholderCount(_ draft: AcknowledgementDraft) -> Int {
    let perRow = [
      AcknowledgementDraft.statementVersionColumns.count * 2, LedgerEntry.columnCount,
      AcknowledgementDraft.personalDetailsColumns.count, 3 + 3 + 1,
    ].reduce(0, +)
    return perRow + AcknowledgementDraft.childColumns.count * draft.details.children.count
      + AcknowledgementDraft.attemptColumns.count * draft.attempts.count
  }

  /// Runs the statement; false when the entry's reference was taken and nothing but statement
  /// versions was written.
  func run(_ db: any SQLDatabase) throws -> Bool {
    try !db.fetchAll(sql: sql, arguments: arguments).isEmpty
  }
}
