import Foundation
import Yams

/// Checks a scenarios folder (guidance.md, school.yaml and one YAML file per scenario) and loads it.
///
/// Every problem is reported, not just the first, each as `file:line: reason`, so staff can fix a
/// folder in one pass. Nothing is written.
public enum ScenarioLinter {
  /// Lints and loads the folder at `directory`. `displayPath` is how the folder is named in messages.
  public static func lint(directory: URL, displayPath: String? = nil) -> LintReport {
    let base = displayPath ?? directory.path
    func name(_ file: String) -> String { base.hasSuffix("/") ? base + file : base + "/" + file }

    var problems: [LintProblem] = []
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      return LintReport(
        problems: [
          LintProblem(
            file: base, line: 1,
            reason: "scenarios folder not found; \(ScenarioFolderNotFound.whatToDo)")
        ], catalog: nil, scenarioFileCount: 0)
    }

    let guidanceFile = name("guidance.md")
    var guidance: Guidance?
    switch TextFileReader.read(directory.appendingPathComponent("guidance.md")) {
    case .failure(let failure):
      problems.append(
        LintProblem(file: guidanceFile, line: 1, reason: TextFileReader.reason(failure)))
    case .success(let text):
      let parsed = Guidance(text: text)
      if parsed.prohibitedExamples.isEmpty {
        problems.append(
          LintProblem(
            file: guidanceFile, line: 1,
            reason:
              "no prohibited examples found: add a \"- \" bullet list after the paragraph ending \"must be avoided\""
          ))
      }
      guidance = parsed
    }

    let school = lintSchool(
      directory.appendingPathComponent("school.yaml"), file: name("school.yaml"),
      problems: &problems)

    let files = scenarioFiles(in: directory)
    var scenarios: [Scenario] = []
    var firstFileForID: [String: String] = [:]
    let bullets = Set(guidance?.prohibitedExamples.map(\.text) ?? [])
    for file in files {
      let display = name(file)
      guard
        let scenario = lintScenario(
          directory.appendingPathComponent(file), file: display, bullets: bullets,
          guidanceLoaded: guidance != nil, problems: &problems)
      else { continue }
      if let other = firstFileForID[scenario.id] {
        problems.append(
          LintProblem(
            file: display, line: scenario.idLine,
            reason: "id \"\(scenario.id)\" is already used by \(other)"))
        continue
      }
      firstFileForID[scenario.id] = display
      scenarios.append(scenario.scenario)
    }
    if files.isEmpty {
      problems.append(LintProblem(file: base, line: 1, reason: "no scenario files (*.yaml) found"))
    }

    if let guidance {
      let quoted = Set(scenarios.map(\.example))
      for example in guidance.prohibitedExamples where !quoted.contains(example.text) {
        problems.append(
          LintProblem(
            file: guidanceFile, line: example.line,
            reason: "prohibited example has no scenario: \"\(example.text)\""))
      }
    }

    let catalog: ScenarioCatalog? =
      if problems.isEmpty, let guidance, let school {
        ScenarioCatalog(guidance: guidance, school: school, scenarios: scenarios)
      } else { nil }
    return LintReport(problems: problems, catalog: catalog, scenarioFileCount: files.count)
  }

  /// Scenario files: every `.yaml`/`.yml` except `school.yaml`, sorted by name.
  static func scenarioFiles(in directory: URL) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { name in
      !name.hasPrefix(".") && name != "school.yaml"
        && (name.hasSuffix(".yaml") || name.hasSuffix(".yml"))
    }.sorted()
  }

  private static func lintSchool(_ url: URL, file: String, problems: inout [LintProblem])
    -> SchoolSettings?
  {
    guard
      let document = YAMLDocument.loadMapping(
        url, file: file, expected: "fields such as \"name:\" and \"statement:\"",
        known: SchoolSettings.knownFields, problems: &problems)
    else { return nil }
    var fields = FieldReader(
      file: file, node: document.root, context: "", known: SchoolSettings.knownFields)
    let name = fields.text("name")
    let statement = fields.text("statement")
    var zone: TimeZone?
    if let zoneName = fields.text("time_zone") {
      zone = TimeZone(identifier: zoneName)
      if zone == nil {
        problems.append(
          LintProblem(
            file: file, line: fields.node("time_zone")?.line ?? 1,
            reason: "unknown time zone \"\(zoneName)\" (for example: Europe/London)"))
      }
    }
    var classes: [String] = []
    if let node = fields.node("classes") {
      if let sequence = node.sequence {
        for item in sequence {
          if let value = item.scalar?.string.trimmingCharacters(in: .whitespaces), !value.isEmpty {
            if let reason = FieldReader.unsafeTextReason(value, field: "class name") {
              problems.append(LintProblem(file: file, line: item.line, reason: reason))
            } else {
              classes.append(value)
            }
          } else {
            problems.append(
              LintProblem(file: file, line: item.line, reason: "each class should be a name"))
          }
        }
      } else {
        problems.append(
          LintProblem(
            file: file, line: node.line, reason: "\"classes\" should be a list of class names"))
      }
    }
    var retention: RetentionPeriod?
    if let text = fields.node("retention")?.scalar?.string {
      retention = RetentionPeriod(text)
      if retention == nil {
        problems.append(
          LintProblem(
            file: file, line: fields.node("retention")?.line ?? 1,
            reason:
              "retention should be a period such as \"6 years\", \"18 months\" or \"90 days\", of at most 100 years"
          ))
      }
    }
    var defaultLanguage = LanguageTag.english
    if let node = fields.node("default_language") {
      let tag = node.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
      if LanguageTag.isWellFormed(tag) {
        defaultLanguage = tag
      } else {
        problems.append(
          LintProblem(
            file: file, line: node.line,
            reason:
              "default_language should be a language tag such as en, pl or cy (the folder name of a pack in translations/)"
          ))
      }
    }
    problems.append(contentsOf: fields.problems)
    guard let name, let statement, let zone else { return nil }
    return SchoolSettings(
      name: name, statement: statement, timeZone: zone, classes: classes, retention: retention,
      defaultLanguage: defaultLanguage)
  }

  struct LintedScenario {
    var scenario: Scenario
    var id: String { scenario.id }
    var idLine: Int
    /// The line of each top-level field's value (`example`, `title`, `situation`, `question`),
    /// and of the `choices` key.
    var lines: [String: Int] = [:]
    /// The line each choice starts on.
    var choiceLines: [Int] = []
    /// The line of each choice's feedback.
    var feedbackLines: [Int] = []
  }

  static func lintScenario(
    _ url: URL, file: String, bullets: Set<String>, guidanceLoaded: Bool,
    problems: inout [LintProblem]
  ) -> LintedScenario? {
    guard
      let document = YAMLDocument.loadMapping(
        url, file: file, expected: "a scenario with fields such as \"id:\" and \"choices:\"",
        known: Scenario.knownFields, problems: &problems)
    else { return nil }
    var fields = FieldReader(
      file: file, node: document.root, context: "", known: Scenario.knownFields)
    let id = fields.text("id")
    let example = fields.text("example")
    let title = fields.text("title")
    let situation = fields.text("situation")
    let question = fields.text("question")
    var local: [LintProblem] = []

    if let id, id.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) == nil {
      local.append(
        LintProblem(
          file: file, line: fields.node("id")?.line ?? 1,
          reason: "id \"\(id)\" should be lower-case words joined by hyphens"))
    }
    if let example, guidanceLoaded, !bullets.contains(example) {
      local.append(
        LintProblem(
          file: file, line: fields.node("example")?.line ?? 1,
          reason: "example does not quote any prohibited example in guidance.md exactly"))
    }

    var choices: [Scenario.Choice] = []
    if let node = fields.node("choices") {
      if let sequence = node.sequence {
        for (index, item) in sequence.enumerated() {
          let context = "choice \(index + 1) "
          guard item.mapping != nil else {
            local.append(
              LintProblem(
                file: file, line: item.line,
                reason: "\(context)should have \"text:\" and \"feedback:\""))
            continue
          }
          var choiceFields = FieldReader(
            file: file, node: item, context: context, known: Scenario.knownChoiceFields)
          let choiceText = choiceFields.text("text")
          var isCorrect = false
          if let correctNode = choiceFields.node("correct") {
            if let value = correctNode.bool {
              isCorrect = value
            } else {
              local.append(
                LintProblem(
                  file: file, line: correctNode.line,
                  reason: "\(context)\"correct\" should be true or false"))
            }
          }
          let feedback: String?
          if choiceFields.node("feedback") == nil {
            local.append(
              LintProblem(file: file, line: item.line, reason: "\(context)has no feedback"))
            feedback = nil
          } else {
            feedback = choiceFields.text("feedback")
          }
          local.append(contentsOf: choiceFields.problems)
          if let choiceText, let feedback {
            choices.append(
              Scenario.Choice(text: choiceText, feedback: feedback, isCorrect: isCorrect))
          }
        }
        let count = sequence.count
        if !Scenario.choiceRange.contains(count) {
          local.append(
            LintProblem(
              file: file, line: fields.keyLine("choices"),
              reason:
                "has \(count) choices; give \(Scenario.choiceRange.lowerBound) or \(Scenario.choiceRange.upperBound)"
            ))
        }
        let correct = sequence.filter { $0.mapping?["correct"]?.bool == true }.count
        if correct == 0 {
          local.append(
            LintProblem(
              file: file, line: fields.keyLine("choices"),
              reason: "no choice is marked \"correct: true\"; mark exactly one"))
        } else if correct > 1 {
          local.append(
            LintProblem(
              file: file, line: fields.keyLine("choices"),
              reason: "\(correct) choices are marked \"correct: true\"; mark exactly one"))
        }
      } else {
        local.append(
          LintProblem(file: file, line: node.line, reason: "\"choices\" should be a list"))
      }
    } else {
      local.append(LintProblem(file: file, line: document.root.line, reason: "missing \"choices\""))
    }

    let all = (fields.problems + local).sorted { $0.line < $1.line }
    problems.append(contentsOf: all)
    guard all.isEmpty, let id, let example, let title, let situation, let question else {
      return nil
    }
    var lines: [String: Int] = ["choices": fields.keyLine("choices")]
    for field in ["example", "title", "situation", "question"] {
      lines[field] = fields.node(field)?.line ?? 1
    }
    let items = fields.node("choices")?.sequence.map(Array.init) ?? []
    return LintedScenario(
      scenario: Scenario(
        id: id, example: example, title: title, situation: situation, question: question,
        choices: choices, file: file),
      idLine: fields.node("id")?.line ?? 1, lines: lines, choiceLines: items.map(\.line),
      feedbackLines: items.map { $0.mapping?["feedback"]?.line ?? $0.line })
  }
}
