import Foundation
import TestSupport
import Testing

/// What `--help` shows an admin: every command's description reads as prose at 80 columns.
@Suite("Help text", .hangGuard)
struct HelpTextTests {
  /// The width the help is wrapped to when it is not written to a terminal.
  static let width = 80

  @Test func everyCommandsHelpBreaksALineOnlyWhereTheNextWordWouldNotFit() throws {
    let sandbox = try Sandbox()
    let work = try sandbox.emptyFolder("work")
    var commands: [[String]] = [[]]
    var checked = 0
    while !commands.isEmpty {
      let command = commands.removeFirst()
      let named = (["induction"] + command).joined(separator: " ")
      let help = try sandbox.induction(command + ["--help"], workingIn: work)
      #expect(help.status == 0, "\(named) --help: \(help.error)")
      commands += Self.subcommands(in: help.output).map { command + [$0] }
      // A line break written into a description's source shows as a short line in a paragraph.
      let prose = help.output.components(separatedBy: "USAGE:")[0]
        .split(separator: "\n", omittingEmptySubsequences: false)
      for (line, next) in zip(prose, prose.dropFirst()) where !line.isEmpty {
        guard let word = next.split(separator: " ").first else { continue }
        #expect(
          line.count + 1 + word.count >= Self.width,
          "\(named) --help breaks the line \"\(line)\" before \"\(word)\", which would fit")
      }
      checked += 1
    }
    #expect(checked >= 30, "only \(checked) commands' help was read")
  }

  /// The names under a help's SUBCOMMANDS heading, without `help`.
  static func subcommands(in help: String) -> [String] {
    guard let heading = help.range(of: "\nSUBCOMMANDS:\n") else { return [] }
    var names: [String] = []
    // The list ends at its first blank line (a "See 'induction help …'" line follows).
    for line in help[heading.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
    {
      guard !line.isEmpty else { break }
      let name = line.dropFirst(2).prefix { $0.isLowercase || $0 == "-" }
      if line.hasPrefix("  ") && !name.isEmpty && name != "help" { names.append(String(name)) }
    }
    return names
  }
}
