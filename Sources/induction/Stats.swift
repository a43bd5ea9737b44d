import ArgumentParser
import Foundation
import InductionCore
import InductionTerminal

extension Induction {
  /// `induction stats`: totals, completion per class, and the rules parents misread.
  struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show totals, completion per class, and which scenarios parents get wrong most.")

    @OptionGroup var options: GlobalOptions

    func run() throws {
      try Failure.report {
        let admin = try AdminContext.open(options)
        let stats = try admin.database.statistics(context: admin.export)
        let colour =
          isatty(STDOUT_FILENO) == 1
          && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let titles = Self.scenarioTitles(options)
        Output.sayRendered(StatsReport.render(stats, titles: titles, colour: colour))
      }
    }

    static func scenarioTitles(_ options: GlobalOptions) -> [String: String] {
      let report = ScenarioLinter.lint(directory: URL(fileURLWithPath: options.scenariosPath))
      return Dictionary(
        uniqueKeysWithValues: (report.catalog?.scenarios ?? []).map { ($0.id, $0.title) })
    }
  }
}
