/// Whose personal details an entry holds.
struct HeldParentRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case ledgerSeq, parentName }

  var ledgerSeq: Int
  var parentName: String

  init(row: SQLRow) throws {
    ledgerSeq = try row.decode(Column.ledgerSeq)
    parentName = try row.decode(Column.parentName)
  }
}

/// A revocation of an acknowledgement: when, and why.
struct RevocationRecord: SQLRecord, Equatable {
  enum Column: Int, SQLRecordColumn { case recordedAt, note }

  var recordedAt: String
  var note: String

  init(row: SQLRow) throws {
    recordedAt = try row.decode(Column.recordedAt)
    note = try row.decode(Column.note)
  }
}

extension AppDatabase {
  /// Every entry whose personal details are held, with its parent's name, oldest first.
  static func heldParents(_ db: any SQLDatabase) throws -> [HeldParentRecord] {
    try HeldParentRecord.fetchAll(
      db, sql: "SELECT \(HeldParentRecord.selection) FROM personal_details ORDER BY ledger_seq")
  }

  /// The acknowledgement with the stored (normalised) `reference`, or nil.
  static func acknowledgementSeq(_ db: any SQLDatabase, reference: String) throws -> Int? {
    try Int.fetchOne(
      db, sql: "SELECT seq FROM ledger WHERE reference = ? AND kind = 'acknowledgement'",
      arguments: [reference])
  }

  /// The statement text stored under `sha256`, or nil.
  static func statementText(_ db: any SQLDatabase, sha256: String) throws -> String? {
    try String.fetchOne(
      db, sql: "SELECT text FROM statement_version WHERE sha256 = ?", arguments: [sha256])
  }

  /// The answers given in the session that signed entry `seq`, in stored order.
  static func signedAnswers(_ db: any SQLDatabase, seq: Int) throws -> [QuizAttempt.Stored] {
    try QuizAttempt.Stored.fetchAll(
      db,
      sql: """
        SELECT \(QuizAttempt.Stored.selection(of: "a"))
        FROM session s JOIN quiz_attempt a ON a.session_id = s.id
        WHERE s.ledger_seq = ? ORDER BY a.id
        """, arguments: [seq])
  }

  /// The revocations of entry `seq`.
  static func revocations(_ db: any SQLDatabase, seq: Int) throws -> [RevocationRecord] {
    try RevocationRecord.fetchAll(
      db,
      sql: """
        SELECT \(RevocationRecord.selection) FROM ledger WHERE kind = 'revocation' AND subject_seq = ?
        """,
      arguments: [seq])
  }
}
