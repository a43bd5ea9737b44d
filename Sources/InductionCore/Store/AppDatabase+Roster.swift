import Foundation

/// Why a manual roster link could not be made. Only the command line makes links, so only it says
/// these (`CommandLineMessage` in InductionTerminal).
public enum RosterLinkError: Error, Equatable {
  /// No acknowledgement has that reference.
  case unknownReference(String)
  /// No roster child has that name (in that class).
  case noSuchChild
  /// Several roster children share the name: a class is needed.
  case ambiguousChild(classes: [String])
  /// The acknowledgement is linked to that child already.
  case alreadyLinked(String)
  /// The acknowledgement has no link to a child of that name (in that class).
  case notLinked(String)

}

/// An acknowledgement that names a child who is not on the roster.
public struct UnmatchedAcknowledgement: Sendable, Equatable {
  /// Its receipt reference.
  public var reference: String
  /// When it was signed (UTC form).
  public var recordedAt: String
  /// The children it names who match nobody on the roster, with their classes, as typed.
  public var children: [PersonalDetails.Child]
}

extension AppDatabase {
  /// Replaces the whole roster in one transaction, so children who left drop out of every list.
  public func replaceRoster(_ rows: [RosterRow], at date: Date, progress: (Int) -> Void = { _ in })
    throws
  {
    try write { db in
      try db.execute(sql: "DELETE FROM roster_child")
      // Rows go in batches of a few hundred per statement: one round trip each to a server.
      let importedAt = Timestamp.utc(date)
      for start in stride(from: 0, to: rows.count, by: Self.rosterBatch) {
        let batch = rows[start..<min(start + Self.rosterBatch, rows.count)]
        try db.insert(
          into: "roster_child",
          columns: [
            "class_name", "child_name", "parent_name", "parent_email", "match_key", "class_key",
            "imported_at",
          ],
          rows: batch.map { row in
            [
              row.className, row.childName, row.parentName, row.parentEmail,
              NameNormalisation.childKey(name: row.childName, className: row.className),
              NameNormalisation.matchKey(row.className), importedAt,
            ]
          })
        let done = start + batch.count
        if done / 1000 > start / 1000 { progress(done / 1000 * 1000) }
      }
    }
  }

  /// Roster rows inserted per statement.
  static let rosterBatch = 500

  /// How many children are on the roster.
  public func rosterCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM roster_child") ?? 0 }
  }

  /// The class names on the roster, in class order (none when no roster is loaded).
  public func rosterClassNames() throws -> [String] {
    try read { db in
      try String.fetchAll(
        db,
        sql: """
          SELECT class_name FROM (SELECT DISTINCT class_name, class_key FROM roster_child) AS c
          ORDER BY class_key, class_name
          """)
    }
  }

  /// The class names on the roster, else those named in acknowledgements (for completion and filters).
  public func classNames() throws -> [String] {
    try read { db in
      // Each class key comes from its name, so (name, key) pairs are as distinct as names; the key
      // is selected too, as PostgreSQL orders DISTINCT rows only by what they hold.
      for table in ["roster_child", "acknowledged_child"] {
        let names = try String.fetchAll(
          db,
          sql: """
            SELECT class_name FROM (SELECT DISTINCT class_name, class_key FROM \(table)) AS c
            ORDER BY class_key, class_name
            """)
        if !names.isEmpty { return names }
      }
      return []
    }
  }

  /// Acknowledgements (not revoked, not erased) naming a child who matches nobody on the roster,
  /// each with those children only: a sibling who matched does not hide one who did not. A manual
  /// link names the acknowledgement, not which of its children it stands for, so each link to a
  /// roster child none of its children matches accounts for one of them, and an acknowledgement is
  /// listed while it has more unmatched children than such links.
  public func unmatchedAcknowledgements() throws -> [UnmatchedAcknowledgement] {
    try read { db in
      let rows = try UnmatchedChild.fetchAll(
        db,
        sql: """
          SELECT \(UnmatchedChild.selection) FROM ledger l
          JOIN acknowledged_child c ON c.ledger_seq = l.seq
          WHERE l.kind = 'acknowledgement'
            AND NOT \(LedgerQueries.isRevoked("l"))
            AND NOT EXISTS (SELECT 1 FROM roster_child rc WHERE rc.match_key = c.match_key)
            AND (SELECT count(*) FROM roster_link k WHERE k.ledger_seq = l.seq
                AND NOT EXISTS (
                  SELECT 1 FROM acknowledged_child s
                  WHERE s.ledger_seq = l.seq AND s.match_key = k.match_key))
              < (SELECT count(*) FROM acknowledged_child u WHERE u.ledger_seq = l.seq
                AND NOT EXISTS (SELECT 1 FROM roster_child rc WHERE rc.match_key = u.match_key))
          ORDER BY l.seq, c.position
          """)
      // One row per unmatched child, in signing order: consecutive rows of one seq make one item.
      var unmatched: [UnmatchedAcknowledgement] = []
      var lastSeq: Int?
      for row in rows {
        let (child, seq) = (row.child, row.seq)
        if seq == lastSeq {
          unmatched[unmatched.count - 1].children.append(child)
        } else {
          unmatched.append(
            UnmatchedAcknowledgement(
              reference: row.reference, recordedAt: row.recordedAt, children: [child]))
        }
        lastSeq = seq
      }
      return unmatched
    }
  }
}

/// A child of an acknowledgement whom the roster does not name, with the acknowledgement.
private struct UnmatchedChild: SQLRecord {
  var child: PersonalDetails.Child
  var seq: Int
  var reference: String
  var recordedAt: String

  enum Column: Int, SQLRecordColumn { case name, className, seq, reference, recordedAt }

  /// The columns over the child `c` and its acknowledgement `l`.
  static let selection = Column.selectList { column in
    switch column {
    case .name, .className: "c.\(column.name)"
    case .seq, .reference, .recordedAt: "l.\(column.name)"
    }
  }

  init(row: SQLRow) throws {
    child = PersonalDetails.Child(
      stored: try row.decode(Column.name), className: try row.decode(Column.className))
    seq = try row.decode(Column.seq)
    reference = try row.decode(Column.reference)
    recordedAt = try row.decode(Column.recordedAt)
  }
}
