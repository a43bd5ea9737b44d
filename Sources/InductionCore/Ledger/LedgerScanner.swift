import Foundation
import GRDB

/// Streams the ledger in seq order with each entry's personal details and children, in two
/// queries (entries joined to their details, and all children in (seq, position) order merged
/// alongside) instead of two more queries per entry. Rows are decoded by column index.
struct LedgerScanner {
  /// One ledger entry as stored, with what `verify` needs besides it.
  struct Item {
    /// The entry.
    var entry: LedgerEntry
    /// Its personal details and salt exactly as stored, or nil when there is no row for it.
    var details: (details: PersonalDetails, salt: [UInt8])?
  }

  private let entries: RowCursor
  private let children: RowCursor
  private var nextChild: (seq: Int, child: PersonalDetails.Child)?
  private var childrenStarted = false

  /// Opens both cursors in `db`.
  init(_ db: Database) throws {
    entries = try Row.fetchCursor(
      db,
      sql: """
        SELECT l.seq, l.kind, l.recorded_at, l.station, l.mode, l.guidance_sha256, l.statement_sha256,
          l.scenario_count, l.first_try_correct, l.attempt_count, l.transcript_sha256, l.pii_commitment,
          l.subject_seq, l.note, l.prev_hash, l.entry_hash, l.signature, l.key_id, l.reference,
          p.ledger_seq, p.salt, p.parent_name, p.relationship, p.signature_text
        FROM ledger l LEFT JOIN personal_details p ON p.ledger_seq = l.seq
        ORDER BY l.seq
        """)
    children = try Row.fetchCursor(
      db,
      sql:
        "SELECT ledger_seq, name, class_name FROM acknowledged_child ORDER BY ledger_seq, position")
  }

  /// The next entry, or nil at the end.
  mutating func next() throws -> Item? {
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
      note: try row.decode(atIndex: 13), prevHash: try row.decode(atIndex: 14),
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
    return Item(entry: entry, details: details)
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
