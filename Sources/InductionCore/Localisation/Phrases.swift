/// The program's words in the language a parent chose: every text comes from a word list, with its
/// placeholders filled in. Front ends make them safe for their medium (the terminal sanitises, the
/// web escapes), so the texts here are plain strings.
public struct Phrases: Sendable {
  /// The language tag.
  public let language: String
  /// The word list the texts come from (English fills any gap).
  public let list: StringCatalogue

  /// Words from `list`, in `language`.
  public init(language: String, list: StringCatalogue) {
    self.language = language
    self.list = list
  }

  /// The program's English words.
  public static var english: Phrases {
    Phrases(language: LanguageTag.english, list: ProgramStrings.english)
  }

  /// The words for `content`: its pack's own list, else the shipped one, else English (a pack
  /// without a list never passes lint, so the last is only a safety net).
  public static func `for`(_ content: LocalisedContent) -> Phrases {
    let tag = content.language.tag
    return Phrases(
      language: tag,
      list: content.strings ?? ProgramStrings.list(for: tag) ?? ProgramStrings.english)
  }

  /// The text for `key`, with `values` filled in, as the word list has it (not yet made safe).
  public func string(_ key: PhraseKey, _ values: [String: String] = [:]) -> String {
    raw(key.rawValue, values)
  }

  /// The text for a plural `key`, in the form `count` takes; `{count}` is filled in with it.
  public func string(_ key: PhraseKey, count: Int, _ values: [String: String] = [:]) -> String {
    let form = PluralRule.form(count, language: language)
    var filled = values
    filled["count"] = String(count)
    let specific = key.rawValue + "." + form
    let chosen =
      list.texts[specific] != nil
      ? specific : (form == "one" ? key.rawValue + ".one" : key.rawValue + ".other")
    return raw(chosen, filled)
  }

  /// A word a parent may type (`yes`, `help`), lower-cased.
  public func word(_ key: PhraseKey) -> String {
    raw(key.rawValue, [:]).trimmingCharacters(in: .whitespaces).lowercased()
  }

  /// Whether `typed` is this language's word for `key`, or one of `english`, with case, accents
  /// and width set aside: a parent at a UK keyboard types `wskazowki` for `wskazówki`.
  public func isWord(_ typed: String, _ key: PhraseKey, or english: [String]) -> Bool {
    let folded = Self.fold(typed)
    return (english + [word(key)]).contains { Self.fold($0) == folded }
  }

  /// true for yes, false for no, nil otherwise. English `y`/`yes`/`n`/`no` always count, and so
  /// does the first letter of this language's yes or no (Polish `t`), as `y` does in English,
  /// unless both words start with it.
  public func yesNo(_ text: String) -> Bool? {
    let yes = Self.fold(word(.answerYes))
    let no = Self.fold(word(.answerNo))
    let initials =
      yes.first != no.first ? [yes.prefix(1), no.prefix(1)].map(String.init) : ["", ""]
    if isWord(text, .answerYes, or: ["y", "yes", initials[0]]) { return true }
    if isWord(text, .answerNo, or: ["n", "no", initials[1]]) { return false }
    return nil
  }

  /// `text` trimmed, lower-cased, and without accents or full-width forms.
  static func fold(_ text: String) -> String {
    text.trimmingCharacters(in: .whitespaces).folding(
      options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
  }

  /// The words for yes and no in this language, as offered for completion.
  public var yesNoWords: [String] { [word(.answerYes), word(.answerNo)] }

  private func raw(_ key: String, _ values: [String: String]) -> String {
    let source = list.texts[key] != nil ? list : ProgramStrings.english
    return source.fill(key, values)
  }
}
