import Foundation
import PackagePlugin

/// Compiles the target's word lists (`Resources/Strings/*.yaml`) into Swift before it is built,
/// again whenever a list changes.
@main
struct ProgramStringsPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let target = target as? SourceModuleTarget else { return [] }
    let lists = target.sourceFiles
      .map(\.url)
      .filter {
        $0.pathExtension == "yaml" && $0.deletingLastPathComponent().lastPathComponent == "Strings"
      }
      .sorted { $0.path < $1.path }
    let output = context.pluginWorkDirectoryURL.appendingPathComponent(
      "CompiledProgramStrings.swift")
    return [
      .buildCommand(
        displayName: "Compiling the program's word lists",
        executable: try context.tool(named: "ProgramStringsGenerator").url,
        arguments: [output.path] + lists.map(\.path),
        inputFiles: lists,
        outputFiles: [output])
    ]
  }
}
