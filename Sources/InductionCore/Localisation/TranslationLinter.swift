import Foundation

/// What linting one translation pack found: its problems, and its content when it has none.
public struct PackLintReport: Sendable, Equatable {
  /// The pack folder's name, which is its language tag (`pl`).
  public var tag: String
  /// The pack folder, as named in messages (`Scenarios/translations/pl`).
  public var folder: String
  /// Every problem, each as `file:line: reason`.
  public var problems: [LintProblem]
  /// The pack's content; nil when any problem was found (the pack is then not offered).
  public var content: LocalisedContent?
}

/// Checks one translation pack against the school's English set, which has already passed lint.
///
/// A pack is `translations/TAG/` holding `school.yaml` (`language`, `language_name`,
/// `english_name`, `statement`, `classes` mapping English class names to labels), `guidance.md`,
/// optionally `strings.yaml` (the program's own words), and one file per scenario with the same
/// `id`, the same number of choices in the same order and the same correct choice as the English
/// one. The guidance's prohibited examples are its bullet list in the position of the English list.
public enum TranslationLinter {
  /// The fields a pack's `school.yaml` may hold.
  static let knownSchoolFields: Set<String> = [
    "language", "language_name", "english_name", "statement", "classes",
  ]

  /// Lints the pack at `directory` (named `folder` in messages) against `english`. `programStrings`
  /// holds the program's shipped word lists by tag, English among them; when it has no English list,
  /// word lists are not checked.
  public static func lint(
    directory: URL, folder: String, english: LocalisedContent,
    programStrings: [String: StringCatalogue]
  ) -> PackLintReport {
    func name(_ file: String) -> String { folder + "/" + file }
    let tag = directory.lastPathComponent
    var problems: [LintProblem] = []
    func report() -> PackLintReport {
      PackLintReport(tag: tag, folder: folder, problems: problems, content: nil)
    }

    // school.yaml: who the pack is for, and the statement.
    let schoolFile = name("school.yaml")
    guard let school = lintSchool(directory, file: schoolFile, tag: tag, problems: &problems)
    else { return report() }
    if LanguageTag.isRightToLeft(school.language.tag) {
      problems.append(
        rightToLeftProblem(file: schoolFile, line: school.languageLine, school.language))
      return report()
    }
    let englishSchool = english.catalog.school
    if collapse(school.statement) == collapse(englishSchool.statement) {
      problems.append(
        LintProblem(
          file: schoolFile, line: school.statementLine,
          reason: "the statement is the English text; translate it"))
    }
    for (className, line) in school.classLines where !englishSchool.classes.contains(className) {
      problems.append(
        LintProblem(
          file: schoolFile, line: line,
          reason: "\"\(className)\" is not a class in the English school.yaml; use the English name"
        ))
    }

    // guidance.md: the prohibited examples in the English list's position, each translated.
    let guidanceFile = name("guidance.md")
    var guidance: Guidance?
    var guidanceText = ""
    switch TextFileReader.read(directory.appendingPathComponent("guidance.md")) {
    case .failure(let failure):
      problems.append(
        LintProblem(file: guidanceFile, line: 1, reason: TextFileReader.reason(failure)))
    case .success(let text):
      guidanceText = text
      guidance = lintGuidance(
        text, file: guidanceFile, english: english.catalog.guidance, problems: &problems)
    }

    // The scenarios: aligned with the English set by id.
    let scenarios = lintScenarios(
      directory, folder: folder, guidance: guidance, english: english.catalog,
      problems: &problems)

    // The program's own words in this language.
    var strings: StringCatalogue?
    if let englishStrings = programStrings[LanguageTag.english] {
      strings = lintStrings(
        directory, folder: folder, school: school, english: englishStrings,
        shipped: programStrings[school.language.tag], problems: &problems)
    }

    // Right-to-left text anywhere the parent reads.
    var texts: [(String, Int, String)] = [(schoolFile, school.statementLine, school.statement)]
    if guidance != nil { texts.append((guidanceFile, 1, guidanceText)) }
    for linted in scenarios {
      let s = linted.scenario
      texts.append(
        (
          s.file, 1,
          ([s.title, s.situation, s.question] + s.choices.flatMap { [$0.text, $0.feedback] })
            .joined()
        ))
    }
    for (file, line, text) in texts {
      guard let scalar = LanguageTag.firstRightToLeftScalar(in: text) else { continue }
      let code = "U+" + String(scalar.value, radix: 16, uppercase: true)
      problems.append(
        LintProblem(
          file: file, line: line,
          reason:
            "holds right-to-left text (\(code)), and \(rightToLeftReason)"))
      break
    }

    guard problems.isEmpty, let guidance else { return report() }
    var settings = englishSchool
    settings.statement = school.statement
    let catalog = ScenarioCatalog(
      guidance: guidance, school: settings, scenarios: scenarios.map(\.scenario))
    return PackLintReport(
      tag: tag, folder: folder, problems: [],
      content: LocalisedContent(
        language: school.language, catalog: catalog, guidanceText: guidanceText,
        classLabels: school.classLabels, strings: strings, folder: folder))
  }

  /// Why a right-to-left pack is refused, and what to do instead.
  static let rightToLeftReason =
    "terminals do not lay out right-to-left text reliably (words and letters can appear in the wrong order), so this pack cannot be offered; give parents a printed translation to read beside the English induction instead"

  /// The sentence that refuses a pack in a right-to-left language.
  static func rightToLeftProblem(file: String, line: Int, _ language: Language) -> LintProblem {
    LintProblem(
      file: file, line: line,
      reason: "\(language.englishName) is written right to left, and \(rightToLeftReason)")
  }

  /// A pack's `school.yaml`, read.
  struct PackSchool {
    var language: Language
    var languageLine: Int
    var statement: String
    var statementLine: Int
    var classLabels: [String: String]
    var classLines: [(String, Int)]
  }

  private static func lintSchool(
    _ directory: URL, file: String, tag: String, problems: inout [LintProblem]
  ) -> PackSchool? {
    guard
      let document = YAMLDocument.loadMapping(
        directory.appendingPathComponent("school.yaml"), file: file,
        expected: "fields such as \"language:\" and \"statement:\"",
        known: knownSchoolFields, problems: &problems)
    else { return nil }
    var fields = FieldReader(
      file: file, node: document.root, context: "", known: knownSchoolFields)
    let language = fields.text("language")
    let languageLine = fields.node("language")?.line ?? 1
    let ownName = fields.text("language_name")
    let englishName = fields.text("english_name")
    let statement = fields.text("statement")
    var local: [LintProblem] = []
    if let language {
      if !LanguageTag.isWellFormed(language) {
        local.append(
          LintProblem(
            file: file, line: languageLine,
            reason: "language \"\(language)\" should be a language tag such as pl, cy or pt-BR"))
      } else if language != tag {
        local.append(
          LintProblem(
            file: file, line: languageLine,
            reason:
              "language \"\(language)\" does not match the folder name \"\(tag)\"; name the folder after the language tag"
          ))
      } else if language == LanguageTag.english {
        local.append(
          LintProblem(
            file: file, line: languageLine,
            reason: "English is the school's own set in the scenarios folder, not a translation"))
      }
    }
    var labels: [String: String] = [:]
    var classLines: [(String, Int)] = []
    if let node = fields.node("classes") {
      if let mapping = node.mapping {
        for (key, value) in mapping {
          let className = key.string ?? ""
          guard let label = value.scalar?.string.trimmingCharacters(in: .whitespaces),
            !label.isEmpty
          else {
            local.append(
              LintProblem(
                file: file, line: value.line,
                reason: "the label for \"\(className)\" should be text"))
            continue
          }
          if let reason = FieldReader.unsafeTextReason(label, field: "class label") {
            local.append(LintProblem(file: file, line: value.line, reason: reason))
            continue
          }
          labels[className] = label
          classLines.append((className, key.line))
        }
      } else {
        local.append(
          LintProblem(
            file: file, line: node.line,
            reason:
              "\"classes\" should map each English class name to its label, such as \"Year 1: Klasa 1\""
          ))
      }
    }
    let all = (fields.problems + local).sorted { $0.line < $1.line }
    problems.append(contentsOf: all)
    guard all.isEmpty, let language, let ownName, let englishName, let statement else {
      return nil
    }
    return PackSchool(
      language: Language(tag: language, name: ownName, englishName: englishName),
      languageLine: languageLine, statement: statement,
      statementLine: fields.node("statement")?.line ?? 1, classLabels: labels,
      classLines: classLines)
  }

  private static func lintGuidance(
    _ text: String, file: String, english: Guidance, problems: inout [LintProblem]
  ) -> Guidance? {
    guard let index = english.prohibitedListIndex else { return nil }
    let guidance = Guidance(text: text, examplesFromList: index)
    let wanted = english.prohibitedExamples
    guard guidance.prohibitedListIndex != nil else {
      problems.append(
        LintProblem(
          file: file, line: 1,
          reason:
            "no bullet list where the English guidance lists its prohibited examples (bullet list \(index + 1)); translate that list as \"- \" lines, in the same place"
        ))
      return nil
    }
    let examples = guidance.prohibitedExamples
    if examples.count != wanted.count {
      problems.append(
        LintProblem(
          file: file, line: examples.first?.line ?? 1,
          reason:
            "the list of prohibited examples has \(examples.count) bullets where the English guidance has \(wanted.count); translate each bullet, in the same order"
        ))
      return nil
    }
    var sound = true
    for (position, (example, original)) in zip(examples, wanted).enumerated()
    where collapse(example.text) == collapse(original.text) {
      problems.append(
        LintProblem(
          file: file, line: example.line,
          reason: "prohibited example \(position + 1) is the English text; translate it"))
      sound = false
    }
    return sound ? guidance : nil
  }

  private static func lintScenarios(
    _ directory: URL, folder: String, guidance: Guidance?, english catalog: ScenarioCatalog,
    problems: inout [LintProblem]
  ) -> [ScenarioLinter.LintedScenario] {
    let english = catalog.scenarios
    let englishExamples = catalog.guidance.prohibitedExamples.map(\.text)
    let bullets = guidance?.prohibitedExamples.map(\.text) ?? []
    let files = ScenarioLinter.scenarioFiles(in: directory).filter { $0 != "strings.yaml" }
    var linted: [ScenarioLinter.LintedScenario] = []
    var seenIDs: [String: String] = [:]
    for file in files {
      let display = folder + "/" + file
      let url = directory.appendingPathComponent(file)
      guard
        let scenario = ScenarioLinter.lintScenario(
          url, file: display, bullets: Set(bullets), guidanceLoaded: guidance != nil,
          problems: &problems)
      else {
        // Counted as present, so a file with a mistake is not also reported as missing.
        if let id = looseID(url) { seenIDs[id] = display }
        continue
      }
      if let other = seenIDs[scenario.id] {
        problems.append(
          LintProblem(
            file: display, line: scenario.idLine,
            reason: "id \"\(scenario.id)\" is already used by \(other)"))
        continue
      }
      seenIDs[scenario.id] = display
      guard let original = english.first(where: { $0.id == scenario.id }) else {
        problems.append(
          LintProblem(
            file: display, line: scenario.idLine,
            reason:
              "id \"\(scenario.id)\" is not a scenario of the English set; use the id of the English file it translates, or remove it"
          ))
        continue
      }
      let before = problems.count
      problems.append(
        contentsOf: alignmentProblems(
          scenario, original: original, guidance,
          englishPosition: englishExamples.firstIndex(of: original.example)))
      if problems.count == before { linted.append(scenario) }
    }
    for original in english where seenIDs[original.id] == nil {
      let fileName = (original.file as NSString).lastPathComponent
      problems.append(
        LintProblem(
          file: folder + "/" + fileName, line: 1,
          reason:
            "missing: no translation of scenario \"\(original.id)\" (\(original.file)); copy that file here and translate it"
        ))
    }
    // Back in the English set's order, so the quiz asks the same questions in every language.
    let order = Dictionary(uniqueKeysWithValues: english.enumerated().map { ($1.id, $0) })
    return linted.sorted { order[$0.id, default: 0] < order[$1.id, default: 0] }
  }

  /// How a translated scenario differs from its English original in what must stay the same.
  private static func alignmentProblems(
    _ linted: ScenarioLinter.LintedScenario, original: Scenario, _ guidance: Guidance?,
    englishPosition: Int?
  ) -> [LintProblem] {
    let scenario = linted.scenario
    let file = scenario.file
    var problems: [LintProblem] = []
    if scenario.choices.count != original.choices.count {
      problems.append(
        LintProblem(
          file: file, line: linted.lines["choices"] ?? 1,
          reason:
            "has \(scenario.choices.count) choices where the English scenario has \(original.choices.count); translate each choice, in the same order"
        ))
    } else if let correct = scenario.choices.firstIndex(where: \.isCorrect),
      let wanted = original.choices.firstIndex(where: \.isCorrect), correct != wanted
    {
      problems.append(
        LintProblem(
          file: file, line: linted.choiceLines[correct],
          reason:
            "choice \(correct + 1) is marked correct where the English scenario marks choice \(wanted + 1); keep the choices in the English order"
        ))
    }
    if let guidance, let englishPosition,
      let position = guidance.prohibitedExamples.firstIndex(where: { $0.text == scenario.example }),
      position != englishPosition
    {
      problems.append(
        LintProblem(
          file: file, line: linted.lines["example"] ?? 1,
          reason:
            "example quotes prohibited example \(position + 1) of guidance.md, but the English scenario quotes example \(englishPosition + 1)"
        ))
    }
    for field in ["title", "situation", "question"] {
      let translated = value(of: field, scenario)
      if collapse(translated) == collapse(value(of: field, original)) {
        problems.append(
          LintProblem(
            file: file, line: linted.lines[field] ?? 1,
            reason: "\"\(field)\" is the English text; translate it"))
      }
    }
    for (index, (choice, english)) in zip(scenario.choices, original.choices).enumerated() {
      if collapse(choice.text) == collapse(english.text) {
        problems.append(
          LintProblem(
            file: file, line: linted.choiceLines[index],
            reason: "choice \(index + 1) is the English text; translate it"))
      }
      if collapse(choice.feedback) == collapse(english.feedback) {
        problems.append(
          LintProblem(
            file: file, line: linted.feedbackLines[index],
            reason: "the feedback of choice \(index + 1) is the English text; translate it"))
      }
    }
    return problems
  }

  private static func value(of field: String, _ scenario: Scenario) -> String {
    switch field {
    case "title": scenario.title
    case "situation": scenario.situation
    default: scenario.question
    }
  }

  private static func lintStrings(
    _ directory: URL, folder: String, school: PackSchool, english: StringCatalogue,
    shipped: StringCatalogue?, problems: inout [LintProblem]
  ) -> StringCatalogue? {
    let url = directory.appendingPathComponent("strings.yaml")
    let file = folder + "/strings.yaml"
    if FileManager.default.fileExists(atPath: url.path) {
      switch TextFileReader.read(url) {
      case .failure(let failure):
        problems.append(LintProblem(file: file, line: 1, reason: TextFileReader.reason(failure)))
        return nil
      case .success(let text):
        let parsed = StringCatalogue.parse(text, language: school.language.tag, file: file)
        problems.append(contentsOf: parsed.problems)
        guard let catalogue = parsed.catalogue else { return nil }
        problems.append(contentsOf: catalogue.problems(against: english))
        return catalogue
      }
    }
    guard let shipped else {
      problems.append(
        LintProblem(
          file: folder + "/school.yaml", line: school.languageLine,
          reason:
            "the program has no word list for \"\(school.language.tag)\" (its prompts, help and receipt): add strings.yaml to this pack, translated from the English one (see the README)"
        ))
      return nil
    }
    problems.append(contentsOf: shipped.problems(against: english))
    return nil
  }

  private static func looseID(_ url: URL) -> String? {
    guard case .success(let text) = TextFileReader.read(url),
      case .success(let document) = YAMLDocument.parse(text, file: "")
    else { return nil }
    return document.root.mapping?["id"]?.string
  }

  /// `text` with every run of white space made one space, trimmed: folded YAML and wrapped lines
  /// compare equal when their words do.
  static func collapse(_ text: String) -> String {
    text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
  }
}
