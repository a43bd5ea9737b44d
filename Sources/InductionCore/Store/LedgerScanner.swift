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
        SELECT \(LedgerEntry.selection(of: "l")), p.ledger_seq, \(StoredPersonalDetails.selection(of: "p"))
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
    let entry = try LedgerEntry(row: row)
    var details: (PersonalDetails, [UInt8])?
    // The entry's columns, then whether it has personal details, then theirs.
    let hasDetails = LedgerEntry.columnCount
    let stored = hasDetails + 1
    if !row.hasNull(atIndex: hasDetails) {
      typealias Column = StoredPersonalDetails.Column
      let salt: Data = try row.decode(Column.salt, from: stored)
      details = (
        PersonalDetails(
          stored: try row.decode(Column.parentName, from: stored),
          relationship: try row.decode(Column.relationship, from: stored),
          signature: try row.decode(Column.signatureText, from: stored),
          children: try children.values(of: entry.seq)),
        Array(salt)
      )
    }
    let answers = entry.kind == .acknowledgement ? try self.answers.values(of: entry.seq) : []
    let orphans = try details == nil && !children.values(of: entry.seq).isEmpty
    return StoredEntry(
      entry: entry, details: details, answers: answers, hasChildrenWithoutDetails: orphans)
  }
}

/// A cursor over records in seq order, each row a record's ``SQLRecord/Column``s then its seq,
/// walked alongside the ledger: ``values(of:)`` returns the records of one seq, skipping those of
/// entries before it.
private struct MergedCursor<Value: SQLRecord> {
  private let rows: any SQLCursor
  private var pending: (seq: Int, value: Value)?
  private var started = false
  /// Where each row's seq is: after the record's columns.
  private let seqIndex = Value.Column.allCases.count

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
    pending = (try row.decode(atIndex: seqIndex), try Value(row: row))
  }
}
