import Foundation

/// The scenarios folder is not there. Nothing in it needs fixing: the program was pointed at the
/// wrong place, most often run from a folder other than the one that holds `Scenarios`. The command
/// line says it with the option that names the folder (`CommandLineMessage` in InductionTerminal).
public struct ScenarioFolderNotFound: Error, Equatable {
  /// The folder as given: `Scenarios`, or what `--scenarios` or INDUCTION_SCENARIOS named.
  public var path: String
  /// The working folder a relative `path` was looked for in.
  public var workingFolder: String

  /// What to do, after saying the folder was not found, in words that name no option.
  public static let whatToDo =
    "name the folder that holds guidance.md and the scenarios, or run induction from the folder that holds Scenarios"

  /// Creates the error.
  public init(path: String, workingFolder: String) {
    self.path = path
    self.workingFolder = workingFolder
  }

  /// Throws when there is no folder at `path` (a relative path is looked for in the working folder).
  public static func check(_ path: String) throws {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return
    }
    throw ScenarioFolderNotFound(
      path: path, workingFolder: FileManager.default.currentDirectoryPath)
  }
}
