import Foundation
import PackagePlugin

/// Generates `BuildInfo.swift` (the git commit, for `induction --version`) before the target is
/// compiled, again whenever the checked-out commit changes.
@main
struct BuildInfoPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let package = context.package.directoryURL
    let output = context.pluginWorkDirectoryURL.appendingPathComponent("BuildInfo.swift")
    return [
      .buildCommand(
        displayName: "Recording the git commit for --version",
        executable: try context.tool(named: "BuildInfoGenerator").url,
        arguments: [package.path, output.path],
        inputFiles: Self.gitFiles(package),
        outputFiles: [output])
    ]
  }

  /// The files whose change means a new commit: HEAD, the branch it names, packed refs.
  static func gitFiles(_ package: URL) -> [URL] {
    let dotGit = package.appendingPathComponent(".git")
    var head = dotGit
    if let line = try? String(contentsOf: dotGit, encoding: .utf8), line.hasPrefix("gitdir: ") {
      head =
        URL(
          fileURLWithPath: line.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines),
          relativeTo: package
        ).standardizedFileURL
    }
    var common = head
    if let relative = try? String(
      contentsOf: head.appendingPathComponent("commondir"), encoding: .utf8)
    {
      common =
        URL(
          fileURLWithPath: relative.trimmingCharacters(in: .whitespacesAndNewlines),
          relativeTo: head.appendingPathComponent("x")
        ).standardizedFileURL
    }
    var files = [head.appendingPathComponent("HEAD"), common.appendingPathComponent("packed-refs")]
    if let text = try? String(contentsOf: files[0], encoding: .utf8), text.hasPrefix("ref: ") {
      let ref = text.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines)
      files += [head.appendingPathComponent(ref), common.appendingPathComponent(ref)]
    }
    return files.filter { FileManager.default.fileExists(atPath: $0.path) }
  }
}
