import Foundation

/// The program's own words in one language (prompts, help, errors a parent sees, the receipt): a
/// flat YAML mapping of keys to texts, with `{name}` placeholders filled in when shown.
///
/// The catalogues ship with the program, one file per language; a translation pack may carry its own
/// `strings.yaml` instead, so a school can add a language without a new build. Every catalogue must
/// have exactly the English keys, each with the same placeholders.
public struct StringCatalogue: Sendable, Equatable, Codable {
  /// The language's tag.
  public var language: String
  /// How the file is named in messages.
  public var file: String
  /// Text by key.
  public var texts: [String: String]
  /// The line each key stands on.
  public var lines: [String: Int]

  /// Creates a catalogue from texts already read (tests).
  public init(language: String, file: String, texts: [String: String], lines: [String: Int] = [:]) {
    self.language = language
    self.file = file
    self.texts = texts
    self.lines = lines
  }

  /// Parses a catalogue file; a file that is not a mapping of keys to texts, or holds a control or
  /// text-direction character, gives every problem found.
  public static func parse(_ text: String, language: String, file: String) -> (
    catalogue: StringCatalogue?, problems: [LintProblem]
  ) {
    let document: YAMLDocument
    switch YAMLDocument.parse(text, file: file) {
    case .failure(let problem): return (nil, [problem])
    case .success(let parsed): document = parsed
    }
    guard let mapping = document.root.mapping else {
      return (
        nil,
        [
          LintProblem(
            file: file, line: document.root.line,
            reason:
              "expected lines of the form key: text, such as welcome.prompt: Press Enter to begin")
        ]
      )
    }
    var problems: [LintProblem] = []
    var texts: [String: String] = [:]
    var lines: [String: Int] = [:]
    for (keyNode, valueNode) in mapping {
      let key = keyNode.string ?? ""
      // Not quoted: a file that is not a word list (a link, a copied file) may hold anyone's data.
      guard YAMLDocument.looksLikeFieldName(key) else {
        problems.append(
          LintProblem(
            file: file, line: keyNode.line,
            reason:
              "expected lines of the form key: text, such as welcome.prompt: Press Enter to begin"))
        continue
      }
      guard let raw = valueNode.scalar?.string else {
        problems.append(
          LintProblem(file: file, line: valueNode.line, reason: "\"\(key)\" should be text"))
        continue
      }
      // A folded block ends with a line break; the text itself is one line.
      let value = raw.trimmingCharacters(in: .newlines)
      if value.contains("\n") {
        problems.append(
          LintProblem(
            file: file, line: valueNode.line, reason: "\"\(key)\" should be one line of text"))
        continue
      }
      if let reason = FieldReader.unsafeTextReason(value, field: "\"\(key)\"") {
        problems.append(LintProblem(file: file, line: valueNode.line, reason: reason))
        continue
      }
      texts[key] = value
      lines[key] = keyNode.line
    }
    if !problems.isEmpty { return (nil, problems) }
    return (StringCatalogue(language: language, file: file, texts: texts, lines: lines), [])
  }

  /// The `{name}` placeholders in `text`, sorted.
  public static func placeholders(in text: String) -> [String] {
    Placeholders.scan(text).map { String($0.name) }.sorted()
  }

  /// Every way this catalogue differs from `english`: a key missing or extra, an empty text, or a
  /// text whose placeholders are not the English ones.
  public func problems(against english: StringCatalogue) -> [LintProblem] {
    var problems: [LintProblem] = []
    for key in english.texts.keys.sorted() {
      guard let text = texts[key] else {
        problems.append(
          LintProblem(
            file: file, line: 1,
            reason: "the key \"\(key)\" is missing (in English: \"\(english.texts[key]!)\")"))
        continue
      }
      let line = lines[key] ?? 1
      if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
        problems.append(LintProblem(file: file, line: line, reason: "\"\(key)\" is empty"))
      } else if Self.placeholders(in: text) != Self.placeholders(in: english.texts[key]!) {
        let wanted = Self.placeholders(in: english.texts[key]!).map { "{\($0)}" }
        problems.append(
          LintProblem(
            file: file, line: line,
            reason:
              "\"\(key)\" should have the placeholders \(wanted.isEmpty ? "none" : wanted.joined(separator: ", ")), as in English"
          ))
      }
    }
    for key in texts.keys.sorted() where english.texts[key] == nil && !isPluralForm(key, english) {
      problems.append(
        LintProblem(
          file: file, line: lines[key] ?? 1,
          reason: "the key \"\(key)\" is not one the program uses; remove it"))
    }
    return problems.sorted { $0.line < $1.line }
  }

  /// The forms a number may choose besides `one` and `other`, for languages that have them.
  public static let extraPluralForms = ["zero", "two", "few", "many"]

  /// Whether `key` is an extra plural form (`quiz.again.few`) of a key English has in `.other`.
  private func isPluralForm(_ key: String, _ english: StringCatalogue) -> Bool {
    guard let dot = key.lastIndex(of: "."),
      Self.extraPluralForms.contains(String(key[key.index(after: dot)...]))
    else { return false }
    let base = key[..<dot]
    guard let other = english.texts[base + ".other"], let text = texts[key] else { return false }
    return Self.placeholders(in: text) == Self.placeholders(in: other)
  }

  /// `key`'s text with each `{name}` replaced by `values[name]`; the key itself when missing.
  public func fill(_ key: String, _ values: [String: String] = [:]) -> String {
    Placeholders.fill(texts[key] ?? key, values)
  }
}
