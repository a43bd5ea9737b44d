import Foundation

/// The scenarios folder is not there. Nothing in it needs fixing: the program was pointed at the
/// wrong place, most often run from a folder other than the one that holds `Scenarios`.
public struct ScenarioFolderNotFound: LocalizedError, Equatable {
  /// The folder as given: `Scenarios`, or what `--scenarios` or INDUCTION_SCENARIOS named.
  public var path: String
  /// The working folder a relative `path` was looked for in.
  public var workingFolder: String

  /// What to do, after saying the folder was not found.
  public static let whatToDo =
    "pass it with --scenarios DIR (or set INDUCTION_SCENARIOS), or run induction from the folder that holds Scenarios"

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

  /// The sentence shown.
  public var errorDescription: String? {
    let place = path.hasPrefix("/") ? "" : " in \(workingFolder)"
    return "the scenarios folder \(path) was not found\(place); \(Self.whatToDo)"
  }
}
