/// One thing wrong with a scenarios folder, reported as `file:line: reason`.
public struct LintProblem: Error, Sendable, Equatable, CustomStringConvertible {
  /// The file, as the folder was named plus the file name (e.g. `Scenarios/03-rumour.yaml`).
  public var file: String
  /// 1-based line number.
  public var line: Int
  /// What is wrong, in plain lower-case words.
  public var reason: String

  /// Creates a problem.
  public init(file: String, line: Int, reason: String) {
    self.file = file
    self.line = line
    self.reason = reason
  }

  /// `file:line: reason`.
  public var description: String { "\(file):\(line): \(reason)" }
}

/// The outcome of linting a scenarios folder: the catalogue when it is sound, and every problem found.
public struct LintReport: Sendable {
  /// Every problem, in file order then line order.
  public var problems: [LintProblem]
  /// The loaded catalogue; `nil` when any problem was found.
  public var catalog: ScenarioCatalog?
  /// How many scenario files were read.
  public var scenarioFileCount: Int
}
