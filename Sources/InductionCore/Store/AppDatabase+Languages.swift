import Foundation

extension AppDatabase {
  /// Records that a parent session began in `shown.language`, storing the English guidance version
  /// and, for a translation, the translated guidance text shown (its first sighting).
  public func startSession(
    context: SessionContext, guidance: Guidance, guidanceText: String,
    shown: ShownText, shownGuidanceText: String, at date: Date
  ) throws -> Int64 {
    try writeOwnSession { db in
      let now = Timestamp.utc(date)
      try db.execute(
        sql:
          "INSERT INTO guidance_version (sha256, text, first_seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        arguments: [guidance.sha256, guidanceText, now])
      if shown.language != LanguageTag.english {
        try Self.insertTranslationVersion(
          db, language: shown.language, sha256: shown.guidanceSHA256, text: shownGuidanceText,
          at: now)
      }
      return try Int64.fetchOne(
        db,
        sql: """
          INSERT INTO session (started_at, station, mode, guidance_sha256, outcome, language)
          VALUES (?, ?, ?, ?, 'in progress', ?) RETURNING id
          """,
        arguments: [now, context.station, context.mode, guidance.sha256, shown.language])!
    }
  }

  /// Records a translation's guidance version (language, SHA-256 and text) the first time it is seen,
  /// so exports can number its versions and a returning parent can see what changed.
  public func registerTranslationVersion(
    language: String, guidance: Guidance, text: String, at date: Date
  ) throws {
    if try read({ db in
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM translation_version WHERE language = ? AND sha256 = ?",
        arguments: [language, guidance.sha256])
    }) == true {
      return
    }
    try write { db in
      try Self.insertTranslationVersion(
        db, language: language, sha256: guidance.sha256, text: text, at: Timestamp.utc(date))
    }
  }

  private static func insertTranslationVersion(
    _ db: any SQLDatabase, language: String, sha256: String, text: String, at now: String
  ) throws {
    try db.execute(
      sql: """
        INSERT INTO translation_version (language, sha256, text, first_seen_at)
        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
        """,
      arguments: [language, sha256, text, now])
  }

  /// Every version seen of the guidance in `language`, oldest first: the English guidance's own
  /// versions for `en`, a translation's otherwise. A version whose stored text no longer has its
  /// SHA-256 is left out (`verify` names it).
  public func guidanceVersions(language: String) throws -> [(
    sha256: String, text: String, firstSeenAt: String
  )] {
    if language == LanguageTag.english { return try guidanceVersions() }
    return try read { db in
      try Self.intactVersions(
        db,
        sql: """
          SELECT \(StoredTextVersion.selection) FROM translation_version WHERE language = ?
          ORDER BY first_seen_at, \(db.dialect.insertionOrder)
          """, arguments: [language])
    }
  }
}
