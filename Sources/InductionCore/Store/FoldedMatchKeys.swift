import Foundation

/// Migration `v9-folded-match-keys`, the same on both engines: match keys now fold apostrophes and
/// hyphens (``NameNormalisation/matchKey(_:)``), so every key stored before is recomputed, and so
/// is the family of every personal link named by a parent's name. Only rows whose key changes are
/// written.
enum FoldedMatchKeys {
  /// Recomputes the stored keys inside the migration's transaction.
  static func migrate(_ db: any SQLDatabase) throws {
    try recomputeChildKeys(db, table: "roster_child", rowKey: ["id"], name: "child_name")
    try recomputeChildKeys(
      db, table: "acknowledged_child", rowKey: ["ledger_seq", "position"], name: "name")
    try refoldLinks(db)
    try refoldFamilies(db)
  }

  /// A table's `match_key` and `class_key` from the names beside them; `rowKey` names its
  /// primary key's (integer) columns.
  private static func recomputeChildKeys(
    _ db: any SQLDatabase, table: String, rowKey: [String], name: String
  ) throws {
    let children = try KeyedChild.fetchAll(
      db,
      sql: """
        SELECT \(KeyedChild.Column.selectList { $0 == .name ? name : $0.name }),
          \(rowKey.joined(separator: ", "))
        FROM \(table)
        """)
    let matching = rowKey.map { "\($0) = ?" }.joined(separator: " AND ")
    for child in children {
      let matchKey = NameNormalisation.childKey(name: child.name, className: child.className)
      let classKey = NameNormalisation.matchKey(child.className)
      guard matchKey != child.matchKey || classKey != child.classKey else { continue }
      try db.execute(
        sql: "UPDATE \(table) SET match_key = ?, class_key = ? WHERE \(matching)",
        arguments: [matchKey, classKey] + child.rowKey.map { $0 as any SQLValueConvertible })
    }
  }

  /// Manual links hold a roster child's key without its name: the fold alone brings them up to
  /// date. Two links of one acknowledgement that now share a key become one.
  private static func refoldLinks(_ db: any SQLDatabase) throws {
    let links = try EarlyRosterLink.fetchAll(
      db, sql: "SELECT \(EarlyRosterLink.selection) FROM roster_link")
    for link in links {
      let (seq, key) = (link.ledgerSeq, link.matchKey)
      let folded = NameNormalisation.foldingPunctuation(key)
      guard folded != key else { continue }
      try db.execute(
        sql: """
          INSERT INTO roster_link (ledger_seq, match_key, linked_at) VALUES (?, ?, ?)
          ON CONFLICT DO NOTHING
          """,
        arguments: [seq, folded, link.linkedAt])
      try db.execute(
        sql: "DELETE FROM roster_link WHERE ledger_seq = ? AND match_key = ?",
        arguments: [seq, key])
    }
  }

  /// A family is named by a hash of its email or, without one, of its parent's key; the roster
  /// still holds the name each such hash was made from, so a newer link still withdraws the older.
  private static func refoldFamilies(_ db: any SQLDatabase) throws {
    let families = try RosterFamily.fetchAll(
      db, sql: "SELECT DISTINCT \(RosterFamily.selection) FROM roster_child")
    for family in families {
      let parent = family.parentName
      let email = family.parentEmail ?? ""
      let before = InvitedFamilies.familyHash(
        email: email, parent: parent, key: NameNormalisation.keyBeforePunctuationFold)
      let after = InvitedFamilies.familyHash(email: email, parent: parent)
      guard before != after else { continue }
      try db.execute(
        sql: "UPDATE invitation SET family_hash = ? WHERE family_hash = ?",
        arguments: [after, before])
    }
  }

  /// A child's name, class and keys, then the row's primary key (its remaining columns).
  private struct KeyedChild: SQLRecord {
    enum Column: Int, SQLRecordColumn { case name, className, matchKey, classKey }

    var name: String
    var className: String
    var matchKey: String
    var classKey: String
    var rowKey: [Int]

    init(row: SQLRow) throws {
      name = try row.decode(Column.name)
      className = try row.decode(Column.className)
      matchKey = try row.decode(Column.matchKey)
      classKey = try row.decode(Column.classKey)
      rowKey = try (Column.allCases.count..<row.values.count).map { try row.decode(atIndex: $0) }
    }
  }

  /// A manual link as stored before links were signed.
  private struct EarlyRosterLink: SQLRecord {
    var ledgerSeq: Int
    var matchKey: String
    var linkedAt: String

    enum Column: Int, SQLRecordColumn { case ledgerSeq, matchKey, linkedAt }

    init(row: SQLRow) throws {
      ledgerSeq = try row.decode(Column.ledgerSeq)
      matchKey = try row.decode(Column.matchKey)
      linkedAt = try row.decode(Column.linkedAt)
    }
  }
}
