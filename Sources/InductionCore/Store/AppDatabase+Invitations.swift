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
        let row = try db.fetchOne(
          sql: "SELECT id, expires_at, withdrawn_at, used_at FROM invitation WHERE \(condition)",
          arguments: [value])
      else { return .unknown }
      if (row["used_at"] as String?) != nil { return .used }
      if (row["withdrawn_at"] as String?) != nil { return .withdrawn }
      let expires: String = row["expires_at"]
      if expires <= Timestamp.utc(now) { return .expired }
      return .open(row["id"])
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
        let rows = try db.fetchAll(
          sql: "SELECT parent_name, parent_email FROM roster_child WHERE class_key = ?",
          arguments: [classKey])
        families = rows.map {
          InvitedFamilies.familyHash(email: $0["parent_email"] ?? "", parent: $0["parent_name"])
        }
      }
      let open = try db.fetchAll(
        sql: """
          SELECT id, family_hash FROM invitation
          WHERE used_at IS NULL AND withdrawn_at IS NULL ORDER BY id
          """, arguments: [])
      let chosen = open.filter { row in families.map { $0.contains(row["family_hash"]) } ?? true }
      for row in chosen {
        try db.execute(
          sql: "UPDATE invitation SET withdrawn_at = ? WHERE id = ?",
          arguments: [Timestamp.utc(now), row["id"] as Int64])
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
