import ArgumentParser
import Foundation
import InductionCore

/// `induction scenarios …`: work with the scenarios folder.
public struct ScenariosCommand: ParsableCommand {
  /// The command's name, help and subcommands.
  public static let configuration = CommandConfiguration(
    commandName: "scenarios", abstract: "Check the scenarios folder.",
    subcommands: [LintCommand.self])

  /// ArgumentParser's initialiser.
  public init() {}
}

/// `induction scenarios lint [DIR]`: every problem as `file:line: reason`; exit 1 on any.
public struct LintCommand: ParsableCommand {
  /// The command's name and help.
  public static let configuration = CommandConfiguration(
    commandName: "lint",
    abstract:
      "Check every scenario file, school.yaml and guidance.md, and each translation pack against them; report each problem as file:line: reason."
  )

  /// The data and scenarios folders.
  @OptionGroup public var options: GlobalOptions

  @Argument(
    help: "The scenarios folder (default: --scenarios, INDUCTION_SCENARIOS or ./Scenarios).")
  var directory: String?

  /// ArgumentParser's initialiser.
  public init() {}

  /// Lints the folder; needs no data folder.
  public func lint(output: Console, errors: Console) throws {
    let path = directory ?? options.scenariosPath
    try ScenarioFolderNotFound.check(path)
    let report = SchoolContentLoader.lint(path)
    for problem in report.problems { errors.line("\(problem.description)") }
    if let content = report.content {
      let english = content.english.catalog
      output.line(
        "ok: \(english.scenarios.count) scenarios cover all \(english.guidance.prohibitedExamples.count) prohibited examples"
      )
      for pack in report.packs {
        if let language = pack.content?.language {
          output.line(
            "ok: \(language.englishName) (\(language.tag), \(language.name)) in \(pack.folder) is offered"
          )
        } else {
          output.line(
            "not offered: \(pack.folder) (\(AdminSession.count(pack.problems.count, "problem")) above)"
          )
        }
      }
    }
    if report.problems.isEmpty { return }
    throw AdminFailure(
      "\(AdminSession.count(report.problems.count, "problem")) in \(path); fix them and run this again"
    )
  }
}
