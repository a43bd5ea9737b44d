import Foundation

extension AppDatabase {
  /// Whether the personal link holding `token` can start an induction now.
  public func invitationStatus(_ token: InvitationToken, at now: Date) throws -> InvitationStatus {
    try status(where: "token_hash = ?", token.hash, at: now)
  }

  /// Whether invitation `id` can still start an induction now.
  public func invitationStatus(id: Int64, at now: Date) throws -> InvitationStatus {
    try status(where: "id = ?", id, at: now)
  }

  private func status(
    where condition: String, _ value: any SQLValueConvertible, at now: Date
  ) throws -> InvitationStatus {
    try read { db in
      guard
        let invitation = try StoredInvitation.fetchOne(
          db, sql: "SELECT \(StoredInvitation.selection) FROM invitation WHERE \(condition)",
          arguments: [value])
      else { return .unknown }
      if invitation.usedAt != nil { return .used }
      if invitation.withdrawnAt != nil { return .withdrawn }
      if invitation.expiresAt <= Timestamp.utc(now) { return .expired }
      return .open(invitation.id)
    }
  }

  /// Records that session `session` began from invitation `id`: a signing from it uses the link
  /// up.
  public func claimInvitation(_ id: Int64, session: Int64) throws {
    try write { db in
      try db.execute(
        sql: "UPDATE session SET invitation_id = ? WHERE id = ?", arguments: [id, session])
    }
  }

  /// Withdraws every unused link (of the families with a child in the class `classKey`, when
  /// given); returns how many stopped working.
  public func withdrawInvitations(classKey: String?, at now: Date) throws -> Int {
    try write { db in
      var families: [String]?
      if let classKey {
        families = try RosterFamily.fetchAll(
          db, sql: "SELECT \(RosterFamily.selection) FROM roster_child WHERE class_key = ?",
          arguments: [classKey]
        ).map(\.familyHash)
      }
      let open = try OpenInvitation.fetchAll(
        db,
        sql: """
          SELECT \(OpenInvitation.selection) FROM invitation
          WHERE used_at IS NULL AND withdrawn_at IS NULL ORDER BY id
          """)
      let chosen = open.filter { invitation in
        families.map { $0.contains(invitation.familyHash) } ?? true
      }
      for invitation in chosen {
        try db.execute(
          sql: "UPDATE invitation SET withdrawn_at = ? WHERE id = ?",
          arguments: [Timestamp.utc(now), invitation.id])
      }
      return chosen.count
    }
  }

  /// Marks the invitation a signing session came through (if any) as used, in the signing's
  /// transaction. Two parents who opened one family link at once may both sign; the first signing
  /// is the one the link records.
  static func useInvitation(_ db: any SQLDatabase, session: Int64, entry: LedgerEntry) throws {
    try db.execute(
      sql: """
        UPDATE invitation SET used_at = ?, ledger_seq = ?
        WHERE used_at IS NULL AND id = (SELECT invitation_id FROM session WHERE id = ?)
        """,
      arguments: [entry.recordedAt, entry.seq, session])
  }
}

/// An invitation's state.
private struct StoredInvitation: SQLRecord {
  var id: Int64
  var expiresAt: String
  var withdrawnAt: String?
  var usedAt: String?

  enum Column: Int, SQLRecordColumn { case id, expiresAt, withdrawnAt, usedAt }

  init(row: SQLRow) throws {
    id = try row.decode(Column.id)
    expiresAt = try row.decode(Column.expiresAt)
    withdrawnAt = try row.decode(Column.withdrawnAt)
    usedAt = try row.decode(Column.usedAt)
  }
}

/// An invitation not yet used or withdrawn, with the family it was sent to.
private struct OpenInvitation: SQLRecord {
  var id: Int64
  var familyHash: String

  enum Column: Int, SQLRecordColumn { case id, familyHash }

  init(row: SQLRow) throws {
    id = try row.decode(Column.id)
    familyHash = try row.decode(Column.familyHash)
  }
}

/// A roster child's parent, as a family is named: by email or, without one, by name.
struct RosterFamily: SQLRecord {
  var parentName: String
  var parentEmail: String?

  enum Column: Int, SQLRecordColumn { case parentName, parentEmail }

  init(row: SQLRow) throws {
    parentName = try row.decode(Column.parentName)
    parentEmail = try row.decode(Column.parentEmail)
  }

  /// The family's hash, as an invitation names it.
  var familyHash: String {
    InvitedFamilies.familyHash(email: parentEmail ?? "", parent: parentName)
  }
}
