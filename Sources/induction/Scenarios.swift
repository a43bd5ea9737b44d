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
        "Check every scenario file, school.yaml and guidance.md; report each problem as file:line: reason."
    )

    @OptionGroup var options: GlobalOptions

    @Argument(
      help: "The scenarios folder (default: --scenarios, INDUCTION_SCENARIOS or ./Scenarios).")
    var directory: String?

    func run() throws {
      let path = directory ?? options.scenariosPath
      let report = ScenarioLinter.lint(directory: URL(fileURLWithPath: path), displayPath: path)
      if report.problems.isEmpty, let catalog = report.catalog {
        Output.say(
          "ok: \(catalog.scenarios.count) scenarios cover all \(catalog.guidance.prohibitedExamples.count) prohibited examples"
        )
        return
      }
      for problem in report.problems {
        Output.note(problem.description)
      }
      let count = report.problems.count
      Failure.printError(
        "\(count) \(count == 1 ? "problem" : "problems") in \(path); fix them and run this again")
      throw ExitCode.failure
    }
  }
}
