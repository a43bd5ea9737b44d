import Foundation

/// The guidance, statement and translation texts the ledger names only by their SHA-256, as
/// stored: which of them still hash to the name they are stored under. Someone who can write the
/// database could otherwise rewrite a statement and have it reported as what a parent signed.
struct StoredTexts {
  /// English guidance versions whose text hashes to their name.
  private let guidance: Set<String>
  /// Statements (English and translated) whose text hashes to their name.
  private let statements: Set<String>
  /// Translated guidance versions whose text hashes to their name, as `language sha256`.
  private let translations: Set<String>

  /// Reads and hashes every stored text in `db`.
  init(_ db: any SQLDatabase) throws {
    guidance = try Self.intact(db, sql: "SELECT sha256, text, '' FROM guidance_version")
    statements = try Self.intact(db, sql: "SELECT sha256, text, '' FROM statement_version")
    translations = try Self.intact(
      db, sql: "SELECT sha256, text, language FROM translation_version")
  }

  /// Whether every text `entry` names is stored under its SHA-256 with a text that has it.
  func holdsEveryText(of entry: LedgerEntry) -> Bool {
    guard entry.kind == .acknowledgement else { return true }
    guard guidance.contains(entry.guidanceSHA256), statements.contains(entry.statementSHA256)
    else { return false }
    if let shown = entry.shownStatementSHA256, !statements.contains(shown) { return false }
    if let language = entry.language, language != LanguageTag.english,
      let shown = entry.shownGuidanceSHA256, !translations.contains(language + " " + shown)
    {
      return false
    }
    return true
  }

  /// Whether `text` is the text named by `sha256`: readers leave out one that is not.
  static func isIntact(sha256: String, text: String) -> Bool { Digest.sha256Hex(text) == sha256 }

  /// The names (prefixed by the third column when it is not empty) of the rows of `sql`
  /// (`sha256`, `text`, prefix) whose text hashes to their name.
  private static func intact(_ db: any SQLDatabase, sql: String) throws -> Set<String> {
    var found: Set<String> = []
    let cursor = try SQLRow.fetchCursor(db, sql: sql)
    while let row = try cursor.next() {
      let sha256: String = try row.decode(atIndex: 0)
      let prefix: String = try row.decode(atIndex: 2)
      if isIntact(sha256: sha256, text: try row.decode(atIndex: 1)) {
        found.insert(prefix.isEmpty ? sha256 : prefix + " " + sha256)
      }
    }
    return found
  }
}
