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
    for row in try SQLRow.fetchAll(
      db,
      sql: "SELECT subject_seq, seq FROM ledger WHERE kind = 'erasure' AND subject_seq IS NOT NULL"
    ) {
      erasures[try row.decode(atIndex: 0), default: []].append(try row.decode(atIndex: 1))
    }
    return erasures
  }

  /// Reads and hashes every stored guidance, statement and translation text.
  static func storedTexts(_ db: any SQLDatabase) throws -> StoredTexts {
    StoredTexts(
      guidance: try intactTexts(db, sql: "SELECT sha256, text, '' FROM guidance_version"),
      statements: try intactTexts(db, sql: "SELECT sha256, text, '' FROM statement_version"),
      translations: try intactTexts(
        db, sql: "SELECT sha256, text, language FROM translation_version"))
  }

  /// The names (prefixed by the third column when it is not empty) of the rows of `sql`
  /// (`sha256`, `text`, prefix) whose text hashes to their name.
  private static func intactTexts(_ db: any SQLDatabase, sql: String) throws -> Set<String> {
    var found: Set<String> = []
    let cursor = try SQLRow.fetchCursor(db, sql: sql)
    while let row = try cursor.next() {
      let sha256: String = try row.decode(atIndex: 0)
      let prefix: String = try row.decode(atIndex: 2)
      if StoredTexts.isIntact(sha256: sha256, text: try row.decode(atIndex: 1)) {
        found.insert(prefix.isEmpty ? sha256 : prefix + " " + sha256)
      }
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
  static let columns = ["ledger_seq", "name", "class_name", "match_key", "class_key"]

  init(row: SQLRow) throws {
    self.init(
      seq: try row.decode(atIndex: 0), name: try row.decode(atIndex: 1),
      className: try row.decode(atIndex: 2), matchKey: try row.decode(atIndex: 3),
      classKey: try row.decode(atIndex: 4))
  }
}
