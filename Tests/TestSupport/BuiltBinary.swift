import Foundation

/// Finds the built `induction` executable and the package's folders, for end-to-end tests.
public enum BuiltBinary {
  /// The folder holding `Package.swift`, found by walking up from this source file.
  public static let packageRoot: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path)
      {
        return folder
      }
      folder = folder.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }()

  /// The shipped `Scenarios` folder.
  public static var scenariosDirectory: URL {
    packageRoot.appendingPathComponent("Scenarios", isDirectory: true)
  }

  /// The `induction` executable: the one `INDUCTION_TEST_BINARY` names (CI runs the terminal suites
  /// again on the release build), else beside the running test bundle (the build folder `swift test`
  /// used), else `.build/debug/induction` under the package root.
  public static func induction() throws -> URL {
    if let named = ProcessInfo.processInfo.environment["INDUCTION_TEST_BINARY"], !named.isEmpty {
      guard FileManager.default.isExecutableFile(atPath: named) else {
        throw BuiltBinaryError(
          "INDUCTION_TEST_BINARY names \(named), which is not an executable file; build it first")
      }
      return URL(fileURLWithPath: named)
    }
    var candidates: [URL] = []
    if let running = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      candidates.append(
        URL(fileURLWithPath: running).deletingLastPathComponent().appendingPathComponent(
          "induction"))
    }
    candidates.append(packageRoot.appendingPathComponent(".build/debug/induction"))
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        return candidate
      }
    }
    throw BuiltBinaryError(
      "the induction executable was not found (looked at \(candidates.map(\.path).joined(separator: ", "))); run `swift build` first"
    )
  }

  /// The first executable called `name` on `PATH` (for tools such as `sqlite3`).
  public static func tool(_ name: String) -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }
}

/// The executable or a tool could not be found.
public struct BuiltBinaryError: Error, CustomStringConvertible {
  public let description: String

  public init(_ description: String) { self.description = description }
}
