/// What the induction is asking now: the words of the question, how it may be answered and the
/// help that goes with it. Front ends render it (a readline prompt, a form field).
public struct InductionPrompt: Sendable, Equatable, Codable {
  /// The question's words.
  public var text: PhraseKey
  /// The numbers and names filled into ``text``.
  public var values: [String: String]
  /// The explanation `help` shows; nil where help is not offered (the language list, "Start
  /// over?").
  public var help: PhraseKey?
  /// What kind of answer is wanted.
  public var field: InductionField
  /// Whether the `language` command works here (and help mentions it).
  public var offersLanguages: Bool

  /// Creates a prompt.
  public init(
    _ text: PhraseKey, _ values: [String: String] = [:], help: PhraseKey?,
    field: InductionField = .next, offersLanguages: Bool = false
  ) {
    self.text = text
    self.values = values
    self.help = help
    self.field = field
    self.offersLanguages = offersLanguages
  }
}

/// The kind of answer a prompt wants, which decides completion, history and the form control.
public enum InductionField: Sendable, Equatable, Codable {
  /// Nothing to type: Enter, or a Continue button.
  case next
  /// The welcome: Enter to begin, or a language's number.
  case begin
  /// One of a scenario's choices, by number or letter.
  case choice(count: Int)
  /// Yes or no.
  case yesNo
  /// A name, a reference or a signature: never completed, never kept in history.
  case personal
  /// One of the options listed on the screen just shown (relationships, what to change), by
  /// number (or, for relationships, word).
  case option(count: Int)
  /// One of the school's classes, by number or name (the labels shown, in order).
  case schoolClass(labels: [String])
  /// One of the languages offered, by number or name.
  case language
  /// Yes or no to a question asked over the current one (start over, leave, change language):
  /// no commands work here.
  case confirm
}
