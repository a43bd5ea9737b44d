import Foundation

extension AppDatabase {
  /// Recomputes every commitment, link, hash, transcript, stored text and signature, and accepts a
  /// signature only from a key the ledger trusted at that entry (the genesis key from the start,
  /// enrolled keys from their enrolment until their retirement), reading the ledger in windows of
  /// ``LedgerVerifier/windowSize`` entries so memory stays flat. See ``LedgerVerifier`` for the
  /// report: the first damaged entry in seq order, and the first failing check on it.
  public func verifyLedger() throws -> VerificationReport {
    try read { db in
      var verifier = LedgerVerifier(
        trust: try KeyTrust.read(db), erasures: try Self.erasures(db),
        texts: try Self.storedTexts(db))
      var scanner = try LedgerScanner(db)
      try verifier.checkAll { window in
        try scanner.read(into: &window, limit: LedgerVerifier.windowSize)
      }
      if let report = verifier.damageReport { return report }
      return verifier.report(
        rosterEvidence: try Self.rosterEvidence(db, subjects: verifier.rosterLinkSubjects))
    }
  }

  /// The erasure entries recorded for each entry, by seq: an entry's missing details are excused
  /// by them only if one of them proves sound.
  static func erasures(_ db: any SQLDatabase) throws -> [Int: [Int]] {
    var erasures: [Int: [Int]] = [:]
    for erasure in try ErasureEntry.fetchAll(
      db,
      sql: """
        SELECT \(ErasureEntry.selection) FROM ledger
        WHERE kind = 'erasure' AND subject_seq IS NOT NULL
        """)
    {
      erasures[erasure.subjectSeq, default: []].append(erasure.seq)
    }
    return erasures
  }

  /// Reads and hashes every stored guidance, statement and translation text.
  static func storedTexts(_ db: any SQLDatabase) throws -> StoredTexts {
    StoredTexts(
      guidance: try intactTexts(db, table: "guidance_version"),
      statements: try intactTexts(db, table: "statement_version"),
      translations: try intactTexts(db, table: "translation_version", prefix: "language"))
  }

  /// The names (each prefixed by its `prefix` column, when given) of the rows of `table` whose
  /// text hashes to their name.
  private static func intactTexts(_ db: any SQLDatabase, table: String, prefix: String? = nil)
    throws -> Set<String>
  {
    var found: Set<String> = []
    let columns = PrefixedText.Column.selectList { $0 == .prefix ? prefix ?? "''" : $0.name }
    let cursor = SQLRecordCursor<PrefixedText>(
      try db.fetchCursor(sql: "SELECT \(columns) FROM \(table)", arguments: []))
    while let text = try cursor.next() {
      guard StoredTexts.isIntact(sha256: text.sha256, text: text.text) else { continue }
      found.insert(text.prefix.isEmpty ? text.sha256 : text.prefix + " " + text.sha256)
    }
    return found
  }

  /// The stored roster links and match keys, and which of `subjects` (what the link entries name)
  /// are acknowledgements.
  static func rosterEvidence(_ db: any SQLDatabase, subjects: Set<Int>) throws -> RosterEvidence {
    var evidence = RosterEvidence()
    if !subjects.isEmpty {
      let list = subjects.sorted().map(String.init).joined(separator: ", ")
      evidence.acknowledgements = Set(
        try Int.fetchAll(
          db, sql: "SELECT seq FROM ledger WHERE kind = 'acknowledgement' AND seq IN (\(list))"))
    }
    evidence.links = try StoredRosterLink.fetchAll(
      db, sql: "SELECT \(StoredRosterLink.selection) FROM roster_link ORDER BY ledger_seq")
    evidence.children = try RosterEvidence.Child.fetchAll(
      db, sql: "SELECT \(RosterEvidence.Child.selection) FROM acknowledged_child")
    return evidence
  }
}

extension RosterEvidence.Child: SQLRecord {
  enum Column: Int, SQLRecordColumn { case ledgerSeq, name, className, matchKey, classKey }

  init(row: SQLRow) throws {
    self.init(
      seq: try row.decode(Column.ledgerSeq), name: try row.decode(Column.name),
      className: try row.decode(Column.className), matchKey: try row.decode(Column.matchKey),
      classKey: try row.decode(Column.classKey))
  }
}

/// An erasure entry and the entry whose details it erased.
private struct ErasureEntry: SQLRecord {
  enum Column: Int, SQLRecordColumn { case subjectSeq, seq }

  var subjectSeq: Int
  var seq: Int

  init(row: SQLRow) throws {
    subjectSeq = try row.decode(Column.subjectSeq)
    seq = try row.decode(Column.seq)
  }
}

/// A stored text, named by its SHA-256 and a prefix (empty when its table has none).
private struct PrefixedText: SQLRecord {
  enum Column: Int, SQLRecordColumn { case sha256, text, prefix }

  var sha256: String
  var text: String
  var prefix: String

  init(row: SQLRow) throws {
    sha256 = try row.decode(Column.sha256)
    text = try row.decode(Column.text)
    prefix = try row.decode(Column.prefix)
  }
}
