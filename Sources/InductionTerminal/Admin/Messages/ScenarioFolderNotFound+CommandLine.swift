import InductionCore

extension ScenarioFolderNotFound: CommandLineMessage {
  /// The sentence shown, naming `--scenarios` and the variable.
  public var commandLineMessage: String {
    let place = path.hasPrefix("/") ? "" : " in \(workingFolder)"
    return
      "the scenarios folder \(path) was not found\(place); pass it with --scenarios DIR (or set INDUCTION_SCENARIOS), or run induction from the folder that holds Scenarios"
  }
}
