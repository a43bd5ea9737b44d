extension AppDatabase {
  /// Withdraws the family's links not used or withdrawn yet, as of `at` (UTC form).
  static func withdrawOpenInvitations(_ db: any SQLDatabase, family: String, at: String) throws {
    try db.execute(
      sql: """
        UPDATE invitation SET withdrawn_at = ?
        WHERE family_hash = ? AND used_at IS NULL AND withdrawn_at IS NULL
        """,
      arguments: [at, family])
  }

  /// Stores a new link for the family: only its token's hash, so the database cannot give it out.
  static func insertInvitation(
    _ db: any SQLDatabase, tokenHash: String, family: String, issuedAt: String, expiresAt: String
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO invitation (token_hash, family_hash, issued_at, expires_at)
        VALUES (?, ?, ?, ?)
        """,
      arguments: [tokenHash, family, issuedAt, expiresAt])
  }
}
