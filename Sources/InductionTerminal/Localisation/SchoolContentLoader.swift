import Foundation
import InductionCore

/// The school's content in every language, as loaded for an induction: the English set, the
/// translation packs that pass lint, and a note for each pack left out.
public struct LoadedSchoolContent: Sendable, Equatable, Codable {
  /// What can be offered.
  public var content: SchoolContent
  /// One sentence for each translation pack not offered because it fails lint.
  public var refusals: [String]

  /// Creates loaded content.
  public init(content: SchoolContent, refusals: [String]) {
    self.content = content
    self.refusals = refusals
  }
}

/// What `induction start` needs before the welcome screen, kept in the scenario cache beside the
/// content so it can be drawn before the rest is decoded.
public struct LoadedWelcome: Sendable, Equatable, Codable {
  /// The welcome screen in every language offered.
  public var screen: WelcomeScreen
  /// As ``LoadedSchoolContent/refusals``.
  public var refusals: [String]

  /// The welcome for `loaded`.
  public init(_ loaded: LoadedSchoolContent) {
    screen = WelcomeScreen(content: loaded.content)
    refusals = loaded.refusals
  }
}

/// Lints and loads the scenarios folder with the program's own word lists.
public enum SchoolContentLoader {
  /// Lints the folder at `path` and its packs.
  public static func lint(_ path: String) -> ContentLintReport {
    ContentLinter.lint(
      directory: URL(fileURLWithPath: path), displayPath: path,
      programStrings: ProgramStrings.shipped)
  }

  /// What can be offered; throws every lint problem when the English set fails. A pack that fails
  /// lint is left out, with a note for the staff starting the program.
  public static func load(_ path: String) throws -> LoadedSchoolContent {
    try load(path, reading: URL(fileURLWithPath: path))
  }

  /// As ``load(_:)``, reading the files from `directory` (a copy of the folder at `path`, which
  /// messages name).
  public static func load(_ path: String, reading directory: URL) throws -> LoadedSchoolContent {
    let report = ContentLinter.lint(
      directory: directory, displayPath: path, programStrings: ProgramStrings.shipped)
    guard let content = report.content else {
      throw ScenarioLoadError(problems: report.english.problems)
    }
    return LoadedSchoolContent(
      content: content,
      refusals: report.refusedPacks.map {
        "note: the \($0.tag) translation (\($0.folder)) is not offered: it fails lint; run `induction scenarios lint` to see why"
      })
  }

  /// The guidance in force in each translation that passes lint, by tag, each registered as a
  /// version: exports and stats judge who must re-acknowledge by it.
  public static func currentTranslations(
    _ report: ContentLintReport?, database: AppDatabase, at date: Date
  ) -> [String: String] {
    guard let content = report?.content else { return [:] }
    var current: [String: String] = [:]
    for item in content.translations {
      let guidance = item.catalog.guidance
      try? database.registerTranslationVersion(
        language: item.language.tag, guidance: guidance, text: item.guidanceText, at: date)
      current[item.language.tag] = guidance.sha256
    }
    return current
  }

  /// English names by tag, for admin reports.
  public static func englishNames(_ report: ContentLintReport?) -> [String: String] {
    var names = [LanguageTag.english: "English"]
    for pack in report?.packs ?? [] {
      if let language = pack.content?.language { names[language.tag] = language.englishName }
    }
    return names
  }
}
