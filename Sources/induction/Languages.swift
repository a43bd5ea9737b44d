import Foundation
import InductionCore
import InductionTerminal

/// The school's content in every language, as the executable loads it: the English set (refused
/// with every lint message when it fails) and each translation pack that passes lint.
enum Languages {
  /// Lints the scenarios folder and its packs with the program's word lists.
  static func lint(_ path: String) -> ContentLintReport {
    ContentLinter.lint(
      directory: URL(fileURLWithPath: path), displayPath: path,
      programStrings: ProgramStrings.shipped)
  }

  /// What can be offered. A pack that fails lint is left out, with a note on standard error for
  /// the staff starting the program (the parent's screen is cleared straight after).
  static func load(_ options: GlobalOptions) throws -> SchoolContent {
    let report = lint(options.scenariosPath)
    guard let content = report.content else {
      throw ScenarioLoadError(problems: report.english.problems)
    }
    for pack in report.refusedPacks {
      Output.note(
        "induction: note: the \(pack.tag) translation (\(pack.folder)) is not offered: it fails lint; run `induction scenarios lint` to see why"
      )
    }
    return content
  }

  /// The guidance in force in each translation that passes lint, by tag, each registered as a
  /// version: exports and stats judge who must re-acknowledge by it.
  static func currentTranslations(_ options: GlobalOptions, database: AppDatabase) -> [String:
    String]
  {
    guard let content = lint(options.scenariosPath).content else { return [:] }
    var current: [String: String] = [:]
    for item in content.translations {
      let guidance = item.catalog.guidance
      try? database.registerTranslationVersion(
        language: item.language.tag, guidance: guidance, text: item.guidanceText, at: Date())
      current[item.language.tag] = guidance.sha256
    }
    return current
  }

  /// English names by tag, for admin reports.
  static func englishNames(_ options: GlobalOptions) -> [String: String] {
    let report = lint(options.scenariosPath)
    var names = [LanguageTag.english: "English"]
    for pack in report.packs {
      if let language = pack.content?.language { names[language.tag] = language.englishName }
    }
    return names
  }
}
