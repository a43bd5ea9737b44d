import InductionCore

/// The languages a parent can choose, listed each in its own name under a title in every one of
/// them ("Language · Język · Iaith"), chosen by number (or by name or tag).
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

  /// The language `typed` names: its number in the list, its own or English name, or its tag.
  func language(for typed: String) -> Language? {
    let text = typed.trimmingCharacters(in: .whitespaces)
    if let number = Int(text) {
      return languages.indices.contains(number - 1) ? languages[number - 1] : nil
    }
    let key = NameNormalisation.matchKey(text)
    return languages.first {
      NameNormalisation.matchKey($0.name) == key
        || NameNormalisation.matchKey($0.englishName) == key
        || $0.tag.lowercased() == text.lowercased()
    }
  }

  /// What may be completed at the language prompt.
  var completions: [String] { languages.indices.map { String($0 + 1) } + languages.map(\.name) }
}
