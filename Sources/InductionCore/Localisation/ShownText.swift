/// What a parent actually read: the language, the guidance version and the statement, which the
/// signed entry binds beside the English originals.
public struct ShownText: Sendable, Equatable {
  /// The language tag (`en`, `pl`).
  public var language: String
  /// SHA-256 of the guidance text shown.
  public var guidanceSHA256: String
  /// The statement text shown and signed.
  public var statement: String

  /// Creates a record of what was shown.
  public init(language: String, guidanceSHA256: String, statement: String) {
    self.language = language
    self.guidanceSHA256 = guidanceSHA256
    self.statement = statement
  }
}

extension LocalisedContent {
  /// What a parent reading this content is shown.
  public var shown: ShownText {
    ShownText(
      language: language.tag, guidanceSHA256: catalog.guidance.sha256,
      statement: catalog.school.statement)
  }
}
