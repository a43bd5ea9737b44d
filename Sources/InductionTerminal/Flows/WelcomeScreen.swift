import InductionCore

/// The first screen a parent sees: the school, the languages to choose from, and what the induction
/// asks of them. Drawn by the flow, or by `induction start` from the scenario cache before the rest
/// is loaded and the store opened, so the parent is reading while they start.
public struct WelcomeScreen: Sendable, Equatable, Codable {
  /// The screen's words in one language.
  public struct Page: Sendable, Equatable, Codable {
    /// The language's tag.
    var tag: String
    /// "Welcome to …", with the school's name.
    var heading: String
    /// How to choose another language (shown only when there are several).
    var languageHint: String
    /// What the induction is.
    var intro: String
    /// The steps, shown as bullets.
    var steps: [String]
    /// The commands that work at every prompt.
    var commands: String
  }

  /// The title over the language list ("Language · Język · Iaith"); nil when only one is offered.
  var menuTitle: String?
  /// The languages offered, each in its own name, English first.
  var languageNames: [String]
  /// One page per language offered, English first.
  var pages: [Page]
  /// The school's default language.
  var defaultLanguage: String

  /// The welcome screen for `content`, in every language it offers.
  public init(content: SchoolContent) {
    let menu = LanguageMenu(content: content)
    menuTitle = menu?.title.rendered
    languageNames = content.languages.map(\.name)
    defaultLanguage = content.defaultLanguage
    pages = content.all.map { shown in
      let phrases = Phrases.for(shown)
      return Page(
        tag: shown.language.tag,
        heading: phrases.text(.welcomeHeading, ["school": shown.catalog.school.name]).rendered,
        languageHint: phrases.text(.languageHint).rendered,
        intro: phrases.text(.welcomeIntro).rendered,
        steps: [
          phrases.text(.welcomeStepRead).rendered,
          phrases.text(.welcomeStepAnswer, count: shown.catalog.scenarios.count).rendered,
          phrases.text(.welcomeStepSign).rendered,
        ],
        commands: phrases.text(.welcomeCommands).rendered)
    }
  }

  /// The tags of the languages offered, English first.
  public var languageTags: [String] { pages.map(\.tag) }

  /// The language a session starts in: `requested` when offered, else the school's default.
  public func startLanguage(_ requested: String?) -> String {
    requested.flatMap { tag in languageTags.first { $0 == tag } } ?? defaultLanguage
  }

  /// Clears the screen and draws the welcome in `language` (English when it is not offered).
  public func draw(in language: String, on console: Console) {
    guard let page = pages.first(where: { $0.tag == language }) ?? pages.first else { return }
    // The words were made safe when composed; sanitising again costs nothing and means a cache
    // file can never put anything raw on the screen.
    console.clearScreen()
    console.heading(TerminalText(untrusted: page.heading))
    console.line()
    if let menuTitle {
      console.line(TerminalText(untrusted: menuTitle))
      for (index, name) in languageNames.enumerated() {
        console.line("  \(index + 1). \(name)")
      }
      console.paragraph(TerminalText(untrusted: page.languageHint))
      console.line()
    }
    console.paragraph(TerminalText(untrusted: page.intro))
    // Bullets, not numbers: the language list above is numbered, and "2" there means Polski.
    for step in page.steps {
      console.paragraph("• \(step)", indent: 2, hanging: 2)
    }
    console.line()
    console.paragraph(TerminalText(untrusted: page.commands))
    console.line()
  }
}
