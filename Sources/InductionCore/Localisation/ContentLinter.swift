import Foundation

/// What linting a whole scenarios folder found: the English set and every translation pack.
public struct ContentLintReport: Sendable {
  /// The English set, exactly as ``ScenarioLinter`` reports it.
  public var english: LintReport
  /// Each pack under `translations/`, in folder-name order (none when the English set fails:
  /// packs are checked against it).
  public var packs: [PackLintReport]
  /// Problems of the folder as a whole (a `default_language:` with no pack).
  public var settingsProblems: [LintProblem]
  /// The English guidance text as read.
  var englishGuidanceText: String?
  /// The scenarios folder as named in messages.
  var folder: String

  /// Every problem: the English set's, then the settings', then each pack's.
  public var problems: [LintProblem] {
    english.problems + settingsProblems + packs.flatMap(\.problems)
  }

  /// The packs that failed lint, and so are not offered.
  public var refusedPacks: [PackLintReport] { packs.filter { $0.content == nil } }

  /// What can be offered: the English set and every pack that passed; nil when English fails.
  public var content: SchoolContent? {
    guard let catalog = english.catalog, let englishGuidanceText else { return nil }
    return SchoolContent(
      english: LocalisedContent(
        language: .english, catalog: catalog, guidanceText: englishGuidanceText, folder: folder),
      translations: packs.compactMap(\.content))
  }
}

/// Lints and loads a scenarios folder with its translation packs.
public enum ContentLinter {
  /// The folder inside the scenarios folder that holds one folder per language.
  public static let translationsFolder = "translations"

  /// Lints the English set at `directory` (named `displayPath` in messages), then every pack in
  /// `translations/` against it. `programStrings` holds the program's word lists by language tag.
  public static func lint(
    directory: URL, displayPath: String? = nil, programStrings: [String: StringCatalogue] = [:]
  ) -> ContentLintReport {
    let base = displayPath ?? directory.path
    func name(_ file: String) -> String { base.hasSuffix("/") ? base + file : base + "/" + file }
    let english = ScenarioLinter.lint(directory: directory, displayPath: displayPath)
    var guidanceText: String?
    if case .success(let text) = TextFileReader.read(
      directory.appendingPathComponent("guidance.md"))
    {
      guidanceText = text
    }
    guard let catalog = english.catalog, let guidanceText else {
      return ContentLintReport(
        english: english, packs: [], settingsProblems: [],
        englishGuidanceText: guidanceText, folder: base)
    }
    let englishContent = LocalisedContent(
      language: .english, catalog: catalog, guidanceText: guidanceText, folder: base)
    let packsURL = directory.appendingPathComponent(translationsFolder)
    let names =
      ((try? FileManager.default.contentsOfDirectory(atPath: packsURL.path)) ?? [])
      .filter { name in
        var isDirectory: ObjCBool = false
        return !name.hasPrefix(".")
          && FileManager.default.fileExists(
            atPath: packsURL.appendingPathComponent(name).path, isDirectory: &isDirectory)
          && isDirectory.boolValue
      }.sorted()
    let packs = names.map { tag in
      TranslationLinter.lint(
        directory: packsURL.appendingPathComponent(tag),
        folder: name(translationsFolder + "/" + tag), english: englishContent,
        programStrings: programStrings)
    }
    var settings: [LintProblem] = []
    let wanted = catalog.school.defaultLanguage
    if wanted != LanguageTag.english && !names.contains(wanted) {
      settings.append(
        LintProblem(
          file: name("school.yaml"), line: line(of: "default_language", in: directory),
          reason:
            "default_language \"\(wanted)\" has no translation pack: add \(translationsFolder)/\(wanted) or use en"
        ))
    }
    return ContentLintReport(
      english: english, packs: packs, settingsProblems: settings,
      englishGuidanceText: guidanceText,
      folder: base)
  }

  /// Loads what can be offered, or throws every problem of the English set (a pack that fails is
  /// left out, and listed in the report's ``ContentLintReport/refusedPacks``).
  public static func load(
    directory: URL, displayPath: String? = nil, programStrings: [String: StringCatalogue] = [:]
  ) throws -> (content: SchoolContent, report: ContentLintReport) {
    let report = lint(
      directory: directory, displayPath: displayPath, programStrings: programStrings)
    guard let content = report.content else {
      throw ScenarioLoadError(problems: report.english.problems)
    }
    return (content, report)
  }

  /// The 1-based line of `key:` in the folder's school.yaml (1 when not found).
  private static func line(of key: String, in directory: URL) -> Int {
    guard
      case .success(let text) = TextFileReader.read(directory.appendingPathComponent("school.yaml"))
    else { return 1 }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return (lines.firstIndex { $0.hasPrefix(key + ":") } ?? 0) + 1
  }
}
