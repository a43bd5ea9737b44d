import Foundation
import InductionCore
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

extension Sandbox {
  /// Runs `induction ARGUMENTS` through pipes to the end, in `folder` (its working folder) and
  /// with `environment` (the sandbox's when nil): what a command does with relative paths.
  func induction(
    _ arguments: [String], workingIn folder: URL, environment: [String: String]? = nil
  ) throws -> (status: Int32, output: String, error: String) {
    let program = try PipedProgram(
      executable: "/bin/sh",
      arguments: ["-c", "cd \"$1\" && shift && exec \"$@\"", "sh", folder.path, executable.path]
        + arguments,
      environment: environment ?? self.environment)
    program.closeInput()
    let status = try program.waitForExit(timeout: 30)
    return (status, program.output, program.errorOutput)
  }

  /// A new empty folder inside the sandbox, to run commands in.
  func emptyFolder(_ name: String) throws -> URL {
    let url = root.appendingPathComponent(name, isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

@Suite("Admin: --out is the same for every report", .hangGuard)
struct AdminReportOutputTests {
  @Test func accessWithOutDashWritesTheReportToStandardOutputAndNoFileNamedDash() throws {
    // Given one signed parent (a relationship holding a CSI and a right-to-left override, as if
    // written behind the program's back), and a working folder with nothing in it
    let sandbox = try Sandbox()
    let builder = try sandbox.seed()
    try builder.sign(
      parent: "Ann Able", relationship: "parent\u{9B}2J\u{202E}",
      children: [("Kit Able", "Year 1")], at: LedgerBuilder.utc("2026-09-01 09:00"))
    let work = try sandbox.emptyFolder("work")
    // When the subject access report and an export are asked for with --out -
    let access = try sandbox.induction(
      ["access", "--parent", "Ann Able", "--out", "-"], workingIn: work)
    let export = try sandbox.induction(
      ["export", "completion", "--out", "-"], workingIn: work)
    // Then both go to standard output, the count to standard error, and no file is made
    #expect(access.status == 0, "\(access.error)")
    #expect(access.error == "wrote 1 acknowledgement to standard output\n")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(access.output.utf8)) as? [String: Any])
    let acknowledgements = try #require(report["acknowledgements"] as? [[String: Any]])
    #expect(acknowledgements.map { $0["parentName"] as? String } == ["Ann Able"])
    #expect(
      acknowledgements.map { $0["relationship"] as? String } == ["parent\u{9B}2J\u{202E}"])
    // (the same JSON value, with nothing in it that drives a terminal)
    #expect(access.output.contains("\"relationship\" : \"parent\\u009B2J\\u202E\""))
    #expect(!access.output.unicodeScalars.contains { Sanitiser.isUnsafe($0) && $0 != "\n" })
    #expect(export.status == 0, "\(export.error)")
    #expect(export.error == "wrote 1 row to standard output\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == [])
  }

  @Test func everyReportCommandDescribesOutAndForceInTheSameWords() throws {
    let sandbox = try Sandbox()
    let work = try sandbox.emptyFolder("work")
    func optionHelp(_ command: String) throws -> [String] {
      let help = try sandbox.induction([command, "--help"], workingIn: work)
      #expect(help.status == 0, "\(help.error)")
      // An option's help is its line and the lines indented under it.
      var lines: [String] = []
      var inside = false
      for line in help.output.split(separator: "\n").map(String.init) {
        if line.hasPrefix("  -") {
          inside = line.hasPrefix("  --out ") || line.hasPrefix("  --force ")
        }
        if inside { lines.append(line.trimmingCharacters(in: .whitespaces)) }
      }
      return lines
    }
    let export = try optionHelp("export")
    #expect(export.contains { $0.hasPrefix("--out <path>") }, "\(export)")
    #expect(export.contains { $0.hasPrefix("--force") }, "\(export)")
    #expect(try optionHelp("access") == export)
  }
}
