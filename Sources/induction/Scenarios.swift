import ArgumentParser
import Foundation
import InductionCore

extension Induction {
  /// `induction scenarios …`: work with the scenarios folder.
  struct Scenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check the scenarios folder.", subcommands: [Lint.self])
  }
}

extension Induction.Scenarios {
  /// `induction scenarios lint [DIR]`: every problem as `file:line: reason`; exit 1 on any.
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Check every scenario file, school.yaml and guidance.md, and each translation pack against them; report each problem as file:line: reason."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(
      help: "The scenarios folder (default: --scenarios, INDUCTION_SCENARIOS or ./Scenarios).")
    var directory: String?

    func run() throws {
      let path = directory ?? options.scenariosPath
      let report = Languages.lint(path)
      for problem in report.problems {
        Output.note(problem.description)
      }
      if let content = report.content {
        let english = content.english.catalog
        Output.say(
          "ok: \(english.scenarios.count) scenarios cover all \(english.guidance.prohibitedExamples.count) prohibited examples"
        )
        for pack in report.packs {
          if let language = pack.content?.language {
            Output.say(
              "ok: \(language.englishName) (\(language.tag), \(language.name)) in \(pack.folder) is offered"
            )
          } else {
            Output.say(
              "not offered: \(pack.folder) (\(pack.problems.count) \(pack.problems.count == 1 ? "problem" : "problems") above)"
            )
          }
        }
      }
      if report.problems.isEmpty { return }
      let count = report.problems.count
      Failure.printError(
        "\(count) \(count == 1 ? "problem" : "problems") in \(path); fix them and run this again")
      throw ExitCode.failure
    }
  }
}
