import InductionCore

/// The languages a parent can choose, listed each in its own name under a title in every one of
/// them ("Language · Język · Iaith"), chosen by number (or by name or tag: ``SchoolContent/language(for:)``).
struct LanguageMenu {
  /// The languages offered, English first.
  let languages: [Language]
  /// The title line, in each language offered.
  let title: TerminalText

  /// A menu of `content`'s languages; nil when only one is offered (nothing to choose).
  init?(content: SchoolContent) {
    guard content.all.count > 1 else { return nil }
    languages = content.languages
    var titles: [String] = []
    for item in content.all {
      let word = Phrases.for(item).word(.languageMenuTitle)
      let shown = Phrases.for(item).prompt(.languageMenuTitle)
      if !titles.contains(where: { $0.lowercased() == word }) { titles.append(shown) }
    }
    title = TerminalText(untrusted: titles.joined(separator: " · "))
  }

  /// Writes the title and the numbered list.
  func show(on console: Console) {
    console.line(title)
    for (index, language) in languages.enumerated() {
      console.line("  \(index + 1). \(language.name)")
    }
  }

  /// What may be completed at the language prompt.
  var completions: [String] { languages.indices.map { String($0 + 1) } + languages.map(\.name) }
}
