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
    let rows = try SQLRow.fetchAll(
      db,
      sql: """
        SELECT \(rowKey.joined(separator: ", ")), \(name), class_name, match_key, class_key
        FROM \(table)
        """)
    let matching = rowKey.map { "\($0) = ?" }.joined(separator: " AND ")
    for row in rows {
      let className: String = row["class_name"]
      let matchKey = NameNormalisation.childKey(name: row[name], className: className)
      let classKey = NameNormalisation.matchKey(className)
      guard matchKey != row["match_key"] || classKey != row["class_key"] else { continue }
      try db.execute(
        sql: "UPDATE \(table) SET match_key = ?, class_key = ? WHERE \(matching)",
        arguments: [matchKey, classKey] + rowKey.map { row[$0] as Int })
    }
  }

  /// Manual links hold a roster child's key without its name: the fold alone brings them up to
  /// date. Two links of one acknowledgement that now share a key become one.
  private static func refoldLinks(_ db: any SQLDatabase) throws {
    let rows = try SQLRow.fetchAll(
      db, sql: "SELECT ledger_seq, match_key, linked_at FROM roster_link")
    for row in rows {
      let seq: Int = row["ledger_seq"]
      let key: String = row["match_key"]
      let folded = NameNormalisation.foldingPunctuation(key)
      guard folded != key else { continue }
      try db.execute(
        sql: """
          INSERT INTO roster_link (ledger_seq, match_key, linked_at) VALUES (?, ?, ?)
          ON CONFLICT DO NOTHING
          """,
        arguments: [seq, folded, row["linked_at"] as String])
      try db.execute(
        sql: "DELETE FROM roster_link WHERE ledger_seq = ? AND match_key = ?",
        arguments: [seq, key])
    }
  }

  /// A family is named by a hash of its email or, without one, of its parent's key; the roster
  /// still holds the name each such hash was made from, so a newer link still withdraws the older.
  private static func refoldFamilies(_ db: any SQLDatabase) throws {
    let families = try SQLRow.fetchAll(
      db, sql: "SELECT DISTINCT parent_name, parent_email FROM roster_child")
    for family in families {
      let parent: String = family["parent_name"]
      let email = family["parent_email"] as String? ?? ""
      let before = InvitedFamilies.familyHash(
        email: email, parent: parent, key: NameNormalisation.keyBeforePunctuationFold)
      let after = InvitedFamilies.familyHash(email: email, parent: parent)
      guard before != after else { continue }
      try db.execute(
        sql: "UPDATE invitation SET family_hash = ? WHERE family_hash = ?",
        arguments: [after, before])
    }
  }
}
