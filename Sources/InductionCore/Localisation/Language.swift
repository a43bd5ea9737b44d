/// A language parents can choose: its tag, its name in itself ("Polski") and in English ("Polish").
public struct Language: Sendable, Equatable, Hashable, Codable {
  /// The BCP 47 tag (`pl`).
  public var tag: String
  /// The name in the language itself, as parents look for it on the welcome screen (`Polski`).
  public var name: String
  /// The name in English, for staff and exports (`Polish`).
  public var englishName: String

  /// Creates a language.
  public init(tag: String, name: String, englishName: String) {
    self.tag = tag
    self.name = name
    self.englishName = englishName
  }

  /// English, the language of the school's own set.
  public static let english = Language(
    tag: LanguageTag.english, name: "English", englishName: "English")
}
