import Foundation

/// Raised when `induction start` is asked to run on a folder that fails lint.
public struct ScenarioLoadError: LocalizedError, Equatable {
  /// Every problem, as lint reports them.
  public var problems: [LintProblem]

  /// Creates the error.
  public init(problems: [LintProblem]) { self.problems = problems }

  /// The problems, then what to do: each a line of its own, to be shown (and made safe) one at a
  /// time, so that a line break quoted from a file is escaped like any other control character.
  public var lines: [String] {
    problems.map(\.description) + [
      "the scenarios need fixing before inductions can run; run `induction scenarios lint` after editing"
    ]
  }

  /// The problems, one per line, then what to do.
  public var errorDescription: String? { lines.joined(separator: "\n") }
}

extension ScenarioLinter {
  /// Loads the catalogue or throws every lint problem.
  public static func load(directory: URL, displayPath: String? = nil) throws -> ScenarioCatalog {
    let report = lint(directory: directory, displayPath: displayPath)
    guard let catalog = report.catalog else { throw ScenarioLoadError(problems: report.problems) }
    return catalog
  }
}
