import Foundation

/// The guidance, statement and translation texts the ledger names only by their SHA-256, as
/// stored: which of them still hash to the name they are stored under. Someone who can write the
/// database could otherwise rewrite a statement and have it reported as what a parent signed.
struct StoredTexts: Sendable {
  /// English guidance versions whose text hashes to their name.
  let guidance: Set<String>
  /// Statements (English and translated) whose text hashes to their name.
  let statements: Set<String>
  /// Translated guidance versions whose text hashes to their name, as `language sha256`.
  let translations: Set<String>

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
}
