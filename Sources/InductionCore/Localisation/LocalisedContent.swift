/// Everything a parent reads in one language: the guidance, the statement, the class labels and the
/// scenarios. For English it is the school's own set; for another language, a translation pack that
/// passed lint against it (same scenario ids, choices in the same order, the same correct choice).
public struct LocalisedContent: Sendable, Equatable, Codable {
  /// The language.
  public var language: Language
  /// The guidance, school settings (with this language's statement) and scenarios, in this
  /// language. Class names stay the English ones, which are what is recorded.
  public var catalog: ScenarioCatalog
  /// The guidance file's text, exactly as read (its SHA-256 is the version recorded).
  public var guidanceText: String
  /// The label shown for each English class name.
  public var classLabels: [String: String]
  /// The pack's own word list for the program (`strings.yaml`), when it carries one.
  public var strings: StringCatalogue?
  /// The folder, as named in messages.
  public var folder: String

  /// Creates content.
  public init(
    language: Language, catalog: ScenarioCatalog, guidanceText: String,
    classLabels: [String: String] = [:], strings: StringCatalogue? = nil, folder: String = ""
  ) {
    self.language = language
    self.catalog = catalog
    self.guidanceText = guidanceText
    self.classLabels = classLabels
    self.strings = strings
    self.folder = folder
  }

  /// The label shown for `className`: its translation, or the name itself.
  public func label(forClass className: String) -> String { classLabels[className] ?? className }
}

/// The school's content in every language that can be offered: English first, then each translation
/// pack that passed lint, in the order of their English names.
public struct SchoolContent: Sendable, Equatable, Codable {
  /// The school's own set.
  public var english: LocalisedContent
  /// The translations that passed lint.
  public var translations: [LocalisedContent]

  /// Creates content.
  public init(english: LocalisedContent, translations: [LocalisedContent] = []) {
    self.english = english
    self.translations = translations.sorted {
      ($0.language.englishName, $0.language.tag) < ($1.language.englishName, $1.language.tag)
    }
  }

  /// English only, from a catalogue.
  public init(catalog: ScenarioCatalog, guidanceText: String) {
    self.init(
      english: LocalisedContent(
        language: .english, catalog: catalog, guidanceText: guidanceText))
  }

  /// Every language offered, English first.
  public var all: [LocalisedContent] { [english] + translations }

  /// The languages offered, English first.
  public var languages: [Language] { all.map(\.language) }

  /// The content in `tag`, when that language is offered.
  public func content(for tag: String) -> LocalisedContent? {
    all.first { $0.language.tag == tag }
  }

  /// The language kiosk sessions start in: `default_language:` when offered, else English.
  public var defaultLanguage: String {
    let wanted = english.catalog.school.defaultLanguage
    return content(for: wanted) != nil ? wanted : LanguageTag.english
  }
}
