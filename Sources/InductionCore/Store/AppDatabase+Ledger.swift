import Foundation

/// Everything about a signing except what the ledger computes itself.
public struct AcknowledgementDraft: Sendable {
  /// The session being signed.
  public var session: Int64
  /// Station and mode.
  public var context: SessionContext
  /// The guidance version shown.
  public var guidanceSHA256: String
  /// The statement text shown and signed.
  public var statement: String
  /// The quiz in numbers.
  public var summary: QuizSummary
  /// Every answer given, in order: stored with the acknowledgement and signed through its hash.
  public var attempts: [QuizAttempt]
  /// The parent's details.
  public var details: PersonalDetails
  /// The language and the text actually shown, bound into the entry; nil only for drafts made the
  /// way they were before translations existed (the entry then records no language).
  public var shown: ShownText?

  /// Creates a draft. `guidanceSHA256` and `statement` are the English originals; `shown` is what
  /// the parent read.
  public init(
    session: Int64, context: SessionContext, guidanceSHA256: String, statement: String,
    summary: QuizSummary, attempts: [QuizAttempt], details: PersonalDetails,
    shown: ShownText? = nil
  ) {
    self.session = session
    self.context = context
    self.guidanceSHA256 = guidanceSHA256
    self.statement = statement
    self.summary = summary
    self.attempts = attempts
    self.details = details
    self.shown = shown
  }

  /// SHA-256 of the quiz transcript, as the ledger entry records it.
  public var transcriptSHA256: String { attempts.transcriptSHA256 }
}

extension AppDatabase {
  /// Whether the ledger has any entry.
  public func hasLedgerEntries() throws -> Bool {
    try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ledger)") ?? false }
  }

  /// Appends a signed acknowledgement and closes its session as signed, all in one IMMEDIATE
  /// transaction: either everything is durable or nothing is.
  public func appendAcknowledgement(
    _ draft: AcknowledgementDraft, key: SigningKey, at date: Date, salt: [UInt8]
  ) throws -> LedgerEntry {
    try appendAcknowledgements([(draft, date, salt)], key: key)[0]
  }

  /// Appends several acknowledgements in one transaction (imports, benchmarks, fault tests), through
  /// exactly the same steps as a single signing.
  public func appendAcknowledgements(
    _ items: [(draft: AcknowledgementDraft, date: Date, salt: [UInt8])], key: SigningKey
  ) throws -> [LedgerEntry] {
    try write(isSigning: true) { db in
      // Each statement is a round trip to a server, and writers queue behind the one that holds
      // the lock: PostgreSQL reads and writes the same rows in a statement each.
      if db.dialect == .postgres {
        return try Self.insertAcknowledgementsOnServer(db, items, key: key)
      }
      let trust = try KeyTrust.read(db)
      return try items.map { item in
        try Self.insertAcknowledgement(
          db, item.draft, key: key, trust: trust, at: item.date, salt: item.salt)
      }
    }
  }

  /// One signing, a statement at a time.
  static func insertAcknowledgement(
    _ db: any SQLDatabase, _ draft: AcknowledgementDraft, key: SigningKey, trust: KeyTrust,
    at date: Date,
    salt: [UInt8]
  ) throws -> LedgerEntry {
    // A retry after a lost connection may follow a COMMIT the server made but never confirmed: the
    // session then already names its entry, which is the receipt, so a parent signs exactly once.
    if let signed = try LedgerEntry.fetchOne(
      db,
      sql: """
        SELECT \(LedgerEntry.selection(of: "l")) FROM session s JOIN ledger l ON l.seq = s.ledger_seq
        WHERE s.id = ?
        """,
      arguments: [draft.session])
    {
      return signed
    }
    let recordedAt = Timestamp.utc(date)
    // Every step is one statement (a round trip to a server), however many children and answers.
    try db.insert(
      into: "statement_version", columns: AcknowledgementDraft.statementVersionColumns,
      rows: draft.statementVersionRows(at: recordedAt), suffix: "ON CONFLICT DO NOTHING")
    let entry = try appendEntry(
      db, key: key, trust: trust,
      fill: { seq, prevHash in
        draft.entry(seq: seq, prevHash: prevHash, recordedAt: recordedAt, salt: salt, key: key)
      })
    try db.insert(
      into: "personal_details", columns: AcknowledgementDraft.personalDetailsColumns,
      rows: [draft.personalDetailsRow(seq: entry.seq, salt: salt)])
    try db.insert(
      into: "acknowledged_child", columns: AcknowledgementDraft.childColumns,
      rows: draft.childRows(seq: entry.seq))
    try db.execute(
      sql: "UPDATE session SET outcome = 'signed', ended_at = ?, ledger_seq = ? WHERE id = ?",
      arguments: [recordedAt, entry.seq, draft.session])
    // A personal link is used up by the signing it led to, or not at all.
    try useInvitation(db, session: draft.session, entry: entry)
    // The answers saved one by one during the quiz (for statistics, best effort) are replaced by
    // exactly the list whose hash is signed, in the same transaction: `verify` recomputes the hash
    // from these rows.
    try db.execute(sql: "DELETE FROM quiz_attempt WHERE session_id = ?", arguments: [draft.session])
    try db.insert(
      into: "quiz_attempt", columns: AcknowledgementDraft.attemptColumns,
      rows: draft.attemptRows)
    return entry
  }

  /// Computes seq, chain, hash, signature and a unique reference for the next entry, and inserts it.
  /// Refuses (``StoreError/keyNotTrusted(fingerprint:status:database:)``, its `database` filled in
  /// by ``AppDatabase/write(isSigning:_:)``) when `key` is not trusted by the
  /// ledger now, unless the entry is the genesis that names it: an entry `verify` would reject is
  /// never written.
  /// `trust` is the ledger's trust record when the caller read it already in this transaction.
  static func appendEntry(
    _ db: any SQLDatabase, key: SigningKey, trust known: KeyTrust? = nil,
    fill: (_ seq: Int, _ prevHash: Data) -> LedgerEntry
  ) throws -> LedgerEntry {
    let trust = try known ?? KeyTrust.read(db)
    let head = try ledgerHead(db)
    return try signAndInsert(fill(head.seq + 1, head.entryHash), key: key, trust: trust) { entry in
      try entry.insertUnlessReferenceTaken(db)
    }
  }

  /// Signs `unsigned` (refusing a key `trust` does not trust, as ``appendEntry(_:key:trust:fill:)``
  /// says) and gives it a reference not taken yet: `insert` writes the entry, or nothing and
  /// returns false when its reference is taken.
  static func signAndInsert(
    _ unsigned: LedgerEntry, key: SigningKey, trust: KeyTrust,
    insert: (LedgerEntry) throws -> Bool
  ) throws -> LedgerEntry {
    var entry = unsigned
    let isOwnGenesis =
      entry.kind == .genesis && trust.genesis == nil && entry.subjectKey == key.publicKey
    if !isOwnGenesis {
      let status = trust.status(of: key.publicKey)
      guard status == .trusted else {
        throw StoreError.keyNotTrusted(
          fingerprint: KeyFingerprint.display(key.id), status: status, database: "")
      }
    }
    entry.entryHash = entry.computedHash()
    entry.signature = try key.sign(entry.entryHash)
    // A reference already taken (a few in a million at eight characters) gets two more
    // characters; the insert itself says so, saving a query per signing.
    var length = 8
    repeat {
      entry.reference = Reference.make(from: Array(entry.entryHash), length: length)
      length += 2
    } while try !insert(entry)
    return entry
  }

  /// Every ledger entry, oldest first.
  public func ledgerEntries() throws -> [LedgerEntry] {
    try read { db in
      try LedgerEntry.fetchAll(db, sql: "SELECT \(LedgerEntry.selection) FROM ledger ORDER BY seq")
    }
  }

  /// The entry with this reference (as typed: any case, with or without the hyphen).
  public func entry(reference typed: String) throws -> LedgerEntry? {
    guard let reference = Reference.normalise(typed) else { return nil }
    return try read { db in
      try LedgerEntry.fetchOne(
        db, sql: "SELECT \(LedgerEntry.selection) FROM ledger WHERE reference = ?",
        arguments: [reference])
    }
  }

  /// The quiz answers stored for the session that signed ledger entry `seq`, in stored order.
  public func signedAnswers(seq: Int) throws -> [QuizAttempt.Stored] {
    try read { db in try Self.signedAnswers(db, seq: seq) }
  }

  /// The personal details held for ledger entry `seq`, with their salt, if not erased.
  public func personalDetails(seq: Int) throws -> (details: PersonalDetails, salt: [UInt8])? {
    try read { db in try Self.personalDetails(db, seq: seq) }
  }

  static func personalDetails(_ db: any SQLDatabase, seq: Int) throws -> (
    details: PersonalDetails, salt: [UInt8]
  )? {
    guard
      let stored = try StoredPersonalDetails.fetchOne(
        db,
        sql: "SELECT \(StoredPersonalDetails.selection) FROM personal_details WHERE ledger_seq = ?",
        arguments: [seq])
    else { return nil }
    let children = try PersonalDetails.Child.fetchAll(
      db,
      sql: """
        SELECT \(PersonalDetails.Child.selection) FROM acknowledged_child WHERE ledger_seq = ?
        ORDER BY position
        """,
      arguments: [seq])
    let details = PersonalDetails(
      stored: stored.parentName, relationship: stored.relationship,
      signature: stored.signatureText, children: children)
    return (details, Array(stored.salt))
  }
}

/// A `personal_details` row: a signer's details as typed, and the salt of their commitment.
struct StoredPersonalDetails: SQLRecord {
  var salt: Data
  var parentName: String
  var relationship: String
  var signatureText: String

  enum Column: Int, SQLRecordColumn { case salt, parentName, relationship, signatureText }

  init(row: SQLRow) throws {
    salt = try row.decode(Column.salt)
    parentName = try row.decode(Column.parentName)
    relationship = try row.decode(Column.relationship)
    signatureText = try row.decode(Column.signatureText)
  }
}

extension QuizAttempt.Stored: SQLRecord {
  enum Column: Int, SQLRecordColumn {
    case scenarioID, choiceIndex, choiceText, isCorrect, isFirstTry, answeredAt
  }

  init(row: SQLRow) throws {
    self.init(
      scenarioID: try row.decode(Column.scenarioID),
      choiceIndex: try row.decode(Column.choiceIndex),
      choiceText: try row.decode(Column.choiceText), isCorrect: try row.decode(Column.isCorrect),
      isFirstTry: try row.decode(Column.isFirstTry), answeredAt: try row.decode(Column.answeredAt))
  }
}

extension PersonalDetails.Child: SQLRecord {
  enum Column: Int, SQLRecordColumn { case name, className }

  init(row: SQLRow) throws {
    self.init(stored: try row.decode(Column.name), className: try row.decode(Column.className))
  }
}
