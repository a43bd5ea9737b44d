import Foundation
import GRDB

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
  /// SHA-256 of the quiz transcript.
  public var transcriptSHA256: String
  /// The parent's details.
  public var details: PersonalDetails

  /// Creates a draft.
  public init(
    session: Int64, context: SessionContext, guidanceSHA256: String, statement: String,
    summary: QuizSummary, transcriptSHA256: String, details: PersonalDetails
  ) {
    self.session = session
    self.context = context
    self.guidanceSHA256 = guidanceSHA256
    self.statement = statement
    self.summary = summary
    self.transcriptSHA256 = transcriptSHA256
    self.details = details
  }
}

extension LedgerEntry: FetchableRecord, PersistableRecord {
  /// The table name.
  public static var databaseTableName: String { "ledger" }
}

extension AppDatabase {
  /// Records the installation's public key, refusing a key the database has never seen when it
  /// already holds signed entries under another key.
  public func registerSigningKey(_ key: SigningKey, keyPath: String, at date: Date) throws {
    // Known already (every open but the first): a read, so readers never queue for the write lock.
    if try read({ db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM signing_key WHERE id = ?", arguments: [key.id])
    })
      == true
    {
      return
    }
    try writeImmediate { db in
      let known = try String.fetchAll(db, sql: "SELECT id FROM signing_key")
      if known.contains(key.id) { return }
      let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger") ?? 0
      if entries > 0 { throw StoreError.signingKeyMismatch(path: keyPath) }
      try db.execute(
        sql: "INSERT INTO signing_key (id, public_key, created_at) VALUES (?, ?, ?)",
        arguments: [key.id, key.publicKey, Timestamp.utc(date)])
    }
  }

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
    try writeImmediate { db in
      try items.map { item in
        try Self.insertAcknowledgement(db, item.draft, key: key, at: item.date, salt: item.salt)
      }
    }
  }

  private static func insertAcknowledgement(
    _ db: Database, _ draft: AcknowledgementDraft, key: SigningKey, at date: Date, salt: [UInt8]
  ) throws -> LedgerEntry {
    let recordedAt = Timestamp.utc(date)
    try db.execute(
      sql: "INSERT OR IGNORE INTO statement_version (sha256, text, first_seen_at) VALUES (?, ?, ?)",
      arguments: [Digest.sha256Hex(draft.statement), draft.statement, recordedAt])
    let entry = try appendEntry(
      db, key: key,
      fill: { seq, prevHash in
        LedgerEntry(
          seq: seq, kind: .acknowledgement, recordedAt: recordedAt, station: draft.context.station,
          mode: draft.context.mode, guidanceSHA256: draft.guidanceSHA256,
          statementSHA256: Digest.sha256Hex(draft.statement),
          scenarioCount: draft.summary.scenarioCount,
          firstTryCorrect: draft.summary.firstTryCorrect,
          attemptCount: draft.summary.attemptCount, transcriptSHA256: draft.transcriptSHA256,
          piiCommitment: draft.details.commitment(salt: salt), subjectSeq: nil, note: "",
          prevHash: prevHash, entryHash: Data(), signature: Data(), keyID: key.id, reference: "")
      })
    try db.execute(
      sql: """
        INSERT INTO personal_details (ledger_seq, salt, parent_name, relationship, signature_text)
        VALUES (?, ?, ?, ?, ?)
        """,
      arguments: [
        entry.seq, Data(salt), draft.details.parentName, draft.details.relationship,
        draft.details.signature,
      ])
    for (position, child) in draft.details.children.enumerated() {
      try db.execute(
        sql: """
          INSERT INTO acknowledged_child (ledger_seq, position, name, class_name, match_key, class_key)
          VALUES (?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          entry.seq, position, child.name, child.className,
          NameNormalisation.childKey(name: child.name, className: child.className),
          NameNormalisation.matchKey(child.className),
        ])
    }
    try db.execute(
      sql: "UPDATE session SET outcome = 'signed', ended_at = ?, ledger_seq = ? WHERE id = ?",
      arguments: [recordedAt, entry.seq, draft.session])
    return entry
  }

  /// Computes seq, chain, hash, signature and a unique reference for the next entry, and inserts it.
  static func appendEntry(
    _ db: Database, key: SigningKey, fill: (_ seq: Int, _ prevHash: Data) -> LedgerEntry
  ) throws -> LedgerEntry {
    let last = try Row.fetchOne(
      db, sql: "SELECT seq, entry_hash FROM ledger ORDER BY seq DESC LIMIT 1")
    let seq = (last?["seq"] as Int? ?? 0) + 1
    let prevHash = last?["entry_hash"] as Data? ?? LedgerEntry.genesisHash
    var entry = fill(seq, prevHash)
    entry.entryHash = entry.computedHash()
    entry.signature = try key.sign(entry.entryHash)
    var length = 8
    repeat {
      entry.reference = Reference.make(from: Array(entry.entryHash), length: length)
      length += 2
    } while try Bool.fetchOne(
      db, sql: "SELECT 1 FROM ledger WHERE reference = ?", arguments: [entry.reference]) == true
    try entry.insert(db)
    return entry
  }

  /// Every ledger entry, oldest first.
  public func ledgerEntries() throws -> [LedgerEntry] {
    try read { db in try LedgerEntry.order(Column("seq")).fetchAll(db) }
  }

  /// The entry with this reference (as typed: any case, with or without the hyphen).
  public func entry(reference typed: String) throws -> LedgerEntry? {
    guard let reference = Reference.normalise(typed) else { return nil }
    return try read { db in
      try LedgerEntry.filter(Column("reference") == reference).fetchOne(db)
    }
  }

  /// The personal details held for ledger entry `seq`, with their salt, if not erased.
  public func personalDetails(seq: Int) throws -> (details: PersonalDetails, salt: [UInt8])? {
    try read { db in try Self.personalDetails(db, seq: seq) }
  }

  static func personalDetails(_ db: Database, seq: Int) throws -> (
    details: PersonalDetails, salt: [UInt8]
  )? {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT * FROM personal_details WHERE ledger_seq = ?", arguments: [seq])
    else { return nil }
    let children = try Row.fetchAll(
      db,
      sql: "SELECT name, class_name FROM acknowledged_child WHERE ledger_seq = ? ORDER BY position",
      arguments: [seq]
    ).map { PersonalDetails.Child(stored: $0["name"], className: $0["class_name"]) }
    let details = PersonalDetails(
      stored: row["parent_name"], relationship: row["relationship"],
      signature: row["signature_text"], children: children)
    return (details, Array(row["salt"] as Data))
  }
}
