import InductionCore

/// The program's words in the language a parent chose, ready for the screen: every text comes from
/// a word list (sanitised, as it is read from a file), with its placeholders filled in with
/// sanitised values.
public struct Phrases: Sendable {
  /// The language tag.
  public let language: String
  let list: StringCatalogue

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

  /// The text for `key`, with `values` filled in.
  public func text(_ key: PhraseKey, _ values: [String: String] = [:]) -> TerminalText {
    TerminalText(untrusted: raw(key.rawValue, values))
  }

  /// The text for a plural `key`, in the form `count` takes; `{count}` is filled in with it.
  public func text(_ key: PhraseKey, count: Int, _ values: [String: String] = [:]) -> TerminalText {
    TerminalText(untrusted: pluralRaw(key, count: count, values))
  }

  /// A prompt: program text only (from the word list, sanitised), with numbers filled in.
  public func prompt(_ key: PhraseKey, _ values: [String: String] = [:]) -> String {
    Sanitiser.sanitise(raw(key.rawValue, values))
  }

  /// A word a parent may type (`yes`, `help`), lower-cased.
  public func word(_ key: PhraseKey) -> String {
    raw(key.rawValue, [:]).trimmingCharacters(in: .whitespaces).lowercased()
  }

  private func pluralRaw(_ key: PhraseKey, count: Int, _ values: [String: String]) -> String {
    let form = PluralRule.form(count, language: language)
    var filled = values
    filled["count"] = String(count)
    let specific = key.rawValue + "." + form
    let chosen =
      list.texts[specific] != nil
      ? specific : (form == "one" ? key.rawValue + ".one" : key.rawValue + ".other")
    return raw(chosen, filled)
  }

  private func raw(_ key: String, _ values: [String: String]) -> String {
    let source = list.texts[key] != nil ? list : ProgramStrings.english
    return source.fill(key, values)
  }
}
