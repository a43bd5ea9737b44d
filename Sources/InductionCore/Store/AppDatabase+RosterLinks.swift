import Foundation

/// A manual roster link as stored beside its signed entry.
struct StoredRosterLink: SQLRecord {
  /// The acknowledgement linked.
  var ledgerSeq: Int
  /// The roster child's key.
  var matchKey: String
  /// The `roster link` entry; nil for a link made before links were signed.
  var linkSeq: Int?
  /// The roster child's name and class the entry commits to.
  var childName: String?
  var className: String?
  /// The commitment's salt.
  var salt: Data?

  enum Column: Int, SQLRecordColumn {
    case ledgerSeq, matchKey, linkSeq, childName, className, salt
  }

  init(row: SQLRow) throws {
    ledgerSeq = try row.decode(Column.ledgerSeq)
    matchKey = try row.decode(Column.matchKey)
    linkSeq = try row.decode(Column.linkSeq)
    childName = try row.decode(Column.childName)
    className = try row.decode(Column.className)
    salt = try row.decode(Column.salt)
  }

  /// Whether it is the link `entry` signed: the same acknowledgement, the name and class under its
  /// commitment, and the key those give.
  func isSigned(by entry: LedgerEntry) -> Bool {
    guard entry.kind == .rosterLink, entry.seq == linkSeq, entry.subjectSeq == ledgerSeq,
      let childName, let className, let salt
    else { return false }
    return RosterLinkCommitment.commitment(
      childName: childName, className: className, salt: Array(salt)) == entry.piiCommitment
      && NameNormalisation.childKey(name: childName, className: className) == matchKey
  }
}

extension AppDatabase {
  /// Links an acknowledgement to a roster child by hand (a misspelt name, a changed class), with a
  /// signed `roster link` entry committing to the child's name and class, so the link counts only
  /// while it is the one signed.
  @discardableResult
  public func linkToRoster(
    reference typed: String, childName: String, className: String?, key: SigningKey, at date: Date,
    salt: [UInt8] = RosterLinkCommitment.randomSalt()
  ) throws -> LedgerEntry {
    guard let subject = try entry(reference: typed), subject.kind == .acknowledgement else {
      throw RosterLinkError.unknownReference(typed)
    }
    return try write { db in
      let child = try Self.rosterChild(db, named: childName, in: className)
      let linked = try Bool.fetchOne(
        db, sql: "SELECT 1 FROM roster_link WHERE ledger_seq = ? AND match_key = ?",
        arguments: [subject.seq, child.matchKey])
      if linked == true { throw RosterLinkError.alreadyLinked(subject.displayReference) }
      let entry = try Self.appendEntry(db, key: key) { seq, prevHash in
        Self.rosterLinkEntry(
          seq: seq, kind: .rosterLink, subject: subject.seq,
          commitment: RosterLinkCommitment.commitment(
            childName: child.name, className: child.className, salt: salt),
          note: "", date: date, key: key, prevHash: prevHash)
      }
      try db.execute(
        sql: """
          INSERT INTO roster_link (ledger_seq, match_key, linked_at, link_seq, child_name,
            class_name, salt) VALUES (?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          subject.seq, child.matchKey, Timestamp.utc(date), entry.seq, child.name, child.className,
          Data(salt),
        ])
      return entry
    }
  }

  /// Undoes a manual link with a signed `roster unlink` entry naming the link's entry; the
  /// acknowledgement no longer counts for that child.
  @discardableResult
  public func unlinkFromRoster(
    reference typed: String, childName: String, className: String?, key: SigningKey, at date: Date
  ) throws -> LedgerEntry? {
    guard let subject = try entry(reference: typed), subject.kind == .acknowledgement else {
      throw RosterLinkError.unknownReference(typed)
    }
    return try write { db in
      let nameKey = NameNormalisation.matchKey(childName)
      let links = try StoredRosterLink.fetchAll(
        db, sql: "SELECT \(StoredRosterLink.selection) FROM roster_link WHERE ledger_seq = ?",
        arguments: [subject.seq]
      ).filter { link in
        // A link keeps the child's name and class; one made before links were signed only its key.
        let parts = link.matchKey.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        let name = link.childName.map(NameNormalisation.matchKey) ?? parts.first.map(String.init)
        let linkedClass =
          link.className.map(NameNormalisation.matchKey) ?? parts.last.map(String.init)
        return name == nameKey
          && (className == nil || linkedClass == NameNormalisation.matchKey(className!))
      }
      guard let link = links.first else {
        throw RosterLinkError.notLinked(subject.displayReference)
      }
      guard links.count == 1 else {
        throw RosterLinkError.ambiguousChild(classes: links.compactMap(\.className).sorted())
      }
      var unlink: LedgerEntry?
      if let linkSeq = link.linkSeq {
        unlink = try Self.appendEntry(db, key: key) { seq, prevHash in
          Self.rosterLinkEntry(
            seq: seq, kind: .rosterUnlink, subject: linkSeq, commitment: "", note: "",
            date: date, key: key, prevHash: prevHash)
        }
      }
      try db.execute(
        sql: "DELETE FROM roster_link WHERE ledger_seq = ? AND match_key = ?",
        arguments: [link.ledgerSeq, link.matchKey])
      return unlink
    }
  }

  /// Signs the manual links made before links were signed, once, the first time a trusted key
  /// opens the store after the upgrade (as the genesis entry was added to older ledgers): each
  /// gains a `roster link` entry committing to the roster child its key names. A link whose child
  /// is no longer on the roster, or whose acknowledgement is not one, counted for nobody and is
  /// removed. Once the ledger holds any link entry this does nothing, so a row added by hand later
  /// is never signed. Returns how many were signed.
  @discardableResult
  public func signEarlierRosterLinks(key: SigningKey, at date: Date) throws -> Int {
    let pending = try read { db in
      try Bool.fetchOne(db, sql: "SELECT 1 FROM roster_link WHERE link_seq IS NULL LIMIT 1")
    }
    guard pending == true, try keyTrust().status(of: key.publicKey) == .trusted else { return 0 }
    return try write { db in
      let signedBefore = try Bool.fetchOne(
        db, sql: "SELECT 1 FROM ledger WHERE kind IN ('roster link', 'roster unlink') LIMIT 1")
      guard signedBefore != true else { return 0 }
      var signed = 0
      let links = try UnsignedRosterLink.fetchAll(
        db,
        sql: """
          SELECT \(UnsignedRosterLink.selection)
          FROM roster_link k
          LEFT JOIN (SELECT match_key, min(id) AS id FROM roster_child GROUP BY match_key) f
            ON f.match_key = k.match_key
          LEFT JOIN roster_child r ON r.id = f.id
          WHERE k.link_seq IS NULL ORDER BY k.ledger_seq, k.match_key
          """)
      for link in links {
        let seq = link.ledgerSeq
        let matchKey = link.matchKey
        guard let name = link.childName, let className = link.className,
          link.subjectKind == LedgerKind.acknowledgement.rawValue
        else {
          try db.execute(
            sql: "DELETE FROM roster_link WHERE ledger_seq = ? AND match_key = ?",
            arguments: [seq, matchKey])
          continue
        }
        let salt = RosterLinkCommitment.randomSalt()
        let entry = try Self.appendEntry(db, key: key) { next, prevHash in
          Self.rosterLinkEntry(
            seq: next, kind: .rosterLink, subject: seq,
            commitment: RosterLinkCommitment.commitment(
              childName: name, className: className, salt: salt),
            note: "signed on upgrade: linked before links were signed", date: date, key: key,
            prevHash: prevHash)
        }
        try db.execute(
          sql: """
            UPDATE roster_link SET link_seq = ?, child_name = ?, class_name = ?, salt = ?
            WHERE ledger_seq = ? AND match_key = ?
            """,
          arguments: [entry.seq, name, className, Data(salt), seq, matchKey])
        signed += 1
      }
      return signed
    }
  }

  /// The one roster child `name` (in `className`, when given) names.
  static func rosterChild(_ db: any SQLDatabase, named name: String, in className: String?) throws
    -> (name: String, className: String, matchKey: String)
  {
    let nameKey = NameNormalisation.matchKey(name)
    let classKey = className.map(NameNormalisation.matchKey)
    let candidates = try RosterChildName.fetchAll(
      db, sql: "SELECT \(RosterChildName.selection) FROM roster_child ORDER BY id"
    ).filter {
      NameNormalisation.matchKey($0.childName) == nameKey
        && (classKey == nil || NameNormalisation.matchKey($0.className) == classKey)
    }
    let keys = Set(candidates.map(\.matchKey))
    guard let first = candidates.first else { throw RosterLinkError.noSuchChild }
    guard keys.count == 1 else {
      throw RosterLinkError.ambiguousChild(classes: candidates.map(\.className).sorted())
    }
    return (first.childName, first.className, first.matchKey)
  }

  /// A `roster link` or `roster unlink` entry by the admin, before its hash and signature.
  static func rosterLinkEntry(
    seq: Int, kind: LedgerKind, subject: Int, commitment: String, note: String, date: Date,
    key: SigningKey, prevHash: Data
  ) -> LedgerEntry {
    LedgerEntry(
      seq: seq, kind: kind, recordedAt: Timestamp.utc(date), station: "admin", mode: "admin",
      guidanceSHA256: "", statementSHA256: "", scenarioCount: 0, firstTryCorrect: 0,
      attemptCount: 0, transcriptSHA256: "", piiCommitment: commitment, subjectSeq: subject,
      note: note, subjectKey: nil, prevHash: prevHash, entryHash: Data(), signature: Data(),
      keyID: key.id, reference: "")
  }
}

/// A link made before links were signed, with the roster child its key names (the first, if any)
/// and the kind of the entry it links.
private struct UnsignedRosterLink: SQLRecord {
  var ledgerSeq: Int
  var matchKey: String
  var childName: String?
  var className: String?
  var subjectKind: String?

  enum Column: Int, SQLRecordColumn { case ledgerSeq, matchKey, childName, className, subjectKind }

  /// The columns over the link `k` and its roster child `r`.
  static let selection = Column.selectList { column in
    switch column {
    case .ledgerSeq, .matchKey: "k.\(column.name)"
    case .childName, .className: "r.\(column.name)"
    case .subjectKind: "(SELECT l.kind FROM ledger l WHERE l.seq = k.ledger_seq)"
    }
  }

  init(row: SQLRow) throws {
    ledgerSeq = try row.decode(Column.ledgerSeq)
    matchKey = try row.decode(Column.matchKey)
    childName = try row.decode(Column.childName)
    className = try row.decode(Column.className)
    subjectKind = try row.decode(Column.subjectKind)
  }
}

/// A roster child's name, class and key.
private struct RosterChildName: SQLRecord {
  var childName: String
  var className: String
  var matchKey: String

  enum Column: Int, SQLRecordColumn { case childName, className, matchKey }

  init(row: SQLRow) throws {
    childName = try row.decode(Column.childName)
    className = try row.decode(Column.className)
    matchKey = try row.decode(Column.matchKey)
  }
}
