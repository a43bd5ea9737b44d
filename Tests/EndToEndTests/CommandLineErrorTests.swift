import Foundation
import TestSupport
import Testing

@Suite("Command-line mistakes: unknown commands and options, usage", .hangGuard)
struct CommandLineErrorTests {
  /// Runs `induction ARGUMENTS` in an empty folder of a new sandbox.
  func run(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
    let sandbox = try Sandbox()
    return try sandbox.induction(arguments, workingIn: try sandbox.emptyFolder("work"))
  }

  @Test func aMistypedCommandIsNamedWithTheNearestOne() throws {
    let result = try run(["exprot"])
    #expect(result.status == 64)
    #expect(
      result.error
        == "induction: unknown command \"exprot\" (did you mean export?); `induction --help` lists the commands\n"
    )
    #expect(result.output == "")
  }

  @Test func aWordNearNoCommandIsRefusedWithoutAGuess() throws {
    let result = try run(["frobnicate", "--out", "x"])
    #expect(result.status == 64)
    #expect(
      result.error
        == "induction: unknown command \"frobnicate\"; `induction --help` lists the commands\n")
  }

  @Test func anUnknownOptionWithNoCommandDoesNotShowStartsUsageAsTheProgramsOwn() throws {
    let result = try run(["--bogus"])
    #expect(result.status == 64)
    #expect(
      result.error
        == "induction: unknown option '--bogus'; with no command induction runs start: `induction start --help` lists its options, `induction --help` the commands\n"
    )
  }

  @Test(arguments: [
    (["kiosk"], "Error: Missing expected argument '--station <station>'"),
    (
      ["kiosk", "--station", "Reception", "--idle-timeout", "soon"],
      "Error: The value 'soon' is invalid for '--idle-timeout <idle-timeout>'"
    ),
    (["start", "--bogus"], "Error: Unknown option '--bogus'"),
  ])
  func aParentCommandsUsageErrorNamesItWithInduction(arguments: [String], firstLine: String)
    throws
  {
    let result = try run(arguments)
    #expect(result.status == 64)
    let lines = result.error.split(separator: "\n").map(String.init)
    #expect(lines.first == firstLine)
    let command = arguments[0]
    #expect(
      lines.contains { $0.hasPrefix("Usage: induction \(command) [--data-dir <data-dir>]") },
      "\(result.error)")
    #expect(lines.last == "  See 'induction \(command) --help' for more information.")
    #expect(!result.error.contains("Usage: \(command)"))
  }
}
